import PlanModel

/// S3 checks. Bucket settings are companion resources since AWS provider 4; the legacy
/// inline blocks on `aws_s3_bucket` are honoured too.
enum StorageChecks {
    static let bucketKeys = ["bucket", "id"]

    static func publicAccessFlag(
        _ flag: String, id: String, trivy: String, checkov: String, title: String, rationale: String
    ) -> SecurityCheck {
        SecurityCheck.perResource(
            ["aws_s3_bucket"],
            CheckDefinition(
                id: id, trivyID: trivy, checkovID: checkov, severity: .high, title: title,
                rationale: rationale,
                remediation: "Set \(flag) = true in the bucket's aws_s3_bucket_public_access_block.")
        ) { bucket, context in
            let blocks = context.companions(
                of: bucket, types: ["aws_s3_bucket_public_access_block"], attribute: "bucket",
                targetKeys: bucketKeys)
            guard let block = blocks.first else { return nil }  // EZB-S3-005 reports a missing block.
            if context.undecidable(block, flag) { return nil }
            return block.bool(flag) == true ? nil : "\(block.address) sets \(flag) = false"
        }
    }

    static let checks: [SecurityCheck] = [
        publicAccessFlag(
            "block_public_acls", id: "EZB-S3-001", trivy: "AWS-0086", checkov: "CKV_AWS_53",
            title: "S3 public access block must block public ACLs",
            rationale: "New public ACLs would expose objects to the internet."),
        publicAccessFlag(
            "block_public_policy", id: "EZB-S3-002", trivy: "AWS-0087", checkov: "CKV_AWS_54",
            title: "S3 public access block must block public policies",
            rationale: "A bucket policy granting public access would expose every object."),
        publicAccessFlag(
            "ignore_public_acls", id: "EZB-S3-003", trivy: "AWS-0091", checkov: "CKV_AWS_55",
            title: "S3 public access block must ignore public ACLs",
            rationale: "Existing public ACLs on objects would still grant public reads."),
        publicAccessFlag(
            "restrict_public_buckets", id: "EZB-S3-004", trivy: "AWS-0093", checkov: "CKV_AWS_56",
            title: "S3 public access block must restrict public buckets",
            rationale: "A public bucket policy would allow anonymous and cross-account access."),
        SecurityCheck.perResource(
            ["aws_s3_bucket"],
            CheckDefinition(
                id: "EZB-S3-005", trivyID: "AWS-0094", checkovID: "CKV2_AWS_6", severity: .medium,
                title: "S3 bucket has a public access block",
                rationale: "Without a bucket-level block, public access depends on account settings nobody reviewed here.",
                remediation: "Add an aws_s3_bucket_public_access_block with all four settings true.")
        ) { bucket, context in
            if !context.resources("aws_s3_account_public_access_block").isEmpty { return nil }
            let blocks = context.companions(
                of: bucket, types: ["aws_s3_bucket_public_access_block"], attribute: "bucket",
                targetKeys: bucketKeys)
            return blocks.isEmpty ? "no aws_s3_bucket_public_access_block refers to this bucket" : nil
        },
        SecurityCheck.perResource(
            ["aws_s3_bucket"],
            CheckDefinition(
                id: "EZB-S3-006", trivyID: "AWS-0088", checkovID: "CKV_AWS_19", severity: .medium,
                title: "S3 bucket default encryption is configured",
                rationale: "Explicit server-side encryption states the key and algorithm instead of relying on account defaults.",
                remediation: "Add an aws_s3_bucket_server_side_encryption_configuration (aws:kms or AES256).")
        ) { bucket, context in
            if bucket.value(at: "server_side_encryption_configuration.0.rule") != nil { return nil }
            let configs = context.companions(
                of: bucket, types: ["aws_s3_bucket_server_side_encryption_configuration"],
                attribute: "bucket", targetKeys: bucketKeys)
            return configs.isEmpty ? "no server-side encryption configuration refers to this bucket" : nil
        },
        SecurityCheck.perResource(
            ["aws_s3_bucket"],
            CheckDefinition(
                id: "EZB-S3-007", trivyID: "AWS-0090", checkovID: "CKV_AWS_21", severity: .medium,
                title: "S3 bucket versioning is enabled",
                rationale: "Versioning recovers objects after accidental deletion, overwrite or ransomware.",
                remediation: "Add an aws_s3_bucket_versioning with versioning_configuration { status = \"Enabled\" }.")
        ) { bucket, context in
            if bucket.bool("versioning.0.enabled") == true { return nil }
            let versionings = context.companions(
                of: bucket, types: ["aws_s3_bucket_versioning"], attribute: "bucket", targetKeys: bucketKeys)
            if versionings.isEmpty { return "no aws_s3_bucket_versioning refers to this bucket" }
            let enabled = versionings.contains {
                $0.string("versioning_configuration.0.status") == "Enabled" || context.undecidable($0, "versioning_configuration.0.status")
            }
            return enabled ? nil : "versioning status is not Enabled"
        },
        SecurityCheck.perResource(
            ["aws_s3_bucket"],
            CheckDefinition(
                id: "EZB-S3-008", trivyID: "AWS-0089", checkovID: "CKV_AWS_18", severity: .low,
                title: "S3 bucket access logging is enabled",
                rationale: "Server access logs are the record of who read or changed objects.",
                remediation: "Add an aws_s3_bucket_logging with a target_bucket for access logs.")
        ) { bucket, context in
            if !(bucket.value(at: "logging")?.blocks.isEmpty ?? true) { return nil }
            let logging = context.companions(
                of: bucket, types: ["aws_s3_bucket_logging"], attribute: "bucket", targetKeys: bucketKeys)
            if !logging.isEmpty { return nil }
            // A bucket that is itself a log target does not need to log into itself.
            let isTarget = context.resources("aws_s3_bucket_logging").contains {
                context.related($0, attribute: "target_bucket", to: bucket, targetKeys: bucketKeys)
            }
            return isTarget ? nil : "no aws_s3_bucket_logging refers to this bucket"
        },
    ]
}
