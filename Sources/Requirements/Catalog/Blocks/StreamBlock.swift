import Foundation

/// Kinesis data stream (provisioned shards or on-demand), KMS-encrypted, with retention,
/// enhanced fan-out consumers when asked, and the stack's function as a consumer through an
/// event source mapping with read access.
enum StreamBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var shards: Sourced<Int>?
        var onDemand: Sourced<Bool>?
        var retentionHours: Sourced<Int>?
        var consumers: [String] = []
        var batchSize: Sourced<Int>?
        var startingPosition: Sourced<String>?
    }
    static let kind = "stream"
    static let noun = "Kinesis data stream"
    static let repeatable = true
    static let lexicon = Lexicon(
        mention: "\\b(kinesis( data)?( streams?)?|data streams?|shards?|enhanced fan-?out)\\b",
        strong: "\\bkinesis( data)?( streams?)?\\b", exclude: "\\b(kinesis (data )?firehose|firehose)\\b", nameNoun: "(?:stream|kinesis stream|data stream)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_kinesis_stream", "aws_kinesis_stream_consumer", "aws_lambda_event_source_mapping", "aws_iam_role_policy"],
        iamActions: ["kinesis:CreateStream", "kinesis:DeleteStream", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:IncreaseStreamRetentionPeriod", "kinesis:DecreaseStreamRetentionPeriod", "kinesis:StartStreamEncryption", "kinesis:UpdateShardCount", "kinesis:RegisterStreamConsumer", "kinesis:DeregisterStreamConsumer", "kinesis:AddTagsToStream", "kinesis:ListTagsForStream", "lambda:CreateEventSourceMapping", "lambda:DeleteEventSourceMapping", "lambda:GetEventSourceMapping"],
        endpoints: ["kinesis", "lambda"], pricedTypes: ["aws_kinesis_stream"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if let n = Values.count(of: "shards?", in: s.normalized) { hit = p.shards.read(n, line: s.line) }
        if let od = s.choice("\\bon[- ]demand\\b") { hit = p.onDemand.read(od, line: s.line) || hit }
        if s.says("\\b(retain|retention|keep|kept|replay)\\b"), let secs = Values.seconds(in: s.after("\\b(retain|retention|keep|kept|replay)\\w*\\b") ?? "") { hit = p.retentionHours.read(min(8760, max(24, secs / 3600)), line: s.line) || hit }
        if s.says("\\benhanced fan-?out|dedicated throughput|efo\\b") {
            let names = s.text.matches(NameReader.quoted).map { $0.groups[1] }.filter(NameReader.valid)
            for n in names.isEmpty ? ["consumer"] : names where !p.consumers.contains(n) { p.consumers.append(n) }
            hit = true
        }
        if s.says("\\bbatch"), let n = s.normalized.capture("\\bbatch(?:es)?(?: size)?(?: of)?\\s*(?:up to\\s*)?(\\d+)") .flatMap({ Int($0) }) ?? s.normalized.capture("(\\d+)\\s*records?").flatMap({ Int($0) }) { hit = p.batchSize.read(n, line: s.line) || hit }
        if s.says("\\b(from the (start|beginning)|trim horizon|oldest)\\b") { hit = p.startingPosition.read("TRIM_HORIZON", line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let onDemand = p.onDemand?.value ?? (p.shards == nil)
        ctx.resource("aws_kinesis_stream", c.id, [
            a("name", .string(ctx.blockName(c, "stream"))), onDemand ? nil : a("shard_count", .int(p.shards?.value ?? 1)),
            a("retention_period", .int(p.retentionHours?.value ?? 24)),
            a("encryption_type", .string("KMS")), a("kms_key_id", ctx.kmsKeyARN ?? .string("alias/aws/kinesis")),
            b("stream_mode_details", [a("stream_mode", .string(onDemand ? "ON_DEMAND" : "PROVISIONED"))]),
        ])
        for n in p.consumers {
            ctx.resource("aws_kinesis_stream_consumer", "\(c.id)_\(NameReader.identifier(n))", [a("name", .string(n)), a("stream_arn", .reference("aws_kinesis_stream.\(c.id).arn"))])
        }
        guard let fn = ctx.created(.function).first else { return }
        ctx.resource("aws_lambda_event_source_mapping", c.id, [
            a("event_source_arn", .reference("aws_kinesis_stream.\(c.id).arn")), a("function_name", .reference("aws_lambda_function.\(fn.id).arn")),
            a("starting_position", .string(p.startingPosition?.value ?? "LATEST")), a("batch_size", .int(p.batchSize?.value ?? 100)),
        ])
        ctx.rolePolicy(id: "\(c.id)_read", role: .reference("aws_iam_role.\(fn.id)_lambda.id"), statements: [
            PolicyStatement(actions: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard"], resources: [.reference("aws_kinesis_stream.\(c.id).arn")]),
        ])
    }
}
