/// Private S3 bucket: public access block, owner-enforced ownership, versioning, encryption
/// (SSE-S3 or the stack's KMS key), lifecycle rules and a TLS-only bucket policy.
enum BucketBlock {
    static func render(_ c: Component, into ctx: inout RenderContext, extraPolicy: [PolicyStatement] = []) {
        if c.ownership == .existing { return }
        let id = c.id
        let name = ctx.name(c, ctx.baseName + "-" + id.replacingOccurrences(of: "_", with: "-"))
        let bucket = HCLExpression.reference("aws_s3_bucket.\(id).id")
        ctx.resource("aws_s3_bucket", id, [a("bucket", .string(AWSNames.sanitize(name, for: .bucket)))])
        ctx.resource("aws_s3_bucket_public_access_block", id, [
            a("bucket", bucket), a("block_public_acls", .bool(true)), a("block_public_policy", .bool(true)),
            a("ignore_public_acls", .bool(true)), a("restrict_public_buckets", .bool(true)),
        ])
        ctx.resource("aws_s3_bucket_ownership_controls", id, [a("bucket", bucket), b("rule", [a("object_ownership", .string("BucketOwnerEnforced"))])])
        let versioning = c.bool("versioning") ?? true
        ctx.resource("aws_s3_bucket_versioning", id, [a("bucket", bucket), b("versioning_configuration", [a("status", .string(versioning ? "Enabled" : "Suspended"))])])
        let kms = c.string("encryption") == "kms" ? ctx.kmsKeyARN : nil
        ctx.resource("aws_s3_bucket_server_side_encryption_configuration", id, [
            a("bucket", bucket),
            b("rule", [
                b("apply_server_side_encryption_by_default", [a("sse_algorithm", .string(kms == nil ? "AES256" : "aws:kms")), kms.map { a("kms_master_key_id", $0) } ?? nil]),
                kms == nil ? nil : a("bucket_key_enabled", .bool(true)),
            ]),
        ])
        let transitions = c.strings("transitions").compactMap { t -> (String, Int)? in
            let p = t.split(separator: ":"); guard p.count == 2, let d = Int(p[1]) else { return nil }; return (String(p[0]), d)
        }.sorted { $0.1 < $1.1 }
        if !transitions.isEmpty || c.int("expirationDays") != nil || c.int("noncurrentDays") != nil || c.int("abortMultipartDays") != nil {
            var rule: [HCLBodyItem?] = [a("id", .string("lifecycle")), a("status", .string("Enabled")), b("filter", [])]
            for (cls, d) in transitions { rule.append(b("transition", [a("days", .int(d)), a("storage_class", .string(cls))])) }
            if let d = c.int("expirationDays") { rule.append(b("expiration", [a("days", .int(d))])) }
            if let d = c.int("noncurrentDays") { rule.append(b("noncurrent_version_expiration", [a("noncurrent_days", .int(d))])) }
            rule.append(b("abort_incomplete_multipart_upload", [a("days_after_initiation", .int(c.int("abortMultipartDays") ?? 7))]))
            ctx.resource("aws_s3_bucket_lifecycle_configuration", id, [
                a("bucket", bucket), b("rule", rule), a("depends_on", .list([.reference("aws_s3_bucket_versioning.\(id)")])),
            ])
        }
        var statements = extraPolicy
        statements.append(PolicyStatement(sid: "DenyInsecureTransport", effect: "Deny", actions: ["s3:*"],
                                          resources: [.reference("aws_s3_bucket.\(id).arn"), tpl(.interpolation("aws_s3_bucket.\(id).arn"), .literal("/*"))],
                                          conditions: [("Bool", "aws:SecureTransport", [.string("false")])], principals: [("*", [.string("*")])]))
        ctx.data("aws_iam_policy_document", "\(id)_bucket", statements.map { .block($0.block) })
        ctx.resource("aws_s3_bucket_policy", id, [
            a("bucket", bucket), a("policy", .reference("data.aws_iam_policy_document.\(id)_bucket.json")),
            a("depends_on", .list([.reference("aws_s3_bucket_public_access_block.\(id)")])),
        ])
    }
}

