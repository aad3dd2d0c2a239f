import Foundation

/// Default monthly usage for prices that depend on traffic rather than on configuration.
/// Every assumption used by an estimate is printed with it, so a reader can tell list price
/// from guesswork.
public struct UsageAssumptions: Sendable, Hashable {
    /// S3 Standard storage per bucket, GB.
    public var s3StorageGB: Decimal = 10
    /// S3 requests per bucket per month, thousands (PUT-class pricing used for all).
    public var s3RequestsThousands: Decimal = 10
    /// EFS Standard storage per file system, GB.
    public var efsStorageGB: Decimal = 10
    /// DynamoDB on-demand writes per table, millions.
    public var dynamoWritesMillions: Decimal = 1
    /// DynamoDB on-demand reads per table, millions.
    public var dynamoReadsMillions: Decimal = 5
    /// DynamoDB storage per table, GB.
    public var dynamoStorageGB: Decimal = 1
    /// Lambda invocations per function, millions.
    public var lambdaRequestsMillions: Decimal = 1
    /// Lambda average duration, milliseconds.
    public var lambdaAverageMilliseconds: Decimal = 100
    /// CloudFront data out to the internet per distribution, GB.
    public var cloudFrontDataGB: Decimal = 50
    /// CloudFront HTTPS requests per distribution, tens of thousands.
    public var cloudFrontRequestsTenThousands: Decimal = 100
    /// Route 53 standard queries per hosted zone, millions.
    public var route53QueriesMillions: Decimal = 1
    /// KMS API requests per key, tens of thousands.
    public var kmsRequestsTenThousands: Decimal = 1
    /// Secrets Manager API calls per secret, tens of thousands.
    public var secretsAPITenThousands: Decimal = 1
    /// CloudWatch Logs ingestion per log group (and per flow log), GB.
    public var logsIngestGB: Decimal = 5
    /// Load balancer capacity units in use on average.
    public var loadBalancerLCUs: Decimal = 1
    /// NAT gateway data processed per gateway, GB.
    public var natDataGB: Decimal = 10
    /// Aurora storage per cluster, GB.
    public var auroraStorageGB: Decimal = 10
    /// Aurora I/O per cluster, millions of requests.
    public var auroraIOMillions: Decimal = 10
    /// SQS requests per queue, millions.
    public var sqsRequestsMillions: Decimal = 1
    /// SNS publishes per topic, millions.
    public var snsPublishesMillions: Decimal = 1
    /// API Gateway requests per API, millions.
    public var apiRequestsMillions: Decimal = 1
    /// ECR storage per repository, GB.
    public var ecrStorageGB: Decimal = 1

    /// The defaults.
    public static let `default` = UsageAssumptions()

    /// Creates the defaults (mutate fields to override).
    public init() {}
}
