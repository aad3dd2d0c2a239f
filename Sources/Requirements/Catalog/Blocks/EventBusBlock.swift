import Foundation

/// EventBridge custom bus with rules (event patterns on source and detail-type) delivering to
/// the stack's queue or function, each target allowed by a resource policy.
enum EventBusBlock: BuildingBlock {
    struct Rule: Codable, Sendable, Equatable {
        var name: String
        var sources: [String]
        var detailTypes: [String]
    }
    struct Properties: BlockProperties {
        var rules: [Rule] = []
        var archiveDays: Sourced<Int>?
    }
    static let kind = "eventBus"
    static let noun = "EventBridge event bus"
    static let lexicon = Lexicon(
        mention: "\\b(event ?bridge|event bus|custom bus|bus|event rules?|detail-?types?|event patterns?)\\b",
        strong: "\\b(custom (event )?bus|event bus|(own|dedicated|new) bus|eventbridge bus)\\b", exclude: "\\b(service bus|event source mapping)\\b", nameNoun: "(?:bus|event bus)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_cloudwatch_event_bus", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_sqs_queue_policy", "aws_lambda_permission"],
        iamActions: ["events:CreateEventBus", "events:DeleteEventBus", "events:DescribeEventBus", "events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:PutTargets", "events:RemoveTargets", "events:ListTargetsByRule", "events:TagResource", "events:ListTagsForResource",
                     "sqs:SetQueueAttributes", "sqs:GetQueueAttributes", "lambda:AddPermission", "lambda:RemovePermission", "lambda:GetPolicy"],
        endpoints: ["events"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        let quoted = s.text.matches("[`\"“]([^`\"”]{1,128})[`\"”]").map { $0.groups[1] }
        let sources = quoted.filter { $0.has("^[a-z0-9-]+(\\.[a-z0-9-]+)+$") && !$0.has("\\.(com|io|net|org)$") }
        let detail = s.says("\\bdetail-?types?\\b|\\bevent types?\\b") ? quoted.filter { !sources.contains($0) && $0.has("^[A-Za-z][A-Za-z0-9 ._-]+$") } : []
        guard !sources.isEmpty || !detail.isEmpty else { return context.mentionsBlock }
        let name = "rule\(p.rules.count + 1)"
        if let i = p.rules.indices.last, p.rules[i].detailTypes.isEmpty, sources.isEmpty { p.rules[i].detailTypes = detail }
        else { p.rules.append(Rule(name: name, sources: sources, detailTypes: detail)) }
        return true
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let name = ctx.blockName(c, "events")
        ctx.resource("aws_cloudwatch_event_bus", c.id, [a("name", .string(name))])
        let rules = c.properties.rules.isEmpty ? [Rule(name: "all", sources: [], detailTypes: [])] : c.properties.rules
        let queue = ctx.created(.queue).first, fn = ctx.created(.function).first
        for (k, r) in rules.enumerated() {
            let rid = "\(c.id)_\(k + 1)"
            var pattern: [(String, HCLExpression)] = []
            pattern.append(("source", r.sources.isEmpty ? .list([.object([("prefix", .string(""))])]) : .strings(r.sources)))
            if !r.detailTypes.isEmpty { pattern.append(("detail-type", .strings(r.detailTypes))) }
            ctx.resource("aws_cloudwatch_event_rule", rid, [
                a("name", .string("\(name)-\(r.name)")), a("event_bus_name", .reference("aws_cloudwatch_event_bus.\(c.id).name")),
                a("event_pattern", .call("jsonencode", [.object(pattern)])),
            ])
            if let queue {
                ctx.resource("aws_cloudwatch_event_target", rid, [a("rule", .reference("aws_cloudwatch_event_rule.\(rid).name")), a("event_bus_name", .reference("aws_cloudwatch_event_bus.\(c.id).name")), a("arn", .reference("aws_sqs_queue.\(queue.id).arn"))])
            } else if let fn {
                ctx.resource("aws_cloudwatch_event_target", rid, [a("rule", .reference("aws_cloudwatch_event_rule.\(rid).name")), a("event_bus_name", .reference("aws_cloudwatch_event_bus.\(c.id).name")), a("arn", .reference("aws_lambda_function.\(fn.id).arn"))])
                ctx.resource("aws_lambda_permission", rid, [a("statement_id", .string("AllowEventBridge\(k + 1)")), a("action", .string("lambda:InvokeFunction")), a("function_name", .reference("aws_lambda_function.\(fn.id).function_name")), a("principal", .string("events.amazonaws.com")), a("source_arn", .reference("aws_cloudwatch_event_rule.\(rid).arn"))])
            }
        }
        if let queue {
            let ruleARNs: [HCLExpression] = rules.indices.map { .reference("aws_cloudwatch_event_rule.\(c.id)_\($0 + 1).arn") }
            ctx.data("aws_iam_policy_document", "\(c.id)_queue", [b("statement", [
                a("actions", .strings(["sqs:SendMessage"])), a("resources", .list([.reference("aws_sqs_queue.\(queue.id).arn")])),
                b("principals", [a("type", .string("Service")), a("identifiers", .strings(["events.amazonaws.com"]))]),
                b("condition", [a("test", .string("ArnEquals")), a("variable", .string("aws:SourceArn")), a("values", .list(ruleARNs))]),
            ])])
            if !ctx.blocks.contains(where: { $0.type == "resource" && $0.labels.first == "aws_sqs_queue_policy" && $0.labels.last == queue.id }) {
                ctx.resource("aws_sqs_queue_policy", "\(c.id)_\(queue.id)", [a("queue_url", .reference("aws_sqs_queue.\(queue.id).id")), a("policy", .reference("data.aws_iam_policy_document.\(c.id)_queue.json"))])
            }
        }
    }
}
