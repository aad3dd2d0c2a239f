import Foundation

/// GitHub Actions OIDC: the identity provider and a role only the named repository (and branch
/// or environment) can assume, with the permissions the document lists (ECR push when the stack
/// has a repository). No IAM user and no access keys.
enum CIIdentityBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var repositories: [String] = []
        var branches: [String] = []
        var environments: [String] = []
        var existingProvider: Sourced<Bool>?
        var pushImages: Sourced<Bool>?
    }
    static let kind = "ciIdentity"
    static let noun = "GitHub Actions OIDC role"
    static let lexicon = Lexicon(
        mention: "\\b(github actions?|github oidc|oidc|openid connect|federat(ed|ion)|workflow (role|identity)|ci role|deploy role)\\b",
        strong: "\\b(github actions?|github oidc|oidc (provider|role)|openid connect)\\b", exclude: nil, nameNoun: "(?:role)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_iam_openid_connect_provider", "aws_iam_role", "aws_iam_role_policy"],
        iamActions: ["iam:CreateOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", "iam:GetOpenIDConnectProvider", "iam:TagOpenIDConnectProvider", "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy", "iam:TagRole"],
        endpoints: ["iam"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        for m in s.text.matches("(?:github\\.com/|repo(?:sitory)?\\s*[`\"“]?|[`\"“])([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)[`\"”]?") {
            let repo = m.groups[1]
            if !repo.hasPrefix("refs/") && !repo.contains("amazonaws") && !repo.hasPrefix("/") && !p.repositories.contains(repo) && !repo.has("^(role|alias|key|service-role)/") { p.repositories.append(repo); hit = true }
        }
        if s.says("\\b(branch|branches|ref)\\b") {
            for m in s.text.matches("[`\"“]([A-Za-z0-9_./*-]+)[`\"”]") where !m.groups[1].contains("/") || m.groups[1].hasPrefix("release/") || m.groups[1].hasSuffix("/*") {
                if !p.branches.contains(m.groups[1]) && !p.repositories.contains(m.groups[1]) { p.branches.append(m.groups[1]); hit = true }
            }
            if p.branches.isEmpty, let b = s.normalized.capture("\\b(main|master|trunk|release)\\b (?:branch)") { p.branches.append(b); hit = true }
        }
        if s.says("\\benvironment\\b"), let env = s.text.capture("(?i)\\benvironment\\s*[`\"“]([A-Za-z0-9_-]+)[`\"”]") { if !p.environments.contains(env) { p.environments.append(env); hit = true } }
        if s.says("\\b(already (exists|have|set up)|existing)\\b") && s.says("\\b(provider|oidc)\\b") { hit = p.existingProvider.read(true, line: s.line) || hit }
        if s.says("\\bpush") && s.says("\\b(images?|ecr|registry|repository)\\b") { hit = p.pushImages.read(s.choice("\\bpush\\w*\\b") ?? true, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let provider: HCLExpression
        if p.existingProvider?.value == true {
            ctx.data("aws_iam_openid_connect_provider", "github", [a("url", .string("https://token.actions.githubusercontent.com"))])
            provider = .reference("data.aws_iam_openid_connect_provider.github.arn")
        } else {
            ctx.resource("aws_iam_openid_connect_provider", "github", [
                a("url", .string("https://token.actions.githubusercontent.com")), a("client_id_list", .strings(["sts.amazonaws.com"])),
                a("thumbprint_list", .strings(["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"])),
            ])
            provider = .reference("aws_iam_openid_connect_provider.github.arn")
        }
        let repos = p.repositories.isEmpty ? ["OWNER/REPOSITORY"] : p.repositories
        var subjects: [String] = []
        for repo in repos {
            if !p.environments.isEmpty { subjects += p.environments.map { "repo:\(repo):environment:\($0)" } }
            if !p.branches.isEmpty { subjects += p.branches.map { "repo:\(repo):ref:refs/heads/\($0)" } }
            if p.environments.isEmpty && p.branches.isEmpty { subjects.append("repo:\(repo):ref:refs/heads/main") }
        }
        let name = ctx.blockName(c, "github-actions")
        ctx.data("aws_iam_policy_document", "\(c.id)_trust", [b("statement", [
            a("actions", .strings(["sts:AssumeRoleWithWebIdentity"])),
            b("principals", [a("type", .string("Federated")), a("identifiers", .list([provider]))]),
            b("condition", [a("test", .string("StringEquals")), a("variable", .string("token.actions.githubusercontent.com:aud")), a("values", .strings(["sts.amazonaws.com"]))]),
            b("condition", [a("test", .string("StringLike")), a("variable", .string("token.actions.githubusercontent.com:sub")), a("values", .strings(subjects))]),
        ])])
        ctx.resource("aws_iam_role", c.id, [a("name", .string(AWSNames.sanitize(name, for: .role))), a("assume_role_policy", .reference("data.aws_iam_policy_document.\(c.id)_trust.json")), a("max_session_duration", .int(3600))])
        let repositories = ctx.created(.registry)
        if !repositories.isEmpty && p.pushImages?.value != false {
            ctx.rolePolicy(id: "\(c.id)_ecr_push", role: .reference("aws_iam_role.\(c.id).id"), statements: [
                PolicyStatement(actions: ["ecr:GetAuthorizationToken"], resources: [.string("*")]),
                PolicyStatement(actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart", "ecr:DescribeImages"],
                                resources: repositories.map { .reference("aws_ecr_repository.\($0.id).arn") }),
            ])
        }
    }
}
