import Foundation

/// CloudWatch metric filters on a log group (the stack's or an existing one by name) turning
/// matching lines into metrics, and a dashboard with those metrics and the stack's alarms.
enum LogMetricsBlock: BuildingBlock {
    struct Filter: Codable, Sendable, Equatable {
        var name: String
        var pattern: String
    }
    struct Properties: BlockProperties {
        var logGroup: Sourced<String>?
        var filters: [Filter] = []
        var namespace: Sourced<String>?
        var dashboard: Sourced<Bool>?
    }
    static let kind = "logMetrics"
    static let noun = "CloudWatch metric filters and dashboard"
    static let lexicon = Lexicon(
        mention: "\\b(metric filters?|dashboards?|log patterns?|count (the )?(lines|errors|occurrences)|log group|custom metrics?)\\b",
        strong: "\\b(metric filters?|(cloudwatch )?dashboards?|count (the )?(lines|errors|occurrences))\\b", exclude: "\\b(opensearch|kibana|grafana) dashboards?\\b", nameNoun: "(?:dashboard)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_cloudwatch_log_metric_filter", "aws_cloudwatch_dashboard"],
        iamActions: ["logs:PutMetricFilter", "logs:DeleteMetricFilter", "logs:DescribeMetricFilters", "cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards"],
        endpoints: ["cloudwatchlogs", "cloudwatch"], pricedTypes: ["aws_cloudwatch_dashboard"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if let g = s.text.capture("[`\"“](/[A-Za-z0-9_./#-]+)[`\"”]") ?? s.text.capture("(?i)\\blog group\\s+(/[A-Za-z0-9_./#-]*[A-Za-z0-9_#-])"), s.says("\\blog") { hit = p.logGroup.read(g, line: s.line) }
        if s.says("\\bdashboard") { hit = p.dashboard.read(s.choice("\\bdashboards?\\b") ?? true, line: s.line) || hit }
        if s.says("\\b(count|match|contain|filter|pattern|lines?)\\b") {
            for m in s.text.matches("[`\"“]([^`\"”/][^`\"”]{0,200})[`\"”]") where !m.groups[1].hasPrefix("/") {
                let pattern = m.groups[1]
                let filterPattern = pattern.has("^[{\\[]") ? pattern : "\"\(pattern.replacingOccurrences(of: "\"", with: ""))\""
                let name = NameReader.identifier(pattern).split(separator: "_").prefix(4).joined(separator: "-")
                if !p.filters.contains(where: { $0.pattern == filterPattern }) { p.filters.append(Filter(name: name.isEmpty ? "matches" : name, pattern: filterPattern)); hit = true }
            }
        }
        if let ns = s.text.capture("(?i)\\bnamespace\\s*(?:is|:|=)?\\s*[`\"“]([A-Za-z0-9/_.-]+)[`\"”]") { hit = p.namespace.read(ns, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let namespace = p.namespace?.value ?? "EZBuilt/\(ctx.baseName)"
        let group: HCLExpression
        if let g = p.logGroup?.value {
            group = .string(g)
        } else if let existing = ctx.blocks.first(where: { $0.type == "resource" && $0.labels.first == "aws_cloudwatch_log_group" }) {
            group = .reference("aws_cloudwatch_log_group.\(existing.labels[1]).name")
        } else { group = .null }
        var widgets: [HCLExpression] = []
        if group != .null {
            for (k, f) in p.filters.enumerated() {
                let metric = f.name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                ctx.resource("aws_cloudwatch_log_metric_filter", "\(c.id)_\(k + 1)", [
                    a("name", .string("\(ctx.baseName)-\(f.name)")), a("log_group_name", group), a("pattern", .string(f.pattern)),
                    b("metric_transformation", [a("name", .string(metric)), a("namespace", .string(namespace)), a("value", .string("1")), a("default_value", .string("0")), a("unit", .string("Count"))]),
                ])
                widgets.append(.object([("type", .string("metric")), ("width", .int(12)), ("height", .int(6)), ("properties", .object([
                    ("title", .string(f.name)), ("region", .string(ctx.region)), ("stat", .string("Sum")), ("period", .int(300)),
                    ("metrics", .list([.list([.string(namespace), .string(metric)])])),
                ]))]))
            }
        }
        guard p.dashboard?.value != false else { return }
        for alarm in ctx.blocks where alarm.type == "resource" && alarm.labels.first == "aws_cloudwatch_metric_alarm" {
            widgets.append(.object([("type", .string("alarm")), ("width", .int(12)), ("height", .int(3)), ("properties", .object([
                ("title", .string("Alarm")), ("alarms", .list([.reference("aws_cloudwatch_metric_alarm.\(alarm.labels[1]).arn")])),
            ]))]))
        }
        if widgets.isEmpty {
            widgets.append(.object([("type", .string("text")), ("width", .int(24)), ("height", .int(2)), ("properties", .object([("markdown", .string("# \(ctx.baseName)"))]))]))
        }
        ctx.resource("aws_cloudwatch_dashboard", c.id, [a("dashboard_name", .string(ctx.blockName(c, "dashboard"))), a("dashboard_body", .call("jsonencode", [.object([("widgets", .list(widgets))])]))])
    }
}
