/// Collects the Terraform a spec renders to, and answers the questions blocks ask each other
/// (which subnets, which key, which topic).
struct RenderContext {
    let spec: Spec
    var blocks: [HCLBlock] = []
    var variables: [HCLBlock] = []
    var outputs: [HCLBlock] = []
    var needsUSEast1 = false
    /// Regions other than the stack's (and us-east-1) that some resources live in, each given an
    /// aliased provider (`aws.eu_west_1`).
    var otherRegions: [String] = []
    var diagnostics: [Diagnostic] = []
    /// Network expressions, set by the network block.
    var vpcID: HCLExpression = .null
    var vpcCIDR: HCLExpression = .string("10.0.0.0/16")
    var publicSubnets: HCLExpression = .list([])
    var privateSubnets: HCLExpression = .list([])
    var dataSubnets: HCLExpression = .list([])
    /// Security group of the component with the given id, for reachability rules.
    var securityGroups: [String: HCLExpression] = [:]
    /// Hosted zone ids by domain, set by the DNS zone block for records other blocks add.
    var zoneIDs: [String: HCLExpression] = [:]
    /// Validated certificate ARNs by domain, set by the certificate block.
    var certificates: [String: HCLExpression] = [:]

    init(spec: Spec) { self.spec = spec }

    mutating func add(_ block: HCLBlock) { blocks.append(block) }

    mutating func resource(_ type: String, _ name: String, _ items: [HCLBodyItem?]) {
        blocks.append(HCLBlock("resource", [type, name], items.compactMap { $0 }))
    }

    mutating func data(_ type: String, _ name: String, _ items: [HCLBodyItem?]) {
        if blocks.contains(where: { $0.type == "data" && $0.labels == [type, name] }) { return }
        blocks.append(HCLBlock("data", [type, name], items.compactMap { $0 }))
    }

    func components(_ kind: ComponentKind) -> [Component] { spec.components.filter { $0.kind == kind } }
    func created(_ kind: ComponentKind) -> [Component] { components(kind).filter { $0.ownership == .create } }

    /// ARN, invoke ARN and name of a Lambda function: the stack's own, or one that exists,
    /// looked up by name; nil for an existing function the document does not name.
    mutating func lambda(_ f: Component) -> (arn: HCLExpression, invokeARN: HCLExpression, name: HCLExpression)? {
        if f.ownership == .create {
            return (.reference("aws_lambda_function.\(f.id).arn"), .reference("aws_lambda_function.\(f.id).invoke_arn"), .reference("aws_lambda_function.\(f.id).function_name"))
        }
        guard let n = f.name?.value else { return nil }
        data("aws_lambda_function", f.id, [a("function_name", .string(n))])
        return (.reference("data.aws_lambda_function.\(f.id).arn"), .reference("data.aws_lambda_function.\(f.id).invoke_arn"), .reference("data.aws_lambda_function.\(f.id).function_name"))
    }

    /// The AWS name for a component: the document's name, or a prefixed default.
    func name(_ c: Component, _ fallback: String) -> String {
        let base = c.name?.value ?? fallback
        if let prefix = spec.settings.namePrefix?.value, !base.hasPrefix(prefix), c.kind != .alarm { return AWSNames.sanitize(prefix + (prefix.hasSuffix("-") ? "" : "-") + base, for: c.kind) }
        return base
    }

    /// The stack's default base name.
    var baseName: String {
        if let p = spec.settings.namePrefix?.value { return AWSNames.sanitize(p, for: .database) }
        return "app"
    }

    var region: String { spec.settings.region.value }

    /// The provider for resources in `region`: nil for the stack's own, else an aliased one,
    /// declared by the renderer.
    mutating func provider(for region: String) -> HCLExpression? {
        guard region != self.region else { return nil }
        if region == "us-east-1" { needsUSEast1 = true; return .reference("aws.us_east_1") }
        if !otherRegions.contains(region) { otherRegions.append(region) }
        return .reference("aws." + region.replacingOccurrences(of: "-", with: "_"))
    }

    /// The customer-managed key created by the stack, if any.
    var kmsKeyARN: HCLExpression? { created(.key).first.map { .reference("aws_kms_key.\($0.id).arn") } }

    /// Name tag.
    static func nameTag(_ name: String) -> HCLBodyItem { .attribute("tags", .object([("Name", .string(name))])) }

