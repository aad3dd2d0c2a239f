import Foundation
import PlanModel

/// Prices the resources of a plan from the offline ``PriceTable``.
///
/// Hourly prices × 730 hours; usage-based prices × the stated ``UsageAssumptions``; types in
/// ``freeTypes`` are $0.00 by rule; anything else is "not priced", never $0.
public enum CostEstimator {
    /// Resource types AWS does not charge for by themselves (their traffic or the resources
    /// they configure may cost, and are priced where they are).
    public static let freeTypes: Set<String> = [
        "aws_vpc", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association",
        "aws_main_route_table_association", "aws_internet_gateway", "aws_egress_only_internet_gateway",
        "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule", "aws_network_acl", "aws_network_acl_rule", "aws_default_security_group",
        "aws_default_route_table", "aws_default_network_acl", "aws_vpc_dhcp_options", "aws_vpc_dhcp_options_association",
        "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
        "aws_iam_instance_profile", "aws_iam_user", "aws_iam_group", "aws_iam_user_policy", "aws_iam_group_policy",
        "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment",
        "aws_iam_openid_connect_provider", "aws_iam_service_linked_role",
        "aws_db_subnet_group", "aws_db_parameter_group", "aws_rds_cluster_parameter_group", "aws_db_option_group",
        "aws_elasticache_subnet_group", "aws_elasticache_parameter_group",
        "aws_lb_target_group", "aws_alb_target_group", "aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule",
        "aws_lb_target_group_attachment", "aws_launch_template", "aws_autoscaling_policy",
        "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block", "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_policy", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_logging",
        "aws_s3_bucket_ownership_controls", "aws_s3_bucket_acl", "aws_s3_bucket_cors_configuration",
        "aws_s3_bucket_website_configuration", "aws_s3_bucket_notification", "aws_s3_account_public_access_block",
        "aws_kms_alias", "aws_ecs_cluster", "aws_ecs_task_definition", "aws_ecs_cluster_capacity_providers",
        "aws_sns_topic_subscription", "aws_sns_topic_policy", "aws_sqs_queue_policy", "aws_sqs_queue_redrive_policy",
        "aws_lambda_permission", "aws_lambda_event_source_mapping", "aws_route53_record", "aws_acm_certificate",
        "aws_acm_certificate_validation", "aws_secretsmanager_secret_version", "aws_secretsmanager_secret_policy",
        "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy",
        "aws_efs_mount_target", "aws_efs_access_point", "aws_efs_backup_policy", "aws_cloudfront_origin_access_control",
        "aws_cloudfront_origin_access_identity", "aws_api_gateway_resource", "aws_api_gateway_method",
        "aws_api_gateway_integration", "aws_api_gateway_deployment", "aws_api_gateway_stage",
        "aws_api_gateway_method_response", "aws_api_gateway_integration_response", "aws_apigatewayv2_stage",
        "aws_apigatewayv2_integration", "aws_apigatewayv2_route", "aws_ebs_encryption_by_default",
        "aws_volume_attachment", "aws_key_pair", "aws_eip_association", "aws_dynamodb_table_item",
        "aws_s3_object", "aws_cloudwatch_log_resource_policy",
        // Application Auto Scaling has no charge of its own (the capacity it adds is priced).
        "aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action",
        "aws_lambda_function_event_invoke_config", "aws_sqs_queue_redrive_allow_policy",
        // Configuration around a priced resource, with no charge of its own.
        "aws_apigatewayv2_domain_name", "aws_apigatewayv2_api_mapping", "aws_cognito_user_pool_client",
        "aws_cognito_user_pool_domain", "aws_efs_file_system_policy", "aws_cloudwatch_log_stream",
        "aws_scheduler_schedule_group", "aws_secretsmanager_secret_rotation", "aws_sesv2_email_identity",
        "aws_sesv2_email_identity_mail_from_attributes", "aws_vpc_peering_connection", "aws_cloudwatch_event_bus",
        "aws_backup_plan", "aws_backup_selection", "aws_backup_vault_lock_configuration",
        "aws_redshiftserverless_namespace", "aws_redshiftserverless_usage_limit", "aws_glue_catalog_database",
        "aws_lambda_alias",
        // REST API configuration (requests are priced on the API), WAF configuration (the web ACL
        // and its rules are priced; IP sets, associations and log delivery settings are not
        // charged), ECR and S3 replication settings (the copies are priced as what they are).
        "aws_api_gateway_method_settings", "aws_api_gateway_usage_plan", "aws_api_gateway_api_key", "aws_api_gateway_usage_plan_key",
        "aws_wafv2_ip_set", "aws_wafv2_web_acl_association", "aws_wafv2_web_acl_logging_configuration",
    ]

