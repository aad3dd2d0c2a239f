import Foundation

/// Redshift Serverless: a namespace (admin password managed by Secrets Manager), a private
/// workgroup with its base capacity, a security group, and RPU-hour usage limits.
enum WarehouseBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var database: Sourced<String>?
        var adminUser: Sourced<String>?
        var baseRPU: Sourced<Int>?
        var maxRPU: Sourced<Int>?
        var usageLimitRPUHours: Sourced<Int>?
        var usagePeriod: Sourced<String>?
        var breachAction: Sourced<String>?
        var reach = Reachability()
    }
    static let kind = "warehouse"
    static let noun = "Redshift Serverless workgroup"
    static let needsNetwork = true
    static let lexicon = Lexicon(
        mention: "\\b(redshift( serverless)?|data warehouse|warehouse|rpus?|workgroup|namespace)\\b",
        strong: "\\b(redshift( serverless)?|data warehouse)\\b", exclude: "\\b(athena workgroup|redshift spectrum)\\b", nameNoun: "(?:namespace|workgroup|warehouse)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_redshiftserverless_namespace", "aws_redshiftserverless_workgroup", "aws_redshiftserverless_usage_limit", "aws_security_group"],
        iamActions: ["redshift-serverless:*", "secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:DescribeSecret", "secretsmanager:TagResource"],
        endpoints: ["redshiftserverless", "ec2"], pricedTypes: ["aws_redshiftserverless_workgroup"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let rpus = s.normalized.matches("(\\d+)\\s*rpus?\\b").compactMap { Int($0.groups[1]) }
        if s.says("\\b(limit|cap|budget|at most|no more than)\\b") && s.says("\\brpu[- ]hours?\\b"), let n = s.normalized.capture("(\\d[\\d,]*)\\s*rpu[- ]hours?").flatMap({ Int($0.replacingOccurrences(of: ",", with: "")) }) {
            hit = p.usageLimitRPUHours.read(n, line: s.line)
            let period = s.says("\\b(per |a |each )?(day|daily)\\b") ? "daily" : s.says("\\b(per |a |each )?(week|weekly)\\b") ? "weekly" : "monthly"
            p.usagePeriod.read(period, line: s.line)
            if s.says("\\b(turn off|stop|deactivate|shut)\\b") { p.breachAction.read("deactivate", line: s.line) }
            else if s.says("\\b(alert|notify|log|email)\\b") { p.breachAction.read("log", line: s.line) }
        } else if let base = rpus.first {
            if s.says("\\b(max|maximum|up to|scale to)\\b") && rpus.count == 1 { hit = p.maxRPU.read(base, line: s.line) }
            else { hit = p.baseRPU.read(base, line: s.line); if rpus.count > 1 { p.maxRPU.read(rpus[1], line: s.line) } }
        }
        if let d = s.text.capture("(?i)\\bdatabase\\s*(?:name)?\\s*(?:is|:|=|called|named)?\\s*[`\"“]([a-z_][a-z0-9_]{0,62})[`\"”]") { hit = p.database.read(d, line: s.line) || hit }
        if let u = s.text.capture("(?i)\\badmin(?:istrator)?\\s*(?:user(?:name)?)?\\s*(?:is|:|=|called|named)?\\s*[`\"“]([A-Za-z][A-Za-z0-9_]{0,126})[`\"”]") { hit = p.adminUser.read(u, line: s.line) || hit }
        hit = p.reach.read(s) || hit
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = AWSNames.sanitize(ctx.blockName(c, "warehouse"), for: .database)
        let ingress = RenderContext.ingress(port: 5439, cidrs: p.reach.cidrs, groups: p.reach.securityGroups, what: "Redshift")
        let sg = ctx.securityGroup(id: c.id, name: name + "-redshift", description: "Redshift Serverless \(name)", ingress: ingress.isEmpty ? [(5439, nil, .cidr(ctx.vpcCIDR), "Redshift from inside the VPC")] : ingress)
        ctx.resource("aws_redshiftserverless_namespace", c.id, [
            a("namespace_name", .string(name)), a("db_name", .string(p.database?.value ?? "analytics")),
            a("admin_username", .string(p.adminUser?.value ?? "admin_user")), a("manage_admin_password", .bool(true)),
        ])
        ctx.resource("aws_redshiftserverless_workgroup", c.id, [
            a("namespace_name", .reference("aws_redshiftserverless_namespace.\(c.id).namespace_name")), a("workgroup_name", .string(name)),
            a("base_capacity", .int(p.baseRPU?.value ?? 8)), p.maxRPU.map { a("max_capacity", .int($0.value)) } ?? nil,
            a("subnet_ids", ctx.dataSubnets), a("security_group_ids", .list([sg])),
            a("publicly_accessible", .bool(false)), a("enhanced_vpc_routing", .bool(true)),
        ])
        ctx.resource("aws_redshiftserverless_usage_limit", c.id, [
            a("resource_arn", .reference("aws_redshiftserverless_workgroup.\(c.id).arn")), a("usage_type", .string("serverless-compute")),
            a("amount", .int(p.usageLimitRPUHours?.value ?? 1000)), a("period", .string(p.usagePeriod?.value ?? "monthly")),
            a("breach_action", .string(p.breachAction?.value ?? "log")),
        ])
    }
}
