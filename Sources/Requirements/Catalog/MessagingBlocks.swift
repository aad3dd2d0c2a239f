import Foundation

/// SQS queue: SSE (SQS-managed or the stack's key), retention, visibility, FIFO, a DLQ through a
/// separate redrive policy, and a queue policy when only a topic may send.
enum QueueBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let id = c.id
        let fifo = c.bool("fifo") ?? (c.name?.value.hasSuffix(".fifo") ?? false)
        var name = ctx.name(c, ctx.baseName + "-" + id.replacingOccurrences(of: "_", with: "-"))
        if fifo && !name.hasSuffix(".fifo") { name += ".fifo" }
        let kms = c.string("encryption") == "kms" ? ctx.kmsKeyARN : nil
        func encryption() -> [HCLBodyItem?] {
            kms.map { [a("kms_master_key_id", $0), a("kms_data_key_reuse_period_seconds", .int(c.int("dataKeyReuse") ?? 300))] } ?? [a("sqs_managed_sse_enabled", .bool(true))]
        }
        var visibility = c.int("visibilitySeconds") ?? 30
        if let x = c.int("visibilityMultiplier") {
            let fnTimeout = ctx.created(.function).first?.int("timeout") ?? 30
            visibility = x * fnTimeout
        }
        ctx.resource("aws_sqs_queue", id, [
            a("name", .string(name)), fifo ? a("fifo_queue", .bool(true)) : nil,
            a("message_retention_seconds", .int(c.int("retentionSeconds") ?? 4 * 86400)),
            a("visibility_timeout_seconds", .int(min(43200, visibility))),
        ] + encryption())
        if c.bool("dlq") == true {
            var dlqName = c.string("dlqName") ?? name.replacingOccurrences(of: ".fifo", with: "") + "-dlq"
            if fifo && !dlqName.hasSuffix(".fifo") { dlqName += ".fifo" }
            ctx.resource("aws_sqs_queue", "\(id)_dlq", [
                a("name", .string(AWSNames.sanitize(dlqName, for: .queue))), fifo ? a("fifo_queue", .bool(true)) : nil,
                a("message_retention_seconds", .int(min(1_209_600, (c.int("dlqRetentionDays") ?? 14) * 86400))),
            ] + encryption())
            ctx.resource("aws_sqs_queue_redrive_policy", id, [
                a("queue_url", .reference("aws_sqs_queue.\(id).id")),
                a("redrive_policy", .call("jsonencode", [.object([("deadLetterTargetArn", .reference("aws_sqs_queue.\(id)_dlq.arn")), ("maxReceiveCount", .int(c.int("maxReceives") ?? 5))])])),
            ])
            ctx.resource("aws_sqs_queue_redrive_allow_policy", "\(id)_dlq", [
                a("queue_url", .reference("aws_sqs_queue.\(id)_dlq.id")),
                a("redrive_allow_policy", .call("jsonencode", [.object([("redrivePermission", .string("byQueue")), ("sourceQueueArns", .list([.reference("aws_sqs_queue.\(id).arn")]))])])),
            ])
        }
        if c.bool("s3Events") == true, let bucket = ctx.created(.bucket).first ?? ctx.created(.staticSite).first {
            // Only the bucket may send, and only its object-created events.
            let bucketARN = HCLExpression.reference("aws_s3_bucket.\(bucket.id).arn")
            ctx.data("aws_iam_policy_document", "\(id)_s3_events", [.block(PolicyStatement(sid: "AllowBucketEvents", actions: ["sqs:SendMessage"], resources: [.reference("aws_sqs_queue.\(id).arn")],
                                                                                         conditions: [("ArnEquals", "aws:SourceArn", [bucketARN])], principals: [("Service", [.string("s3.amazonaws.com")])]).block)])
            ctx.resource("aws_sqs_queue_policy", "\(id)_s3_events", [a("queue_url", .reference("aws_sqs_queue.\(id).id")), a("policy", .reference("data.aws_iam_policy_document.\(id)_s3_events.json"))])
            ctx.resource("aws_s3_bucket_notification", "\(bucket.id)_\(id)", [
                a("bucket", .reference("aws_s3_bucket.\(bucket.id).id")),
                b("queue", [a("queue_arn", .reference("aws_sqs_queue.\(id).arn")), a("events", .strings(["s3:ObjectCreated:*"])),
                            c.string("s3EventPrefix").map { a("filter_prefix", .string($0)) } ?? nil, c.string("s3EventSuffix").map { a("filter_suffix", .string($0)) } ?? nil]),
                a("depends_on", .list([.reference("aws_sqs_queue_policy.\(id)_s3_events")])),
            ])
        }
    }
}

