import Foundation

extension PriceTable {
    /// Singapore: about 27 % above N. Virginia for compute, half again for managed databases.
    static let apSoutheast1 = RegionPrices(
        region: "ap-southeast-1", asOf: "2025-01",
        basis: "AWS list prices as known without network access when written: headline prices exact, the rest us-east-1 × the region's usual ratio per service; verify on the price pages",
        from: usEast1,
        factors: ["ec2": "1.27", "ebs": "1.2", "opensearch": "1.27", "opensearch-storage": "1.2", "ebs-iops": "1.2", "ebs-throughput": "1.2", "rds": "1.45", "rds-storage": "1.2",
                  "aurora": "1.2", "aurora-acu": "1.2", "aurora-storage": "1.1", "aurora-io": "1.1", "elb": "1.12", "elasticache": "1.45",
                  "efs": "1.2", "dynamodb": "1.14", "dynamodb-provisioned": "1.14", "dynamodb-storage": "1.14", "logs-ingest": "1.4",
                  "logs-storage": "1.1", "fargate-vcpu": "1.25", "fargate-memory": "1.25", "apigw-http": "1.25", "s3-requests": "1.1"],
        exact: ["ec2/t3.micro": "0.0132", "ec2/t3.small": "0.0264", "ec2/t3.medium": "0.0528", "ec2/m5.large": "0.12",
                "ebs/gp3": "0.096", "ebs/gp2": "0.12", "nat": "0.059", "nat-data": "0.059", "vpce": "0.013", "s3": "0.025",
                "elb/application": "0.0252", "fargate-vcpu": "0.05056", "fargate-memory": "0.00553"])

    /// Sydney: like Singapore for compute, slightly cheaper for Fargate.
    static let apSoutheast2 = RegionPrices(
        region: "ap-southeast-2", asOf: "2025-01",
        basis: "AWS list prices as known without network access when written: headline prices exact, the rest us-east-1 × the region's usual ratio per service; verify on the price pages",
        from: usEast1,
        factors: ["ec2": "1.27", "ebs": "1.2", "opensearch": "1.27", "opensearch-storage": "1.2", "ebs-iops": "1.2", "ebs-throughput": "1.2", "rds": "1.45", "rds-storage": "1.2",
                  "aurora": "1.2", "aurora-acu": "1.2", "aurora-storage": "1.1", "aurora-io": "1.1", "elb": "1.12", "elasticache": "1.45",
                  "efs": "1.2", "dynamodb": "1.14", "dynamodb-provisioned": "1.14", "dynamodb-storage": "1.14", "logs-ingest": "1.4",
                  "logs-storage": "1.1", "fargate-vcpu": "1.2", "fargate-memory": "1.2", "apigw-http": "1.25", "s3-requests": "1.1"],
        exact: ["ec2/t3.micro": "0.0132", "ec2/t3.small": "0.0264", "ec2/t3.medium": "0.0528", "ec2/m5.large": "0.12",
                "ebs/gp3": "0.096", "ebs/gp2": "0.12", "nat": "0.059", "nat-data": "0.059", "vpce": "0.013", "s3": "0.025",
                "elb/application": "0.0252", "fargate-vcpu": "0.04856", "fargate-memory": "0.00532"])

    /// Tokyo: about 30 % above N. Virginia for compute, half again for managed databases.
    static let apNortheast1 = RegionPrices(
        region: "ap-northeast-1", asOf: "2025-01",
        basis: "AWS list prices as known without network access when written: headline prices exact, the rest us-east-1 × the region's usual ratio per service; verify on the price pages",
        from: usEast1,
        factors: ["ec2": "1.31", "ebs": "1.2", "opensearch": "1.31", "opensearch-storage": "1.2", "ebs-iops": "1.2", "ebs-throughput": "1.2", "rds": "1.5", "rds-storage": "1.2",
                  "aurora": "1.2", "aurora-acu": "1.2", "aurora-storage": "1.1", "aurora-io": "1.1", "elb": "1.08", "elasticache": "1.5",
                  "efs": "1.2", "dynamodb": "1.14", "dynamodb-provisioned": "1.14", "dynamodb-storage": "1.14", "logs-ingest": "1.52",
                  "logs-storage": "1.1", "fargate-vcpu": "1.25", "fargate-memory": "1.25", "apigw-rest": "1.214", "apigw-http": "1.29",
                  "s3-requests": "0.94"],
        exact: ["ec2/t3.micro": "0.0136", "ec2/t3.small": "0.0272", "ec2/t3.medium": "0.0544", "ec2/m5.large": "0.124",
                "ebs/gp3": "0.096", "ebs/gp2": "0.12", "nat": "0.062", "nat-data": "0.062", "vpce": "0.014", "s3": "0.025",
                "elb/application": "0.0243", "fargate-vcpu": "0.05056", "fargate-memory": "0.00553"])
}
