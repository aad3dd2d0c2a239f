import Foundation

/// A repository policy on each of the stack's ECR repositories: pull access for the accounts (or
/// organisation) the document names; nothing public.
enum RegistryAccessBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var accounts: [String] = []
        var organization: Sourced<String>?
        var lambdaPull: Sourced<Bool>?
    }
    static let kind = "registryAccess"
    static let noun = "ECR repository policy"
    static let lexicon = Lexicon(
        mention: "\\b(repository policy|pull (access|permissions?)|(can|may|allowed to|able to) pull|cross-account pull|pull (the )?images?)\\b",
        strong: nil, exclude: nil, nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_ecr_repository_policy"],
        iamActions: ["ecr:SetRepositoryPolicy", "ecr:GetRepositoryPolicy", "ecr:DeleteRepositoryPolicy"],
        endpoints: ["ecr"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        for m in s.normalized.matches("(?<![\\d-])(\\d{12})(?![\\d-])") where !p.accounts.contains(m.groups[1]) { p.accounts.append(m.groups[1]); hit = true }
        if let org = s.normalized.capture("\\b(o-[a-z0-9]{10,32})\\b") { hit = p.organization.read(org, line: s.line) || hit }
        if s.says("\\blambda\\b") { hit = p.lambdaPull.read(true, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        // Every repository the stack creates gets the policy.
        let repositories = ctx.blocks.filter { $0.type == "resource" && $0.labels.first == "aws_ecr_repository" }.map { $0.labels[1] }
        guard c.ownership == .create, !repositories.isEmpty else { return }
        let p = c.properties
        guard !p.accounts.isEmpty || p.organization != nil || p.lambdaPull?.value == true else { return }
        var statements: [HCLBodyItem?] = []
        let pull = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
        if !p.accounts.isEmpty {
            statements.append(b("statement", [a("sid", .string("CrossAccountPull")), a("actions", .strings(pull)),
                                              b("principals", [a("type", .string("AWS")), a("identifiers", .strings(p.accounts.map { "arn:aws:iam::\($0):root" }))])]))
        }
        if let org = p.organization?.value {
            statements.append(b("statement", [a("sid", .string("OrganizationPull")), a("actions", .strings(pull)),
                                              b("principals", [a("type", .string("AWS")), a("identifiers", .strings(["*"]))]),
                                              b("condition", [a("test", .string("StringEquals")), a("variable", .string("aws:PrincipalOrgID")), a("values", .strings([org]))])]))
        }
        if p.lambdaPull?.value == true {
            statements.append(b("statement", [a("sid", .string("LambdaPull")), a("actions", .strings(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])),
                                              b("principals", [a("type", .string("Service")), a("identifiers", .strings(["lambda.amazonaws.com"]))])]))
        }
        ctx.data("aws_iam_policy_document", "\(c.id)_repository", statements)
        for repo in repositories {
            ctx.resource("aws_ecr_repository_policy", repositories.count == 1 ? c.id : "\(c.id)_\(repo)", [a("repository", .reference("aws_ecr_repository.\(repo).name")), a("policy", .reference("data.aws_iam_policy_document.\(c.id)_repository.json"))])
        }
    }
}
