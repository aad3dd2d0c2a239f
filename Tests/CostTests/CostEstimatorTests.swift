import PlanFixtures
import Foundation
import PlanModel
import Testing

@testable import Cost

@Suite struct CostEstimatorTests {
    typealias R = PlanFixture.Resource

    /// A known configuration: every number below is worked out by hand from PriceTable.
    static let known: [R] = [
        R("aws_instance", "web", #"{"instance_type":"t3.micro","associate_public_ip_address":false,"root_block_device":[{"volume_size":8,"volume_type":"gp3"}]}"#),
        R("aws_nat_gateway", "nat", #"{"connectivity_type":"public"}"#),
        R("aws_db_instance", "db", #"{"engine":"postgres","instance_class":"db.t3.micro","multi_az":true,"allocated_storage":20,"storage_type":"gp2"}"#),
        R("aws_eip", "ip", #"{"domain":"vpc"}"#),
        R("aws_kms_key", "k", #"{"enable_key_rotation":true}"#),
        R("aws_vpc", "main", #"{"cidr_block":"10.0.0.0/16"}"#),
        R("aws_foo_bar", "x", #"{"name":"mystery"}"#),
    ]

    private func estimate(_ resources: [R], region: String = "us-east-1") throws -> CostReport {
        CostEstimator.estimate(try PlanFixture(resources, region: region).document())
    }

    private func line(_ report: CostReport, _ address: String) throws -> CostLine {
        try #require(report.lines.first { $0.address == address })
    }

    @Test func knownConfigurationMatchesTheHandComputationToTheCentInUSEast1() throws {
        let report = try estimate(Self.known)
        #expect(report.region == "us-east-1")
        // t3.micro 730 h × $0.0104 = $7.592 → $7.59; gp3 root 8 GB × $0.08 = $0.64.
        #expect(try line(report, "aws_instance.web").monthly == Decimal(string: "8.23"))
        // NAT 730 h × $0.045 = $32.85; 10 GB (assumption) × $0.045 = $0.45.
        #expect(try line(report, "aws_nat_gateway.nat").monthly == Decimal(string: "33.30"))
        // postgres db.t3.micro Multi-AZ 730 × 2 × $0.018 = $26.28; gp2 20 GB × 2 × $0.115 = $4.60.
        #expect(try line(report, "aws_db_instance.db").monthly == Decimal(string: "30.88"))
        // Public IPv4 730 h × $0.005 = $3.65.
        #expect(try line(report, "aws_eip.ip").monthly == Decimal(string: "3.65"))
        // KMS key $1.00 + 10K requests (assumption) × $0.03 = $1.03.
        #expect(try line(report, "aws_kms_key.k").monthly == Decimal(string: "1.03"))
        #expect(try line(report, "aws_vpc.main").status == .free)
        #expect(try line(report, "aws_vpc.main").monthly == 0)
        #expect(try line(report, "aws_foo_bar.x").monthly == nil)
        // 8.23 + 33.30 + 30.88 + 3.65 + 1.03 + 0.00 = 77.09
        #expect(report.total == Decimal(string: "77.09"))
        #expect(Money.format(report.total) == "$77.09")
    }

    @Test func knownConfigurationMatchesTheHandComputationToTheCentInEUWest1() throws {
        let report = try estimate(Self.known, region: "eu-west-1")
        // 730 × 0.0114 = 8.322 → 8.32, + 8 × 0.088 = 0.704 → 0.70: 9.02
        #expect(try line(report, "aws_instance.web").monthly == Decimal(string: "9.02"))
        // 730 × 0.048 = 35.04, + 10 × 0.048 = 0.48: 35.52
        #expect(try line(report, "aws_nat_gateway.nat").monthly == Decimal(string: "35.52"))
        // 730 × 2 × 0.019 = 27.74, + 40 × 0.127 = 5.08: 32.82
        #expect(try line(report, "aws_db_instance.db").monthly == Decimal(string: "32.82"))
        // 9.02 + 35.52 + 32.82 + 3.65 + 1.03 = 82.04
        #expect(report.total == Decimal(string: "82.04"))
    }

    /// What the search block renders by default: three data nodes and three dedicated masters, gp3.
    static let searchDomain = #"{"cluster_config":[{"instance_type":"r6g.large.search","instance_count":3,"dedicated_master_enabled":true,"dedicated_master_type":"m6g.large.search","dedicated_master_count":3}],"ebs_options":[{"ebs_enabled":true,"volume_type":"gp3","volume_size":100}]}"#

    @Test func searchDomainsArePricedPerNodeAndStoredGigabyte() throws {
        let report = try estimate([R("aws_opensearch_domain", "search", Self.searchDomain)])
        let search = try line(report, "aws_opensearch_domain.search")
        #expect(search.components.map(\.name) == [
            "Data nodes (3 × r6g.large.search)", "Dedicated master nodes (3 × m6g.large.search)", "Storage (gp3, 3 × 100 GB)",
        ])
        // 730 × 3 × 0.167 = 365.73; 730 × 3 × 0.128 = 280.32; 300 × 0.122 = 36.60
        #expect(search.monthly == Decimal(string: "682.65"))
        #expect(search.components.allSatisfy { $0.price.source == "https://aws.amazon.com/opensearch-service/pricing/" && $0.price.asOf == "2025-01" })
        let unknownType = try estimate([R("aws_opensearch_domain", "search", #"{"cluster_config":[{"instance_type":"x9.huge.search"}]}"#)])
        #expect(unknownType.lines.first?.monthly == nil)
    }

    @Test func provisionedConcurrencyIsPricedByTheMemoryOfItsFunction() throws {
        let report = try estimate([
            R("aws_lambda_function", "api", #"{"function_name":"api","memory_size":512}"#),
            R("aws_lambda_provisioned_concurrency_config", "api", #"{"provisioned_concurrent_executions":2}"#,
              references: ["function_name": ["aws_lambda_function.api.function_name"]]),
        ])
        let warm = try line(report, "aws_lambda_provisioned_concurrency_config.api")
        // 2 × 0.5 GB × 730 × 3600 s = 2,628,000 GB-s × 0.0000041667 = 10.95
        #expect(warm.components.first?.quantity == 2_628_000)
        #expect(warm.monthly == Decimal(string: "10.95"))
        let orphan = try estimate([R("aws_lambda_provisioned_concurrency_config", "x", #"{"provisioned_concurrent_executions":2}"#)])
        #expect(orphan.lines.first?.status == .notPriced(reason: .unknownUntilApply("the function's memory size")))
    }

    @Test func aMetricFilterCostsTheCustomMetricItPublishes() throws {
        let report = try estimate([R("aws_cloudwatch_log_metric_filter", "errors", #"{"metric_transformation":[{"name":"Errors","namespace":"App","value":"1"}]}"#)])
        let filter = try line(report, "aws_cloudwatch_log_metric_filter.errors")
        #expect(filter.monthly == Decimal(string: "0.30"))
        #expect(filter.components.first?.price.unit == "metric-month")
    }

    @Test func unknownResourcesAreNotPricedNeverZero() throws {
        let report = try estimate(Self.known)
        let mystery = try line(report, "aws_foo_bar.x")
        #expect(mystery.status == .notPriced(reason: .unknownType("aws_foo_bar")))
        #expect(report.notPriced.map(\.address) == ["aws_foo_bar.x"])
        let markdown = CostSection.markdown(report)
        #expect(markdown.contains("| `aws_foo_bar.x` | not priced |  | no price for resource type aws_foo_bar |"))
        #expect(markdown.contains("1 resource is not priced and not included."))
        let text = CostSection.plainText(report)
        #expect(text.contains("not priced  no price for resource type aws_foo_bar"))
        #expect(!text.contains("aws_foo_bar.x                             $0.00"))
    }

    @Test func reportsRoundTripThroughJSONForTheStatusBranch() throws {
        let report = try estimate(Self.known).compared(to: try estimate([R("aws_eip", "ip", "{}")]))
        let decoded = try JSONDecoder().decode(CostReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
        #expect(decoded.total == Decimal(string: "77.09"))
    }

    @Test func freeResourcesAreListedAsFreeExplicitly() throws {
        let report = try estimate(Self.known)
        #expect(CostSection.markdown(report).contains("| `aws_vpc.main` | $0.00 |  | free (no charge for this resource type) |"))
        #expect(CostSection.plainText(report).contains("$0.00  free"))
    }

    @Test func unknownInstanceTypesAndRegionsAreNotPriced() throws {
        let odd = try estimate([R("aws_instance", "x", #"{"instance_type":"u-12tb1.metal"}"#)])
        #expect(odd.lines.first?.monthly == nil)
        let elsewhere = try estimate([R("aws_instance", "x", #"{"instance_type":"t3.micro"}"#)], region: "ap-south-2")
        #expect(elsewhere.lines.first?.status == .notPriced(reason: .noPricesForRegion("ap-south-2")))
        #expect(elsewhere.prices == nil)
        #expect(CostSection.markdown(elsewhere).hasPrefix("**No total: no prices for region ap-south-2.**"))
        #expect(!CostSection.markdown(elsewhere).contains("Total: $0.00"))
        #expect(CostSection.plainText(elsewhere).contains("No total: no prices for region ap-south-2"))
        let unknownType = try estimate([R("aws_instance", "x", #"{"ami":"ami-1"}"#, unknown: #"{"instance_type":true}"#)])
        #expect(unknownType.lines.first?.monthly == nil)
    }

    @Test func differenceFromWhatIsDeployed() throws {
        let deployed = CostEstimator.estimate(try PlanFixture([
            R("aws_instance", "web", #"{"instance_type":"t3.small"}"#),
            R("aws_eip", "old", #"{"domain":"vpc"}"#),
        ]).document())
        // Deployed: t3.small 730 × 0.0208 = 15.184 → 15.18; EIP 3.65: 18.83.
        #expect(deployed.total == Decimal(string: "18.83"))
        let proposed = try estimate([R("aws_instance", "web", #"{"instance_type":"t3.micro"}"#), R("aws_nat_gateway", "nat", "{}")])
            .compared(to: deployed)
        // Proposed: 7.59 + 33.30 = 40.89; difference 40.89 − 18.83 = 22.06.
        #expect(proposed.total == Decimal(string: "40.89"))
        #expect(proposed.difference == Decimal(string: "22.06"))
        let markdown = CostSection.markdown(proposed)
        #expect(markdown.contains("Deployed now: $18.83 per month; difference: **+$22.06** per month."))
        #expect(markdown.contains("| `aws_instance.web` | $7.59 | -$7.59 |"))
        #expect(markdown.contains("| `aws_nat_gateway.nat` | $33.30 | +$33.30 (new) |"))
        #expect(markdown.contains("| `aws_eip.old` | removed | -$3.65 | destroyed by this change |"))
        let text = CostSection.plainText(proposed)
        #expect(text.contains("Difference"))
        #expect(text.contains("+$22.06"))
    }

    @Test func deployedEstimateComesFromThePlansPriorState() throws {
        let json = #"""
        {"format_version":"1.2",
         "planned_values":{"root_module":{"resources":[]}},
         "prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[
           {"address":"aws_eip.ip","mode":"managed","type":"aws_eip","name":"ip","provider_name":"registry.terraform.io/hashicorp/aws",
            "values":{"domain":"vpc"},"sensitive_values":{}}]}}},
         "resource_changes":[{"address":"aws_eip.ip","mode":"managed","type":"aws_eip","name":"ip",
           "provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["delete"],"before":{"domain":"vpc"},"after":null}}]}
        """#
        let plan = try PlanDocument.decode(showJSON: Data(json.utf8))
        let report = CostEstimator.estimate(plan).compared(to: CostEstimator.estimateDeployed(plan))
        #expect(report.total == 0)
        #expect(report.difference == Decimal(string: "-3.65"))
        #expect(CostSection.markdown(report).contains("difference: **-$3.65** per month"))
    }

    @Test func usageAssumptionsArePrintedWithTheEstimate() throws {
        let report = try estimate([R("aws_s3_bucket", "b", #"{"bucket":"b"}"#), R("aws_lambda_function", "f", #"{"memory_size":512}"#)])
        #expect(report.assumptions.contains("10 GB stored per bucket"))
        #expect(report.assumptions.contains("1M invocations per function"))
        // S3: 10 GB × 0.023 = 0.23; 10K requests × 0.005 = 0.05: 0.28.
        #expect(report.lines.first?.monthly == Decimal(string: "0.28"))
        // Lambda: 1M × $0.20 = 0.20; 1M × 0.1 s × 0.5 GB = 50,000 GB-s × 0.0000166667 = 0.833335 → 0.83: 1.03.
        #expect(report.lines.last?.monthly == Decimal(string: "1.03"))
        let markdown = CostSection.markdown(report)
        #expect(markdown.contains("Usage assumptions"))
        #expect(markdown.contains("- 10 GB stored per bucket"))
        #expect(markdown.contains("https://aws.amazon.com/s3/pricing/ (2025-01)"))
        #expect(CostSection.plainText(report).contains("Assumptions:\n"))
    }

    @Test func fargateServicesArePricedFromTheirTaskDefinition() throws {
        let report = try estimate([
            R("aws_ecs_task_definition", "app", #"{"family":"app","cpu":"512","memory":"1024","requires_compatibilities":["FARGATE"]}"#),
            R("aws_ecs_service", "app", #"{"name":"app","desired_count":2,"launch_type":"FARGATE"}"#,
              references: ["task_definition": ["aws_ecs_task_definition.app.arn", "aws_ecs_task_definition.app"]],
              unknown: #"{"task_definition":true}"#),
        ])
        // 2 × 0.5 vCPU × 730 × 0.04048 = 29.5504 → 29.55; 2 × 1 GB × 730 × 0.004445 = 6.4897 → 6.49.
        #expect(report.lines.first { $0.type == "aws_ecs_service" }?.monthly == Decimal(string: "36.04"))
        #expect(report.lines.first { $0.type == "aws_ecs_task_definition" }?.status == .free)
    }

    @Test func autoScalingGroupsArePricedFromTheirLaunchTemplate() throws {
        let report = try estimate([
            R("aws_launch_template", "lt", #"{"name":"web","instance_type":"t3.small"}"#, unknown: #"{"id":true}"#),
            R("aws_autoscaling_group", "asg", #"{"desired_capacity":3,"min_size":1,"max_size":4,"launch_template":[{"version":"$Latest"}]}"#,
              references: ["launch_template.0.id": ["aws_launch_template.lt.id", "aws_launch_template.lt"]],
              unknown: #"{"launch_template":[{"id":true}]}"#),
        ])
        // 3 × 730 × 0.0208 = 45.552 → 45.55
        #expect(report.lines.first { $0.type == "aws_autoscaling_group" }?.monthly == Decimal(string: "45.55"))
    }

    @Test func auroraServerlessIsPricedAtItsMinimumCapacity() throws {
        let report = try estimate([
            R("aws_rds_cluster", "c", #"{"cluster_identifier":"c","engine":"aurora-postgresql","serverlessv2_scaling_configuration":[{"min_capacity":0.5,"max_capacity":4}]}"#),
            R("aws_rds_cluster_instance", "i", #"{"instance_class":"db.serverless","engine":"aurora-postgresql"}"#,
              references: ["cluster_identifier": ["aws_rds_cluster.c.id", "aws_rds_cluster.c"]], unknown: #"{"cluster_identifier":true}"#),
        ])
        // 0.5 ACU × 730 × 0.12 = 43.80
        #expect(report.lines.first { $0.type == "aws_rds_cluster_instance" }?.monthly == Decimal(string: "43.80"))
        // Storage 10 GB × 0.10 = 1.00; I/O 10M × 0.20 = 2.00.
        #expect(report.lines.first { $0.type == "aws_rds_cluster" }?.monthly == Decimal(string: "3.00"))
    }

    /// Every resource type the catalog emits (DESIGN.md's list of what EZBuilt deploys) is
    /// either priced or free by rule in both regions.
    @Test(arguments: PriceTable.regions)
    func everyCatalogResourceTypeIsPricedOrFree(region: String) throws {
        let catalog: [R] = [
            R("aws_s3_bucket", "a", #"{"bucket":"x"}"#), R("aws_s3_bucket_versioning", "a", "{}"),
            R("aws_s3_bucket_server_side_encryption_configuration", "a", "{}"), R("aws_s3_bucket_public_access_block", "a", "{}"),
            R("aws_s3_bucket_policy", "a", "{}"), R("aws_s3_bucket_lifecycle_configuration", "a", "{}"),
            R("aws_vpc", "a", "{}"), R("aws_subnet", "a", "{}"), R("aws_internet_gateway", "a", "{}"),
            R("aws_nat_gateway", "a", "{}"), R("aws_eip", "a", "{}"), R("aws_route_table", "a", "{}"),
            R("aws_route_table_association", "a", "{}"), R("aws_security_group", "a", "{}"),
            R("aws_vpc_security_group_ingress_rule", "a", "{}"), R("aws_vpc_security_group_egress_rule", "a", "{}"),
            R("aws_instance", "a", #"{"instance_type":"t3.micro"}"#), R("aws_launch_template", "a", #"{"instance_type":"t3.micro"}"#),
            R("aws_autoscaling_group", "a", #"{"desired_capacity":1}"#, references: ["launch_template.0.id": ["aws_launch_template.a.id"]]),
            R("aws_lb", "a", #"{"load_balancer_type":"application"}"#), R("aws_lb_target_group", "a", "{}"), R("aws_lb_listener", "a", "{}"),
            R("aws_db_instance", "a", #"{"engine":"mysql","instance_class":"db.t4g.micro","allocated_storage":20,"storage_type":"gp3"}"#),
            R("aws_db_subnet_group", "a", "{}"), R("aws_dynamodb_table", "a", #"{"billing_mode":"PAY_PER_REQUEST"}"#),
            R("aws_sqs_queue", "a", "{}"), R("aws_sns_topic", "a", "{}"), R("aws_lambda_function", "a", #"{"memory_size":128}"#),
            R("aws_iam_role", "a", "{}"), R("aws_iam_policy", "a", "{}"), R("aws_iam_role_policy_attachment", "a", "{}"),
            R("aws_iam_instance_profile", "a", "{}"), R("aws_kms_key", "a", "{}"), R("aws_kms_alias", "a", "{}"),
            R("aws_cloudwatch_log_group", "a", "{}"), R("aws_ecr_repository", "a", "{}"), R("aws_ecs_cluster", "a", "{}"),
            R("aws_ecs_task_definition", "a", #"{"cpu":"256","memory":"512"}"#),
            R("aws_ecs_service", "a", #"{"desired_count":1}"#, references: ["task_definition": ["aws_ecs_task_definition.a.arn"]]),
            R("aws_secretsmanager_secret", "a", "{}"), R("aws_route53_zone", "a", "{}"), R("aws_route53_record", "a", "{}"),
            R("aws_cloudfront_distribution", "a", "{}"), R("aws_api_gateway_rest_api", "a", "{}"), R("aws_apigatewayv2_api", "a", "{}"),
            R("aws_efs_file_system", "a", "{}"), R("aws_efs_mount_target", "a", "{}"),
            R("aws_elasticache_replication_group", "a", #"{"node_type":"cache.t4g.micro","num_cache_clusters":2}"#),
            R("aws_elasticache_subnet_group", "a", "{}"), R("aws_acm_certificate", "a", "{}"),
            R("aws_ebs_volume", "a", #"{"size":10,"type":"gp3"}"#),
            R("aws_rds_cluster", "a", #"{"serverlessv2_scaling_configuration":[{"min_capacity":0.5}]}"#),
            R("aws_rds_cluster_instance", "a", #"{"instance_class":"db.serverless"}"#, references: ["cluster_identifier": ["aws_rds_cluster.a.id"]]),
            R("aws_flow_log", "a", "{}"), R("aws_cloudwatch_metric_alarm", "a", "{}"),
            R("aws_vpc_endpoint", "gateway", #"{"vpc_endpoint_type":"Gateway"}"#),
            R("aws_vpc_endpoint", "interface", #"{"vpc_endpoint_type":"Interface","subnet_ids":["subnet-a","subnet-b"]}"#),
            R("aws_opensearch_domain", "a", Self.searchDomain),
            R("aws_lambda_provisioned_concurrency_config", "a", #"{"provisioned_concurrent_executions":2}"#,
              references: ["function_name": ["aws_lambda_function.a.function_name"]]),
            R("aws_cloudwatch_log_metric_filter", "a", #"{"metric_transformation":[{"name":"Errors","namespace":"App","value":"1"}]}"#),
            R("aws_kinesis_stream", "a", #"{"shard_count":2,"stream_mode_details":[{"stream_mode":"PROVISIONED"}]}"#),
            R("aws_kinesis_stream_consumer", "a", "{}", references: ["stream_arn": ["aws_kinesis_stream.a.arn"]]),
        ]
        let report = try estimate(catalog, region: region)
        for line in report.lines {
            if case .notPriced(let reason) = line.status { Issue.record("\(line.address) not priced in \(region): \(reason)") }
        }
        #expect(report.lines.count == catalog.count)
    }

    @Test(arguments: [
        ("0", "$0.00", "±$0.00"),
        ("7.592", "$7.59", "+$7.59"),
        ("0.005", "$0.01", "+$0.01"),
        ("-3.65", "-$3.65", "-$3.65"),
        ("1234567.5", "$1,234,567.50", "+$1,234,567.50"),
        ("999.999", "$1,000.00", "+$1,000.00"),
    ])
    func moneyIsPrintedInDollarsWithCents(value: String, plain: String, signed: String) throws {
        let amount = try #require(Decimal(string: value))
        #expect(Money.format(amount) == plain)
        #expect(Money.format(amount, signed: true) == signed)
    }

    @Test func theNineRegionsArePriced() {
        #expect(PriceTable.regions == ["ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "eu-central-1", "eu-west-1", "eu-west-2",
                                       "us-east-1", "us-east-2", "us-west-2"])
    }

    @Test(arguments: PriceTable.regions)
    func everyPriceHasASourceAndDate(region: String) throws {
        let table = try #require(PriceTable.tables[region])
        #expect(table.asOf.wholeMatch(of: /20[0-9]{2}-[01][0-9]/) != nil)
        #expect(table.basis.count > 20)
        // Every region prices the same things.
        #expect(Set(table.prices.keys) == Set(PriceTable.usEast1.prices.keys))
        for key in table.prices.keys.sorted() {
            let price = PriceTable.price(key, region: region)
            #expect(price != nil, "\(key) in \(region) has no family")
            #expect(price?.source.hasPrefix("https://aws.amazon.com/") == true)
            #expect(price?.asOf == table.asOf)
            #expect((price?.amount ?? 0) > 0)
        }
    }

    /// Regions cost what AWS's regions cost relative to each other: none cheaper than
    /// N. Virginia for these services, none more than 60 % dearer.
    @Test(arguments: PriceTable.regions)
    func regionalPricesKeepRealisticRatios(region: String) throws {
        let table = try #require(PriceTable.tables[region])
        for key in ["ec2/t3.micro", "ec2/m5.large", "ebs/gp3", "nat", "s3", "rds/postgres/db.t3.micro", "fargate-vcpu", "elb/application"] {
            let base = try #require(PriceTable.usEast1.prices[key])
            let here = try #require(table.prices[key])
            let ratio = NSDecimalNumber(decimal: here / base).doubleValue
            #expect((1.0...1.6).contains(ratio), "\(key) in \(region) is \(ratio) × us-east-1")
        }
        // Asia Pacific costs more than Europe, which costs more than the US, for compute.
        let micro = { (region: String) in NSDecimalNumber(decimal: PriceTable.tables[region]?.prices["ec2/t3.micro"] ?? 0).doubleValue }
        #expect(micro("us-east-2") <= micro("eu-west-1"))
        #expect(micro("eu-central-1") < micro("ap-northeast-1"))
    }

    @Test func interfaceEndpointsArePricedPerZoneAndGatewaysAreFree() throws {
        let report = try estimate([
            R("aws_vpc_endpoint", "s3", #"{"vpc_endpoint_type":"Gateway","service_name":"com.amazonaws.us-east-1.s3"}"#),
            R("aws_vpc_endpoint", "ssm", #"{"vpc_endpoint_type":"Interface","subnet_ids":["subnet-a","subnet-b"]}"#),
        ])
        #expect(try line(report, "aws_vpc_endpoint.s3").status == .free)
        // 2 subnets × 730 h × $0.01 = $14.60.
        #expect(try line(report, "aws_vpc_endpoint.ssm").monthly == Decimal(string: "14.60"))
    }

    @Test func aPricedEstimateSaysWhereItsPricesCameFrom() throws {
        let report = try estimate(Self.known, region: "eu-central-1")
        let markdown = CostSection.markdown(report)
        #expect(markdown.contains("Prices for eu-central-1 (2025-01): AWS list prices as known without network access"))
        // Frankfurt t3.micro: 730 × 0.012 = 8.76, + 8 GB gp3 × 0.0952 = 0.7616 → 0.76: 9.52.
        #expect(try line(report, "aws_instance.web").monthly == Decimal(string: "9.52"))
    }

    @Test func realPlanIsPricedInItsProviderRegion() throws {
        let plan = try PlanDocument.decode(showJSON: Data(RealPlanFixture.json.utf8))
        let report = CostEstimator.estimate(plan)
        #expect(report.region == "eu-west-1")
        // db.t3.micro postgres Multi-AZ: 730 × 2 × 0.019 = 27.74 + gp2 default 20 × 2 × 0.127 = 5.08 → 32.82.
        #expect(report.lines.first { $0.address == "aws_db_instance.db" }?.monthly == Decimal(string: "32.82"))
        #expect(report.lines.first { $0.address == "module.child.aws_security_group.sg" }?.status == .free)
        #expect(report.notPriced.isEmpty, "\(report.notPriced)")
    }
}
