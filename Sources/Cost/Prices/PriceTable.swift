import Foundation

/// One unit price with where it came from.
public struct Price: Sendable, Hashable, Codable {
    /// US dollars per ``unit``, exact.
    public var amount: Decimal
    /// What one unit is, e.g. `hour`, `GB-month`, `1M requests`.
    public var unit: String
    /// The public AWS price page for the value.
    public var source: String
    /// The price period the region's table reflects (year-month).
    public var asOf: String
}

/// The prices of one region, with where they came from and when.
public struct RegionPrices: Sendable {
    /// The AWS region, e.g. `eu-central-1`.
    public var region: String
    /// The price period the values reflect (year-month).
    public var asOf: String
    /// How the values were obtained: transcribed from the price pages, or derived.
    public var basis: String
    /// Price key (`ec2/t3.micro`, `nat`, …) → USD per the family's unit, exact.
    public var prices: [String: Decimal]

    /// A table of values written out as decimal strings (never binary floating point).
    init(region: String, asOf: String, basis: String, _ values: [String: String]) {
        self.region = region
        self.asOf = asOf
        self.basis = basis
        prices = values.mapValues { Self.decimal($0) }
    }

    /// A table derived from `base`: every price multiplied by its family's `factors` entry
    /// (else `otherwise`), rounded to six decimals, then `exact` values laid over it.
    init(region: String, asOf: String, basis: String, from base: RegionPrices, factors: [String: String],
         otherwise: String = "1", exact: [String: String]) {
        self.region = region
        self.asOf = asOf
        self.basis = basis
        var prices: [String: Decimal] = [:]
        for (key, amount) in base.prices {
            let family = PriceTable.family(of: key)
            var product = amount * Self.decimal(factors[family] ?? otherwise)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &product, 6, .plain)
            prices[key] = rounded
        }
        for (key, text) in exact { prices[key] = Self.decimal(text) }
        self.prices = prices
    }

    static func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }
}

/// The offline price table: on-demand list prices in USD, one ``RegionPrices`` per region, for
/// every resource type EZBuilt's generator emits.
///
/// Linux, on-demand, no free tier, no savings plans or reserved pricing. Each region's table
/// says how its values were obtained and as of when; when AWS changes a price, edit the value
/// and the table's `asOf` together. A region not listed has no prices: estimates say so.
public enum PriceTable {
    /// Hours in a month, the AWS pricing calculator's convention.
    public static let hoursPerMonth: Decimal = 730

    /// Every region's table.
    public static let tables: [String: RegionPrices] = Dictionary(
        uniqueKeysWithValues: [usEast1, usEast2, usWest2, euWest1, euWest2, euCentral1, apSoutheast1, apSoutheast2, apNortheast1].map { ($0.region, $0) })

    /// Regions the table covers.
    public static var regions: [String] { tables.keys.sorted() }

