import Foundation

extension PriceTable {
    /// Transcribed from the AWS price pages (2025-01).
    static let usEast1 = RegionPrices(
        region: "us-east-1", asOf: "2025-01",
        basis: "transcribed from the AWS on-demand price pages",
        global.merging([
        // Kinesis Data Streams: provisioned shard-hours; on-demand stream-hours.
        "kinesis-shard": "0.015", "kinesis-stream": "0.04", "kinesis-efo": "0.015",
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
        "nat": "0.045", "nat-data": "0.045", "vpce": "0.01",
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
        // OpenSearch Service on-demand instances per hour and EBS storage per GB-month (added
        // 2025-01 from the list prices as known without network access; verify on the price page).
        "opensearch/t3.small.search": "0.036", "opensearch/t3.medium.search": "0.073",
        "opensearch/m5.large.search": "0.142", "opensearch/m6g.large.search": "0.128", "opensearch/m6g.xlarge.search": "0.256",
        "opensearch/c5.large.search": "0.125", "opensearch/c6g.large.search": "0.113",
        "opensearch/r5.large.search": "0.186", "opensearch/r6g.large.search": "0.167", "opensearch/r6g.xlarge.search": "0.335",
        "opensearch-storage/gp3": "0.122", "opensearch-storage/gp2": "0.135",
        ]) { _, regional in regional })

    /// Ohio prices like N. Virginia for every service priced here.
    static let usEast2 = RegionPrices(
        region: "us-east-2", asOf: "2025-01",
        basis: "AWS list prices as known without network access when written: us-east-2 matches us-east-1 for every service here; verify on the price pages",
        from: usEast1, factors: [:], exact: [:])

    /// Oregon prices like N. Virginia for every service priced here.
    static let usWest2 = RegionPrices(
        region: "us-west-2", asOf: "2025-01",
        basis: "AWS list prices as known without network access when written: us-west-2 matches us-east-1 for every service here; verify on the price pages",
        from: usEast1, factors: [:], exact: [:])
}
