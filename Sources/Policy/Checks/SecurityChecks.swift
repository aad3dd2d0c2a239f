import PlanModel

/// The catalogue of security checks run over every plan.
///
/// How checks read a plan (see `PlanContext` for details):
/// - They read planned values after apply, already redacted; a secret is never copied into a
///   message (messages name attributes and paths, not values).
/// - Settings kept in companion resources (`aws_s3_bucket_versioning`, `aws_flow_log`, …) are
///   linked to their target through the configuration section's references, because the
///   target's id is unknown until apply; literal names are matched as a fallback.
/// - A value unknown until apply is judged by AWS's default when the configuration does not
///   set it (unset `encrypted` means unencrypted), and not judged at all when the
///   configuration computes it from another resource.
/// - Severity is ours (Trivy's and Checkov's differ between themselves); presets may raise it.
public enum SecurityChecks {
    static let all: [SecurityCheck] =
        (StorageChecks.checks + NetworkChecks.checks + DataChecks.checks + IdentityChecks.checks
        + ComputeChecks.checks + ServiceChecks.checks + SecretChecks.checks).map { check in
            var definition = check.definition
            definition.tfsecName = tfsecNames[definition.id]
            return SecurityCheck(definition: definition, evaluate: check.evaluate)
        }

    /// tfsec's long check names, still common in `#tfsec:ignore:` comments in the wild.
    static let tfsecNames: [String: String] = [
        "EZB-S3-001": "aws-s3-block-public-acls", "EZB-S3-002": "aws-s3-block-public-policy",
        "EZB-S3-003": "aws-s3-ignore-public-acls", "EZB-S3-004": "aws-s3-no-public-buckets",
        "EZB-S3-005": "aws-s3-specify-public-access-block", "EZB-S3-006": "aws-s3-enable-bucket-encryption",
        "EZB-S3-007": "aws-s3-enable-versioning", "EZB-S3-008": "aws-s3-enable-bucket-logging",
        "EZB-SG-001": "aws-ec2-no-public-ingress-sgr", "EZB-SG-002": "aws-ec2-no-public-ingress-sgr",
        "EZB-SG-003": "aws-ec2-no-public-ingress-sgr", "EZB-VPC-001": "aws-ec2-require-vpc-flow-logs-for-all-vpcs",
        "EZB-RDS-001": "aws-rds-no-public-db-access", "EZB-RDS-002": "aws-rds-encrypt-instance-storage-data",
        "EZB-RDS-003": "aws-rds-encrypt-cluster-storage-data", "EZB-RDS-004": "aws-rds-specify-backup-retention",
        "EZB-RDS-005": "aws-rds-enable-deletion-protection", "EZB-DDB-001": "aws-dynamodb-enable-recovery",
        "EZB-EC-001": "aws-elasticache-enable-at-rest-encryption", "EZB-EC-002": "aws-elasticache-enable-in-transit-encryption",
        "EZB-IAM-001": "aws-iam-no-policy-wildcards", "EZB-IAM-002": "aws-iam-no-policy-wildcards",
        "EZB-KMS-001": "aws-kms-auto-rotate-keys", "EZB-EC2-001": "aws-ec2-enable-volume-encryption",
        "EZB-EC2-002": "aws-ec2-enable-at-rest-encryption", "EZB-EC2-003": "aws-ec2-enforce-http-token-imds",
        "EZB-EC2-004": "aws-ec2-enforce-launch-config-http-token-imds", "EZB-LAMBDA-001": "aws-lambda-enable-tracing",
        "EZB-ECR-001": "aws-ecr-enable-image-scans", "EZB-ECR-002": "aws-ecr-enforce-immutable-repository",
        "EZB-SQS-001": "aws-sqs-enable-queue-encryption", "EZB-SNS-001": "aws-sns-enable-topic-encryption",
        "EZB-ELB-001": "aws-elb-http-not-used", "EZB-ELB-002": "aws-elb-use-secure-tls-policy",
        "EZB-CF-001": "aws-cloudfront-enforce-https", "EZB-CF-002": "aws-cloudfront-use-secure-tls-policy",
        "EZB-CT-001": "aws-cloudtrail-enable-all-regions", "EZB-CT-002": "aws-cloudtrail-enable-log-validation",
        "EZB-CT-003": "aws-cloudtrail-encryption-customer-key",
        "EZB-APIGW-001": "aws-api-gateway-enable-access-logging", "EZB-APIGW-002": "aws-api-gateway-enable-tracing",
    ]

    /// Every check's definition, in report order.
    public static var definitions: [CheckDefinition] { all.map(\.definition) }

    /// The definition answering to `id` (ours, Trivy, AVD alias or Checkov), case-insensitive.
    public static func definition(matching id: String) -> CheckDefinition? {
        definitions.first { $0.allIDs.contains(id.uppercased()) }
    }
}