    /// Resource types billed only by use (queries, transitions, data delivered, compute
    /// seconds) with no charge at rest: the estimate says so rather than guessing a volume.
    public static let usageOnlyTypes: [String: String] = [
        "aws_athena_workgroup": "Athena bills per TB scanned by queries",
        "aws_glue_crawler": "Glue crawlers bill per DPU-hour while they run",
        "aws_kinesis_firehose_delivery_stream": "Firehose bills per GB delivered",
        "aws_sfn_state_machine": "Step Functions bills per state transition",
        "aws_scheduler_schedule": "EventBridge Scheduler bills per million invocations after the free tier",
        "aws_cognito_user_pool": "Cognito bills per monthly active user after the free tier",
        "aws_redshiftserverless_workgroup": "Redshift Serverless bills per RPU-hour of queries run",
        "aws_backup_vault": "AWS Backup bills per GB of backups stored",
        "aws_s3_bucket_replication_configuration": "S3 replication bills the replicated storage in the destination and inter-region transfer per GB",
        "aws_ecr_replication_configuration": "ECR replication bills the copied images' storage in each destination and cross-region transfer per GB",
    ]

    /// Estimates the monthly cost of a plan's resources after apply (managed resources only).
    /// The region is the plan's `aws` provider region, else `defaultRegion`.
    public static func estimate(
        _ plan: PlanDocument, defaultRegion: String = "us-east-1", usage: UsageAssumptions = .default
    ) -> CostReport {
        estimate(resources: plan.resources, plan: plan, region: plan.region ?? defaultRegion, usage: usage)
    }

    /// Estimates the monthly cost of what is deployed now (the plan's prior state).
    public static func estimateDeployed(
        _ plan: PlanDocument, defaultRegion: String = "us-east-1", usage: UsageAssumptions = .default
    ) -> CostReport {
        estimate(resources: plan.priorResources, plan: plan, region: plan.region ?? defaultRegion, usage: usage)
    }

    /// Estimates the given resources; `plan` supplies configuration references for
    /// relationships (ECS service → task definition, Auto Scaling group → launch template).
    public static func estimate(
        resources: [PlannedResource], plan: PlanDocument, region: String, usage: UsageAssumptions = .default
    ) -> CostReport {
        let context = PricingContext(plan: plan, resources: resources, region: region, usage: usage)
        let lines = resources.filter { $0.mode == .managed }.map { context.price($0) }
        return CostReport(region: region, lines: lines)
    }
}

/// Per-estimate state: the region, usage, and lookups across resources.
struct PricingContext {
    let plan: PlanDocument
    let resources: [PlannedResource]
    let region: String
    let usage: UsageAssumptions

    private func hours(_ resource: PlannedResource, _ name: String, key: String, count: Decimal = 1) -> CostComponent? {
        guard let price = PriceTable.price(key, region: region) else { return nil }
        return CostComponent(name: name, quantity: PriceTable.hoursPerMonth * count, price: price)
    }

    private func usageComponent(_ name: String, key: String, quantity: Decimal, assumption: String) -> CostComponent? {
        guard let price = PriceTable.price(key, region: region) else { return nil }
        return CostComponent(name: name, quantity: quantity, price: price, assumption: assumption)
    }

    private func notPriced(_ resource: PlannedResource, _ reason: NotPricedReason) -> CostLine {
        CostLine(address: resource.address, type: resource.type, status: .notPriced(reason: reason))
    }

