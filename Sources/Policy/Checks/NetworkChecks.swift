import PlanModel

/// Security group ingress open to the internet, and VPC flow logs.
enum NetworkChecks {
    /// One ingress rule, whatever resource it came from.
    struct Ingress {
        var protocolName: String
        var fromPort: Int?
        var toPort: Int?
        var worldCIDRs: [String]
    }

    static let world: Set<String> = ["0.0.0.0/0", "::/0"]

    /// Every ingress rule of a resource open to the world.
    static func openIngress(_ resource: PlannedResource) -> [Ingress] {
        switch resource.type {
        case "aws_security_group":
            return (resource.value(at: "ingress")?.blocks ?? []).compactMap { rule in
                let cidrs = ((rule["cidr_blocks"]?.arrayValue ?? []) + (rule["ipv6_cidr_blocks"]?.arrayValue ?? []))
                    .compactMap(\.stringValue).filter(world.contains)
                guard !cidrs.isEmpty else { return nil }
                return Ingress(
                    protocolName: protocolText(rule["protocol"]), fromPort: rule["from_port"]?.intValue,
                    toPort: rule["to_port"]?.intValue, worldCIDRs: cidrs)
            }
        case "aws_security_group_rule":
            guard resource.string("type") == "ingress" else { return [] }
            let cidrs = ((resource.value(at: "cidr_blocks")?.arrayValue ?? []) + (resource.value(at: "ipv6_cidr_blocks")?.arrayValue ?? []))
                .compactMap(\.stringValue).filter(world.contains)
            guard !cidrs.isEmpty else { return [] }
            return [Ingress(
                protocolName: protocolText(resource.value(at: "protocol")),
                fromPort: resource.value(at: "from_port")?.intValue, toPort: resource.value(at: "to_port")?.intValue,
                worldCIDRs: cidrs)]
        case "aws_vpc_security_group_ingress_rule":
            let cidrs = [resource.string("cidr_ipv4"), resource.string("cidr_ipv6")].compactMap { $0 }.filter(world.contains)
            guard !cidrs.isEmpty else { return [] }
            return [Ingress(
                protocolName: protocolText(resource.value(at: "ip_protocol")),
                fromPort: resource.value(at: "from_port")?.intValue, toPort: resource.value(at: "to_port")?.intValue,
                worldCIDRs: cidrs)]
        default:
            return []
        }
    }

    static func protocolText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: return text.lowercased()
        case .number(let number)?: return String(Int(number))
        default: return "-1"
        }
    }

    static func allPorts(_ rule: Ingress) -> Bool {
        if ["-1", "all"].contains(rule.protocolName) { return true }
        if let from = rule.fromPort, let to = rule.toPort, from <= 0 && to >= 65535 { return true }
        return false
    }

    static func covers(_ rule: Ingress, port: Int, protocols: Set<String>) -> Bool {
        guard !allPorts(rule), protocols.contains(rule.protocolName) else { return false }
        guard let from = rule.fromPort, let to = rule.toPort else { return false }
        return from <= port && port <= to
    }

    static let ruleTypes: Set<String> = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]

    static func portCheck(
        id: String, checkov: String, port: Int, service: String, protocols: Set<String>
    ) -> SecurityCheck {
        SecurityCheck.perResource(
            ruleTypes,
            CheckDefinition(
                id: id, trivyID: "AWS-0107", checkovID: checkov, severity: .high,
                title: "No \(service) (port \(port)) ingress from the internet",
                rationale: "\(service) open to 0.0.0.0/0 or ::/0 invites brute force and exploits from anywhere.",
                remediation: "Restrict the rule's CIDR to an office/VPN range or use SSM Session Manager instead.")
        ) { resource, _ in
            let open = openIngress(resource).filter { covers($0, port: port, protocols: protocols) }
            guard let rule = open.first else { return nil }
            return "ingress \(rule.protocolName) \(rule.fromPort ?? 0)-\(rule.toPort ?? 0) from \(rule.worldCIDRs.joined(separator: ", "))"
        }
    }

    static let checks: [SecurityCheck] = [
        portCheck(id: "EZB-SG-001", checkov: "CKV_AWS_24", port: 22, service: "SSH", protocols: ["tcp", "6"]),
        portCheck(id: "EZB-SG-002", checkov: "CKV_AWS_25", port: 3389, service: "RDP", protocols: ["tcp", "6", "udp", "17"]),
        SecurityCheck.perResource(
            ruleTypes,
            CheckDefinition(
                id: "EZB-SG-003", trivyID: "AWS-0107", checkovID: "CKV_AWS_277", severity: .critical,
                title: "No all-ports ingress from the internet",
                rationale: "Every listening service on the instance becomes reachable from anywhere.",
                remediation: "Open only the ports the service needs (e.g. 443) and only to the sources that need them.")
        ) { resource, _ in
            guard let rule = openIngress(resource).first(where: allPorts) else { return nil }
            return "ingress on all ports (protocol \(rule.protocolName)) from \(rule.worldCIDRs.joined(separator: ", "))"
        },
        SecurityCheck.perResource(
            ["aws_vpc"],
            CheckDefinition(
                id: "EZB-VPC-001", trivyID: "AWS-0178", checkovID: "CKV2_AWS_11", severity: .medium,
                title: "VPC flow logs are enabled",
                rationale: "Flow logs are the only record of network traffic for incident response.",
                remediation: "Add an aws_flow_log with vpc_id = aws_vpc.<name>.id and a log destination.")
        ) { vpc, context in
            let logs = context.companions(of: vpc, types: ["aws_flow_log"], attribute: "vpc_id", targetKeys: ["id"])
            return logs.isEmpty ? "no aws_flow_log refers to this VPC" : nil
        },
    ]
}
