import Foundation

/// Athena workgroup: results written encrypted to the stack's bucket (or a named location),
/// settings enforced, CloudWatch metrics on and a per-query scan limit.
enum QueryWorkgroupBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var resultsPath: Sourced<String>?
        var scanLimitGiB: Sourced<Double>?
    }
    static let kind = "queryWorkgroup"
    static let noun = "Athena workgroup"
    static let lexicon = Lexicon(mention: "\\b(athena|query results?|sql queries over|query (the )?(logs|data) (in|with) sql)\\b", strong: "\\bathena\\b", exclude: nil, nameNoun: "(?:workgroup|athena workgroup)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_athena_workgroup"],
        iamActions: ["athena:CreateWorkGroup", "athena:DeleteWorkGroup", "athena:GetWorkGroup", "athena:UpdateWorkGroup", "athena:TagResource", "athena:ListTagsForResource"],
        endpoints: ["athena"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if s.says("\\bresults?\\b"), let path = s.text.capture("(s3://[A-Za-z0-9._/-]+)") { hit = p.resultsPath.read(path, line: s.line) }
        if s.says("\\b(scan|scanned|per query|cutoff|limit)\\b"), let g = Values.gibibytes(in: s.normalized) { hit = p.scanLimitGiB.read(g, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let output: HCLExpression
        if let path = p.resultsPath?.value { output = .string(path.hasSuffix("/") ? path : path + "/") }
        else if let bucket = ctx.created(.bucket).first { output = .template([.literal("s3://"), .interpolation("aws_s3_bucket.\(bucket.id).bucket"), .literal("/athena-results/")]) }
        else { output = .null }
        ctx.resource("aws_athena_workgroup", c.id, [
            a("name", .string(ctx.blockName(c, "analytics"))), a("force_destroy", .bool(false)),
            b("configuration", [
                a("enforce_workgroup_configuration", .bool(true)), a("publish_cloudwatch_metrics_enabled", .bool(true)),
                a("bytes_scanned_cutoff_per_query", .int(max(10_485_760, Int((p.scanLimitGiB?.value ?? 10) * 1_073_741_824)))),
                output == .null ? nil : b("result_configuration", [a("output_location", output), b("encryption_configuration", [a("encryption_option", .string("SSE_S3"))])]),
            ]),
        ])
    }
}
