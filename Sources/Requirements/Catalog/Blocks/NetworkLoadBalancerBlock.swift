import Foundation

/// Network load balancer: TCP/TLS/UDP listeners per port, target groups, registered targets
/// (instance ids or IP addresses the document names) and static Elastic IPs when asked.
enum NetworkLoadBalancerBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var ports: [Int] = []
        var isInternal: Sourced<Bool>?
        var staticIPs: Sourced<Bool>?
        var targets: [String] = []
        var targetPort: Sourced<Int>?
        var crossZone: Sourced<Bool>?
        var protocolName: Sourced<String>?
    }
    static let kind = "networkLoadBalancer"
    static let noun = "network load balancer"
    static let needsNetwork = true
    static let supersedes: [ComponentKind] = [.webTier]
    static let lexicon = Lexicon(
        mention: "\\b(nlb|network load ?balancers?|layer[- ]?4 load ?balancer|tcp load ?balancer|load ?balancer)\\b",
        strong: "\\b(nlb|network load ?balancers?|layer[- ]?4 load ?balancer|tcp load ?balancer)\\b", exclude: nil, nameNoun: "(?:nlb|load balancer)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_lb", "aws_lb_listener", "aws_lb_target_group", "aws_lb_target_group_attachment", "aws_eip"],
        iamActions: ["elasticloadbalancing:*", "ec2:AllocateAddress", "ec2:ReleaseAddress", "ec2:DescribeAddresses"],
        endpoints: ["elbv2", "ec2"], pricedTypes: ["aws_lb", "aws_eip"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let ports = Values.ports(in: s.normalized).map(\.lowerBound)
        if !ports.isEmpty && !s.says("\\b(health ?check|forward(ed|s)? to|target port|backends? (listen|on))\\b") {
            for port in ports where !p.ports.contains(port) { p.ports.append(port); hit = true }
        } else if let port = ports.first { hit = p.targetPort.read(port, line: s.line) }
        if let i = s.choice("\\b(internal|private)\\b(?! subnets?)") { hit = p.isInternal.read(i, line: s.line) || hit }
        if s.says("\\b(internet[- ]facing|public)\\b") { hit = p.isInternal.read(false, line: s.line) || hit }
        if let e = s.choice("\\b(static ips?|elastic ips?|eips?|fixed ips?|allow-?list(ed)? ips?)\\b") { hit = p.staticIPs.read(e, line: s.line) || hit }
        if let z = s.choice("\\bcross[- ]zone\\b") { hit = p.crossZone.read(z, line: s.line) || hit }
        if s.says("\\btls\\b") { hit = p.protocolName.read("TLS", line: s.line) || hit } else if s.says("\\budp\\b") { hit = p.protocolName.read("UDP", line: s.line) || hit }
        for id in Values.ids("i", in: s.text) where !p.targets.contains(id) { p.targets.append(id); hit = true }
        return hit
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = String(ctx.blockName(c, "nlb").prefix(32))
        let isInternal = p.isInternal?.value ?? false
        let subnets = isInternal ? ctx.privateSubnets : ctx.publicSubnets
        var items: [HCLBodyItem?] = [a("name", .string(name)), a("load_balancer_type", .string("network")), a("internal", .bool(isInternal)),
                                     a("enable_cross_zone_load_balancing", .bool(p.crossZone?.value ?? true))]
        if p.staticIPs?.value == true && !isInternal {
            ctx.resource("aws_eip", c.id, [a("count", .call("length", [subnets])), a("domain", .string("vpc")), RenderContext.nameTag(name)])
            items.append(.block(HCLBlock("dynamic", ["subnet_mapping"], [
                a("for_each", .call("zipmap", [subnets, .reference("aws_eip.\(c.id)[*].id")]))!,
                .block(HCLBlock("content", [], [a("subnet_id", .reference("subnet_mapping.key"))!, a("allocation_id", .reference("subnet_mapping.value"))!])),
            ])))
        } else {
            items.append(a("subnets", subnets))
        }
        ctx.resource("aws_lb", c.id, items)
        let proto = p.protocolName?.value ?? "TCP"
        for port in p.ports.isEmpty ? [80] : p.ports {
            let id = "\(c.id)_\(port)"
            let targetPort = p.targetPort?.value ?? port
            let targetProto = proto == "TLS" ? "TCP" : proto
            ctx.resource("aws_lb_target_group", id, [
                a("name", .string(String("\(name)-\(port)".prefix(32)))), a("port", .int(targetPort)), a("protocol", .string(targetProto)),
                a("vpc_id", ctx.vpcID), a("target_type", .string(p.targets.contains(where: { $0.has("^\\d") }) ? "ip" : "instance")),
                b("health_check", [a("protocol", .string(targetProto == "UDP" ? "TCP" : "TCP")), a("port", .string("traffic-port"))]),
            ])
            ctx.resource("aws_lb_listener", id, [
                a("load_balancer_arn", .reference("aws_lb.\(c.id).arn")), a("port", .int(port)), a("protocol", .string(proto)),
                proto == "TLS" ? a("certificate_arn", ctx.certificates.values.first ?? .reference("var.\(c.id)_certificate_arn")) : nil,
                proto == "TLS" ? a("ssl_policy", .string("ELBSecurityPolicy-TLS13-1-2-2021-06")) : nil,
                b("default_action", [a("type", .string("forward")), a("target_group_arn", .reference("aws_lb_target_group.\(id).arn"))]),
            ])
            if proto == "TLS" && ctx.certificates.isEmpty && !ctx.variables.contains(where: { $0.labels == ["\(c.id)_certificate_arn"] }) {
                ctx.variables.append(HCLBlock("variable", ["\(c.id)_certificate_arn"], [.attribute("description", .string("ARN of the existing ACM certificate the TLS listener presents.")), .attribute("type", .reference("string")), .attribute("default", .string("arn:aws:acm:\(ctx.region):000000000000:certificate/set-the-certificate"))]))
            }
            for (k, target) in p.targets.enumerated() {
                ctx.resource("aws_lb_target_group_attachment", "\(id)_\(k + 1)", [
                    a("target_group_arn", .reference("aws_lb_target_group.\(id).arn")), a("target_id", .string(target)), a("port", .int(targetPort)),
                ])
            }
        }
    }
}