/// SNS topic with email, SQS (filter policy, raw delivery) subscriptions; queues subscribed get
/// a policy that lets only this topic send.
enum TopicBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        let id = c.id
        let topicARN: HCLExpression
        if c.ownership == .existing {
            guard let n = c.name?.value else { return }
            ctx.data("aws_sns_topic", id, [a("name", .string(n))])
            topicARN = .reference("data.aws_sns_topic.\(id).arn")
        } else {
            let fifo = c.bool("fifo") ?? false
            var name = ctx.name(c, ctx.baseName + "-" + id.replacingOccurrences(of: "_", with: "-"))
            if fifo && !name.hasSuffix(".fifo") { name += ".fifo" }
            ctx.resource("aws_sns_topic", id, [
                a("name", .string(name)), fifo ? a("fifo_topic", .bool(true)) : nil,
                a("kms_master_key_id", ctx.kmsKeyARN ?? .string("alias/aws/sns")),
            ])
            topicARN = .reference("aws_sns_topic.\(id).arn")
        }
        for (n, email) in c.strings("emails").enumerated() {
            ctx.resource("aws_sns_topic_subscription", "\(id)_email\(n == 0 ? "" : "_\(n + 1)")", [
                .comment("The recipient must confirm the subscription from the email AWS sends."),
                a("topic_arn", topicARN), a("protocol", .string("email")), a("endpoint", .string(email)),
            ])
        }
        let queues = ctx.created(.queue)
        let linked = queues.filter { $0.bool("subscribe") == true || $0.bool("topicOnly") == true || $0.string("filter") != nil || $0.bool("rawDelivery") != nil }
        for q in (linked.isEmpty && ctx.created(.topic).count == 1 && c.ownership == .create && ctx.created(.function).isEmpty ? queues : linked) {
            var items: [HCLBodyItem?] = [a("topic_arn", topicARN), a("protocol", .string("sqs")), a("endpoint", .reference("aws_sqs_queue.\(q.id).arn"))]
            if q.bool("rawDelivery") == true { items.append(a("raw_message_delivery", .bool(true))) }
            if let f = q.string("filter"), let eq = f.firstIndex(of: "=") {
                items.append(a("filter_policy_scope", .string("MessageAttributes")))
                items.append(a("filter_policy", .call("jsonencode", [.object([(String(f[..<eq]), .list([.string(String(f[f.index(after: eq)...]))]))])])))
            }
            ctx.resource("aws_sns_topic_subscription", "\(q.id)", items)
            ctx.data("aws_iam_policy_document", "\(q.id)_queue", [
                .block(PolicyStatement(sid: "AllowTopicOnly", actions: ["sqs:SendMessage"], resources: [.reference("aws_sqs_queue.\(q.id).arn")],
                                       conditions: [("ArnEquals", "aws:SourceArn", [topicARN])], principals: [("Service", [.string("sns.amazonaws.com")])]).block),
            ])
            ctx.resource("aws_sqs_queue_policy", q.id, [a("queue_url", .reference("aws_sqs_queue.\(q.id).id")), a("policy", .reference("data.aws_iam_policy_document.\(q.id)_queue.json"))])
        }
    }
}

/// CloudWatch metric alarms notifying a topic on ALARM (and OK when asked).
enum AlarmBlock {
    static let namespaces: [String: String] = [
        "CPUUtilization": "AWS/EC2", "StatusCheckFailed": "AWS/EC2", "ApproximateNumberOfMessagesVisible": "AWS/SQS", "ApproximateAgeOfOldestMessage": "AWS/SQS",
        "NumberOfMessagesSent": "AWS/SQS", "Errors": "AWS/Lambda", "Throttles": "AWS/Lambda", "Duration": "AWS/Lambda", "FreeStorageSpace": "AWS/RDS",
        "DatabaseConnections": "AWS/RDS", "FreeableMemory": "AWS/RDS", "ReadLatency": "AWS/RDS", "WriteLatency": "AWS/RDS", "5XXError": "AWS/ApiGateway",
        "4XXError": "AWS/ApiGateway", "HTTPCode_Target_5XX_Count": "AWS/ApplicationELB", "TargetResponseTime": "AWS/ApplicationELB",
        "UnHealthyHostCount": "AWS/ApplicationELB", "ConsumedReadCapacityUnits": "AWS/DynamoDB", "ConsumedWriteCapacityUnits": "AWS/DynamoDB", "MemoryUtilization": "AWS/ECS",
        "ConcurrentExecutions": "AWS/Lambda", "IteratorAge": "AWS/Lambda", "DeadLetterErrors": "AWS/Lambda",
        "SystemErrors": "AWS/DynamoDB", "UserErrors": "AWS/DynamoDB", "ReadThrottleEvents": "AWS/DynamoDB", "WriteThrottleEvents": "AWS/DynamoDB", "ThrottledRequests": "AWS/DynamoDB",
        "CPUCreditBalance": "AWS/EC2", "NetworkIn": "AWS/EC2", "NetworkOut": "AWS/EC2",
        "NumberOfNotificationsFailed": "AWS/SNS", "Latency": "AWS/ApiGateway", "Count": "AWS/ApiGateway",
    ]
    /// The dimension each namespace's metrics are taken for, and the kind of component it names.
    static let dimensions: [String: (name: String, kind: ComponentKind, resource: String)] = [
        "AWS/Lambda": ("FunctionName", .function, "aws_lambda_function.%@.function_name"), "AWS/DynamoDB": ("TableName", .dynamodb, "aws_dynamodb_table.%@.name"),
    ]

