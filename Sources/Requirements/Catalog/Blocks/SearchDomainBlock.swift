import Foundation

/// OpenSearch domain inside the VPC: data nodes (and dedicated masters), gp3 storage,
/// encryption at rest and in transit, HTTPS only, logs to CloudWatch with the resource policy
/// that lets the service write them, and a security group open to named sources on 443.
enum SearchDomainBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var instanceType: Sourced<String>?
        var instances: Sourced<Int>?
        var masters: Sourced<Int>?
        var masterType: Sourced<String>?
        var storageGiB: Sourced<Int>?
        var version: Sourced<String>?
        var zones: Sourced<Int>?
        var reach = Reachability()
        var logRetentionDays: Sourced<Int>?
    }
    static let kind = "searchDomain"
    static let noun = "OpenSearch domain"
    static let needsNetwork = true
    static let lexicon = Lexicon(
        mention: "\\b(opensearch|elasticsearch|elastic ?search|search (domain|cluster)|kibana|dashboards)\\b",
        strong: "\\b(opensearch|elasticsearch|elastic ?search|search (domain|cluster))\\b", exclude: "\\bopensearch (serverless|ingestion)\\b", nameNoun: "(?:domain|opensearch domain)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_opensearch_domain", "aws_cloudwatch_log_group", "aws_cloudwatch_log_resource_policy", "aws_security_group"],
        iamActions: ["es:CreateDomain", "es:DeleteDomain", "es:DescribeDomain", "es:DescribeDomainConfig", "es:UpdateDomainConfig", "es:AddTags", "es:ListTags", "logs:PutResourcePolicy", "logs:DeleteResourcePolicy", "logs:DescribeResourcePolicies"],
        endpoints: ["opensearch", "es", "cloudwatchlogs", "ec2"], pricedTypes: ["aws_opensearch_domain"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let classes = Values.instanceClasses(in: s.normalized).map { $0.name.hasSuffix(".search") ? $0.name : $0.name + ".search" }
        if s.says("\\b(master|manager)s?\\b"), let k = classes.last {
            hit = p.masterType.read(k, line: s.line)
            if let n = Values.count(of: "(?:dedicated )?(?:master|manager)(?: nodes?)?", in: s.normalized) { p.masters.read(n, line: s.line) }
            else if p.masters == nil { p.masters.read(3, line: s.line) }
        }
        if let k = classes.first, p.instanceType == nil { hit = p.instanceType.read(k, line: s.line) || hit }
        if let n = Values.count(of: "(?:data )?nodes?|instances?", in: s.normalized), !s.says("\\bmaster") { hit = p.instances.read(n, line: s.line) || hit }
        if s.says("\\b(storage|disk|ebs|volume|gb per node|per node)\\b"), let g = Values.gibibytes(in: s.normalized) { hit = p.storageGiB.read(Int(g), line: s.line) || hit }
        if let v = s.normalized.capture("\\bopensearch\\s*(\\d+\\.\\d+)") { hit = p.version.read(v, line: s.line) || hit }
        if let z = Values.count(of: "(?:availability zones?|azs?)", in: s.normalized) { hit = p.zones.read(z, line: s.line) || hit }
        if s.says("\\blogs?\\b"), let d = Values.days(in: s.after("\\b(retain|retention|keep|kept)\\b") ?? "") { hit = p.logRetentionDays.read(d, line: s.line) || hit }
        hit = p.reach.read(s) || hit
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = String(AWSNames.sanitize(ctx.blockName(c, "search"), for: .database).prefix(28))
        let zones = min(3, max(1, p.zones?.value ?? 2))
        let instances = max(p.instances?.value ?? zones, zones)
        let ingress = RenderContext.ingress(port: 443, cidrs: p.reach.cidrs, groups: p.reach.securityGroups, what: "HTTPS to OpenSearch")
        let sg = ctx.securityGroup(id: c.id, name: name + "-opensearch", description: "OpenSearch \(name)", ingress: ingress.isEmpty ? [(443, nil, .cidr(ctx.vpcCIDR), "HTTPS from inside the VPC")] : ingress)
        for log in ["index_slow", "search_slow", "application"] {
            ctx.logGroup(id: "\(c.id)_\(log)", name: .string("/aws/opensearch/\(name)/\(log.replacingOccurrences(of: "_", with: "-"))"), days: p.logRetentionDays?.value ?? 30)
        }
        ctx.data("aws_iam_policy_document", "\(c.id)_logs", [b("statement", [
            a("actions", .strings(["logs:PutLogEvents", "logs:CreateLogStream"])),
            a("resources", .list(["index_slow", "search_slow", "application"].map { .template([.interpolation("aws_cloudwatch_log_group.\(c.id)_\($0).arn"), .literal(":*")]) })),
            b("principals", [a("type", .string("Service")), a("identifiers", .strings(["es.amazonaws.com"]))]),
        ])])
        ctx.resource("aws_cloudwatch_log_resource_policy", c.id, [a("policy_name", .string(name + "-opensearch-logs")), a("policy_document", .reference("data.aws_iam_policy_document.\(c.id)_logs.json"))])
        var cluster: [HCLBodyItem?] = [a("instance_type", .string(p.instanceType?.value ?? "r6g.large.search")), a("instance_count", .int(instances)),
                                       a("zone_awareness_enabled", .bool(zones > 1))]
        if zones > 1 { cluster.append(b("zone_awareness_config", [a("availability_zone_count", .int(zones))])) }
        if let m = p.masters?.value, m > 0 {
            cluster += [a("dedicated_master_enabled", .bool(true)), a("dedicated_master_count", .int(m)), a("dedicated_master_type", .string(p.masterType?.value ?? "m6g.large.search"))]
        }
        var items: [HCLBodyItem?] = [
            a("domain_name", .string(name)), a("engine_version", .string("OpenSearch_" + (p.version?.value ?? "2.13"))),
            b("cluster_config", cluster),
            b("ebs_options", [a("ebs_enabled", .bool(true)), a("volume_type", .string("gp3")), a("volume_size", .int(p.storageGiB?.value ?? 100))]),
            b("vpc_options", [a("subnet_ids", .call("slice", [ctx.dataSubnets, .int(0), .int(zones)])), a("security_group_ids", .list([sg]))]),
            b("encrypt_at_rest", [a("enabled", .bool(true))]),
            b("node_to_node_encryption", [a("enabled", .bool(true))]),
            b("domain_endpoint_options", [a("enforce_https", .bool(true)), a("tls_security_policy", .string("Policy-Min-TLS-1-2-2019-07"))]),
        ]
        for (log, type) in [("index_slow", "INDEX_SLOW_LOGS"), ("search_slow", "SEARCH_SLOW_LOGS"), ("application", "ES_APPLICATION_LOGS")] {
            items.append(b("log_publishing_options", [a("log_type", .string(type)), a("cloudwatch_log_group_arn", .reference("aws_cloudwatch_log_group.\(c.id)_\(log).arn"))]))
        }
        items.append(a("depends_on", .list([.reference("aws_cloudwatch_log_resource_policy.\(c.id)")])))
        ctx.resource("aws_opensearch_domain", c.id, items)
    }
}
