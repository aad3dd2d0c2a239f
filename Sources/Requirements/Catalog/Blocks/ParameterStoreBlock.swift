import Foundation

/// SSM Parameter Store parameters under one path (String or SecureString with a placeholder the
/// team replaces outside Terraform), and read access for the role that needs them.
enum ParameterStoreBlock: BuildingBlock {
    struct Parameter: Codable, Sendable, Equatable {
        var name: String
        var secure: Bool
        var value: String?
        var list: Bool = false
    }
    struct Properties: BlockProperties {
        var path: Sourced<String>?
        var parameters: [Parameter] = []
        var readerRole: Sourced<String>?
        var keyAlias: Sourced<String>?
    }
    static let kind = "parameterStore"
    static let noun = "SSM parameters"
    static let supersedes: [ComponentKind] = [.secret]
    /// The role that reads the parameters is often named in a sentence of its own.
    static let readsEveryStatement = true
    static let lexicon = Lexicon(
        mention: "\\b(parameter store|ssm param(eter)?s?|param(eter)?s?|securestring|stringlist|config values?|feature flags?)\\b",
        strong: "\\b(parameter store|ssm param(eter)?s?)\\b", exclude: "\\b(parameter groups?|db parameters?|query parameters?)\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_ssm_parameter", "aws_iam_role_policy"],
        iamActions: ["ssm:PutParameter", "ssm:DeleteParameter", "ssm:GetParameter", "ssm:GetParameters", "ssm:DescribeParameters", "ssm:AddTagsToResource", "ssm:ListTagsForResource", "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
        endpoints: ["ssm", "iam"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let paths = s.text.matches("(?<![A-Za-z0-9_.:/-])(/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*/?)").map { $0.groups[1] }.filter { !$0.hasPrefix("/aws/") }
        let secure = s.says("\\b(secure ?string|secret|encrypted|sensitive|password|token|api key|credential)s?\\b") && s.choice("\\b(secure ?string|secret|encrypted|sensitive)\\b") != false
        for path in paths where context.mentionsBlock || p.path.map({ path.hasPrefix($0.value) }) == true || s.context.contains(where: { $0.lowercased().has("param") }) {
            if path.hasSuffix("/") || (p.path == nil && s.says("\\b(under|path|prefix|namespace|hierarchy)\\b") && paths.count == 1 && path.split(separator: "/").count <= 2) {
                hit = p.path.read(path.hasSuffix("/") ? String(path.dropLast()) : path, line: s.line) || hit
            } else if !p.parameters.contains(where: { $0.name == path }) {
                p.parameters.append(Parameter(name: path, secure: secure, value: nil, list: false)); hit = true
            }
        }
        if paths.isEmpty, let base = p.path?.value, s.shape == .bullet || s.shape == .tableRow, context.mentionsBlock || s.context.contains(where: { $0.lowercased().has("param") }) || s.says("\\b(secure ?string|string ?list|string)\\b") {
            if let key = s.text.capture("`([A-Za-z0-9_./-]{2,128})`") ?? s.text.capture("^[`\"“]?([A-Za-z0-9_.-]{2,64})[`\"”]?\\s*(?:[-—:(,]|$)"), !p.parameters.contains(where: { $0.name.hasSuffix("/" + key) }) {
                // A table row's last cell is the value of a plain parameter.
                let cells = s.text.split(separator: ";").map { String($0).trimmed }
                var value: String? = nil
                if !secure, s.shape == .tableRow, cells.count >= 3, let last = cells.last {
                    let v = last.replacing("^[A-Za-z() ]+:\\s*", with: "").replacingOccurrences(of: "`", with: "")
                    if !v.isEmpty && !v.has("\\b(from|var|variable|secret|sensitive)\\b") { value = v }
                }
                p.parameters.append(Parameter(name: base + "/" + key, secure: secure, value: value, list: s.says("\\bstringlist\\b"))); hit = true
            }
        }
        if let alias = s.text.capture("(alias/[A-Za-z0-9/_-]+)") { hit = p.keyAlias.read(alias, line: s.line) || hit }
        if let role = s.text.capture("(?i)\\brole\\s*[`\"“]([A-Za-z0-9+=,.@_-]{1,64})[`\"”]") ?? s.text.capture("(?i)[`\"“]([A-Za-z0-9+=,.@_-]{1,64})[`\"”]\\s*role\\b") { hit = p.readerRole.read(role, line: s.line) || hit }
        if let arn = Values.arns(in: s.text).first(where: { $0.service == "iam" && $0.resource.hasPrefix("role/") }) { hit = p.readerRole.read(String(arn.resource.split(separator: "/").last ?? ""), line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let base = p.path?.value ?? "/" + ctx.baseName
        let params = p.parameters.isEmpty ? [Parameter(name: base + "/config", secure: false, value: nil, list: false)] : p.parameters
        let key: HCLExpression? = ctx.kmsKeyARN ?? p.keyAlias.map { HCLExpression.string($0.value) }
        for param in params {
            let name = param.name.hasPrefix("/") ? param.name : base + "/" + param.name
            ctx.resource("aws_ssm_parameter", NameReader.identifier(c.id + "_" + name), [
                a("name", .string(name)), a("type", .string(param.secure ? "SecureString" : param.list ? "StringList" : "String")),
                param.secure ? a("key_id", key ?? .string("alias/aws/ssm")) : nil,
                a("value", .string(param.value ?? "CHANGE_ME")),
                .comment("The real value is set outside Terraform; later changes to it are not reverted."),
                b("lifecycle", [a("ignore_changes", .list([.reference("value")]))]),
            ])
        }
        let role: HCLExpression
        if let r = p.readerRole?.value { role = .string(r) }
        else if let fn = ctx.created(.function).first { role = .reference("aws_iam_role.\(fn.id)_lambda.id") }
        else if let svc = ctx.created(.container).first { role = .reference("aws_iam_role.\(svc.id)_task.id") }
        else { return }
        let prefix = base.hasPrefix("/") ? String(base.dropFirst()) : base
        var statements = [PolicyStatement(actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                                          resources: [.template([.literal("arn:aws:ssm:\(ctx.region):"), .interpolation("data.aws_caller_identity.current.account_id"), .literal(":parameter/\(prefix)/*")])])]
        if params.contains(where: \.secure) { statements.append(PolicyStatement(actions: ["kms:Decrypt"], resources: [ctx.kmsKeyARN ?? .string("*")], conditions: ctx.kmsKeyARN == nil ? [(test: "StringEquals", variable: "kms:ViaService", values: [.string("ssm.\(ctx.region).amazonaws.com")])] : [])) }
        ctx.data("aws_caller_identity", "current", [])
        ctx.rolePolicy(id: "\(c.id)_read", role: role, statements: statements)
    }
}