    /// Key family → (unit, source page). A key's family is the text before its first `/`.
    static let families: [String: (unit: String, source: String)] = [
        "ec2": ("hour", "https://aws.amazon.com/ec2/pricing/on-demand/"),
        "ebs": ("GB-month", "https://aws.amazon.com/ebs/pricing/"),
        "ebs-iops": ("IOPS-month", "https://aws.amazon.com/ebs/pricing/"),
        "ebs-throughput": ("MBps-month", "https://aws.amazon.com/ebs/pricing/"),
        "ipv4": ("hour", "https://aws.amazon.com/vpc/pricing/"),
        "nat": ("hour", "https://aws.amazon.com/vpc/pricing/"),
        "vpce": ("endpoint-AZ-hour", "https://aws.amazon.com/privatelink/pricing/"),
        "nat-data": ("GB", "https://aws.amazon.com/vpc/pricing/"),
        "rds": ("hour", "https://aws.amazon.com/rds/postgresql/pricing/"),
        "rds-storage": ("GB-month", "https://aws.amazon.com/rds/postgresql/pricing/"),
        "aurora": ("hour", "https://aws.amazon.com/rds/aurora/pricing/"),
        "aurora-acu": ("ACU-hour", "https://aws.amazon.com/rds/aurora/pricing/"),
        "aurora-storage": ("GB-month", "https://aws.amazon.com/rds/aurora/pricing/"),
        "aurora-io": ("1M requests", "https://aws.amazon.com/rds/aurora/pricing/"),
        "elb": ("hour", "https://aws.amazon.com/elasticloadbalancing/pricing/"),
        "elb-lcu": ("LCU-hour", "https://aws.amazon.com/elasticloadbalancing/pricing/"),
        "elasticache": ("hour", "https://aws.amazon.com/elasticache/pricing/"),
        "efs": ("GB-month", "https://aws.amazon.com/efs/pricing/"),
        "s3": ("GB-month", "https://aws.amazon.com/s3/pricing/"),
        "s3-requests": ("1K requests", "https://aws.amazon.com/s3/pricing/"),
        "dynamodb": ("1M request units", "https://aws.amazon.com/dynamodb/pricing/on-demand/"),
        "dynamodb-provisioned": ("capacity-unit-hour", "https://aws.amazon.com/dynamodb/pricing/provisioned/"),
        "dynamodb-storage": ("GB-month", "https://aws.amazon.com/dynamodb/pricing/on-demand/"),
        "lambda-requests": ("1M requests", "https://aws.amazon.com/lambda/pricing/"),
        "lambda-duration": ("GB-second", "https://aws.amazon.com/lambda/pricing/"),
        "cloudfront-data": ("GB", "https://aws.amazon.com/cloudfront/pricing/"),
        "cloudfront-requests": ("10K HTTPS requests", "https://aws.amazon.com/cloudfront/pricing/"),
        "route53-zone": ("hosted zone-month", "https://aws.amazon.com/route53/pricing/"),
        "route53-queries": ("1M queries", "https://aws.amazon.com/route53/pricing/"),
        "kms-key": ("key-month", "https://aws.amazon.com/kms/pricing/"),
        "kms-requests": ("10K requests", "https://aws.amazon.com/kms/pricing/"),
        "secrets": ("secret-month", "https://aws.amazon.com/secrets-manager/pricing/"),
        "secrets-api": ("10K API calls", "https://aws.amazon.com/secrets-manager/pricing/"),
        "logs-ingest": ("GB ingested", "https://aws.amazon.com/cloudwatch/pricing/"),
        "logs-storage": ("GB-month", "https://aws.amazon.com/cloudwatch/pricing/"),
        "cw-alarm": ("alarm-month", "https://aws.amazon.com/cloudwatch/pricing/"),
        "fargate-vcpu": ("vCPU-hour", "https://aws.amazon.com/fargate/pricing/"),
        "fargate-memory": ("GB-hour", "https://aws.amazon.com/fargate/pricing/"),
        "sqs": ("1M requests", "https://aws.amazon.com/sqs/pricing/"),
        "sns": ("1M publishes", "https://aws.amazon.com/sns/pricing/"),
        "apigw-rest": ("1M requests", "https://aws.amazon.com/api-gateway/pricing/"),
        "apigw-http": ("1M requests", "https://aws.amazon.com/api-gateway/pricing/"),
        "ecr-storage": ("GB-month", "https://aws.amazon.com/ecr/pricing/"),
        "cw-dashboard": ("dashboard-month", "https://aws.amazon.com/cloudwatch/pricing/"),
        "waf-acl": ("web ACL-month", "https://aws.amazon.com/waf/pricing/"),
        "waf-rule": ("rule-month", "https://aws.amazon.com/waf/pricing/"),
        "waf-requests": ("1M requests", "https://aws.amazon.com/waf/pricing/"),
        "kinesis-shard": ("shard-hour", "https://aws.amazon.com/kinesis/data-streams/pricing/"),
        "kinesis-stream": ("stream-hour (on-demand)", "https://aws.amazon.com/kinesis/data-streams/pricing/"),
        "kinesis-efo": ("consumer-shard-hour", "https://aws.amazon.com/kinesis/data-streams/pricing/"),
        "ssm-advanced": ("advanced parameter-month", "https://aws.amazon.com/systems-manager/pricing/"),
        "opensearch": ("hour", "https://aws.amazon.com/opensearch-service/pricing/"),
        "opensearch-storage": ("GB-month", "https://aws.amazon.com/opensearch-service/pricing/"),
        "lambda-provisioned": ("GB-second", "https://aws.amazon.com/lambda/pricing/"),
        "cw-metric": ("metric-month", "https://aws.amazon.com/cloudwatch/pricing/"),
        "route53-health-check": ("health check-month", "https://aws.amazon.com/route53/pricing/"),
    ]

    /// The price for `key` (`ec2/t3.micro`, `rds/postgres/db.t3.micro`, `nat`, …) in `region`.
    public static func price(_ key: String, region: String) -> Price? {
        guard let table = tables[region], let amount = table.prices[key], let info = families[family(of: key)] else { return nil }
        return Price(amount: amount, unit: info.unit, source: info.source, asOf: table.asOf)
    }

    /// The text before a key's first `/`.
    static func family(of key: String) -> String {
        String(key.split(separator: "/").first ?? Substring(key))
    }

    /// Prices alike in every region (global services, and services AWS prices the same everywhere).
    static let global: [String: String] = [
        "ipv4": "0.005",
        "lambda-requests": "0.20",
        "lambda-duration": "0.0000166667",
        // Provisioned concurrency, per GB-second configured (x86).
        "lambda-provisioned": "0.0000041667",
        // Custom metrics, first 10,000 a month.
        "cw-metric": "0.30",
        "cloudfront-data": "0.085",
        "cloudfront-requests": "0.01",
        "route53-zone": "0.50",
        "route53-queries": "0.40",
        // Health checks of AWS endpoints; a non-AWS endpoint costs 0.75 (see the assumption).
        "route53-health-check": "0.50",
        "kms-key": "1.00",
        "kms-requests": "0.03",
        "secrets": "0.40",
        "secrets-api": "0.05",
        "sqs": "0.40",
        "sns": "0.50",
        "cw-alarm": "0.10",
        "ecr-storage": "0.10",
        "s3-requests": "0.005",
        "cw-dashboard": "3.00",
        "waf-acl": "5.00",
        "waf-rule": "1.00",
        "waf-requests": "0.60",
        "ssm-advanced": "0.05",
    ]
}
