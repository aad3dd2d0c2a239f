import Foundation
import Testing
@testable import Requirements

/// One document per registered building block (and per phrasing family where a block has
/// several): the block is found from its own lexicon, renders what it declares, and nothing else
/// is invented.
struct BlockCase: CustomTestStringConvertible, Sendable {
    var kind: String
    var text: String
    var must: [String]
    var mustNot: [String] = []
    var testDescription: String { "\(kind): \(text.prefix(60))" }
}

enum BlockCases {
    static let all: [BlockCase] = [
        BlockCase(kind: "dnsZone", text: "Create a public Route 53 hosted zone for example-shop.com.\n\n- MX record: `10 mx1.mailhost.net`\n- TXT record: `v=spf1 include:mailhost.net ~all`\n- CAA record allowing amazon.com to issue certificates.",
                  must: ["aws_route53_zone", "aws_route53_record"], mustNot: ["aws_instance"]),
        BlockCase(kind: "dnsZone", text: "We need DNS for northwind-labs.io: a hosted zone and a CNAME record for `docs` pointing to northwind-labs.github.io.",
                  must: ["aws_route53_zone", "aws_route53_record"]),
        BlockCase(kind: "certificate", text: "An HTTP API backed by a Lambda function `quotes` (python3.12), and an ACM certificate for api.quotes-example.com validated through DNS; the zone quotes-example.com already exists in Route 53.",
                  must: ["aws_acm_certificate", "aws_acm_certificate_validation", "aws_route53_record"], mustNot: ["aws_route53_zone"]),
        BlockCase(kind: "apiDomain", text: "A serverless HTTP API (API Gateway) in front of a Lambda function `rates` running python3.12. Serve it on the custom domain rates.example-pay.com; the hosted zone example-pay.com exists already.",
                  must: ["aws_apigatewayv2_domain_name", "aws_apigatewayv2_api_mapping", "aws_acm_certificate"], mustNot: ["aws_route53_zone", "aws_api_gateway_rest_api"]),
        BlockCase(kind: "webFirewall", text: "A static website served through CloudFront from a private S3 bucket, protected by a WAF with the AWS common managed rules and a rate limit of 1000 requests per 5 minutes per IP.",
                  must: ["aws_wafv2_web_acl", "aws_cloudfront_distribution"], mustNot: ["aws_wafv2_web_acl_association"]),
        BlockCase(kind: "networkLoadBalancer", text: "In vpc-0a1b2c3d4e5f60718 with public subnets subnet-0a1b2c3d4e5f60711 and subnet-0a1b2c3d4e5f60712, put a network load balancer listening on TCP 1883 and 8883 in front of the existing instances i-0a1b2c3d4e5f60719 and i-0a1b2c3d4e5f6071a, with static Elastic IPs.",
                  must: ["aws_lb", "aws_lb_listener", "aws_lb_target_group", "aws_lb_target_group_attachment", "aws_eip"], mustNot: ["aws_vpc", "aws_instance", "aws_autoscaling_group"]),
        BlockCase(kind: "memcached", text: "A Memcached cache for product pages: three cache.t4g.medium nodes, reachable on 11211 only from 10.20.0.0/16.",
                  must: ["aws_elasticache_cluster", "aws_elasticache_subnet_group", "aws_security_group"], mustNot: ["aws_elasticache_replication_group"]),
        BlockCase(kind: "searchDomain", text: "An OpenSearch domain for application logs: 3 data nodes r6g.large.search across 3 availability zones, 200 GB gp3 each, reachable only from sg-0123456789abcdef0.",
                  must: ["aws_opensearch_domain", "aws_security_group", "aws_cloudwatch_log_resource_policy"], mustNot: ["aws_elasticsearch_domain", "aws_iam_service_linked_role"]),
        BlockCase(kind: "warehouse", text: "A Redshift Serverless data warehouse with a base capacity of 8 RPUs and a usage limit of 500 RPU-hours per month; database `analytics`.",
                  must: ["aws_redshiftserverless_namespace", "aws_redshiftserverless_workgroup", "aws_redshiftserverless_usage_limit"], mustNot: ["aws_redshift_cluster"]),
        BlockCase(kind: "dataCatalog", text: "An S3 bucket `edge-logs-archive` for access logs. A Glue database `cdn_logs` with a crawler over the bucket, and an Athena workgroup for the analysts with a 10 GB scan limit per query.",
                  must: ["aws_glue_catalog_database", "aws_glue_crawler", "aws_athena_workgroup", "aws_s3_bucket", "aws_iam_role"], mustNot: ["aws_glue_job"]),
        BlockCase(kind: "queryWorkgroup", text: "Analysts query the exports bucket `sales-exports-archive` with Athena; results must be encrypted.",
                  must: ["aws_athena_workgroup", "aws_s3_bucket"]),
        BlockCase(kind: "stream", text: "A Kinesis data stream `telemetry` with 4 shards and 48 hours retention, consumed by a Lambda function `ingest` (python3.12) in batches of 200 records.",
                  must: ["aws_kinesis_stream", "aws_lambda_function", "aws_lambda_event_source_mapping"], mustNot: ["aws_kinesis_firehose_delivery_stream"]),
        BlockCase(kind: "deliveryStream", text: "Clickstream events go through Kinesis Data Firehose into an S3 bucket `clicks-raw-data`, gzipped, buffered 5 MB or 60 seconds.",
                  must: ["aws_kinesis_firehose_delivery_stream", "aws_s3_bucket", "aws_iam_role", "aws_cloudwatch_log_group"], mustNot: ["aws_kinesis_stream"]),
        BlockCase(kind: "workflow", text: "A Step Functions state machine for claim intake: validate → score → notify. Log all execution data for 30 days.",
                  must: ["aws_sfn_state_machine", "aws_iam_role", "aws_cloudwatch_log_group"], mustNot: ["aws_lambda_function"]),
        BlockCase(kind: "eventBus", text: "A custom event bus `shipments`. A rule for events with source `com.acme.shipping` and detail-type `ShipmentDelayed` delivers to an SQS queue `delays`.",
                  must: ["aws_cloudwatch_event_bus", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_sqs_queue", "aws_sqs_queue_policy"]),
        BlockCase(kind: "schedule", text: "Use EventBridge Scheduler to invoke the existing Lambda arn:aws:lambda:eu-west-1:111122223333:function:payroll-run every weekday at 06:00 Europe/Dublin time.",
                  must: ["aws_scheduler_schedule", "aws_scheduler_schedule_group", "aws_iam_role"], mustNot: ["aws_lambda_function", "aws_cloudwatch_event_rule"]),
        BlockCase(kind: "userPool", text: "Customer sign-in with Cognito: users log in with their email and password, passwords at least 10 characters, optional MFA with an authenticator app. The web app's callback URL is https://app.example.com/callback.",
                  must: ["aws_cognito_user_pool", "aws_cognito_user_pool_client", "aws_cognito_user_pool_domain"], mustNot: ["aws_cognito_identity_pool", "aws_lambda_function"]),
        BlockCase(kind: "emailIdentity", text: "We send transactional e-mails from hollyvale-example.com with SES: DKIM, a custom MAIL FROM domain and a DMARC policy of quarantine. The hosted zone already exists.",
                  must: ["aws_sesv2_email_identity", "aws_route53_record"], mustNot: ["aws_route53_zone", "aws_ses_domain_identity"]),
        BlockCase(kind: "backupPlan", text: "AWS Backup for everything tagged backup=daily: a daily backup at 03:00 kept 35 days, in a locked vault (compliance mode, minimum 7 days).",
                  must: ["aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_backup_plan", "aws_backup_selection", "aws_iam_role"], mustNot: ["aws_kms_key"]),
        BlockCase(kind: "parameterStore", text: "Store checkout settings in SSM Parameter Store under `/checkout/prod/`: `/checkout/prod/currency` and `/checkout/prod/stripe-key` (a secret, SecureString). The existing role `checkout-task` may read them.",
                  must: ["aws_ssm_parameter", "aws_iam_role_policy"], mustNot: ["aws_iam_role", "aws_secretsmanager_secret"]),
        BlockCase(kind: "logMetrics", text: "A metric filter on the log group `/app/bookings` counting lines that contain `BOOKING_FAILED`, an alarm when it is above 5 in 5 minutes e-mailing ops@example.com, and a CloudWatch dashboard showing both.",
                  must: ["aws_cloudwatch_log_metric_filter", "aws_cloudwatch_dashboard", "aws_cloudwatch_metric_alarm", "aws_sns_topic"], mustNot: ["aws_cloudwatch_log_group"]),
        BlockCase(kind: "peering", text: "Peer our two existing VPCs vpc-0aaa1111bbbb22223 (10.10.0.0/16) and vpc-0ccc3333dddd44445 (10.20.0.0/16), and add routes in rtb-0aaa1111bbbb22223 and rtb-0ccc3333dddd44445.",
                  must: ["aws_vpc_peering_connection", "aws_route"], mustNot: ["aws_vpc", "aws_route_table"]),
        BlockCase(kind: "ciIdentity", text: "GitHub Actions in the repository acme/widgets (branch main) pushes images to an ECR repository `widgets` through an OIDC role; no IAM users or access keys.",
                  must: ["aws_iam_openid_connect_provider", "aws_iam_role", "aws_ecr_repository"], mustNot: ["aws_iam_user", "aws_iam_access_key"]),
        BlockCase(kind: "registryAccess", text: "An ECR repository `base-images`; the accounts 111122223333 and 444455556666 may pull images from it.",
                  must: ["aws_ecr_repository", "aws_ecr_repository_policy"]),
        BlockCase(kind: "fileAccessPoint", text: "An EFS file system for shared render output with an access point for `/renders` owned by uid 2000.",
                  must: ["aws_efs_file_system", "aws_efs_access_point", "aws_efs_file_system_policy"]),
        BlockCase(kind: "secretRotation", text: "A Secrets Manager secret for the database password of user `app_rw`, rotated automatically every 30 days.",
                  must: ["aws_secretsmanager_secret", "aws_secretsmanager_secret_rotation", "aws_lambda_function", "aws_lambda_permission"]),
        BlockCase(kind: "restApi", text: "A REST API (API Gateway v1) `orders-api` with a regional endpoint.\n\n- GET /orders/{id} → Lambda proxy integration to function `orders-read` (python3.12)\n- GET /health → mock integration returning {\"ok\":true}\n\nA usage plan with a daily quota of 5000 requests per day and API keys `acme` and `globex`.",
                  must: ["aws_api_gateway_rest_api", "aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration", "aws_api_gateway_deployment", "aws_api_gateway_stage",
                         "aws_api_gateway_method_settings", "aws_api_gateway_usage_plan", "aws_api_gateway_api_key", "aws_api_gateway_usage_plan_key", "aws_lambda_function", "aws_lambda_permission"],
                  mustNot: ["aws_apigatewayv2_api", "aws_apigatewayv2_stage", "aws_apigatewayv2_route"]),
        BlockCase(kind: "restApi", text: "Our partners' tooling only speaks API Gateway REST APIs (stages and deployments). Put an edge-optimized API in front of the Lambda function `quotes` (nodejs20.x), with X-Ray tracing and method throttling of 100 requests per second, burst 200.",
                  must: ["aws_api_gateway_rest_api", "aws_api_gateway_stage", "aws_api_gateway_method_settings", "aws_lambda_permission"],
                  mustNot: ["aws_apigatewayv2_api", "aws_api_gateway_usage_plan"]),
        BlockCase(kind: "registryReplication", text: "An ECR repository `payments/api`, scan on push, untagged images expire after 7 days. Replicate the registry's images to eu-central-1 as a disaster-recovery copy.",
                  must: ["aws_ecr_repository", "aws_ecr_lifecycle_policy", "aws_ecr_replication_configuration"], mustNot: ["aws_kms_key"]),
        BlockCase(kind: "eventRule", text: "An EventBridge rule for GuardDuty findings of severity 7 or higher publishes to a new SNS topic `security-alerts` with the message \"GuardDuty <type> of severity <severity> in <account>\".",
                  must: ["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_sns_topic", "aws_sns_topic_policy"], mustNot: ["aws_cloudwatch_event_bus", "aws_lambda_function"]),
        BlockCase(kind: "eventRule", text: "A Step Functions state machine `order-flow`. An EventBridge rule on the existing bus `orders-bus` matching source `com.acme.orders` and detail-type `OrderPlaced` starts the state machine.",
                  must: ["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_sfn_state_machine", "aws_iam_role"], mustNot: ["aws_cloudwatch_event_bus", "aws_lambda_function"]),
        BlockCase(kind: "eventRule", text: "The nightly report job is a container on ECS Fargate without a load balancer; run it as a scheduled ECS task every night at 02:00.",
                  must: ["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_ecs_task_definition", "aws_iam_role"], mustNot: ["aws_lambda_function", "aws_scheduler_schedule"]),
        BlockCase(kind: "bucketReplication", text: "Region: eu-west-2.\n\n- source bucket (new): `acme-ledger-euw2` in eu-west-2\n- replica bucket (new): `acme-ledger-euw1` in eu-west-1\n\nReplicate every object to the replica, including delete markers; replicas stored as Standard-IA.",
                  must: ["aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_replication_configuration", "aws_iam_role", "aws_iam_role_policy"], mustNot: ["aws_kms_key", "aws_iam_instance_profile"]),
        BlockCase(kind: "managedPolicy", text: "An IAM role `report-reader` for EC2 instances. Attach the AWS managed policy ReadOnlyAccess and a customer-managed policy `report-extra` allowing s3:GetObject on arn:aws:s3:::acme-reports/* and denying kms:Decrypt for all resources.",
                  must: ["aws_iam_role", "aws_iam_policy", "aws_iam_role_policy_attachment"], mustNot: ["aws_iam_user"]),
        BlockCase(kind: "tableAutoscaling", text: "A DynamoDB table `orders` with partition key orderId. Auto scale read capacity between 5 and 200 and write capacity between 5 and 100, targeting 70% utilisation.",
                  must: ["aws_dynamodb_table", "aws_appautoscaling_target", "aws_appautoscaling_policy"]),
        BlockCase(kind: "bucketEvents", text: "A private S3 bucket `scan-intake-docs`. When PDF files are uploaded under `incoming/`, an S3 event notification goes to a new SNS topic `scan-uploads`.",
                  must: ["aws_s3_bucket", "aws_s3_bucket_notification", "aws_sns_topic", "aws_sns_topic_policy"], mustNot: ["aws_lambda_function", "aws_sqs_queue"]),
        BlockCase(kind: "pathRouting", text: "Web servers (t3.small, ami-0a1b2c3d4e5f67890) in an auto scaling group of 2 to 6 behind an application load balancer. Requests for paths /admin and /admin/* go to the admin servers; everything else to the public servers.",
                  must: ["aws_lb", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_target_group", "aws_autoscaling_group"], mustNot: ["aws_elb", "aws_launch_configuration"]),
        BlockCase(kind: "healthCheck", text: "A Route 53 health check on https://status.example-shop.com/healthz every 10 seconds; the site counts as down after 2 consecutive failures.",
                  must: ["aws_route53_health_check"], mustNot: ["aws_route53_zone", "aws_lb"]),
        BlockCase(kind: "dataVolume", text: "One t3.medium EC2 instance for the build server, with an extra 200 GB gp3 EBS volume attached at /dev/sdf.",
                  must: ["aws_instance", "aws_ebs_volume", "aws_volume_attachment"]),
        BlockCase(kind: "webFirewall", text: "A regional WAF web ACL `shop-waf` for the existing load balancer arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop/0123456789abcdef.\n\n- Block requests from IPs in an IP set `shop-blocklist` with 203.0.113.0/24.\n- Block requests whose country is not IE or GB on the path /admin.\n- AWS managed common rule set, but override SizeRestrictions_BODY to count.\n- Send WAF logs to a CloudWatch log group kept 30 days, with the Authorization header redacted.",
                  must: ["aws_wafv2_web_acl", "aws_wafv2_ip_set", "aws_wafv2_web_acl_association", "aws_wafv2_web_acl_logging_configuration", "aws_cloudwatch_log_group"], mustNot: ["aws_lb", "aws_cloudfront_distribution"]),
    ]
}

@Suite struct BlockRegistryTests {
    @Test(arguments: BlockCases.all)
    func eachBlockIsFoundFromItsOwnWordsAndRendersWhatItDeclares(_ c: BlockCase) throws {
        let result = Generator.generate(c.text, fileName: "requirements.md", options: GenerationOptions(defaultRegion: "eu-west-1"))
        #expect(!result.refused, "\(result.diagnostics.map(\.formatted))")
        #expect(result.spec.blocks.contains { $0.kind == c.kind }, "block \(c.kind) not found")
        let types = Set(result.resources.map(\.type))
        for t in c.must { #expect(types.contains(t), "missing \(t); got \(types.sorted())") }
        for t in c.mustNot { #expect(!types.contains(t), "forbidden \(t) generated") }
        let def = try #require(BlockRegistry.definition(c.kind))
        let declared = Set(BlockRegistry.all.flatMap(\.needs.resourceTypes))
        let rendered = Set(result.resources.filter { $0.name.hasPrefix(result.spec.blocks.first { $0.kind == c.kind }?.id ?? "#") }.map(\.type))
        #expect(rendered.isSubset(of: declared.union(def.needs.resourceTypes).union(["aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_cloudwatch_log_group", "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_cloudwatch_log_stream", "aws_sesv2_email_identity_mail_from_attributes"])), "\(rendered.sorted())")
    }

    @Test func everyRegisteredBlockHasACase() {
        let covered = Set(BlockCases.all.map(\.kind))
        for def in BlockRegistry.all { #expect(covered.contains(def.kind), "no test case for \(def.kind)") }
    }

    @Test func kindsAreUniqueAndPatternsCompile() throws {
        #expect(Set(BlockRegistry.all.map(\.kind)).count == BlockRegistry.all.count)
        for def in BlockRegistry.all {
            for p in [def.lexicon.mention, def.lexicon.strong, def.lexicon.exclude].compactMap({ $0 }) {
                _ = try NSRegularExpression(pattern: p, options: [.caseInsensitive])
            }
            #expect(!def.needs.resourceTypes.isEmpty && !def.needs.iamActions.isEmpty && !def.needs.endpoints.isEmpty, "\(def.kind) declares no needs")
        }
    }

    @Test func aBlockThatIsRuledOutIsNotBuilt() {
        let result = Generator.generate("An S3 bucket `team-reports-archive` for reports. No OpenSearch and no Kinesis for now; we may add Step Functions later.", options: GenerationOptions())
        let types = Set(result.resources.map(\.type))
        #expect(types.contains("aws_s3_bucket"))
        #expect(!types.contains("aws_opensearch_domain") && !types.contains("aws_kinesis_stream") && !types.contains("aws_sfn_state_machine"))
    }

    /// The provider takes only full versions: a Memcached line means its newest release, and a
    /// line ElastiCache does not offer is refused rather than guessed.
    @Test(arguments: [("Memcached 1.6 for page fragments, two nodes.", "1.6.22", "default.memcached1.6"),
                      ("A memcached 1.5.16 cache for sessions.", "1.5.16", "default.memcached1.5")])
    func memcachedVersionsAreFull(text: String, version: String, parameterGroup: String) throws {
        let result = Generator.generate(text, options: GenerationOptions())
        let main = try #require(result.files.first { $0.name == "main.tf" }).content
        #expect(main.contains("= \"\(version)\""), "\(main)")
        #expect(main.contains("\"\(parameterGroup)\""))
        #expect(Generator.generate("A Memcached 1.9 cache for sessions.", options: GenerationOptions()).refused)
    }

    @Test func specWithBlocksRoundTripsThroughJSON() throws {
        let result = Generator.generate(BlockCases.all[0].text, options: GenerationOptions())
        let json = Generator.encode(result.spec)
        let decoded = try JSONDecoder().decode(Spec.self, from: Data(json.utf8))
        #expect(decoded == result.spec)
        #expect(json.contains("\"blocks\""))
    }

    @Test func specWithoutBlocksHasNoBlocksKey() {
        let result = Generator.generate("An S3 bucket `plain-archive-bucket` for invoices.", options: GenerationOptions())
        #expect(!Generator.encode(result.spec).contains("\"blocks\""))
    }

    /// "REST API" asks for API Gateway v1; an HTTP API chosen over REST stays an HTTP API.
    @Test func aRestAPIReplacesTheHTTPAPIOnlyWhenAsked() {
        let rest = Generator.generate("A REST API in front of the Lambda function `tides` (python3.12), with a separate API key per partner.", options: GenerationOptions())
        let restTypes = Set(rest.resources.map(\.type))
        #expect(restTypes.contains("aws_api_gateway_rest_api") && restTypes.contains("aws_api_gateway_usage_plan_key"), "\(restTypes.sorted())")
        #expect(!restTypes.contains { $0.hasPrefix("aws_apigatewayv2_") })
        let http = Generator.generate("An API Gateway HTTP API (cheaper than REST; we don't need REST API features) in front of the Lambda function `books` (python3.12).", options: GenerationOptions())
        let httpTypes = Set(http.resources.map(\.type))
        #expect(httpTypes.contains("aws_apigatewayv2_api"), "\(httpTypes.sorted())")
        #expect(!httpTypes.contains { $0.hasPrefix("aws_api_gateway_") })
    }

    /// A replica in another region is created through an aliased provider for that region.
    @Test func aReplicaInAnotherRegionUsesThatRegionsProvider() throws {
        let result = Generator.generate(BlockCases.all.first { $0.kind == "bucketReplication" }!.text, options: GenerationOptions())
        let main = try #require(result.files.first { $0.name == "main.tf" }).content
        let providers = try #require(result.files.first { $0.name == "providers.tf" }).content
        #expect(providers.contains("alias") && providers.contains("eu_west_1") && providers.contains("\"eu-west-1\""), "\(providers)")
        #expect(main.contains("aws.eu_west_1"), "\(main)")
        #expect(main.contains("STANDARD_IA") && main.contains("s3:ReplicateObject"))
        // The replication role may do only what replication needs.
        let rolePolicy = try #require(main.components(separatedBy: "data \"aws_iam_policy_document\" \"bucketReplication_s3\"").dropFirst().first?.components(separatedBy: "\n}\n").first)
        #expect(rolePolicy.contains("s3:ReplicateObject") && !rolePolicy.contains("\"s3:*\"") && !rolePolicy.contains("\"*\""), "\(rolePolicy)")
    }

    /// A list of repositories under a line about them makes one repository each, each with the
    /// lifecycle and the cross-account pull policy the document asks for every repository.
    @Test func listedRepositoriesEachGetTheirPolicies() throws {
        let text = "Container registries (ECR).\n\nrepos (all new):\n- acme/api\n- acme/worker\n\nfor every repo: scan on push, encryption AES256, delete untagged images after 7 days.\nThe account 111122223333 must be able to pull from all of them."
        let result = Generator.generate(text, options: GenerationOptions())
        let count = { (type: String) in result.resources.filter { $0.type == type }.count }
        #expect(count("aws_ecr_repository") == 2 && count("aws_ecr_lifecycle_policy") == 2 && count("aws_ecr_repository_policy") == 2, "\(result.resources.map(\.type))")
        let main = try #require(result.files.first { $0.name == "main.tf" }).content
        #expect(main.contains("\"acme/worker\"") && main.contains("AES256") && main.contains("sinceImagePushed"))
        #expect(!result.resources.contains { $0.type == "aws_kms_key" })
    }

    @Test func declaredNeedsAreCollectedFromTheRegistry() {
        let needs = BlockRegistry.needs
        #expect(needs.endpoints.contains("route53") && needs.endpoints.contains("kinesis"))
        #expect(needs.iamActions.contains("kinesis:CreateStream"))
        #expect(Set(needs.resourceTypes).count == needs.resourceTypes.count)
    }
}