    private func priced(_ resource: PlannedResource, _ components: [CostComponent?], missing: String) -> CostLine {
        let present = components.compactMap { $0 }
        guard present.count == components.count, !present.isEmpty else { return notPriced(resource, .noPrice(missing)) }
        return CostLine(address: resource.address, type: resource.type, status: .priced, components: present)
    }

    private func number(_ resource: PlannedResource, _ path: String) -> Decimal? {
        guard let value = resource.value(at: path) else { return nil }
        switch value {
        case .number(let number): return Decimal(string: String(number))
        case .string(let text): return Decimal(string: text)
        default: return nil
        }
    }

    /// The resource in `resources` that `resource.attribute` refers to, by configuration
    /// reference or by matching one of `keys` of the target's planned values.
    private func referenced(from resource: PlannedResource, attribute: String, types: Set<String>, keys: [String]) -> PlannedResource? {
        let candidates = resources.filter { types.contains($0.type) }
        if let config = plan.configuration(of: resource) {
            let addresses = config.referencedResources(attribute)
            if let match = candidates.first(where: { addresses.contains($0.configAddress) }) { return match }
        }
        if let value = resource.value(at: attribute)?.stringValue {
            return candidates.first { candidate in keys.contains { candidate.value(at: $0)?.stringValue == value } }
        }
        return nil
    }

