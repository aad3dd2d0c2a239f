import Foundation

/// One unit price with where it came from.
public struct Price: Sendable, Hashable, Codable {
    /// US dollars per ``unit``, exact.
    public var amount: Decimal
    /// What one unit is, e.g. `hour`, `GB-month`, `1M requests`.
    public var unit: String
    /// The public AWS price page the value was transcribed from.
    public var source: String
    /// The price period the value reflects (year-month).
    public var asOf: String
}

/// The offline price table: on-demand list prices in USD for us-east-1 and eu-west-1, for
/// every resource type EZBuilt's catalog emits.
///
/// Values are written as decimal strings (never binary floating point) and converted to
/// `Decimal` exactly. Each key family has a source page and a date; when AWS changes a price,
/// edit the value and the family's `asOf` together. Linux, on-demand, no free tier, no
/// savings plans or reserved pricing.
public enum PriceTable {
    /// Hours in a month, the AWS pricing calculator's convention.
    public static let hoursPerMonth: Decimal = 730

    /// Regions the table covers.
    public static var regions: [String] { Array(regional.keys).sorted() }

    /// Key family → (unit, source page, as-of). A key's family is the text before its first `/`.
    static let families: [String: (unit: String, source: String, asOf: String)] = [
        "ec2": ("hour", "https://aws.amazon.com/ec2/pricing/on-demand/", "2025-01"),
        "ebs": ("GB-month", "https://aws.amazon.com/ebs/pricing/", "2025-01"),
        "ebs-iops": ("IOPS-month", "https://aws.amazon.com/ebs/pricing/", "2025-01"),
        "ebs-throughput": ("MBps-month", "https://aws.amazon.com/ebs/pricing/", "2025-01"),
        "ipv4": ("hour", "https://aws.amazon.com/vpc/pricing/", "2025-01"),
        "nat": ("hour", "https://aws.amazon.com/vpc/pricing/", "2025-01"),
        "nat-data": ("GB", "https://aws.amazon.com/vpc/pricing/", "2025-01"),
        "rds": ("hour", "https://aws.amazon.com/rds/postgresql/pricing/", "2025-01"),
        "rds-storage": ("GB-month", "https://aws.amazon.com/rds/postgresql/pricing/", "2025-01"),
        "aurora": ("hour", "https://aws.amazon.com/rds/aurora/pricing/", "2025-01"),
        "aurora-acu": ("ACU-hour", "https://aws.amazon.com/rds/aurora/pricing/", "2025-01"),
        "aurora-storage": ("GB-month", "https://aws.amazon.com/rds/aurora/pricing/", "2025-01"),
        "aurora-io": ("1M requests", "https://aws.amazon.com/rds/aurora/pricing/", "2025-01"),
        "elb": ("hour", "https://aws.amazon.com/elasticloadbalancing/pricing/", "2025-01"),
        "elb-lcu": ("LCU-hour", "https://aws.amazon.com/elasticloadbalancing/pricing/", "2025-01"),
        "elasticache": ("hour", "https://aws.amazon.com/elasticache/pricing/", "2025-01"),
        "efs": ("GB-month", "https://aws.amazon.com/efs/pricing/", "2025-01"),
        "s3": ("GB-month", "https://aws.amazon.com/s3/pricing/", "2025-01"),
        "s3-requests": ("1K requests", "https://aws.amazon.com/s3/pricing/", "2025-01"),
        "dynamodb": ("1M request units", "https://aws.amazon.com/dynamodb/pricing/on-demand/", "2025-01"),
        "dynamodb-provisioned": ("capacity-unit-hour", "https://aws.amazon.com/dynamodb/pricing/provisioned/", "2025-01"),
        "dynamodb-storage": ("GB-month", "https://aws.amazon.com/dynamodb/pricing/on-demand/", "2025-01"),
        "lambda-requests": ("1M requests", "https://aws.amazon.com/lambda/pricing/", "2025-01"),
        "lambda-duration": ("GB-second", "https://aws.amazon.com/lambda/pricing/", "2025-01"),
        "cloudfront-data": ("GB", "https://aws.amazon.com/cloudfront/pricing/", "2025-01"),
        "cloudfront-requests": ("10K HTTPS requests", "https://aws.amazon.com/cloudfront/pricing/", "2025-01"),
        "route53-zone": ("hosted zone-month", "https://aws.amazon.com/route53/pricing/", "2025-01"),
        "route53-queries": ("1M queries", "https://aws.amazon.com/route53/pricing/", "2025-01"),
        "kms-key": ("key-month", "https://aws.amazon.com/kms/pricing/", "2025-01"),
        "kms-requests": ("10K requests", "https://aws.amazon.com/kms/pricing/", "2025-01"),
        "secrets": ("secret-month", "https://aws.amazon.com/secrets-manager/pricing/", "2025-01"),
        "secrets-api": ("10K API calls", "https://aws.amazon.com/secrets-manager/pricing/", "2025-01"),
        "logs-ingest": ("GB ingested", "https://aws.amazon.com/cloudwatch/pricing/", "2025-01"),
        "logs-storage": ("GB-month", "https://aws.amazon.com/cloudwatch/pricing/", "2025-01"),
        "cw-alarm": ("alarm-month", "https://aws.amazon.com/cloudwatch/pricing/", "2025-01"),
        "fargate-vcpu": ("vCPU-hour", "https://aws.amazon.com/fargate/pricing/", "2025-01"),
        "fargate-memory": ("GB-hour", "https://aws.amazon.com/fargate/pricing/", "2025-01"),
        "sqs": ("1M requests", "https://aws.amazon.com/sqs/pricing/", "2025-01"),
        "sns": ("1M publishes", "https://aws.amazon.com/sns/pricing/", "2025-01"),
        "apigw-rest": ("1M requests", "https://aws.amazon.com/api-gateway/pricing/", "2025-01"),
        "apigw-http": ("1M requests", "https://aws.amazon.com/api-gateway/pricing/", "2025-01"),
        "ecr-storage": ("GB-month", "https://aws.amazon.com/ecr/pricing/", "2025-01"),
    ]

