import Foundation

/// Secrets Manager rotation: the secret (created here unless the stack already has one), an
/// initial version whose password the first rotation replaces, the rotation function (package
/// built outside Terraform), its role, security group and invoke permission, and the schedule.
enum SecretRotationBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var days: Sourced<Int>?
        var schedule: Sourced<String>?
        var username: Sourced<String>?
        var engine: Sourced<String>?
        var host: Sourced<String>?
        var inVPC: Sourced<Bool>?
    }
    static let kind = "secretRotation"
    static let noun = "Secrets Manager rotation"
    static let needsNetwork = false
    static let lexicon = Lexicon(mention: "\\b(rotat(e|es|ed|ion|ing))\\b", strong: "\\b(secret|password|credentials?)s?\\b[^.;]{0,40}\\brotat|\\brotat\\w*\\b[^.;,]{0,25}\\b(secret|password|credentials?)", exclude: "\\b(log|key) rotation\\b|\\brotat\\w* (the )?(kms )?keys?\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_secretsmanager_secret", "aws_secretsmanager_secret_version", "aws_secretsmanager_secret_rotation", "aws_lambda_function", "aws_lambda_permission", "aws_iam_role", "aws_security_group"],
        iamActions: ["secretsmanager:RotateSecret", "secretsmanager:CancelRotateSecret", "secretsmanager:PutSecretValue", "lambda:CreateFunction", "lambda:DeleteFunction", "lambda:GetFunction", "lambda:AddPermission", "lambda:RemovePermission", "iam:PassRole"],
        endpoints: ["secretsmanager", "lambda", "iam", "ec2"], pricedTypes: ["aws_secretsmanager_secret"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if s.says("\\brotat"), let d = Values.days(in: s.after("\\brotat\\w*\\b") ?? s.normalized) { hit = p.days.read(max(1, min(1000, d)), line: s.line) }
        if s.says("\\brotat"), let sched = Values.schedule(in: s.normalized), sched.hasPrefix("cron") { hit = p.schedule.read(sched, line: s.line) || hit }
        if let u = s.text.capture("(?i)\\buser(?:name)?\\s*(?:is|:|=)?\\s*[`\"“]([A-Za-z_][A-Za-z0-9_]{0,62})[`\"”]") { hit = p.username.read(u, line: s.line) || hit }
        if let e = s.normalized.capture("\\b(postgres(?:ql)?|mysql|mariadb|aurora)\\b") { hit = p.engine.read(e.hasPrefix("postgres") ? "postgres" : e, line: s.line) || hit }
        if let h = s.normalized.capture("\\b([a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.rds\\.amazonaws\\.com)\\b") { hit = p.host.read(h, line: s.line) || hit }
        if s.says("\\b(vpc|subnets?|private network)\\b") && !Values.ids("subnet", in: s.text).isEmpty || !Values.ids("vpc", in: s.text).isEmpty { hit = p.inVPC.read(true, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let secretID: String
        if let existing = ctx.created(.secret).first { secretID = existing.id } else {
            secretID = c.id
            ctx.resource("aws_secretsmanager_secret", c.id, [
                a("name", .string(ctx.blockName(c, "db-credentials"))), ctx.kmsKeyARN.map { a("kms_key_id", $0) } ?? nil, a("recovery_window_in_days", .int(30)),
            ])
        }
        var secret: [(String, HCLExpression)] = [("engine", .string(p.engine?.value ?? "postgres")), ("username", .string(p.username?.value ?? "app_user"))]
        if let h = p.host?.value { secret.append(("host", .string(h))) }
        secret.append(("password", .string("replaced-by-the-first-rotation")))
        ctx.resource("aws_secretsmanager_secret_version", c.id, [
            a("secret_id", .reference("aws_secretsmanager_secret.\(secretID).id")),
            .comment("A placeholder password: the rotation below replaces it on its first run; the real value never appears in code."),
            a("secret_string", .call("jsonencode", [.object(secret)])),
            b("lifecycle", [a("ignore_changes", .list([.reference("secret_string")]))]),
        ])
        let name = ctx.blockName(c, "secret-rotation")
        let variable = "\(c.id)_package"
        ctx.variables.append(HCLBlock("variable", [variable], [.attribute("description", .string("Path of the rotation function's package (for example AWS's SecretsManagerRDSPostgreSQLRotationSingleUser), built outside Terraform.")), .attribute("type", .reference("string")), .attribute("default", .string("build/\(name).zip"))]))
        ctx.role(id: "\(c.id)_lambda", name: name, service: "lambda.amazonaws.com")
        ctx.resource("aws_iam_role_policy_attachment", "\(c.id)_vpc", [a("role", .reference("aws_iam_role.\(c.id)_lambda.name")), a("policy_arn", .string("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"))])
        ctx.rolePolicy(id: "\(c.id)_rotate", role: .reference("aws_iam_role.\(c.id)_lambda.id"), statements: [
            PolicyStatement(actions: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"], resources: [.reference("aws_secretsmanager_secret.\(secretID).arn")]),
            PolicyStatement(actions: ["secretsmanager:GetRandomPassword"], resources: [.string("*")]),
        ])
        let sg = ctx.securityGroup(id: "\(c.id)_lambda", name: name, description: "Rotation function \(name): outbound to the database and Secrets Manager", ingress: [])
        ctx.logGroup(id: "\(c.id)_lambda", name: .string("/aws/lambda/\(name)"), days: 30)
        ctx.resource("aws_lambda_function", c.id, [
            a("function_name", .string(name)), a("role", .reference("aws_iam_role.\(c.id)_lambda.arn")), a("runtime", .string("python3.12")), a("handler", .string("lambda_function.lambda_handler")),
            a("filename", .reference("var.\(variable)")), a("timeout", .int(30)),
            b("environment", [a("variables", .object([("SECRETS_MANAGER_ENDPOINT", .string("https://secretsmanager.\(ctx.region).amazonaws.com"))]))]),
            b("vpc_config", [a("subnet_ids", ctx.privateSubnets), a("security_group_ids", .list([sg]))]),
            a("depends_on", .list([.reference("aws_cloudwatch_log_group.\(c.id)_lambda")])),
        ])
        ctx.resource("aws_lambda_permission", c.id, [a("statement_id", .string("AllowSecretsManager")), a("action", .string("lambda:InvokeFunction")), a("function_name", .reference("aws_lambda_function.\(c.id).function_name")), a("principal", .string("secretsmanager.amazonaws.com")), a("source_arn", .reference("aws_secretsmanager_secret.\(secretID).arn"))])
        ctx.resource("aws_secretsmanager_secret_rotation", c.id, [
            a("secret_id", .reference("aws_secretsmanager_secret.\(secretID).id")), a("rotation_lambda_arn", .reference("aws_lambda_function.\(c.id).arn")),
            b("rotation_rules", p.schedule.map { [a("schedule_expression", .string($0.value))] } ?? [a("automatically_after_days", .int(p.days?.value ?? 30))]),
            a("depends_on", .list([.reference("aws_lambda_permission.\(c.id)")])),
        ])
    }
}