    /// Security group with egress to anywhere in the VPC or internet, and given ingress rules.
    mutating func securityGroup(id: String, name: String, description: String, ingress: [(port: Int, toPort: Int?, source: SGSource, description: String)], egressAll: Bool = true) -> HCLExpression {
        resource("aws_security_group", id, [
            a("name", .string(name)),
            a("description", .string(description)),
            a("vpc_id", vpcID),
            RenderContext.nameTag(name),
        ])
        let sg = HCLExpression.reference("aws_security_group.\(id).id")
        for (n, rule) in ingress.enumerated() {
            var items: [HCLBodyItem?] = [a("security_group_id", sg), a("description", .string(rule.description)), a("ip_protocol", .string("tcp")),
                                         a("from_port", .int(rule.port)), a("to_port", .int(rule.toPort ?? rule.port))]
            switch rule.source {
            case .cidr(let c): items.append(a("cidr_ipv4", c))
            case .group(let g): items.append(a("referenced_security_group_id", g))
            }
            resource("aws_vpc_security_group_ingress_rule", ingress.count == 1 ? id : "\(id)_\(n + 1)", items)
        }
        if egressAll {
            resource("aws_vpc_security_group_egress_rule", id, [
                a("security_group_id", sg), a("description", .string("Outbound traffic")), a("ip_protocol", .string("-1")), a("cidr_ipv4", .string("0.0.0.0/0")),
            ])
        }
        return sg
    }

    /// IAM role trusted by a service, with optional managed policies.
    mutating func role(id: String, name: String, service: String, boundary: String? = nil, maxSession: Int? = nil) {
        data("aws_iam_policy_document", "\(id)_assume", [
            .block(HCLBlock("statement", [], [
                a("actions", .strings(["sts:AssumeRole"]))!,
                .block(HCLBlock("principals", [], [a("type", .string("Service"))!, a("identifiers", .strings([service]))!])),
            ])),
        ])
        resource("aws_iam_role", id, [
            a("name", .string(AWSNames.sanitize(name, for: .role))),
            a("assume_role_policy", .reference("data.aws_iam_policy_document.\(id)_assume.json")),
            boundary.map { a("permissions_boundary", .string($0)) } ?? nil,
            maxSession.map { a("max_session_duration", .int($0)) } ?? nil,
        ])
    }

    /// Inline policy from statements (actions, resources, optional condition).
    mutating func rolePolicy(id: String, role: HCLExpression, statements: [PolicyStatement]) {
        guard !statements.isEmpty else { return }
        data("aws_iam_policy_document", id, statements.map { .block($0.block) })
        resource("aws_iam_role_policy", id, [
            a("name", .string(id.replacingOccurrences(of: "_", with: "-"))),
            a("role", role),
            a("policy", .reference("data.aws_iam_policy_document.\(id).json")),
        ])
    }

    mutating func logGroup(id: String, name: HCLExpression, days: Int, kms: HCLExpression? = nil) {
        resource("aws_cloudwatch_log_group", id, [
            a("name", name), a("retention_in_days", .int(LogRetention.valid(days))), kms.map { a("kms_key_id", $0) } ?? nil,
        ])
    }
}

/// Where a security group rule lets traffic come from.
enum SGSource { case cidr(HCLExpression), group(HCLExpression) }

/// One IAM policy statement.
struct PolicyStatement {
    var sid: String? = nil
    var effect: String = "Allow"
    var actions: [String]
    var resources: [HCLExpression]
    var conditions: [(test: String, variable: String, values: [HCLExpression])] = []
    var principals: [(type: String, identifiers: [HCLExpression])] = []

    var block: HCLBlock {
        var b = HCLBlock("statement")
        if let sid { b.set("sid", .string(sid)) }
        if effect != "Allow" { b.set("effect", .string(effect)) }
        b.set("actions", .strings(actions))
        b.set("resources", .list(resources))
        for p in principals { b.add(HCLBlock("principals", [], [.attribute("type", .string(p.type)), .attribute("identifiers", .list(p.identifiers))])) }
        for c in conditions { b.add(HCLBlock("condition", [], [.attribute("test", .string(c.test)), .attribute("variable", .string(c.variable)), .attribute("values", .list(c.values))])) }
        return b
    }
}

/// CloudWatch Logs accepts only some retention values.
enum LogRetention {
    static let allowed = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]
    static func valid(_ days: Int) -> Int { allowed.first { $0 >= days } ?? 3653 }
}

/// Attribute item shorthand.
func a(_ key: String, _ value: HCLExpression) -> HCLBodyItem? { .attribute(key, value) }
/// Nested block item shorthand.
func b(_ type: String, _ items: [HCLBodyItem?]) -> HCLBodyItem? { .block(HCLBlock(type, [], items.compactMap { $0 })) }
/// Template "literal${ref}literal" shorthand.
func tpl(_ parts: HCLExpression.TemplatePart...) -> HCLExpression { .template(parts) }
