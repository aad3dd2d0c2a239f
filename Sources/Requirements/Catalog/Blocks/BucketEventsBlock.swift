import Foundation

/// S3 event notifications to an SNS topic: the events (created, removed) and key filters the
/// document gives, and a topic policy letting only that bucket, in this account, publish. A
/// bucket has one notification configuration, so a topic joins the one its queue or function
/// trigger already rendered.
enum BucketEventsBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var events: [String] = []
        var prefix: Sourced<String>?
        var suffix: Sourced<String>?
        var bucketName: Sourced<String>?
    }
    static let kind = "bucketEvents"
    static let noun = "S3 event notification"
    static let objectEvent = "\\b(objects?|uploads?|files?|images?|documents?)\\b[^.;]{0,40}\\b(created|uploaded|added|put|deleted|removed|lands?|arrives?)\\b"
    static let lexicon = Lexicon(
        mention: "\\b(s3 (event )?notifications?|bucket (event )?notifications?|event notifications?)\\b|" + objectEvent + "[^.;]{0,60}\\b(sns|topic)\\b|\\b(sns|topic)\\b[^.;]{0,60}" + objectEvent,
        strong: nil, exclude: nil, nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_s3_bucket_notification", "aws_sns_topic_policy"],
        iamActions: ["s3:PutBucketNotification", "s3:GetBucketNotification", "sns:SetTopicAttributes", "sns:GetTopicAttributes"],
        endpoints: ["s3", "sns"], pricedTypes: [], dataSources: ["aws_caller_identity"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        guard context.mentionsBlock else { return false }
        var hit = false
        if s.says("\\b(created|uploaded|added|new|put|lands?|arrives?)\\b"), !p.events.contains("s3:ObjectCreated:*") { p.events.append("s3:ObjectCreated:*"); hit = true }
        if s.says("\\b(deleted|removed|deletes|removals?)\\b"), !p.events.contains("s3:ObjectRemoved:*") { p.events.append("s3:ObjectRemoved:*"); hit = true }
        if let pre = s.text.capture("(?i)\\b(?:prefix|under|in the folder|in)\\s*[`\"“]([A-Za-z0-9_./-]+/)[`\"”]") { hit = p.prefix.read(pre, line: s.line) || hit }
        if let suf = s.text.capture("(?i)\\b(?:suffix|ending in|ends with|extension)\\s*[`\"“]?(\\.[A-Za-z0-9]{1,10})\\b") ?? s.text.capture("(?i)[`\"“]\\*(\\.[A-Za-z0-9]{1,10})[`\"”]") { hit = p.suffix.read(suf, line: s.line) || hit }
        if let b = s.text.capture("(?i)\\bbucket\\s*[`\"“]([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])[`\"”]") { hit = p.bucketName.read(b, line: s.line) || hit }
        return true
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, let topic = ctx.created(.topic).first else { return }
        let p = c.properties
        let buckets = ctx.created(.bucket)
        guard let bucket = p.bucketName.flatMap({ n in buckets.first { $0.name?.value == n.value } }) ?? buckets.first else {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "S3 event notifications were asked for but the stack creates no bucket"))
            return
        }
        let topicARN = HCLExpression.reference("aws_sns_topic.\(topic.id).arn")
        let bucketARN = HCLExpression.reference("aws_s3_bucket.\(bucket.id).arn")
        ctx.data("aws_caller_identity", "current", [])
        if !ctx.blocks.contains(where: { $0.type == "resource" && $0.labels.first == "aws_sns_topic_policy" && $0.body.contains { if case .attribute("arn", topicARN) = $0 { return true }; return false } }) {
            ctx.data("aws_iam_policy_document", "\(c.id)_topic", [.block(PolicyStatement(sid: "AllowBucketEvents", actions: ["sns:Publish"], resources: [topicARN],
                                                                                        conditions: [("ArnEquals", "aws:SourceArn", [bucketARN]), ("StringEquals", "aws:SourceAccount", [.reference("data.aws_caller_identity.current.account_id")])],
                                                                                        principals: [("Service", [.string("s3.amazonaws.com")])]).block)])
            ctx.resource("aws_sns_topic_policy", c.id, [a("arn", topicARN), a("policy", .reference("data.aws_iam_policy_document.\(c.id)_topic.json"))])
        } else {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "the topic already has a policy from another block; add s3.amazonaws.com to it so the bucket may publish"))
        }
        let topicBlock = HCLBlock("topic", [], [
            .attribute("topic_arn", topicARN), .attribute("events", .strings(p.events.isEmpty ? ["s3:ObjectCreated:*"] : p.events)),
        ] + (p.prefix.map { [HCLBodyItem.attribute("filter_prefix", .string($0.value))] } ?? []) + (p.suffix.map { [HCLBodyItem.attribute("filter_suffix", .string($0.value))] } ?? []))
        // One notification configuration per bucket: join the one a queue or function trigger rendered.
        if let k = ctx.blocks.firstIndex(where: { $0.type == "resource" && $0.labels.first == "aws_s3_bucket_notification" && ($0.labels[1] == bucket.id || $0.labels[1].hasPrefix(bucket.id + "_")) }) {
            ctx.blocks[k].body.insert(.block(topicBlock), at: 1)
            var depends: [HCLExpression] = [.reference("aws_sns_topic_policy.\(c.id)")]
            ctx.blocks[k].body.removeAll { if case .attribute("depends_on", .list(let old)) = $0 { depends = old + depends; return true }; return false }
            ctx.blocks[k].set("depends_on", .list(depends))
        } else {
            ctx.resource("aws_s3_bucket_notification", c.id, [a("bucket", .reference("aws_s3_bucket.\(bucket.id).id")), .block(topicBlock), a("depends_on", .list([.reference("aws_sns_topic_policy.\(c.id)")]))])
        }
    }
}
