import Foundation

/// Step Functions state machine (standard or express) with execution logging to CloudWatch,
/// tracing, and a role allowed to invoke the stack's functions and write its logs.
enum WorkflowBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var express: Sourced<Bool>?
        var steps: [String] = []
        var logLevel: Sourced<String>?
        var tracing: Sourced<Bool>?
        var logRetentionDays: Sourced<Int>?
    }
    static let kind = "workflow"
    static let noun = "Step Functions state machine"
    static let repeatable = true
    static let lexicon = Lexicon(
        mention: "\\b(step functions?|state machines?|workflows?|sfn|orchestrat(e|ion|or))\\b",
        strong: "\\b(step functions?|state machines?|sfn)\\b", exclude: nil, nameNoun: "(?:state machine|workflow)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_sfn_state_machine", "aws_iam_role", "aws_iam_role_policy", "aws_cloudwatch_log_group"],
        iamActions: ["states:CreateStateMachine", "states:DeleteStateMachine", "states:DescribeStateMachine", "states:UpdateStateMachine", "states:TagResource", "states:ListTagsForResource", "iam:PassRole", "logs:CreateLogDelivery", "logs:DeleteLogDelivery"],
        endpoints: ["sfn", "iam", "cloudwatchlogs"], pricedTypes: ["aws_sfn_state_machine"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if s.says("\\bexpress\\b") { hit = p.express.read(s.choice("\\bexpress\\b") ?? true, line: s.line) }
        if s.says("\\bstandard (workflow|type|state machine)\\b") { hit = p.express.read(false, line: s.line) || hit }
        if s.says("\\blog"), s.says("\\b(all|every|full|input|output|execution data)\\b") { hit = p.logLevel.read("ALL", line: s.line) || hit }
        else if s.says("\\blog"), s.says("\\b(errors?|failures?)\\b") { hit = p.logLevel.read("ERROR", line: s.line) || hit }
        if let t = s.choice("\\b(x-?ray|tracing|traced)\\b") { hit = p.tracing.read(t, line: s.line) || hit }
        if s.says("\\blogs?\\b"), let d = Values.days(in: s.after("\\b(retain|retention|keep|kept)\\w*\\b") ?? "") { hit = p.logRetentionDays.read(d, line: s.line) || hit }
        // Numbered or arrowed steps become Pass states the team replaces with tasks.
        if s.says("→|->|\\bthen\\b") {
            let parts = s.text.components(separatedBy: CharacterSet(charactersIn: "→>")).map { $0.replacingOccurrences(of: "-", with: " ").trimmed }.filter { !$0.isEmpty && $0.count < 60 }
            if parts.count >= 2 && p.steps.isEmpty { p.steps = parts.map { String($0.prefix(80)) }; hit = true }
        }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = ctx.blockName(c, "workflow")
        ctx.logGroup(id: c.id, name: .string("/aws/vendedlogs/states/\(name)"), days: p.logRetentionDays?.value ?? 30)
        ctx.role(id: "\(c.id)_sfn", name: name + "-sfn", service: "states.amazonaws.com")
        var statements = [
            PolicyStatement(actions: ["logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"], resources: [.string("*")]),
            PolicyStatement(actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"], resources: [.string("*")]),
        ]
        let fns = ctx.components(.function).compactMap { ctx.lambda($0)?.arn }
        if !fns.isEmpty { statements.append(PolicyStatement(actions: ["lambda:InvokeFunction"], resources: fns)) }
        ctx.rolePolicy(id: "\(c.id)_sfn", role: .reference("aws_iam_role.\(c.id)_sfn.id"), statements: statements)
        let steps = p.steps.isEmpty ? ["Start"] : p.steps
        var states: [(String, HCLExpression)] = []
        for (k, step) in steps.enumerated() {
            let next: (String, HCLExpression) = k + 1 < steps.count ? ("Next", .string(stateName(steps[k + 1], k + 1))) : ("End", .bool(true))
            states.append((stateName(step, k), .object([("Type", .string("Pass")), ("Comment", .string(step)), next])))
        }
        ctx.resource("aws_sfn_state_machine", c.id, [
            a("name", .string(name)), a("role_arn", .reference("aws_iam_role.\(c.id)_sfn.arn")), a("type", .string(p.express?.value == true ? "EXPRESS" : "STANDARD")),
            a("definition", .call("jsonencode", [.object([("Comment", .string("Generated outline; replace the Pass states with the real tasks.")), ("StartAt", .string(stateName(steps[0], 0))), ("States", .object(states))])])),
            b("logging_configuration", [a("log_destination", .template([.interpolation("aws_cloudwatch_log_group.\(c.id).arn"), .literal(":*")])), a("include_execution_data", .bool(p.logLevel?.value == "ALL")), a("level", .string(p.logLevel?.value ?? "ERROR"))]),
            b("tracing_configuration", [a("enabled", .bool(p.tracing?.value ?? true))]),
        ])
    }

    static func stateName(_ text: String, _ index: Int) -> String {
        let words = text.split { !$0.isLetter && !$0.isNumber }.prefix(5).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return words.isEmpty ? "Step\(index + 1)" : String(words.prefix(60))
    }
}
