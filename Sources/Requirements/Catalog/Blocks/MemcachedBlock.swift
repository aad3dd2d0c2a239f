import Foundation

/// ElastiCache Memcached cluster: node type and count (spread across AZs when more than one),
/// an explicit engine version, its subnet group and a security group open to named sources only.
enum MemcachedBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var nodeType: Sourced<String>?
        var nodes: Sourced<Int>?
        var memoryGiB: Sourced<Double>?
        var engineVersion: Sourced<String>?
        var reach = Reachability()
        var maintenanceWindow: Sourced<String>?
    }
    static let kind = "memcached"
    static let noun = "ElastiCache Memcached cluster"
    static let needsNetwork = true
    static let supersedes: [ComponentKind] = [.cache]
    static let lexicon = Lexicon(mention: "\\bmemcached?\\b", strong: nil, exclude: nil, nameNoun: "(?:cluster|memcached)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_elasticache_cluster", "aws_elasticache_subnet_group", "aws_security_group"],
        iamActions: ["elasticache:CreateCacheCluster", "elasticache:DeleteCacheCluster", "elasticache:DescribeCacheClusters", "elasticache:ModifyCacheCluster", "elasticache:CreateCacheSubnetGroup", "elasticache:DeleteCacheSubnetGroup", "elasticache:DescribeCacheSubnetGroups", "elasticache:AddTagsToResource", "elasticache:ListTagsForResource"],
        endpoints: ["elasticache", "ec2"], pricedTypes: ["aws_elasticache_cluster"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if let k = Values.instanceClass(in: s.normalized) { hit = p.nodeType.read(k.prefix == "cache" ? k.name : "cache." + k.name, line: s.line) }
        if let n = Values.count(of: "nodes?|cache nodes?", in: s.normalized) { hit = p.nodes.read(n, line: s.line) || hit }
        if s.says("\\b(memory|ram|cache size|of cache|gb)\\b"), let g = Values.memoryGiB(in: s.normalized) ?? (s.says("\\b(cache|memory|ram)\\b") ? Values.gibibytes(in: s.normalized) : nil) { hit = p.memoryGiB.read(g, line: s.line) || hit }
        if let v = s.normalized.capture("\\bmemcached\\s*(1\\.\\d+(?:\\.\\d+)?)") { hit = p.engineVersion.read(v, line: s.line) || hit }
        hit = p.reach.read(s) || hit
        return hit || context.mentionsBlock
    }

    /// The newest patch release ElastiCache offers in each Memcached line: the provider takes
    /// only full `major.minor.patch` versions, and "Memcached 1.6" means the newest 1.6.
    static let newestPatch = ["1.4": "1.4.34", "1.5": "1.5.16", "1.6": "1.6.22"]

    static func resolve(_ c: inout BlockInstance<Properties>, diagnostics: inout [Diagnostic]) {
        if let asked = c.properties.engineVersion {
            let line = asked.value.split(separator: ".").prefix(2).joined(separator: ".")
            if newestPatch[line] == nil {
                diagnostics.append(Diagnostic(.error, line: asked.line, "refused: Memcached \(asked.value) is not offered by ElastiCache (lines: \(newestPatch.keys.sorted().joined(separator: ", ")))"))
            } else if asked.value == line {
                c.properties.engineVersion = Sourced(newestPatch[line]!, line: asked.line)
            }
        }
        if let t = c.properties.nodeType, let k = InstanceClass(t.value), let want = c.properties.memoryGiB, c.properties.nodes == nil {
            c.properties.nodes = Sourced(max(1, Int((want.value / max(0.5, k.memoryGiB)).rounded(.up))), line: want.line)
        }
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = AWSNames.sanitize(ctx.blockName(c, "memcached"), for: .cache)
        let nodes = p.nodes?.value ?? 2
        ctx.resource("aws_elasticache_subnet_group", c.id, [a("name", .string(name)), a("subnet_ids", ctx.dataSubnets)])
        let ingress = RenderContext.ingress(port: 11211, cidrs: p.reach.cidrs.isEmpty && p.reach.securityGroups.isEmpty ? [] : p.reach.cidrs, groups: p.reach.securityGroups, what: "Memcached")
        let sg = ctx.securityGroup(id: c.id, name: name + "-memcached", description: "Memcached \(name)", ingress: ingress.isEmpty ? [(11211, nil, .cidr(ctx.vpcCIDR), "Memcached from inside the VPC")] : ingress)
        ctx.resource("aws_elasticache_cluster", c.id, [
            a("cluster_id", .string(String(name.prefix(40)))), a("engine", .string("memcached")), a("engine_version", .string(p.engineVersion?.value ?? "1.6.22")),
            a("node_type", .string(p.nodeType?.value ?? "cache.t4g.small")), a("num_cache_nodes", .int(nodes)), a("port", .int(11211)),
            a("az_mode", .string(nodes > 1 ? "cross-az" : "single-az")), a("parameter_group_name", .string("default.memcached" + (p.engineVersion?.value ?? "1.6").split(separator: ".").prefix(2).joined(separator: "."))),
            a("subnet_group_name", .reference("aws_elasticache_subnet_group.\(c.id).name")), a("security_group_ids", .list([sg])),
            a("transit_encryption_enabled", .bool(true)),
        ])
    }
}