    func price(_ resource: PlannedResource) -> CostLine {
        if CostEstimator.freeTypes.contains(resource.type) {
            return CostLine(address: resource.address, type: resource.type, status: .free)
        }
        guard PriceTable.regions.contains(region) else {
            return notPriced(resource, .noPricesForRegion(region))
        }
        let u = usage
        switch resource.type {
        case "aws_instance":
            guard let type = resource.string("instance_type") else { return notPriced(resource, .unknownUntilApply("instance_type")) }
            var components: [CostComponent?] = [hours(resource, "Instance usage (\(type), Linux on-demand)", key: "ec2/\(type)")]
            if resource.bool("associate_public_ip_address") == true {
                components.append(hours(resource, "Public IPv4 address", key: "ipv4"))
            }
            let volumeType = resource.string("root_block_device.0.volume_type") ?? "gp3"
            if let size = number(resource, "root_block_device.0.volume_size") {
                components.append(PriceTable.price("ebs/\(volumeType)", region: region).map {
                    CostComponent(name: "Root volume (\(volumeType), \(size) GB)", quantity: size, price: $0)
                })
            }
            return priced(resource, components, missing: "no price for instance type \(type) in \(region)")
        case "aws_ebs_volume":
            let volumeType = resource.string("type") ?? "gp3"
            guard let size = number(resource, "size") else { return notPriced(resource, .unknownUntilApply("volume size")) }
            var components: [CostComponent?] = [PriceTable.price("ebs/\(volumeType)", region: region).map {
                CostComponent(name: "Storage (\(volumeType))", quantity: size, price: $0)
            }]
            if volumeType == "gp3" {
                if let iops = number(resource, "iops"), iops > 3000 {
                    components.append(PriceTable.price("ebs-iops/gp3", region: region).map {
                        CostComponent(name: "Provisioned IOPS above 3000", quantity: iops - 3000, price: $0)
                    })
                }
                if let throughput = number(resource, "throughput"), throughput > 125 {
                    components.append(PriceTable.price("ebs-throughput/gp3", region: region).map {
                        CostComponent(name: "Throughput above 125 MBps", quantity: throughput - 125, price: $0)
                    })
                }
            }
            return priced(resource, components, missing: "no price for EBS volume type \(volumeType) in \(region)")
        case "aws_eip":
            return priced(resource, [hours(resource, "Public IPv4 address", key: "ipv4")], missing: "no IPv4 price")
        case "aws_vpc_endpoint":
            // Gateway endpoints (S3, DynamoDB; terraform's default type) cost nothing; an
            // interface endpoint is charged per hour in each subnet (availability zone) it is in.
            guard resource.string("vpc_endpoint_type") == "Interface" else {
                return CostLine(address: resource.address, type: resource.type, status: .free)
            }
            let zones = Decimal(max(1, resource.value(at: "subnet_ids")?.arrayValue?.count ?? 1))
            return priced(resource, [hours(resource, "Interface endpoint hours (\(zones) subnet\(zones == 1 ? "" : "s"))", key: "vpce", count: zones)],
                          missing: "no VPC endpoint price in \(region)")
        case "aws_nat_gateway":
            return priced(resource, [
                hours(resource, "NAT gateway hours", key: "nat"),
                usageComponent("Data processed", key: "nat-data", quantity: u.natDataGB, assumption: "\(u.natDataGB) GB processed per NAT gateway"),
            ], missing: "no NAT gateway price in \(region)")
        case "aws_lb", "aws_alb":
            let kind = resource.string("load_balancer_type") ?? "application"
            guard kind == "application" || kind == "network" else { return notPriced(resource, .noPrice("no price for \(kind) load balancers")) }
            return priced(resource, [
                hours(resource, "Load balancer hours (\(kind))", key: "elb/\(kind)"),
                PriceTable.price("elb-lcu/\(kind)", region: region).map {
                    CostComponent(name: "Capacity units", quantity: u.loadBalancerLCUs * PriceTable.hoursPerMonth, price: $0,
                                  assumption: "\(u.loadBalancerLCUs) LCU on average per load balancer")
                },
            ], missing: "no load balancer price in \(region)")
        case "aws_db_instance":
            return priceDatabase(resource)
        case "aws_rds_cluster":
            return priced(resource, [
                usageComponent("Aurora storage", key: "aurora-storage", quantity: u.auroraStorageGB, assumption: "\(u.auroraStorageGB) GB Aurora storage per cluster"),
                usageComponent("Aurora I/O", key: "aurora-io", quantity: u.auroraIOMillions, assumption: "\(u.auroraIOMillions) million I/O requests per cluster"),
            ], missing: "no Aurora price in \(region)")
        case "aws_rds_cluster_instance":
            guard let instanceClass = resource.string("instance_class") else { return notPriced(resource, .unknownUntilApply("instance_class")) }
            if instanceClass == "db.serverless" {
                let cluster = referenced(from: resource, attribute: "cluster_identifier", types: ["aws_rds_cluster"], keys: ["cluster_identifier", "id"])
                guard let minimum = cluster.flatMap({ number($0, "serverlessv2_scaling_configuration.0.min_capacity") }) else {
                    return notPriced(resource, .unknownUntilApply("Serverless v2 minimum capacity (the cluster's scaling configuration)"))
                }
                return priced(resource, [PriceTable.price("aurora-acu", region: region).map {
                    CostComponent(name: "Aurora Serverless v2 (\(minimum) ACU minimum)", quantity: minimum * PriceTable.hoursPerMonth, price: $0,
                                  assumption: "Serverless v2 runs at its minimum capacity all month")
                }], missing: "no Aurora Serverless v2 price in \(region)")
            }
            return priced(resource, [hours(resource, "Aurora instance (\(instanceClass))", key: "aurora/\(instanceClass)")],
                          missing: "no price for Aurora class \(instanceClass) in \(region)")
        case "aws_elasticache_cluster", "aws_elasticache_replication_group":
            guard let nodeType = resource.string("node_type") else { return notPriced(resource, .unknownUntilApply("node_type")) }
            var nodes: Decimal = 1
            if resource.type == "aws_elasticache_cluster" {
                nodes = number(resource, "num_cache_nodes") ?? 1
            } else if let count = number(resource, "num_cache_clusters") {
                nodes = count
            } else if let groups = number(resource, "num_node_groups") {
                nodes = groups * (1 + (number(resource, "replicas_per_node_group") ?? 0))
            }
            return priced(resource, [hours(resource, "Cache nodes (\(nodes) × \(nodeType))", key: "elasticache/\(nodeType)", count: nodes)],
                          missing: "no price for cache node type \(nodeType) in \(region)")
        case "aws_efs_file_system":
            return priced(resource, [usageComponent("Standard storage", key: "efs", quantity: u.efsStorageGB, assumption: "\(u.efsStorageGB) GB stored per file system")],
                          missing: "no EFS price in \(region)")
        case "aws_s3_bucket":
            return priced(resource, [
                usageComponent("Standard storage", key: "s3", quantity: u.s3StorageGB, assumption: "\(u.s3StorageGB) GB stored per bucket"),
                usageComponent("Requests", key: "s3-requests", quantity: u.s3RequestsThousands, assumption: "\(u.s3RequestsThousands)K requests per bucket"),
            ], missing: "no S3 price in \(region)")
        case "aws_dynamodb_table":
            if resource.string("billing_mode") == "PROVISIONED" {
                let reads = number(resource, "read_capacity") ?? 0
                let writes = number(resource, "write_capacity") ?? 0
                return priced(resource, [
                    PriceTable.price("dynamodb-provisioned/write", region: region).map {
                        CostComponent(name: "Provisioned writes (\(writes) WCU)", quantity: writes * PriceTable.hoursPerMonth, price: $0)
                    },
                    PriceTable.price("dynamodb-provisioned/read", region: region).map {
                        CostComponent(name: "Provisioned reads (\(reads) RCU)", quantity: reads * PriceTable.hoursPerMonth, price: $0)
                    },
                    usageComponent("Storage", key: "dynamodb-storage", quantity: u.dynamoStorageGB, assumption: "\(u.dynamoStorageGB) GB per table"),
                ], missing: "no DynamoDB price in \(region)")
            }
            return priced(resource, [
                usageComponent("On-demand writes", key: "dynamodb/write", quantity: u.dynamoWritesMillions, assumption: "\(u.dynamoWritesMillions)M write request units per table"),
                usageComponent("On-demand reads", key: "dynamodb/read", quantity: u.dynamoReadsMillions, assumption: "\(u.dynamoReadsMillions)M read request units per table"),
                usageComponent("Storage", key: "dynamodb-storage", quantity: u.dynamoStorageGB, assumption: "\(u.dynamoStorageGB) GB per table"),
            ], missing: "no DynamoDB price in \(region)")
        case "aws_lambda_function":
            let memoryMB = number(resource, "memory_size") ?? 128
            let seconds = u.lambdaRequestsMillions * 1_000_000 * u.lambdaAverageMilliseconds / 1000
            return priced(resource, [
                usageComponent("Requests", key: "lambda-requests", quantity: u.lambdaRequestsMillions, assumption: "\(u.lambdaRequestsMillions)M invocations per function"),
                usageComponent("Duration (\(memoryMB) MB)", key: "lambda-duration", quantity: seconds * memoryMB / 1024,
                               assumption: "\(u.lambdaAverageMilliseconds) ms average duration; free tier not deducted"),
            ], missing: "no Lambda price in \(region)")
        case "aws_cloudfront_distribution":
            return priced(resource, [
                usageComponent("Data transfer out", key: "cloudfront-data", quantity: u.cloudFrontDataGB, assumption: "\(u.cloudFrontDataGB) GB to viewers in North America/Europe"),
                usageComponent("HTTPS requests", key: "cloudfront-requests", quantity: u.cloudFrontRequestsTenThousands,
                               assumption: "\(u.cloudFrontRequestsTenThousands * 10)K HTTPS requests per distribution"),
            ], missing: "no CloudFront price")
        case "aws_route53_zone":
            return priced(resource, [
                PriceTable.price("route53-zone", region: region).map { CostComponent(name: "Hosted zone", quantity: 1, price: $0) },
                usageComponent("Standard queries", key: "route53-queries", quantity: u.route53QueriesMillions, assumption: "\(u.route53QueriesMillions)M queries per zone"),
            ], missing: "no Route 53 price")
        case "aws_kms_key":
            return priced(resource, [
                PriceTable.price("kms-key", region: region).map { CostComponent(name: "Customer managed key", quantity: 1, price: $0) },
                usageComponent("Requests", key: "kms-requests", quantity: u.kmsRequestsTenThousands, assumption: "\(u.kmsRequestsTenThousands * 10)K API requests per key"),
            ], missing: "no KMS price")
        case "aws_secretsmanager_secret":
            return priced(resource, [
                PriceTable.price("secrets", region: region).map { CostComponent(name: "Secret", quantity: 1, price: $0) },
                usageComponent("API calls", key: "secrets-api", quantity: u.secretsAPITenThousands, assumption: "\(u.secretsAPITenThousands * 10)K API calls per secret"),
            ], missing: "no Secrets Manager price")
        case "aws_cloudwatch_log_group", "aws_flow_log":
            return priced(resource, [
                usageComponent("Log ingestion", key: "logs-ingest", quantity: u.logsIngestGB, assumption: "\(u.logsIngestGB) GB ingested per log group or flow log"),
                usageComponent("Log storage", key: "logs-storage", quantity: u.logsIngestGB, assumption: "one month of ingested logs stored"),
            ], missing: "no CloudWatch Logs price in \(region)")
        case "aws_cloudwatch_metric_alarm":
            return priced(resource, [PriceTable.price("cw-alarm", region: region).map { CostComponent(name: "Standard alarm", quantity: 1, price: $0) }],
                          missing: "no CloudWatch alarm price")
        case "aws_ecs_service":
            return priceFargate(resource)
        case "aws_autoscaling_group":
            let capacity = number(resource, "desired_capacity") ?? number(resource, "min_size") ?? 0
            guard let template = referenced(from: resource, attribute: "launch_template.0.id", types: ["aws_launch_template"], keys: ["id", "name"])
                ?? referenced(from: resource, attribute: "launch_template.0.name", types: ["aws_launch_template"], keys: ["name"]),
                let type = template.string("instance_type")
            else { return notPriced(resource, .unknownUntilApply("the launch template's instance type")) }
            return priced(resource, [hours(resource, "Instances (\(capacity) × \(type))", key: "ec2/\(type)", count: capacity)],
                          missing: "no price for instance type \(type) in \(region)")
        case "aws_sqs_queue":
            return priced(resource, [usageComponent("Requests", key: "sqs", quantity: u.sqsRequestsMillions, assumption: "\(u.sqsRequestsMillions)M requests per queue; free tier not deducted")],
                          missing: "no SQS price")
        case "aws_sns_topic":
            return priced(resource, [usageComponent("Publishes", key: "sns", quantity: u.snsPublishesMillions, assumption: "\(u.snsPublishesMillions)M publishes per topic; deliveries not included")],
                          missing: "no SNS price")
        case "aws_api_gateway_rest_api":
            return priced(resource, [usageComponent("REST API requests", key: "apigw-rest", quantity: u.apiRequestsMillions, assumption: "\(u.apiRequestsMillions)M requests per API")],
                          missing: "no API Gateway price in \(region)")
        case "aws_apigatewayv2_api":
            return priced(resource, [usageComponent("HTTP API requests", key: "apigw-http", quantity: u.apiRequestsMillions, assumption: "\(u.apiRequestsMillions)M requests per API")],
                          missing: "no API Gateway price in \(region)")
        case "aws_ecr_repository":
            return priced(resource, [usageComponent("Image storage", key: "ecr-storage", quantity: u.ecrStorageGB, assumption: "\(u.ecrStorageGB) GB of images per repository")],
                          missing: "no ECR price")
        case "aws_cloudwatch_dashboard":
            return priced(resource, [PriceTable.price("cw-dashboard", region: region).map { CostComponent(name: "Dashboard", quantity: 1, price: $0) }],
                          missing: "no CloudWatch dashboard price")
        case "aws_wafv2_web_acl":
            let rules = Decimal(resource.value(at: "rule")?.arrayValue?.count ?? 0)
            return priced(resource, [
                PriceTable.price("waf-acl", region: region).map { CostComponent(name: "Web ACL", quantity: 1, price: $0) },
                PriceTable.price("waf-rule", region: region).map { CostComponent(name: "Rules (\(rules))", quantity: rules, price: $0) },
                usageComponent("Requests", key: "waf-requests", quantity: u.apiRequestsMillions, assumption: "\(u.apiRequestsMillions)M requests inspected"),
            ], missing: "no WAF price")
        case "aws_kinesis_stream":
            if resource.string("stream_mode_details.0.stream_mode") == "ON_DEMAND" {
                return priced(resource, [hours(resource, "On-demand stream", key: "kinesis-stream")],
                              missing: "no Kinesis price in \(region)")
            }
            let shards = number(resource, "shard_count") ?? 1
            return priced(resource, [hours(resource, "Shards (\(shards))", key: "kinesis-shard", count: shards)],
                          missing: "no Kinesis price in \(region)")
        case "aws_kinesis_stream_consumer":
            // Enhanced fan-out: an hourly charge per shard of the stream it reads.
            guard let stream = referenced(from: resource, attribute: "stream_arn", types: ["aws_kinesis_stream"], keys: ["arn"]) else {
                return notPriced(resource, .unknownUntilApply("the stream's shard count"))
            }
            if stream.string("stream_mode_details.0.stream_mode") == "ON_DEMAND" {
                return notPriced(resource, .usageBased("enhanced fan-out of an on-demand stream bills per GB retrieved"))
            }
            let shards = number(stream, "shard_count") ?? 1
            return priced(resource, [PriceTable.price("kinesis-efo", region: region).map {
                CostComponent(name: "Enhanced fan-out (\(shards) shard\(shards == 1 ? "" : "s"))", quantity: shards * PriceTable.hoursPerMonth, price: $0,
                              assumption: "enhanced fan-out data retrieved (per GB) not included")
            }], missing: "no Kinesis enhanced fan-out price in \(region)")
        case "aws_opensearch_domain":
            return priceSearchDomain(resource)
        case "aws_lambda_provisioned_concurrency_config":
            // Paid per GB-second kept warm, invoked or not; the invocations are priced on the function.
            guard let warm = number(resource, "provisioned_concurrent_executions") else {
                return notPriced(resource, .unknownUntilApply("provisioned_concurrent_executions"))
            }
            guard let function = referenced(from: resource, attribute: "function_name", types: ["aws_lambda_function"], keys: ["function_name", "arn"]) else {
                return notPriced(resource, .unknownUntilApply("the function's memory size"))
            }
            // The provider's default memory size.
            let memoryMB = number(function, "memory_size") ?? 128
            let seconds = PriceTable.hoursPerMonth * 3600
            return priced(resource, [PriceTable.price("lambda-provisioned", region: region).map {
                CostComponent(name: "Provisioned concurrency (\(warm) × \(memoryMB) MB)", quantity: warm * memoryMB / 1024 * seconds, price: $0,
                              assumption: "provisioned concurrency kept all month; its invocations are priced on the function")
            }], missing: "no Lambda provisioned concurrency price in \(region)")
        case "aws_route53_health_check":
            // A fixed monthly charge per check (optional features such as HTTPS or string
            // matching cost more).
            return priced(resource, [PriceTable.price("route53-health-check", region: region).map {
                CostComponent(name: "Health check", quantity: 1, price: $0,
                              assumption: "an AWS endpoint without optional features; a non-AWS endpoint is $0.75 a month")
            }], missing: "no Route 53 health check price")
        case "aws_cloudwatch_log_metric_filter":
            // The filter itself is free; the metric it publishes is a custom metric. Each
            // combination of dimension values would be a metric of its own.
            let dimensions = resource.value(at: "metric_transformation.0.dimensions")?.objectValue?.isEmpty == false
            return priced(resource, [PriceTable.price("cw-metric", region: region).map {
                CostComponent(name: "Custom metric published by the filter", quantity: 1, price: $0,
                              assumption: dimensions ? "one metric per filter; each combination of dimension values is billed as a metric of its own"
                                                     : "one custom metric per filter, published all month")
            }], missing: "no CloudWatch custom metric price")
        case "aws_ssm_parameter":
            guard resource.string("tier") == "Advanced" else {
                return CostLine(address: resource.address, type: resource.type, status: .free)
            }
            return priced(resource, [PriceTable.price("ssm-advanced", region: region).map { CostComponent(name: "Advanced parameter", quantity: 1, price: $0) }],
                          missing: "no Parameter Store price")
        default:
            if let reason = CostEstimator.usageOnlyTypes[resource.type] {
                return notPriced(resource, .usageBased(reason))
            }
            return notPriced(resource, .unknownType(resource.type))
        }
    }

