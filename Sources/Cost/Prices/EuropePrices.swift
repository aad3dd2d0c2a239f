import Foundation

extension PriceTable {
    /// Transcribed from the AWS price pages (2025-01).
    static let euWest1 = RegionPrices(
        region: "eu-west-1", asOf: "2025-01",
        basis: "transcribed from the AWS on-demand price pages",
        global.merging([
        // Kinesis Data Streams: provisioned shard-hours; on-demand stream-hours.
        "kinesis-shard": "0.015", "kinesis-stream": "0.044", "kinesis-efo": "0.015",
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
        "nat": "0.048", "nat-data": "0.048", "vpce": "0.011",
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
        // OpenSearch Service (added 2025-01 from the list prices as known without network
        // access; verify on the price page).
        "opensearch/t3.small.search": "0.040", "opensearch/t3.medium.search": "0.080",
        "opensearch/m5.large.search": "0.158", "opensearch/m6g.large.search": "0.141", "opensearch/m6g.xlarge.search": "0.282",
        "opensearch/c5.large.search": "0.139", "opensearch/c6g.large.search": "0.124",
        "opensearch/r5.large.search": "0.207", "opensearch/r6g.large.search": "0.185", "opensearch/r6g.xlarge.search": "0.371",
        "opensearch-storage/gp3": "0.136", "opensearch-storage/gp2": "0.149",
        ]) { _, regional in regional })

    /// London: about 13 % above N. Virginia for compute, 16 % for storage.
    static let euWest2 = RegionPrices(
        region: "eu-west-2", asOf: "2025-01",
        basis: "AWS list prices as known without network access when written: headline prices exact, the rest us-east-1 × the region's usual ratio per service; verify on the price pages",
        from: usEast1,
        factors: ["ec2": "1.135", "ebs": "1.16", "opensearch": "1.135", "opensearch-storage": "1.16", "ebs-iops": "1.16", "ebs-throughput": "1.16", "rds": "1.13", "rds-storage": "1.16",
                  "aurora": "1.13", "aurora-acu": "1.13", "aurora-storage": "1.1", "aurora-io": "1.1", "elb": "1.176", "elasticache": "1.13",
                  "efs": "1.1", "dynamodb": "1.18", "dynamodb-provisioned": "1.18", "dynamodb-storage": "1.14", "logs-ingest": "1.16",
                  "fargate-vcpu": "1.15", "fargate-memory": "1.15", "apigw-http": "1.11"],
        exact: ["ec2/t3.micro": "0.0118", "ec2/t3.small": "0.0236", "ec2/t3.medium": "0.0472", "ec2/m5.large": "0.111",
                "ebs/gp3": "0.0928", "ebs/gp2": "0.116", "nat": "0.05", "nat-data": "0.05", "vpce": "0.011", "s3": "0.024",
                "elb/application": "0.02646", "fargate-vcpu": "0.04656", "fargate-memory": "0.00511"])

    /// Frankfurt: about 15 % above N. Virginia for compute, 19 % for block storage.
    static let euCentral1 = RegionPrices(
        region: "eu-central-1", asOf: "2025-01",
        basis: "AWS list prices as known without network access when written: headline prices exact, the rest us-east-1 × the region's usual ratio per service; verify on the price pages",
        from: usEast1,
        factors: ["ec2": "1.154", "ebs": "1.19", "opensearch": "1.154", "opensearch-storage": "1.19", "ebs-iops": "1.19", "ebs-throughput": "1.19", "rds": "1.16", "rds-storage": "1.16",
                  "aurora": "1.13", "aurora-acu": "1.17", "aurora-storage": "1.1", "aurora-io": "1.1", "elb": "1.2", "elasticache": "1.16",
                  "efs": "1.2", "dynamodb": "1.22", "dynamodb-provisioned": "1.22", "dynamodb-storage": "1.22", "logs-ingest": "1.26",
                  "logs-storage": "1.1", "fargate-vcpu": "1.15", "fargate-memory": "1.15", "apigw-rest": "1.057", "apigw-http": "1.2",
                  "s3-requests": "1.08"],
        exact: ["ec2/t3.micro": "0.012", "ec2/t3.small": "0.024", "ec2/t3.medium": "0.048", "ec2/m5.large": "0.115",
                "ebs/gp3": "0.0952", "ebs/gp2": "0.119", "nat": "0.052", "nat-data": "0.052", "vpce": "0.012", "s3": "0.0245",
                "elb/application": "0.027", "fargate-vcpu": "0.04656", "fargate-memory": "0.00511"])
}