    /// The price for `key` (`ec2/t3.micro`, `rds/postgres/db.t3.micro`, `nat`, …) in `region`.
    public static func price(_ key: String, region: String) -> Price? {
        guard let text = regional[region]?[key], let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return nil
        }
        let family = String(key.split(separator: "/").first ?? Substring(key))
        guard let info = families[family] else { return nil }
        return Price(amount: amount, unit: info.unit, source: info.source, asOf: info.asOf)
    }

    /// Prices shared by both regions (global services and regions priced alike).
    private static let common: [String: String] = [
        "ipv4": "0.005",
        "lambda-requests": "0.20",
        "lambda-duration": "0.0000166667",
        "cloudfront-data": "0.085",
        "cloudfront-requests": "0.01",
        "route53-zone": "0.50",
        "route53-queries": "0.40",
        "kms-key": "1.00",
        "kms-requests": "0.03",
        "secrets": "0.40",
        "secrets-api": "0.05",
        "sqs": "0.40",
        "sns": "0.50",
        "cw-alarm": "0.10",
        "ecr-storage": "0.10",
        "s3-requests": "0.005",
    ]

    private static let usEast1: [String: String] = [
        // EC2 on-demand Linux, per hour.
        "ec2/t2.micro": "0.0116", "ec2/t2.small": "0.023", "ec2/t2.medium": "0.0464",
        "ec2/t3.nano": "0.0052", "ec2/t3.micro": "0.0104", "ec2/t3.small": "0.0208", "ec2/t3.medium": "0.0416",
        "ec2/t3.large": "0.0832", "ec2/t3.xlarge": "0.1664", "ec2/t3.2xlarge": "0.3328",
        "ec2/t4g.nano": "0.0042", "ec2/t4g.micro": "0.0084", "ec2/t4g.small": "0.0168", "ec2/t4g.medium": "0.0336",
        "ec2/t4g.large": "0.0672", "ec2/t4g.xlarge": "0.1344",
        "ec2/m5.large": "0.096", "ec2/m5.xlarge": "0.192", "ec2/m5.2xlarge": "0.384",
        "ec2/m6i.large": "0.096", "ec2/m6i.xlarge": "0.192", "ec2/m6g.large": "0.077", "ec2/m6g.xlarge": "0.154",
        "ec2/m7g.large": "0.0816", "ec2/c5.large": "0.085", "ec2/c5.xlarge": "0.17", "ec2/c6i.large": "0.085",
        "ec2/c6g.large": "0.068", "ec2/r5.large": "0.126", "ec2/r6i.large": "0.126", "ec2/r6g.large": "0.1008",
        // EBS per GB-month; gp3 extras per IOPS/MBps-month above the free baseline.
        "ebs/gp3": "0.08", "ebs/gp2": "0.10", "ebs/io1": "0.125", "ebs/io2": "0.125", "ebs/st1": "0.045",
        "ebs/sc1": "0.015", "ebs/standard": "0.05", "ebs-iops/gp3": "0.005", "ebs-throughput/gp3": "0.04",
        "nat": "0.045", "nat-data": "0.045",
        // RDS single-AZ per hour (Multi-AZ is twice); MySQL and MariaDB priced alike.
        "rds/mysql/db.t3.micro": "0.017", "rds/mysql/db.t3.small": "0.034", "rds/mysql/db.t3.medium": "0.068",
        "rds/mysql/db.t3.large": "0.136", "rds/mysql/db.t4g.micro": "0.016", "rds/mysql/db.t4g.small": "0.032",
        "rds/mysql/db.t4g.medium": "0.065", "rds/mysql/db.t4g.large": "0.129", "rds/mysql/db.m5.large": "0.171",
        "rds/mysql/db.m6g.large": "0.152", "rds/mysql/db.m6i.large": "0.171", "rds/mysql/db.r5.large": "0.24",
        "rds/mysql/db.r6g.large": "0.215",
        "rds/postgres/db.t3.micro": "0.018", "rds/postgres/db.t3.small": "0.036", "rds/postgres/db.t3.medium": "0.072",
        "rds/postgres/db.t3.large": "0.145", "rds/postgres/db.t4g.micro": "0.016", "rds/postgres/db.t4g.small": "0.032",
        "rds/postgres/db.t4g.medium": "0.065", "rds/postgres/db.t4g.large": "0.129", "rds/postgres/db.m5.large": "0.178",
        "rds/postgres/db.m6g.large": "0.159", "rds/postgres/db.m6i.large": "0.178", "rds/postgres/db.r5.large": "0.25",
        "rds/postgres/db.r6g.large": "0.225",
        "rds-storage/gp2": "0.115", "rds-storage/gp3": "0.115", "rds-storage/io1": "0.125", "rds-storage/standard": "0.10",
        // Aurora provisioned instances per hour (MySQL- and PostgreSQL-compatible priced alike here).
        "aurora/db.t3.medium": "0.082", "aurora/db.t4g.medium": "0.073", "aurora/db.r5.large": "0.29",
        "aurora/db.r6g.large": "0.26", "aurora/db.r6i.large": "0.29",
        "aurora-acu": "0.12", "aurora-storage": "0.10", "aurora-io": "0.20",
        "elb/application": "0.0225", "elb/network": "0.0225", "elb-lcu/application": "0.008", "elb-lcu/network": "0.006",
        "elasticache/cache.t3.micro": "0.017", "elasticache/cache.t3.small": "0.034", "elasticache/cache.t3.medium": "0.068",
        "elasticache/cache.t4g.micro": "0.016", "elasticache/cache.t4g.small": "0.032", "elasticache/cache.t4g.medium": "0.065",
        "elasticache/cache.m6g.large": "0.149", "elasticache/cache.r6g.large": "0.206",
        "efs": "0.30", "s3": "0.023",
        "dynamodb/write": "0.625", "dynamodb/read": "0.125", "dynamodb-storage": "0.25",
        "dynamodb-provisioned/write": "0.00065", "dynamodb-provisioned/read": "0.00013",
        "logs-ingest": "0.50", "logs-storage": "0.03",
        "fargate-vcpu": "0.04048", "fargate-memory": "0.004445",
        "apigw-rest": "3.50", "apigw-http": "1.00",
    ]

    private static let euWest1: [String: String] = [
        "ec2/t2.micro": "0.0126", "ec2/t2.small": "0.025", "ec2/t2.medium": "0.05",
        "ec2/t3.nano": "0.0057", "ec2/t3.micro": "0.0114", "ec2/t3.small": "0.0228", "ec2/t3.medium": "0.0456",
        "ec2/t3.large": "0.0912", "ec2/t3.xlarge": "0.1824", "ec2/t3.2xlarge": "0.3648",
        "ec2/t4g.nano": "0.0046", "ec2/t4g.micro": "0.0092", "ec2/t4g.small": "0.0184", "ec2/t4g.medium": "0.0368",
        "ec2/t4g.large": "0.0736", "ec2/t4g.xlarge": "0.1472",
        "ec2/m5.large": "0.107", "ec2/m5.xlarge": "0.214", "ec2/m5.2xlarge": "0.428",
        "ec2/m6i.large": "0.107", "ec2/m6i.xlarge": "0.214", "ec2/m6g.large": "0.086", "ec2/m6g.xlarge": "0.172",
        "ec2/m7g.large": "0.0912", "ec2/c5.large": "0.096", "ec2/c5.xlarge": "0.192", "ec2/c6i.large": "0.096",
        "ec2/c6g.large": "0.0768", "ec2/r5.large": "0.141", "ec2/r6i.large": "0.141", "ec2/r6g.large": "0.1128",
        "ebs/gp3": "0.088", "ebs/gp2": "0.11", "ebs/io1": "0.138", "ebs/io2": "0.138", "ebs/st1": "0.05",
        "ebs/sc1": "0.0168", "ebs/standard": "0.055", "ebs-iops/gp3": "0.0055", "ebs-throughput/gp3": "0.044",
        "nat": "0.048", "nat-data": "0.048",
        "rds/mysql/db.t3.micro": "0.018", "rds/mysql/db.t3.small": "0.036", "rds/mysql/db.t3.medium": "0.072",
        "rds/mysql/db.t3.large": "0.144", "rds/mysql/db.t4g.micro": "0.017", "rds/mysql/db.t4g.small": "0.034",
        "rds/mysql/db.t4g.medium": "0.068", "rds/mysql/db.t4g.large": "0.136", "rds/mysql/db.m5.large": "0.19",
        "rds/mysql/db.m6g.large": "0.168", "rds/mysql/db.m6i.large": "0.19", "rds/mysql/db.r5.large": "0.27",
        "rds/mysql/db.r6g.large": "0.24",
        "rds/postgres/db.t3.micro": "0.019", "rds/postgres/db.t3.small": "0.038", "rds/postgres/db.t3.medium": "0.076",
        "rds/postgres/db.t3.large": "0.152", "rds/postgres/db.t4g.micro": "0.017", "rds/postgres/db.t4g.small": "0.034",
        "rds/postgres/db.t4g.medium": "0.068", "rds/postgres/db.t4g.large": "0.136", "rds/postgres/db.m5.large": "0.198",
        "rds/postgres/db.m6g.large": "0.176", "rds/postgres/db.m6i.large": "0.198", "rds/postgres/db.r5.large": "0.28",
        "rds/postgres/db.r6g.large": "0.25",
        "rds-storage/gp2": "0.127", "rds-storage/gp3": "0.127", "rds-storage/io1": "0.138", "rds-storage/standard": "0.11",
        "aurora/db.t3.medium": "0.09", "aurora/db.t4g.medium": "0.08", "aurora/db.r5.large": "0.32",
        "aurora/db.r6g.large": "0.285", "aurora/db.r6i.large": "0.32",
        "aurora-acu": "0.13", "aurora-storage": "0.11", "aurora-io": "0.22",
        "elb/application": "0.0252", "elb/network": "0.0252", "elb-lcu/application": "0.008", "elb-lcu/network": "0.006",
        "elasticache/cache.t3.micro": "0.018", "elasticache/cache.t3.small": "0.036", "elasticache/cache.t3.medium": "0.073",
        "elasticache/cache.t4g.micro": "0.017", "elasticache/cache.t4g.small": "0.034", "elasticache/cache.t4g.medium": "0.068",
        "elasticache/cache.m6g.large": "0.164", "elasticache/cache.r6g.large": "0.226",
        "efs": "0.33", "s3": "0.023",
        "dynamodb/write": "0.7063", "dynamodb/read": "0.1413", "dynamodb-storage": "0.283",
        "dynamodb-provisioned/write": "0.000735", "dynamodb-provisioned/read": "0.000147",
        "logs-ingest": "0.57", "logs-storage": "0.03",
        "fargate-vcpu": "0.04456", "fargate-memory": "0.004865",
        "apigw-rest": "3.50", "apigw-http": "1.11",
    ]

    static let regional: [String: [String: String]] = [
        "us-east-1": common.merging(usEast1) { _, regional in regional },
        "eu-west-1": common.merging(euWest1) { _, regional in regional },
    ]
}
