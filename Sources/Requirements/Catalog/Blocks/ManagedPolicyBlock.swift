import Foundation

/// A customer-managed IAM policy (its own allow and deny statements, actions on the resources
/// the document names) and the AWS-managed policies the document names, attached to the stack's
/// role or to an existing role named in the document. Never a wildcard the document did not write.
enum ManagedPolicyBlock: BuildingBlock {
    struct Grant: Codable, Sendable, Equatable {
        var deny: Bool
        var actions: [String]
        var resources: [String]
    }
    struct Properties: BlockProperties {
        var policyName: Sourced<String>?
        var grants: [Grant] = []
        var awsManaged: [String] = []
        /// An existing role to attach to, when the stack creates none.
        var roleName: Sourced<String>?
    }
    static let kind = "managedPolicy"
    static let noun = "IAM managed policy"
    static let lexicon = Lexicon(
        mention: "\\b(customer[- ]managed (iam )?polic(y|ies)|aws[- ]managed polic(y|ies)|managed polic(y|ies)|standalone (iam )?polic(y|ies)|explicit deny|(extra|additional) polic(y|ies))\\b",
        strong: "\\b(customer[- ]managed (iam )?polic(y|ies)|standalone (iam )?polic(y|ies)|aws[- ]managed polic(y|ies)|(attach|attached|attaching) (the )?(aws )?managed polic(y|ies))\\b",
        exclude: "\\b(kms|key|bucket|queue|topic|resource|repository|trust|scaling|lifecycle|backup|retention) polic(y|ies)\\b", nameNoun: "(?:policy)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_iam_policy", "aws_iam_role_policy_attachment"],
        iamActions: ["iam:CreatePolicy", "iam:DeletePolicy", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion",
                     "iam:TagPolicy", "iam:UntagPolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListAttachedRolePolicies"],
        endpoints: ["iam"], pricedTypes: [], dataSources: ["aws_iam_policy_document"])

    /// AWS-managed policies that live under a path.
    static let paths: [String: String] = [
        "ViewOnlyAccess": "job-function/", "DatabaseAdministrator": "job-function/", "DataScientist": "job-function/", "NetworkAdministrator": "job-function/",
        "SupportUser": "job-function/", "SystemAdministrator": "job-function/", "Billing": "job-function/",
        "AmazonECSTaskExecutionRolePolicy": "service-role/", "AWSLambdaBasicExecutionRole": "service-role/", "AWSLambdaVPCAccessExecutionRole": "service-role/",
        "AWSLambdaSQSQueueExecutionRole": "service-role/", "AmazonSSMAutomationRole": "service-role/",
    ]
    static let action = "[a-z0-9-]+:[A-Za-z*]+"

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if let n = s.text.capture("(?i)\\bpolic(?:y|ies)\\s*(?:named|called)?\\s*[`\"“]([A-Za-z0-9+=,.@_-]{1,128})[`\"”]"), context.mentionsBlock || s.says("\\b(customer|managed|iam|extra) polic") {
            hit = p.policyName.read(n, line: s.line)
        }
        if s.says("\\baws[- ]managed\\b|\\bmanaged polic") {
            for m in s.text.matches("\\b(arn:aws:iam::aws:policy/[A-Za-z0-9/_+=,.@-]+|(?:Amazon|AWS)[A-Za-z0-9]+|[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Access|Audit|Administrator|User|Role|Policy))\\b") {
                let name = m.groups[1].hasPrefix("arn:") ? String(m.groups[1].split(separator: "/").last ?? "") : m.groups[1]
                if !["AWS", "Amazon"].contains(name), !p.awsManaged.contains(name), !name.hasPrefix("AWSManaged") { p.awsManaged.append(name); hit = true }
            }
        }
        // "s3:GetObject on arn:…/* and s3:ListBucket on arn:…", "deny kms:Decrypt and ssm:GetParameter* for all resources".
        let deny = s.says("\\b(deny|denies|denied|forbid)\\b")
        let pairs = s.text.matches("((?:" + action + ")(?:\\s*(?:,|and|&|/)\\s*(?:" + action + "))*)\\s+(?:on|to|for)\\s+(?:the\\s+)?(arn:aws[a-z-]*:[^\\s,;()]+|\\*|all resources|everything)")
        for m in pairs {
            let actions = m.groups[1].matches(action).map { $0.groups[0] }
            let resource = m.groups[2].hasPrefix("arn:") ? (m.groups[2].hasSuffix(".") ? String(m.groups[2].dropLast()) : m.groups[2]) : "*"
            if let k = p.grants.firstIndex(where: { $0.deny == deny && $0.resources == [resource] }) { let known = p.grants[k].actions; p.grants[k].actions += actions.filter { !known.contains($0) } }
            else { p.grants.append(Grant(deny: deny, actions: actions, resources: [resource])) }
            hit = true
        }
        if pairs.isEmpty, deny, s.says("\\b(all resources|everything|any resource)\\b") {
            let actions = s.text.matches(action).map { $0.groups[0] }.filter { !$0.hasPrefix("arn:") }
            if !actions.isEmpty { p.grants.append(Grant(deny: true, actions: actions, resources: ["*"])); hit = true }
        }
        if let r = s.text.capture("(?i)\\bexisting role\\s*[`\"“]([A-Za-z0-9+=,.@_-]{1,64})[`\"”]") { hit = p.roleName.read(r, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let role: HCLExpression
        if let r = ctx.created(.role).first { role = .reference("aws_iam_role.\(r.id).name") }
        else if let r = p.roleName?.value { role = .string(r) }
        else if let r = ctx.blocks.first(where: { $0.type == "resource" && $0.labels.first == "aws_iam_role" }) { role = .reference("aws_iam_role.\(r.labels[1]).name") }
        else {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "the policy is attached to no role: the stack creates none and the document names no existing role"))
            return
        }
        if !p.grants.isEmpty {
            let statements = p.grants.enumerated().map { k, g in
                PolicyStatement(sid: (g.deny ? "Deny" : "Allow") + "\(k + 1)", effect: g.deny ? "Deny" : "Allow", actions: g.actions, resources: g.resources.map { .string($0) })
            }
            ctx.data("aws_iam_policy_document", "\(c.id)_policy", statements.map { .block($0.block) })
            let name = p.policyName?.value ?? c.name?.value ?? ctx.baseName + "-policy"
            ctx.resource("aws_iam_policy", c.id, [a("name", .string(name)), a("description", .string("Customer-managed policy \(name)")),
                                                  a("policy", .reference("data.aws_iam_policy_document.\(c.id)_policy.json"))])
            ctx.resource("aws_iam_role_policy_attachment", c.id, [a("role", role), a("policy_arn", .reference("aws_iam_policy.\(c.id).arn"))])
        }
        for m in p.awsManaged {
            ctx.resource("aws_iam_role_policy_attachment", "\(c.id)_" + NameReader.identifier(m), [
                a("role", role), a("policy_arn", tpl(.literal("arn:"), .interpolation("data.aws_partition.current.partition"), .literal(":iam::aws:policy/\(paths[m] ?? "")\(m)"))),
            ])
            ctx.data("aws_partition", "current", [])
        }
    }
}