    static func render(_ c: Component, index: Int, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let metric = c.string("metric") ?? "CPUUtilization"
        let topic = ctx.components(.topic).first
        let topicARN: HCLExpression = topic.map { $0.ownership == .create ? .reference("aws_sns_topic.\($0.id).arn") : .reference("data.aws_sns_topic.\($0.id).arn") } ?? .null
        var dims: [(String, HCLExpression)] = []
        let namespace = namespaces[metric] ?? "AWS/EC2"
        if namespace == "AWS/EC2" {
            if let i = c.string("instanceId") ?? ctx.spec.components.compactMap({ $0.kind == .alarm ? $0.string("instanceId") : nil }).first { dims.append(("InstanceId", .string(i))) }
            else if let inst = ctx.created(.instance).first { dims.append(("InstanceId", .reference("aws_instance.\(inst.id).id"))) }
        } else if namespace == "AWS/RDS" {
            if let db = c.string("dbInstance") { dims.append(("DBInstanceIdentifier", .string(db))) }
            else if let db = ctx.created(.database).first { dims.append(("DBInstanceIdentifier", .reference("aws_db_instance.\(db.id).identifier"))) }
        } else if namespace == "AWS/SQS" {
            let q = c.string("queueName") ?? ctx.spec.components.compactMap({ $0.kind == .alarm ? $0.string("queueName") : nil }).first
                ?? ctx.components(.queue).first?.name?.value
            if let q { dims.append(("QueueName", .string(q))) }
        }
        if let d = dimensions[namespace] {
            // The component the alarm's line names, else the only one of its kind.
            let candidates = ctx.components(d.kind)
            let subject = c.string("subject")?.lowercased()
            let target = candidates.first { $0.name?.value.lowercased() == subject } ?? (candidates.count == 1 ? candidates.first : nil)
            if let target, target.ownership == .create { dims.append((d.name, .reference(d.resource.replacingOccurrences(of: "%@", with: target.id)))) }
            else if let name = target?.name?.value ?? c.string("subject") { dims.append((d.name, .string(name))) }
        }
        var base = c.name?.value ?? metricTitle(metric)
        if let p = ctx.spec.settings.namePrefix?.value, !base.hasPrefix(p) { base = p + base }
        ctx.resource("aws_cloudwatch_metric_alarm", c.id, [
            a("alarm_name", .string(AWSNames.sanitize(base, for: .alarm))), a("alarm_description", .string("\(metric) \(c.string("comparison") ?? "GreaterThanThreshold") \(c.string("threshold") ?? "80")")),
            a("namespace", .string(namespace)), a("metric_name", .string(metric)),
            c.string("extendedStatistic").map { a("extended_statistic", .string($0)) } ?? a("statistic", .string(c.string("statistic") ?? "Average")),
            a("period", .int(c.int("period") ?? 300)), a("evaluation_periods", .int(c.int("periods") ?? 1)),
            a("threshold", .double(Double(c.string("threshold") ?? "80") ?? 80)), a("comparison_operator", .string(c.string("comparison") ?? "GreaterThanThreshold")),
            // Said once for all alarms ("missing data should not page anyone"), it holds for each.
            a("treat_missing_data", .string(c.string("missingData") ?? ctx.spec.components.lazy.compactMap { $0.kind == .alarm ? $0.string("missingDataAll") : nil }.first ?? "missing")),
            dims.isEmpty ? nil : a("dimensions", .object(dims)),
            a("alarm_actions", .list([topicARN])), c.bool("okActions") == true || ctx.spec.components.contains { $0.kind == .alarm && $0.bool("okActions") == true } ? a("ok_actions", .list([topicARN])) : nil,
        ])
    }

    static func metricTitle(_ metric: String) -> String {
        var out = ""
        for ch in metric { if ch.isUppercase && !out.isEmpty && !(out.last?.isUppercase ?? false) { out += "-" }; out.append(ch) }
        return out.lowercased()
    }
}
