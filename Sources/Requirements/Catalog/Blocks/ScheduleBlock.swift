import Foundation

/// EventBridge Scheduler: a schedule group and schedules (cron/rate with a time zone and a
/// flexible window) invoking the stack's function or queue through a role that may do only that.
enum ScheduleBlock: BuildingBlock {
    struct Entry: Codable, Sendable, Equatable {
        var expression: String
        var timeZone: String?
        var line: Int
    }
    struct Properties: BlockProperties {
        var schedules: [Entry] = []
        var timeZone: Sourced<String>?
        var flexibleMinutes: Sourced<Int>?
        var targetARN: Sourced<String>?
        var payload: Sourced<String>?
        var retries: Sourced<Int>?
    }
    static let kind = "schedule"
    static let noun = "EventBridge Scheduler schedule"
    static let lexicon = Lexicon(
        mention: "\\b(eventbridge scheduler|scheduler|schedules?|scheduled|cron|every (day|night|weekday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|hour|\\d+ (minutes?|hours?))|nightly|daily|weekly|monthly|at \\d{1,2}(:\\d{2})? ?(am|pm)?)\\b",
        strong: "\\b(eventbridge scheduler|schedule group|scheduler schedules?)\\b", exclude: nil, nameNoun: "(?:schedule group|schedule)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_scheduler_schedule_group", "aws_scheduler_schedule", "aws_iam_role", "aws_iam_role_policy"],
        iamActions: ["scheduler:CreateSchedule", "scheduler:DeleteSchedule", "scheduler:GetSchedule", "scheduler:UpdateSchedule", "scheduler:CreateScheduleGroup", "scheduler:DeleteScheduleGroup", "scheduler:GetScheduleGroup", "scheduler:TagResource", "scheduler:ListTagsForResource", "iam:PassRole"],
        endpoints: ["scheduler", "iam"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if let tz = Values.timeZone(in: s.text) { hit = p.timeZone.read(tz, line: s.line) }
        if let e = Values.schedule(in: s.text) ?? Values.schedule(in: s.normalized) {
            if !p.schedules.contains(where: { $0.expression == e }) { p.schedules.append(Entry(expression: e, timeZone: Values.timeZone(in: s.text), line: s.line)) }
            hit = true
        }
        if s.says("\\b(flexible|window|jitter|within)\\b"), let secs = Values.seconds(in: s.after("\\b(flexible|window|jitter|within)\\w*\\b") ?? "") { hit = p.flexibleMinutes.read(max(1, min(1440, secs / 60)), line: s.line) || hit }
        if let arn = Values.arns(in: s.text).first(where: { ["lambda", "sqs", "sns", "states", "ecs"].contains($0.service) }) { hit = p.targetARN.read(arn.text, line: s.line) || hit }
        if s.says("\\b(payload|input)\\b"), let json = s.text.capture("(\\{[^`]*\\})") { hit = p.payload.read(json, line: s.line) || hit }
        if s.says("\\bretr"), let n = s.normalized.capture("(\\d+)\\s*(?:times|retries|attempts)").flatMap({ Int($0) }) { hit = p.retries.read(min(185, n), line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = ctx.blockName(c, "schedules")
        let target: HCLExpression, actions: [String]
        if let arn = p.targetARN?.value, let parsed = ARN(arn) {
            target = .string(arn)
            actions = [parsed.service == "lambda" ? "lambda:InvokeFunction" : parsed.service == "sqs" ? "sqs:SendMessage" : parsed.service == "sns" ? "sns:Publish" : parsed.service == "states" ? "states:StartExecution" : "ecs:RunTask"]
        } else if let fn = ctx.created(.function).first {
            target = .reference("aws_lambda_function.\(fn.id).arn"); actions = ["lambda:InvokeFunction"]
        } else if let q = ctx.created(.queue).first {
            target = .reference("aws_sqs_queue.\(q.id).arn"); actions = ["sqs:SendMessage"]
        } else if let sm = ctx.blockComponents(WorkflowBlock.kind).first {
            target = .reference("aws_sfn_state_machine.\(sm.id).arn"); actions = ["states:StartExecution"]
        } else {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "the schedule names no target; set variable \(c.id)_target_arn to the ARN it should invoke"))
            ctx.variables.append(HCLBlock("variable", ["\(c.id)_target_arn"], [.attribute("description", .string("ARN of the existing target the schedule invokes.")), .attribute("type", .reference("string")), .attribute("default", .string("arn:aws:lambda:\(ctx.region):000000000000:function:set-the-schedule-target"))]))
            target = .reference("var.\(c.id)_target_arn"); actions = ["lambda:InvokeFunction"]
        }
        ctx.resource("aws_scheduler_schedule_group", c.id, [a("name", .string(name))])
        ctx.role(id: "\(c.id)_scheduler", name: name + "-scheduler", service: "scheduler.amazonaws.com")
        ctx.rolePolicy(id: "\(c.id)_invoke", role: .reference("aws_iam_role.\(c.id)_scheduler.id"), statements: [PolicyStatement(actions: actions, resources: [target])])
        let entries = p.schedules.isEmpty ? [Entry(expression: "rate(1 day)", timeZone: nil, line: c.line)] : p.schedules
        for (k, e) in entries.enumerated() {
            let flexible = p.flexibleMinutes?.value
            ctx.resource("aws_scheduler_schedule", entries.count == 1 ? c.id : "\(c.id)_\(k + 1)", [
                a("name", .string(entries.count == 1 ? name : "\(name)-\(k + 1)")), a("group_name", .reference("aws_scheduler_schedule_group.\(c.id).name")),
                a("schedule_expression", .string(e.expression)), a("schedule_expression_timezone", .string(e.timeZone ?? p.timeZone?.value ?? "UTC")),
                b("flexible_time_window", flexible.map { [a("mode", .string("FLEXIBLE")), a("maximum_window_in_minutes", .int($0))] } ?? [a("mode", .string("OFF"))]),
                b("target", [
                    a("arn", target), a("role_arn", .reference("aws_iam_role.\(c.id)_scheduler.arn")),
                    p.payload.map { a("input", .string($0.value)) } ?? nil,
                    b("retry_policy", [a("maximum_retry_attempts", .int(p.retries?.value ?? 2))]),
                ]),
            ])
        }
    }
}
