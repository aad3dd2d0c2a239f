import Foundation

/// An EventBridge rule (an event pattern or a schedule, on the default bus or a named existing
/// one) with targets beyond a scheduled Lambda: a Step Functions state machine or an ECS task
/// (each through a role allowed only that), an SNS topic (with an input transformer when the
/// document gives the message) or SQS queue (each with a policy letting only this rule send),
/// or a function (with a permission for this rule only). A rule that only runs the stack's own
/// function on a schedule is the function's; a stack's own custom bus renders its own rules.
enum EventRuleBlock: BuildingBlock {
    enum Target: String, Codable, Sendable, CaseIterable { case stateMachine, ecsTask, topic, queue, function }
    struct Properties: BlockProperties {
        var ruleName: Sourced<String>?
        var busName: Sourced<String>?
        var sources: [String] = []
        var detailTypes: [String] = []
        /// Lowest finding severity matched (GuardDuty, Security Hub scores).
        var minSeverity: Sourced<Double>?
        var schedule: Sourced<String>?
        /// `Target` raw values (plain strings, so a model's schema stays a list of strings).
        var targets: [String] = []
        /// Existing targets named by ARN.
        var targetARNs: [String] = []
        /// The message an input transformer writes, with `<field>` placeholders.
        var message: Sourced<String>?
        var taskCount: Sourced<Int>?
    }
    static let kind = "eventRule"
    static let noun = "EventBridge rule"
    static let lexicon = Lexicon(
        mention: "\\b(eventbridge|cloudwatch events?|event rules?|event patterns?|guardduty|security hub|scheduled (ecs |fargate )?tasks?|input transformer|detail-?types?)\\b",
        strong: "\\b((eventbridge|cloudwatch events?|event) rules?|rule on (the )?[a-z0-9._` -]{0,40}\\bbus|guardduty findings?|security hub findings?|scheduled (ecs |fargate )?tasks?|input transformer)\\b",
        exclude: "\\b(event source mapping|eventbridge scheduler)\\b", nameNoun: "(?:rule|event rule)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_iam_role", "aws_iam_role_policy", "aws_sns_topic_policy",
                        "aws_sqs_queue_policy", "aws_lambda_permission"],
        iamActions: ["events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:EnableRule", "events:DisableRule", "events:PutTargets", "events:RemoveTargets",
                     "events:ListTargetsByRule", "events:TagResource", "events:UntagResource", "events:ListTagsForResource", "iam:PassRole",
                     "sns:SetTopicAttributes", "sns:GetTopicAttributes", "sqs:SetQueueAttributes", "sqs:GetQueueAttributes",
                     "lambda:AddPermission", "lambda:RemovePermission", "lambda:GetPolicy"],
        endpoints: ["events", "iam"], pricedTypes: [])

    static let targetWords: [(Target, String)] = [
        (.stateMachine, "\\b(state machines?|step functions?|workflows?|sfn)\\b"),
        (.ecsTask, "\\b(ecs|fargate) tasks?\\b|\\btask definition\\b|\\bscheduled tasks?\\b|\\brun (the|a|an|one) (\\w+ )?tasks?\\b"),
        (.topic, "\\b(sns|topics?)\\b"),
        (.queue, "\\b(sqs|queues?)\\b"),
        (.function, "\\b(lambdas?|functions?)\\b"),
    ]

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let quoted = s.text.matches("[`\"“]([^`\"”]{1,256})[`\"”]").map { $0.groups[1] }
        // Event sources are reverse-DNS names ("aws.guardduty", "com.acme.orders").
        var sources = quoted.filter { $0.has("^[a-z0-9-]+(\\.[a-z0-9-]+)+$") && !$0.has("\\.(com|io|net|org|json|md|zip)$") }
        if let bare = s.text.capture("(?i)\\bsources?\\s*[:=]?\\s*([a-z0-9-]+(?:\\.[a-z0-9-]+)+)\\b"), !sources.contains(bare) { sources.append(bare) }
        if s.says("\\bguardduty\\b") { sources.append("aws.guardduty"); if !p.detailTypes.contains("GuardDuty Finding") { p.detailTypes.append("GuardDuty Finding") } }
        if s.says("\\bsecurity hub\\b") { sources.append("aws.securityhub"); if !p.detailTypes.contains("Security Hub Findings - Imported") { p.detailTypes.append("Security Hub Findings - Imported") } }
        for src in sources where !p.sources.contains(src) && !src.hasSuffix("-bus") { p.sources.append(src); hit = true }
        if s.says("\\bdetail-?types?\\b|\\bevent types?\\b") {
            var types = quoted.filter { !sources.contains($0) && $0.has("^[A-Za-z][A-Za-z0-9 ._-]*$") && !$0.hasSuffix("-bus") }
            if types.isEmpty, let bare = s.text.capture("(?i)\\bdetail-?types?\\s*[:=]?\\s*([A-Z][A-Za-z0-9._-]+)") { types = [bare] }
            for t in types where !p.detailTypes.contains(t) { p.detailTypes.append(t); hit = true }
        }
        if s.says("\\bseverity\\b") {
            if let n = s.normalized.capture("severity[^.;\\d]{0,40}?(\\d+(?:\\.\\d+)?)") { hit = p.minSeverity.read(Double(n), line: s.line) || hit }
            else if s.says("\\bhigh( or critical)?\\b") { hit = p.minSeverity.read(7, line: s.line) || hit }
            else if s.says("\\bmedium\\b") { hit = p.minSeverity.read(4, line: s.line) || hit }
        }
        if let bus = s.text.capture("(?i)\\bbus\\s*(?:named|called)?\\s*[`\"“]([A-Za-z0-9._/-]{1,256})[`\"”]")
            ?? s.text.capture("(?i)\\b(?:rule|rules) on (?:the )?(?:existing )?(?:custom )?(?:event )?(?:bus )?[`\"“]?([a-z0-9][a-z0-9._-]*-bus)\\b")
            ?? s.text.capture("(?i)\\bon (?:the )?(?:existing )?(?:custom )?(?:event )?bus\\s+[`\"“]?([a-z0-9][a-z0-9._-]{2,255})") {
            if bus.lowercased() != "default" { hit = p.busName.read(bus, line: s.line) || hit }
        }
        if let e = Values.schedule(in: s.text) ?? Values.schedule(in: s.normalized), s.says("\\b(schedule|scheduled|every|cron|rate|nightly|daily|hourly|weekly|at \\d)") {
            hit = p.schedule.read(e, line: s.line) || hit
        }
        // Targets: what the rule sends to, read from the words after the rule's verb.
        let tail = s.after("\\b(target(s|ing)?|invoke[sd]?|start(s|ing)?|trigger(s|ing)?|sends?|deliver(s|ed)?|publish(es)?|route(s|d)?|forward(s|ed)?|run(s|ning)?|to)\\b") ?? ""
        for (target, words) in targetWords where tail.has(words) && !p.targets.contains(target.rawValue) && !tail.has("\\b(no|not|without)\\b[^.;]{0,20}" + words) { p.targets.append(target.rawValue); hit = true }
        for arn in Values.arns(in: s.text) where ["states", "sns", "sqs", "lambda", "ecs"].contains(arn.service) && !p.targetARNs.contains(arn.text) && context.mentionsBlock {
            p.targetARNs.append(arn.text); hit = true
        }
        if s.says("\\b(input transformer|message|text|notification)\\b"), let m = s.text.capture("[`\"“]([^`\"”]*<[A-Za-z][A-Za-z0-9_-]*>[^`\"”]*)[`\"”]") { hit = p.message.read(m, line: s.line) || hit }
        if s.says("\\btasks?\\b"), let n = Values.count(of: "(copies|tasks?|instances?)", in: s.normalized), n > 0, n <= 10 { hit = p.taskCount.read(n, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    /// Where a message placeholder is read from in the event.
    static func eventPath(_ field: String) -> String {
        switch field.lowercased() {
        case "account", "region", "time", "source", "id", "resources": return "$." + field.lowercased()
        case "detail-type", "detailtype", "detail_type": return "$.detail-type"
        default: return "$.detail." + field
        }
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        // The stack's own bus renders its rules.
        if ctx.blockComponents(EventBusBlock.kind).contains(where: { $0.ownership == .create && (p.busName == nil || $0.name?.value == p.busName?.value) }) { return }
        let hasPattern = !p.sources.isEmpty || !p.detailTypes.isEmpty || p.minSeverity != nil
        let function = ctx.created(.function).first
        var targets = p.targets.compactMap(Target.init(rawValue:))
        if targets.isEmpty {
            if !ctx.blockComponents(WorkflowBlock.kind).filter({ $0.ownership == .create }).isEmpty { targets = [.stateMachine] }
            else if function != nil { targets = [.function] }
            else if !ctx.created(.queue).isEmpty { targets = [.queue] }
            else if !ctx.components(.topic).isEmpty { targets = [.topic] }
        }
        // A function's own schedule is rendered with the function.
        if !hasPattern && targets.allSatisfy({ $0 == .function }) && p.targetARNs.isEmpty { return }
        guard hasPattern || p.schedule != nil else {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "the EventBridge rule has neither an event pattern nor a schedule; name the events' source or detail-type, or when it runs"))
            return
        }
        let name = p.ruleName?.value ?? c.name?.value ?? ctx.baseName + "-rule"
        let rule = "aws_cloudwatch_event_rule.\(c.id)"
        let namedBus: String? = p.busName?.value ?? ctx.blockComponents(EventBusBlock.kind).first(where: { $0.ownership == .existing })?.name?.value
        let bus: HCLExpression? = namedBus.map { HCLExpression.string($0) }
        var pattern: [(String, HCLExpression)] = []
        if !p.sources.isEmpty { pattern.append(("source", .strings(p.sources))) }
        if !p.detailTypes.isEmpty { pattern.append(("detail-type", .strings(p.detailTypes))) }
        if let sev = p.minSeverity?.value { pattern.append(("detail", .object([("severity", .list([.object([("numeric", .list([.string(">="), .double(sev)]))])]))]))) }
        ctx.resource("aws_cloudwatch_event_rule", c.id, [
            a("name", .string(name)), bus.map { a("event_bus_name", $0) } ?? nil,
            a("description", .string(hasPattern ? "Matches \((p.detailTypes.first ?? p.sources.first) ?? "events")" : "Runs on \(p.schedule?.value ?? "")")),
            hasPattern ? a("event_pattern", .call("jsonencode", [.object(pattern)])) : a("schedule_expression", .string(p.schedule?.value ?? "rate(1 day)")),
        ])
        func target(_ id: String, _ arn: HCLExpression, _ extra: [HCLBodyItem?]) {
            ctx.resource("aws_cloudwatch_event_target", id, [a("rule", .reference("\(rule).name")), bus.map { _ in a("event_bus_name", .reference("\(rule).event_bus_name")) } ?? nil,
                                                             a("target_id", .string(String(id.suffix(64)))), a("arn", arn)] + extra)
        }
        func invokeRole(_ suffix: String, _ statements: [PolicyStatement]) -> HCLExpression {
            ctx.role(id: "\(c.id)_\(suffix)", name: "\(name)-\(suffix)", service: "events.amazonaws.com")
            ctx.rolePolicy(id: "\(c.id)_\(suffix)", role: .reference("aws_iam_role.\(c.id)_\(suffix).id"), statements: statements)
            return .reference("aws_iam_role.\(c.id)_\(suffix).arn")
        }
        /// A resource policy document letting only this rule deliver.
        func onlyThisRule(_ id: String, _ action: String, _ arn: HCLExpression) {
            ctx.data("aws_iam_policy_document", id, [.block(PolicyStatement(sid: "AllowThisRule", actions: [action], resources: [arn],
                                                                           conditions: [("ArnEquals", "aws:SourceArn", [.reference("\(rule).arn")])], principals: [("Service", [.string("events.amazonaws.com")])]).block)])
        }
        var transformer: HCLBodyItem? = nil
        if let message = p.message?.value {
            let fields = message.matches("<([A-Za-z][A-Za-z0-9_-]*)>").map { $0.groups[1] }
            var paths: [(String, HCLExpression)] = []
            for f in fields where !paths.contains(where: { $0.0 == f }) { paths.append((f, .string(eventPath(f)))) }
            transformer = b("input_transformer", [a("input_paths", .object(paths)), a("input_template", .call("jsonencode", [.string(message)]))])
        }
        for t in targets {
            switch t {
            case .stateMachine:
                let machine = ctx.blockComponents(WorkflowBlock.kind).first { $0.ownership == .create }
                let existing = p.targetARNs.first { ARN($0)?.service == "states" }
                let arn: HCLExpression? = machine.map { HCLExpression.reference("aws_sfn_state_machine.\($0.id).arn") } ?? existing.map { HCLExpression.string($0) }
                guard let arn else { continue }
                let role = invokeRole("start", [PolicyStatement(sid: "StartExecution", actions: ["states:StartExecution"], resources: [arn])])
                target("\(c.id)_sfn", arn, [a("role_arn", role)])
            case .ecsTask:
                guard let svc = ctx.created(.container).first else {
                    ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "the rule runs an ECS task but the stack defines no task; describe the container it runs"))
                    continue
                }
                let taskDef = HCLExpression.reference("aws_ecs_task_definition.\(svc.id).arn")
                let role = invokeRole("run_task", [
                    PolicyStatement(sid: "RunTask", actions: ["ecs:RunTask"], resources: [.reference("aws_ecs_task_definition.\(svc.id).arn_without_revision"), tpl(.interpolation("aws_ecs_task_definition.\(svc.id).arn_without_revision"), .literal(":*"))],
                                    conditions: [("ArnEquals", "ecs:cluster", [.reference("aws_ecs_cluster.\(svc.id).arn")])]),
                    PolicyStatement(sid: "PassTaskRoles", actions: ["iam:PassRole"], resources: [.reference("aws_iam_role.\(svc.id)_execution.arn"), .reference("aws_iam_role.\(svc.id)_task.arn")],
                                    conditions: [("StringLike", "iam:PassedToService", [.string("ecs-tasks.amazonaws.com")])]),
                ])
                target("\(c.id)_ecs", .reference("aws_ecs_cluster.\(svc.id).arn"), [
                    a("role_arn", role),
                    b("ecs_target", [a("task_definition_arn", taskDef), a("task_count", .int(p.taskCount?.value ?? 1)), a("launch_type", .string("FARGATE")),
                                     b("network_configuration", [a("subnets", ctx.privateSubnets), a("security_groups", .list(ctx.securityGroups[svc.id].map { [$0] } ?? [])), a("assign_public_ip", .bool(false))])]),
                ])
            case .topic:
                guard let topic = ctx.components(.topic).first else { continue }
                let arn: HCLExpression = topic.ownership == .create ? .reference("aws_sns_topic.\(topic.id).arn") : .reference("data.aws_sns_topic.\(topic.id).arn")
                if topic.ownership == .create {
                    onlyThisRule("\(c.id)_topic", "sns:Publish", arn)
                    ctx.resource("aws_sns_topic_policy", "\(c.id)_\(topic.id)", [a("arn", arn), a("policy", .reference("data.aws_iam_policy_document.\(c.id)_topic.json"))])
                    if ctx.kmsKeyARN == nil {
                        ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "EventBridge cannot publish to a topic encrypted with the AWS-managed SNS key; ask for a customer-managed KMS key whose policy lets events.amazonaws.com use it"))
                    }
                }
                target("\(c.id)_sns", arn, [transformer])
            case .queue:
                guard let q = ctx.created(.queue).first else { continue }
                let arn = HCLExpression.reference("aws_sqs_queue.\(q.id).arn")
                if !ctx.blocks.contains(where: { $0.type == "resource" && $0.labels.first == "aws_sqs_queue_policy" && ($0.labels.last == q.id || $0.labels.last?.hasSuffix("_\(q.id)") == true) }) {
                    onlyThisRule("\(c.id)_queue", "sqs:SendMessage", arn)
                    ctx.resource("aws_sqs_queue_policy", "\(c.id)_\(q.id)", [a("queue_url", .reference("aws_sqs_queue.\(q.id).id")), a("policy", .reference("data.aws_iam_policy_document.\(c.id)_queue.json"))])
                }
                target("\(c.id)_sqs", arn, [transformer])
            case .function:
                guard let f = function ?? ctx.components(.function).first, let fn = ctx.lambda(f) else { continue }
                target("\(c.id)_lambda", fn.arn, [transformer])
                ctx.resource("aws_lambda_permission", "\(c.id)_\(f.id)", [
                    a("statement_id", .string("AllowEventBridgeRule")), a("action", .string("lambda:InvokeFunction")), a("function_name", fn.name),
                    a("principal", .string("events.amazonaws.com")), a("source_arn", .reference("\(rule).arn")),
                ])
            }
        }
    }
}
