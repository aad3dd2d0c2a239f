import PlanModel

/// SQS/SNS encryption, load balancers, CloudFront and CloudTrail.
enum ServiceChecks {
    /// ELB security policies that allow TLS 1.0/1.1.
    static func isOutdatedTLSPolicy(_ policy: String) -> Bool {
        let modern = ["TLS13", "TLS-1-2", "FS-1-2"]
        return !modern.contains { policy.contains($0) }
    }

    static let checks: [SecurityCheck] = [
        SecurityCheck.perResource(
            ["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
            CheckDefinition(
                id: "EZB-APIGW-001", trivyID: "AWS-0001", checkovID: "CKV_AWS_76", severity: .medium,
                title: "API Gateway stage writes access logs",
                rationale: "Without access logs there is no record of who called the API, from where, and what it answered.",
                remediation: "Add access_log_settings { destination_arn = <log group ARN>, format = ... } to the stage.")
        ) { stage, context in
            if context.undecidable(stage, "access_log_settings") { return nil }
            let settings = stage.value(at: "access_log_settings")?.blocks ?? []
            return settings.contains { ($0["destination_arn"]?.stringValue.map { !$0.isEmpty } ?? true) } ? nil : "access_log_settings is not set"
        },
        SecurityCheck.perResource(
            ["aws_api_gateway_stage"],
            CheckDefinition(
                id: "EZB-APIGW-002", trivyID: "AWS-0003", checkovID: "CKV_AWS_73", severity: .low,
                title: "REST API stage is traced with X-Ray",
                rationale: "Tracing shows which integration made a request slow or fail.",
                remediation: "Set xray_tracing_enabled = true on the stage.")
        ) { stage, context in
            if context.undecidable(stage, "xray_tracing_enabled") { return nil }
            return stage.bool("xray_tracing_enabled") == true ? nil : "xray_tracing_enabled is not true"
        },
        SecurityCheck.perResource(
            ["aws_sqs_queue"],
            CheckDefinition(
                id: "EZB-SQS-001", trivyID: "AWS-0096", checkovID: "CKV_AWS_27", severity: .high,
                title: "SQS queue is encrypted",
                rationale: "Messages often carry personal data or tokens and sit in the queue for days.",
                remediation: "Leave sqs_managed_sse_enabled = true or set kms_master_key_id.")
        ) { queue, _ in
            if let key = queue.string("kms_master_key_id"), !key.isEmpty { return nil }
            // Unset, sqs_managed_sse_enabled is computed and AWS enables SSE-SQS on new queues.
            if queue.isUnknown("kms_master_key_id") || queue.isUnknown("sqs_managed_sse_enabled") { return nil }
            return queue.bool("sqs_managed_sse_enabled") == true ? nil : "neither SSE-SQS nor a KMS key is enabled"
        },
        SecurityCheck.perResource(
            ["aws_sns_topic"],
            CheckDefinition(
                id: "EZB-SNS-001", trivyID: "AWS-0095", checkovID: "CKV_AWS_26", severity: .medium,
                title: "SNS topic is encrypted",
                rationale: "Unencrypted topics store messages in clear text until they are delivered.",
                remediation: "Set kms_master_key_id (e.g. alias/aws/sns or a customer key).")
        ) { topic, context in
            if context.undecidable(topic, "kms_master_key_id") { return nil }
            let key = topic.string("kms_master_key_id") ?? ""
            return key.isEmpty ? "kms_master_key_id is not set" : nil
        },
        SecurityCheck.perResource(
            ["aws_lb_listener", "aws_alb_listener"],
            CheckDefinition(
                id: "EZB-ELB-001", trivyID: "AWS-0054", checkovID: "CKV_AWS_2", severity: .high,
                title: "Load balancer listener uses HTTPS or redirects to it",
                rationale: "Plain HTTP sends sessions, cookies and form data readable on the network.",
                remediation: "Listen on HTTPS with a certificate, and make the port 80 listener a redirect to HTTPS.")
        ) { listener, _ in
            guard listener.string("protocol") == "HTTP" else { return nil }
            let actions = listener.value(at: "default_action")?.blocks ?? []
            let redirects = !actions.isEmpty && actions.allSatisfy { action in
                action["type"]?.stringValue == "redirect"
                    && action["redirect"]?.firstBlock?["protocol"]?.stringValue == "HTTPS"
            }
            return redirects ? nil : "HTTP listener without a redirect to HTTPS"
        },
        SecurityCheck.perResource(
            ["aws_lb_listener", "aws_alb_listener"],
            CheckDefinition(
                id: "EZB-ELB-002", trivyID: "AWS-0047", checkovID: "CKV_AWS_103", severity: .high,
                title: "Load balancer listener uses a TLS 1.2+ security policy",
                rationale: "TLS 1.0 and 1.1 have known weaknesses and fail PCI DSS.",
                remediation: "Set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\".")
        ) { listener, context in
            guard ["HTTPS", "TLS"].contains(listener.string("protocol") ?? ""), !context.undecidable(listener, "ssl_policy") else {
                return nil
            }
            guard let policy = listener.string("ssl_policy") else {
                return "ssl_policy not set: the API default ELBSecurityPolicy-2016-08 allows TLS 1.0 and 1.1"
            }
            return isOutdatedTLSPolicy(policy) ? "ssl_policy \(policy) allows TLS below 1.2" : nil
        },
        SecurityCheck.perResource(
            ["aws_cloudfront_distribution"],
            CheckDefinition(
                id: "EZB-CF-001", trivyID: "AWS-0012", checkovID: "CKV_AWS_34", severity: .high,
                title: "CloudFront viewers must use HTTPS",
                rationale: "allow-all serves content and cookies over plain HTTP to viewers.",
                remediation: "Set viewer_protocol_policy = \"redirect-to-https\" (or https-only) on every cache behavior.")
        ) { distribution, _ in
            let behaviors = (distribution.value(at: "default_cache_behavior")?.blocks ?? [])
                + (distribution.value(at: "ordered_cache_behavior")?.blocks ?? [])
            let open = behaviors.filter { $0["viewer_protocol_policy"]?.stringValue == "allow-all" }
            return open.isEmpty ? nil : "viewer_protocol_policy = allow-all on \(open.count) cache behavior(s)"
        },
        SecurityCheck.perResource(
            ["aws_cloudfront_distribution"],
            CheckDefinition(
                id: "EZB-CF-002", trivyID: "AWS-0013", checkovID: "CKV_AWS_174", severity: .high,
                title: "CloudFront custom certificate requires TLS 1.2",
                rationale: "Older minimum protocol versions let viewers negotiate TLS 1.0/1.1.",
                remediation: "Set viewer_certificate { minimum_protocol_version = \"TLSv1.2_2021\" }.")
        ) { distribution, _ in
            guard let certificate = distribution.value(at: "viewer_certificate")?.firstBlock,
                certificate["cloudfront_default_certificate"]?.boolValue != true,
                let minimum = certificate["minimum_protocol_version"]?.stringValue
            else { return nil }
            return minimum.hasPrefix("TLSv1.2") || minimum.hasPrefix("TLSv1.3") ? nil : "minimum_protocol_version = \(minimum)"
        },
        SecurityCheck.perResource(
            ["aws_cloudtrail"],
            CheckDefinition(
                id: "EZB-CT-001", trivyID: "AWS-0014", checkovID: "CKV_AWS_67", severity: .medium,
                title: "CloudTrail trail covers all regions",
                rationale: "A single-region trail misses activity in every other region, where attackers like to work.",
                remediation: "Set is_multi_region_trail = true.")
        ) { trail, _ in
            trail.bool("is_multi_region_trail") == true ? nil : "is_multi_region_trail is not true"
        },
        SecurityCheck.perResource(
            ["aws_cloudtrail"],
            CheckDefinition(
                id: "EZB-CT-002", trivyID: "AWS-0016", checkovID: "CKV_AWS_36", severity: .medium,
                title: "CloudTrail log file validation is enabled",
                rationale: "Digest files prove logs were not altered or deleted after delivery.",
                remediation: "Set enable_log_file_validation = true.")
        ) { trail, _ in
            trail.bool("enable_log_file_validation") == true ? nil : "enable_log_file_validation is not true"
        },
        SecurityCheck.perResource(
            ["aws_cloudtrail"],
            CheckDefinition(
                id: "EZB-CT-003", trivyID: "AWS-0015", checkovID: "CKV_AWS_35", severity: .medium,
                title: "CloudTrail logs are encrypted with a KMS key",
                rationale: "A customer key adds an access-controlled, audited layer in front of the audit log.",
                remediation: "Set kms_key_id to a KMS key the trail may use.")
        ) { trail, context in
            if context.undecidable(trail, "kms_key_id") { return nil }
            return (trail.string("kms_key_id") ?? "").isEmpty ? "kms_key_id is not set" : nil
        },
    ]
}