    private func priceDatabase(_ resource: PlannedResource) -> CostLine {
        guard let instanceClass = resource.string("instance_class") else { return notPriced(resource, .unknownUntilApply("instance_class")) }
        let rawEngine = resource.string("engine") ?? "postgres"
        let engine: String
        switch rawEngine {
        case "postgres": engine = "postgres"
        case "mysql", "mariadb": engine = "mysql"
        default: return notPriced(resource, .noPrice("no price for engine \(rawEngine)"))
        }
        let multiAZ = resource.bool("multi_az") == true
        let factor: Decimal = multiAZ ? 2 : 1
        let deployment = multiAZ ? "Multi-AZ" : "Single-AZ"
        var components: [CostComponent?] = [
            hours(resource, "Database instance (\(rawEngine), \(instanceClass), \(deployment))", key: "rds/\(engine)/\(instanceClass)", count: factor)
        ]
        if let storage = number(resource, "allocated_storage") {
            let storageType = resource.string("storage_type") ?? "gp2"
            components.append(PriceTable.price("rds-storage/\(storageType)", region: region).map {
                CostComponent(name: "Storage (\(storageType), \(deployment))", quantity: storage * factor, price: $0)
            })
        }
        return priced(resource, components, missing: "no price for \(rawEngine) \(instanceClass) in \(region)")
    }

