import Foundation

/// Application Auto Scaling of a DynamoDB table's provisioned read and write capacity: a
/// scalable target per dimension between the bounds the document gives and a target-tracking
/// policy on utilisation. Autoscaling only applies to provisioned tables, so the table is made
/// provisioned (starting at the lower bound) and its capacity left to the scaler.
enum TableAutoscalingBlock: BuildingBlock {
    struct Bounds: Codable, Sendable, Equatable {
        var min: Int
        var max: Int
    }
    struct Properties: BlockProperties {
        var read: Sourced<Bounds>?
        var write: Sourced<Bounds>?
        var targetPercent: Sourced<Int>?
    }
    static let kind = "tableAutoscaling"
    static let noun = "DynamoDB capacity autoscaling"
    static let capacity = "(read|write|read and write|read/write|r/w) capacity|rcus?|wcus?|capacity units"
    static let lexicon = Lexicon(
        mention: "\\b(" + capacity + ")\\b[^.;]{0,80}\\b(auto ?scal\\w*|scales?|scaling)\\b|\\b(auto ?scal\\w*|scales?|scaling)\\b[^.;]{0,80}\\b(" + capacity + ")\\b",
        strong: nil, exclude: nil, nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_appautoscaling_target", "aws_appautoscaling_policy"],
        iamActions: ["application-autoscaling:RegisterScalableTarget", "application-autoscaling:DeregisterScalableTarget", "application-autoscaling:DescribeScalableTargets",
                     "application-autoscaling:PutScalingPolicy", "application-autoscaling:DeleteScalingPolicy", "application-autoscaling:DescribeScalingPolicies",
                     "application-autoscaling:TagResource", "application-autoscaling:ListTagsForResource", "iam:CreateServiceLinkedRole",
                     "dynamodb:DescribeTable", "dynamodb:UpdateTable", "cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms"],
        endpoints: ["applicationautoscaling", "dynamodb"], pricedTypes: [])

    static func bounds(_ text: String) -> Bounds? {
        if let m = text.match("\\b(?:between|from)\\s+(\\d+)\\s*(?:and|to|-|–)\\s*(\\d+)\\b") ?? text.match("\\b(\\d+)\\s*(?:-|–|to)\\s*(\\d+)\\s*(?:rcus?|wcus?|units|capacity)") ?? text.match("\\bmin(?:imum)?\\D{0,10}(\\d+)\\D{1,30}max(?:imum)?\\D{0,10}(\\d+)"),
           let lo = Int(m[1]), let hi = Int(m[2]), lo >= 1, hi >= lo { return Bounds(min: lo, max: hi) }
        return nil
    }

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let t = s.normalized
        // "reads between 5 and 100, writes between 5 and 50": each dimension reads its own clause.
        for part in t.components(separatedBy: CharacterSet(charactersIn: ";,")) + [t] {
            guard let b = bounds(part) else { continue }
            let reads = part.has("\\b(reads?|rcus?)\\b"), writes = part.has("\\b(writes?|wcus?)\\b")
            if reads || !writes { hit = p.read.read(b, line: s.line) || hit }
            if writes || !reads { hit = p.write.read(b, line: s.line) || hit }
        }
        if let pct = t.capture("\\b(\\d{1,2})\\s*(?:%|percent)").flatMap({ Int($0) }), t.has("\\b(target|utili[sz]ation|keep)\\b") { hit = p.targetPercent.read(pct, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, let table = ctx.created(.dynamodb).first else { return }
        let p = c.properties
        let read = p.read?.value ?? p.write?.value ?? Bounds(min: 5, max: 100)
        let write = p.write?.value ?? read
        // Provisioned, starting at the lower bounds; the scaler owns the capacity after that.
        if let k = ctx.blocks.firstIndex(where: { $0.type == "resource" && $0.labels == ["aws_dynamodb_table", table.id] }) {
            ctx.blocks[k].body.removeAll { if case .attribute(let n, _) = $0 { return ["billing_mode", "read_capacity", "write_capacity"].contains(n) }; return false }
            ctx.blocks[k].body.insert(contentsOf: [.attribute("billing_mode", .string("PROVISIONED")), .attribute("read_capacity", .int(read.min)), .attribute("write_capacity", .int(write.min))], at: 1)
            ctx.blocks[k].add(HCLBlock("lifecycle", [], [.attribute("ignore_changes", .list([.reference("read_capacity"), .reference("write_capacity")]))]))
        }
        for (dimension, bounds, metric) in [("Read", read, "DynamoDBReadCapacityUtilization"), ("Write", write, "DynamoDBWriteCapacityUtilization")] {
            let id = "\(table.id)_\(dimension.lowercased())"
            ctx.resource("aws_appautoscaling_target", id, [
                a("service_namespace", .string("dynamodb")), a("scalable_dimension", .string("dynamodb:table:\(dimension)CapacityUnits")),
                a("resource_id", tpl(.literal("table/"), .interpolation("aws_dynamodb_table.\(table.id).name"))),
                a("min_capacity", .int(bounds.min)), a("max_capacity", .int(bounds.max)),
            ])
            ctx.resource("aws_appautoscaling_policy", id, [
                a("name", tpl(.interpolation("aws_dynamodb_table.\(table.id).name"), .literal("-\(dimension.lowercased())-capacity"))), a("policy_type", .string("TargetTrackingScaling")),
                a("service_namespace", .reference("aws_appautoscaling_target.\(id).service_namespace")), a("scalable_dimension", .reference("aws_appautoscaling_target.\(id).scalable_dimension")),
                a("resource_id", .reference("aws_appautoscaling_target.\(id).resource_id")),
                b("target_tracking_scaling_policy_configuration", [a("target_value", .int(p.targetPercent?.value ?? 70)),
                                                                   b("predefined_metric_specification", [a("predefined_metric_type", .string(metric))])]),
            ])
        }
    }
}