/// Static website: private bucket behind CloudFront with origin access control, optional ACM
/// certificate (in us-east-1) validated in an existing Route 53 zone, and alias records.
enum StaticSiteBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        let id = c.id
        let domains = c.bool("customDomain") == false ? [] : c.strings("domains")
        let givenCertificate = c.string("certificateArn")
        let records = c.bool("externalDNS") != true
        let zoneName = c.string("zone") ?? domains.map { d in d.hasPrefix("www.") ? String(d.dropFirst(4)) : d }.min { $0.count < $1.count }
        let https = !domains.isEmpty
        var bucket = c
        bucket.kind = .bucket
        bucket.id = id
        if bucket.name == nil, let z = zoneName { bucket.name = Sourced(z.replacingOccurrences(of: ".", with: "-") + "-site", line: c.line) }
        let distributionARN = HCLExpression.reference("aws_cloudfront_distribution.\(id).arn")
        BucketBlock.render(bucket, into: &ctx, extraPolicy: [
            PolicyStatement(sid: "AllowCloudFrontRead", actions: ["s3:GetObject"], resources: [tpl(.interpolation("aws_s3_bucket.\(id).arn"), .literal("/*"))],
                            conditions: [("StringEquals", "AWS:SourceArn", [distributionARN])], principals: [("Service", [.string("cloudfront.amazonaws.com")])]),
        ])
        ctx.resource("aws_cloudfront_origin_access_control", id, [
            a("name", .string(AWSNames.sanitize(ctx.name(bucket, "site"), for: .bucket))), a("description", .string("Origin access control for the site bucket")),
            a("origin_access_control_origin_type", .string("s3")), a("signing_behavior", .string("always")), a("signing_protocol", .string("sigv4")),
        ])
        if https && records {
            ctx.data("aws_route53_zone", "site", [a("name", .string(zoneName ?? domains[0])), a("private_zone", .bool(false))])
        }
        if https && givenCertificate == nil && !records {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "the site's DNS is hosted outside Route 53 and no certificate ARN was given: the certificate's DNS validation records must be added by hand before the apply can finish"))
        }
        if https && givenCertificate == nil {
            ctx.needsUSEast1 = true
            ctx.resource("aws_acm_certificate", id, [
                .comment("CloudFront only accepts certificates from us-east-1."),
                a("provider", .reference("aws.us_east_1")), a("domain_name", .string(domains[0])),
                domains.count > 1 ? a("subject_alternative_names", .strings(Array(domains.dropFirst()))) : nil,
                a("validation_method", .string("DNS")), b("lifecycle", [a("create_before_destroy", .bool(true))]),
            ])
            if records { ctx.resource("aws_route53_record", "\(id)_validation", [
                a("for_each", .reference("{ for o in aws_acm_certificate.\(id).domain_validation_options : o.domain_name => o }")),
                a("zone_id", .reference("data.aws_route53_zone.site.zone_id")), a("name", .reference("each.value.resource_record_name")),
                a("type", .reference("each.value.resource_record_type")), a("records", .list([.reference("each.value.resource_record_value")])),
                a("ttl", .int(60)), a("allow_overwrite", .bool(true)),
            ]) }
            ctx.resource("aws_acm_certificate_validation", id, [
                a("provider", .reference("aws.us_east_1")), a("certificate_arn", .reference("aws_acm_certificate.\(id).arn")),
                records ? a("validation_record_fqdns", .reference("[for r in aws_route53_record.\(id)_validation : r.fqdn]")) : nil,
            ])
        }
        var dist: [HCLBodyItem?] = [
            a("enabled", .bool(true)), a("is_ipv6_enabled", .bool(true)), a("comment", .string("Static site")),
            a("default_root_object", .string(c.string("indexDocument") ?? "index.html")), a("price_class", .string(c.string("priceClass") ?? "PriceClass_100")),
            https ? a("aliases", .strings(domains)) : nil,
            b("origin", [a("domain_name", .reference("aws_s3_bucket.\(id).bucket_regional_domain_name")), a("origin_id", .string("s3-site")),
                         a("origin_access_control_id", .reference("aws_cloudfront_origin_access_control.\(id).id"))]),
            b("default_cache_behavior", [
                a("target_origin_id", .string("s3-site")), a("viewer_protocol_policy", .string("redirect-to-https")),
                a("allowed_methods", .strings(["GET", "HEAD"])), a("cached_methods", .strings(["GET", "HEAD"])), a("compress", .bool(true)),
                .comment("AWS managed CachingOptimized policy."),
                a("cache_policy_id", .string("658327ea-f89d-4fab-a63d-7e88639e58f6")),
            ]),
        ]
        if let err = c.string("errorDocument") {
            for code in [403, 404] {
                dist.append(b("custom_error_response", [a("error_code", .int(code)), a("response_code", .int(404)), a("response_page_path", .string(err))]))
            }
        }
        dist.append(b("restrictions", [b("geo_restriction", [a("restriction_type", .string("none"))])]))
        if https {
            dist.append(b("viewer_certificate", [a("acm_certificate_arn", givenCertificate.map { .string($0) } ?? .reference("aws_acm_certificate_validation.\(id).certificate_arn")),
                                                 a("ssl_support_method", .string("sni-only")), a("minimum_protocol_version", .string("TLSv1.2_2021"))]))
        } else {
            dist.append(b("viewer_certificate", [a("cloudfront_default_certificate", .bool(true))]))
        }
        ctx.resource("aws_cloudfront_distribution", id, dist)
        if https && records {
            for (n, d) in domains.enumerated() {
                for type in ["A", "AAAA"] {
                    ctx.resource("aws_route53_record", "\(id)_\(n)_\(type.lowercased())", [
                        a("zone_id", .reference("data.aws_route53_zone.site.zone_id")), a("name", .string(d)), a("type", .string(type)),
                        b("alias", [a("name", .reference("aws_cloudfront_distribution.\(id).domain_name")), a("zone_id", .reference("aws_cloudfront_distribution.\(id).hosted_zone_id")),
                                    a("evaluate_target_health", .bool(false))]),
                    ])
                }
            }
        }
    }
}
