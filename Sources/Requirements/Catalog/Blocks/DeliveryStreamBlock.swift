import Foundation

/// Kinesis Data Firehose delivering to S3: buffering, compression, date prefixes, an error
/// prefix, logging to CloudWatch and a role that may write only to that bucket.
enum DeliveryStreamBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var bufferMiB: Sourced<Int>?
        var bufferSeconds: Sourced<Int>?
        var compression: Sourced<String>?
        var prefix: Sourced<String>?
    }
    static let kind = "deliveryStream"
    static let noun = "Kinesis Data Firehose delivery stream"
    static let lexicon = Lexicon(mention: "\\b(firehose|delivery streams?|data firehose)\\b", strong: nil, exclude: nil, nameNoun: "(?:firehose|delivery stream)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_kinesis_firehose_delivery_stream", "aws_iam_role", "aws_iam_role_policy", "aws_cloudwatch_log_group", "aws_cloudwatch_log_stream"],
        iamActions: ["firehose:CreateDeliveryStream", "firehose:DeleteDeliveryStream", "firehose:DescribeDeliveryStream", "firehose:UpdateDestination", "firehose:TagDeliveryStream", "firehose:ListTagsForDeliveryStream", "firehose:StartDeliveryStreamEncryption", "iam:PassRole"],
        endpoints: ["firehose", "iam", "cloudwatchlogs"], pricedTypes: ["aws_kinesis_firehose_delivery_stream"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if s.says("\\bbuffer"), let mb = s.normalized.capture("(\\d+)\\s*(?:mb|mib|megabytes?)").flatMap({ Int($0) }) { hit = p.bufferMiB.read(min(128, max(1, mb)), line: s.line) }
        if s.says("\\b(buffer|flush|every|interval|deliver)"), let secs = Values.seconds(in: s.normalized.replacing("\\d+\\s*(mb|mib|megabytes?)", with: "")), secs >= 60 || s.says("\\bsec") { hit = p.bufferSeconds.read(min(900, max(0, secs)), line: s.line) || hit }
        if s.says("\\bgzip|gzipped\\b") { hit = p.compression.read("GZIP", line: s.line) || hit }
        else if s.says("\\bsnappy\\b") { hit = p.compression.read("Snappy", line: s.line) || hit }
        else if s.says("\\bzip\\b") { hit = p.compression.read("ZIP", line: s.line) || hit }
        if let pre = s.text.capture("(?i)\\bprefix\\s*(?:of|is|:|=)?\\s*[`\"“]([^`\"”]+)[`\"”]") { hit = p.prefix.read(pre, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, let bucket = ctx.created(.bucket).first ?? ctx.components(.bucket).first else { return }
        let p = c.properties
        let name = ctx.blockName(c, "delivery")
        let bucketARN: HCLExpression = bucket.ownership == .create ? .reference("aws_s3_bucket.\(bucket.id).arn") : .string("arn:aws:s3:::\(bucket.name?.value ?? "bucket")")
        ctx.logGroup(id: c.id, name: .string("/aws/kinesisfirehose/\(name)"), days: 30)
        ctx.resource("aws_cloudwatch_log_stream", c.id, [a("name", .string("S3Delivery")), a("log_group_name", .reference("aws_cloudwatch_log_group.\(c.id).name"))])
        ctx.role(id: "\(c.id)_firehose", name: name + "-firehose", service: "firehose.amazonaws.com")
        ctx.rolePolicy(id: "\(c.id)_deliver", role: .reference("aws_iam_role.\(c.id)_firehose.id"), statements: [
            PolicyStatement(actions: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
                            resources: [bucketARN, .template([.interpolation(DataCatalogBlock.refText(bucketARN)), .literal("/*")])]),
            PolicyStatement(actions: ["logs:PutLogEvents"], resources: [.template([.interpolation("aws_cloudwatch_log_group.\(c.id).arn"), .literal(":*")])]),
        ])
        let prefix = p.prefix?.value ?? "data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
        ctx.resource("aws_kinesis_firehose_delivery_stream", c.id, [
            a("name", .string(name)), a("destination", .string("extended_s3")),
            b("server_side_encryption", [a("enabled", .bool(true)), a("key_type", .string("AWS_OWNED_CMK"))]),
            b("extended_s3_configuration", [
                a("role_arn", .reference("aws_iam_role.\(c.id)_firehose.arn")), a("bucket_arn", bucketARN),
                a("buffering_size", .int(p.bufferMiB?.value ?? 64)), a("buffering_interval", .int(p.bufferSeconds?.value ?? 300)),
                a("compression_format", .string(p.compression?.value ?? "GZIP")),
                a("prefix", .string(prefix)),
                a("error_output_prefix", .string("errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/")),
                b("cloudwatch_logging_options", [a("enabled", .bool(true)), a("log_group_name", .reference("aws_cloudwatch_log_group.\(c.id).name")), a("log_stream_name", .reference("aws_cloudwatch_log_stream.\(c.id).name"))]),
            ]),
        ])
    }
}
