import Foundation

/// ECR registry replication: every repository (or those whose names start with a prefix)
/// copied to other regions, in this account or another one. Registry-wide: one per stack.
enum RegistryReplicationBlock: BuildingBlock {
    struct Destination: Codable, Sendable, Equatable {
        var region: String
        /// Destination registry (account id); nil means this account.
        var account: String?
    }
    struct Properties: BlockProperties {
        var destinations: [Destination] = []
        var prefixes: [String] = []
    }
    static let kind = "registryReplication"
    static let noun = "ECR replication configuration"
    static let ecrWords = "(registry|registries|ecr|(container|docker) images?|image repos?|repos|repositories)"
    static let lexicon = Lexicon(
        mention: "\\b" + ecrWords + "\\b[^.;]{0,60}\\breplicat\\w*|\\breplicat\\w*\\b[^.;]{0,60}\\b" + ecrWords + "\\b",
        strong: nil, exclude: "\\b(read replicas?|replication group|replicated across (availability zones|azs))\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_ecr_replication_configuration"],
        iamActions: ["ecr:PutReplicationConfiguration", "ecr:DescribeRegistry", "ecr:PutRegistryPolicy", "ecr:GetRegistryPolicy", "iam:CreateServiceLinkedRole"],
        endpoints: ["ecr", "sts"], pricedTypes: [], dataSources: ["aws_caller_identity"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        guard context.mentionsBlock || s.says("\\breplicat|\\b(dr|disaster recovery) cop") else { return false }
        var hit = false
        let accounts = s.normalized.matches("(?<![\\d-])(\\d{12})(?![\\d-])").map { $0.groups[1] }
        let crossAccount = s.says("\\b(another|other|second|separate|different|dr|backup) account\\b|\\baccount \\d{12}\\b|\\bto (the )?account\\b")
        for r in Values.regions(in: s.normalized) where !p.destinations.contains(where: { $0.region == r }) {
            p.destinations.append(Destination(region: r, account: crossAccount ? accounts.last : nil)); hit = true
        }
        if p.destinations.isEmpty, crossAccount, let acct = accounts.last {
            p.destinations.append(Destination(region: "", account: acct)); hit = true
        }
        for m in s.text.matches("(?i)\\b(?:prefix|starting with|start with|names? beginning with)\\s*[`\"“]([a-z0-9][a-z0-9._/-]{0,255})[`\"”]") where !p.prefixes.contains(m.groups[1]) { p.prefixes.append(m.groups[1]); hit = true }
        return hit || context.mentionsBlock
    }

    static func resolve(_ c: inout BlockInstance<Properties>, diagnostics: inout [Diagnostic]) {
        if c.ownership == .create && c.properties.destinations.isEmpty {
            diagnostics.append(Diagnostic(.warning, line: c.line, "registry replication was asked for without a destination region; nothing is replicated until one is named"))
        }
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, !c.properties.destinations.isEmpty else { return }
        ctx.data("aws_caller_identity", "current", [])
        let destinations: [HCLBodyItem?] = c.properties.destinations.map { d in
            b("destination", [a("region", .string(d.region.isEmpty ? ctx.region : d.region)),
                              a("registry_id", d.account.map { .string($0) } ?? .reference("data.aws_caller_identity.current.account_id"))])
        }
        let filters: [HCLBodyItem?] = c.properties.prefixes.map { b("repository_filter", [a("filter", .string($0)), a("filter_type", .string("PREFIX_MATCH"))]) }
        if c.properties.destinations.contains(where: { $0.account != nil }) {
            ctx.diagnostics.append(Diagnostic(.info, line: c.line, "replicating to another account needs that account's registry policy to allow ecr:ReplicateImage from this one"))
        }
        ctx.resource("aws_ecr_replication_configuration", c.id, [b("replication_configuration", [b("rule", destinations + filters)])])
    }
}