    private func priceSearchDomain(_ resource: PlannedResource) -> CostLine {
        guard let dataType = resource.string("cluster_config.0.instance_type") else {
            return notPriced(resource, .unknownUntilApply("cluster_config.instance_type"))
        }
        let dataNodes = number(resource, "cluster_config.0.instance_count") ?? 1
        var components: [CostComponent?] = [
            hours(resource, "Data nodes (\(dataNodes) × \(dataType))", key: "opensearch/\(dataType)", count: dataNodes)
        ]
        if resource.bool("cluster_config.0.dedicated_master_enabled") == true {
            guard let masterType = resource.string("cluster_config.0.dedicated_master_type") else {
                return notPriced(resource, .unknownUntilApply("cluster_config.dedicated_master_type"))
            }
            let masters = number(resource, "cluster_config.0.dedicated_master_count") ?? 3
            components.append(hours(resource, "Dedicated master nodes (\(masters) × \(masterType))", key: "opensearch/\(masterType)", count: masters))
        }
        if resource.bool("ebs_options.0.ebs_enabled") == true, let size = number(resource, "ebs_options.0.volume_size") {
            let volumeType = resource.string("ebs_options.0.volume_type") ?? "gp2"
            components.append(PriceTable.price("opensearch-storage/\(volumeType)", region: region).map {
                CostComponent(name: "Storage (\(volumeType), \(dataNodes) × \(size) GB)", quantity: dataNodes * size, price: $0)
            })
        }
        return priced(resource, components, missing: "no OpenSearch price for these instance or volume types in \(region)")
    }

    private func priceFargate(_ resource: PlannedResource) -> CostLine {
        let launchType = resource.string("launch_type") ?? "FARGATE"
        guard launchType == "FARGATE" else { return notPriced(resource, .noPrice("only Fargate services are priced (launch type \(launchType))")) }
        let count = number(resource, "desired_count") ?? 1
        guard let task = referenced(from: resource, attribute: "task_definition", types: ["aws_ecs_task_definition"], keys: ["arn", "family"]),
            let cpu = number(task, "cpu"), let memory = number(task, "memory")
        else { return notPriced(resource, .unknownUntilApply("the task definition's cpu and memory")) }
        let vcpu = cpu / 1024
        let gigabytes = memory / 1024
        return priced(resource, [
            PriceTable.price("fargate-vcpu", region: region).map {
                CostComponent(name: "Fargate vCPU (\(count) × \(vcpu) vCPU)", quantity: count * vcpu * PriceTable.hoursPerMonth, price: $0)
            },
            PriceTable.price("fargate-memory", region: region).map {
                CostComponent(name: "Fargate memory (\(count) × \(gigabytes) GB)", quantity: count * gigabytes * PriceTable.hoursPerMonth, price: $0)
            },
        ], missing: "no Fargate price in \(region)")
    }
}
