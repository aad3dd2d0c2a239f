import Testing
@testable import Requirements

/// Grammar that holds across blocks: what is asked for, what already exists, what is ruled out,
/// and which of two statements wins. Each case is a phrasing family written in its own words.
@Suite struct GrammarTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var family: String
        var text: String
        var must: [String]
        var mustNot: [String]
        var testDescription: String { family }
    }

    static let cases: [Case] = [
        Case(family: "a function named by its ARN is looked up, not created",
             text: "Region eu-west-1. An HTTP API `quotes` with route GET /quote to the pricing Lambda (arn:aws:lambda:eu-west-1:123456789012:function:quote-engine); the pricing team ships that function.",
             must: ["aws_apigatewayv2_api", "aws_apigatewayv2_integration", "aws_lambda_permission"], mustNot: ["aws_lambda_function"]),
        Case(family: "a function said to be deployed already is referenced",
             text: "A Step Functions state machine `claims-flow`. It invokes Lambda `claim-check` (arn:aws:lambda:us-east-1:123456789012:function:claim-check), which is already deployed by another team.",
             must: ["aws_sfn_state_machine"], mustNot: ["aws_lambda_function"]),
        Case(family: "a negated list: every item is ruled out",
             text: "We need an SQS queue `jobs`. We don't want an SNS topic, a customer-managed KMS key or any new IAM roles.",
             must: ["aws_sqs_queue"], mustNot: ["aws_sns_topic", "aws_kms_key", "aws_iam_role"]),
        Case(family: "a question does not ask for anything",
             text: "We need an SQS queue `orders`.\n\nShould we also put a Lambda behind it?\n\nNo, the existing workers poll it.",
             must: ["aws_sqs_queue"], mustNot: ["aws_lambda_function"]),
        Case(family: "a chat thread: speaker headers are not statements and the later answer wins",
             text: "ana  09:14\nwe need a queue for the export jobs, FIFO please\n\nbo  09:20\nwhy FIFO? order does not matter here\n\nana  09:21\nok, standard then. and no lambda, our cron box reads it",
             must: ["aws_sqs_queue"], mustNot: ["aws_lambda_function"]),
        Case(family: "a quantified set of things to back up is not created",
             text: "Region eu-central-1. AWS Backup plan `nightly`: every production RDS database and EFS file system tagged backup=yes is backed up daily at 02:00 UTC and kept 30 days.",
             must: ["aws_backup_plan"], mustNot: ["aws_db_instance", "aws_efs_file_system"]),
        Case(family: "a section ruled out by its title",
             text: "# Sign-in\n\nA Cognito user pool `members` with email sign-in.\n\n## Not in this release\n\nLambda triggers and identity pools.",
             must: ["aws_cognito_user_pool"], mustNot: ["aws_lambda_function", "aws_cognito_identity_pool"]),
        Case(family: "a bold question title that says what is not part of it",
             text: "**What do you need?**\nAn EFS file system for our batch workers (ECS on Fargate), encrypted.\n\n**What is not part of this?**\nThe ECS services and task definitions.",
             must: ["aws_efs_file_system"], mustNot: ["aws_ecs_service", "aws_ecs_task_definition"]),
        Case(family: "a static site with a given certificate and DNS outside Route 53",
             text: "A static website behind CloudFront for www.lindenhof.example.org. Use our certificate arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b. DNS is managed at our registrar, not Route 53; we add the CNAME ourselves.",
             must: ["aws_cloudfront_distribution", "aws_s3_bucket"], mustNot: ["aws_acm_certificate", "aws_route53_record"]),
        Case(family: "a static site on the default CloudFront name needs no certificate",
             text: "Serve the bucket `brochure-pages` through a CloudFront distribution with HTTPS. No custom domain for now, the default cloudfront.net name is fine. The old endpoint was http://brochure-pages.s3-website-us-east-1.amazonaws.com.",
             must: ["aws_cloudfront_distribution"], mustNot: ["aws_acm_certificate", "aws_route53_record"]),
        Case(family: "a change removes a schedule given earlier",
             text: "## Previous version\n\n- Lambda `ledger-sync` (python3.12) runs every 10 minutes.\n\n## Change\n\n- remove the schedule: the Lambda now consumes the SQS queue `ledger-events` instead.",
             must: ["aws_lambda_function", "aws_lambda_event_source_mapping"], mustNot: ["aws_cloudwatch_event_rule"]),
        Case(family: "bucket events delivered to a queue",
             text: "A private bucket `scans-in`. S3 event notifications for new objects under prefix inbox/ with suffix .pdf go to an SQS queue `scan-events`.",
             must: ["aws_s3_bucket_notification", "aws_sqs_queue_policy", "aws_sqs_queue"], mustNot: ["aws_lambda_permission", "aws_lambda_function"]),
        Case(family: "an id after a preposition is what reaches the database, not the database",
             text: "Region eu-west-2. A MySQL 8.0 RDS instance `till-ledger`, db.m6g.large.\n\n- security group `till-ledger-db`: the MySQL port from sg-0a1b2c3d4e5f60789 (the till service) only, in vpc-0fedcba9876543210",
             must: ["aws_db_instance", "aws_db_subnet_group", "aws_security_group"], mustNot: ["aws_vpc"]),
        Case(family: "a replica's own size does not contradict the primary's",
             text: "Region us-west-2. VPC vpc-0aa11bb22cc33dd44.\n\n- PostgreSQL 16 RDS instance `ferry-bookings` on db.m7g.xlarge, Multi-AZ.\n- A read replica `ferry-bookings-bi` (db.m7g.large, single-AZ) for the analysts.",
             must: ["aws_db_instance", "aws_db_parameter_group"], mustNot: ["aws_rds_cluster"]),
        Case(family: "a ruled-out plain engine keeps the Aurora cluster",
             text: "| Item | Value |\n|---|---|\n| Engine | Aurora MySQL 8.0 |\n| Instances | 3: one writer and two readers |\n| Region | eu-north-1 |\n\nNot Serverless, not plain RDS MySQL.",
             must: ["aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_cluster_parameter_group"], mustNot: ["aws_db_instance"]),
        Case(family: "a condition that e-mails someone is an alarm, and endpoints said to exist are not made",
             text: "Region eu-west-2. One t3.large server for the payroll export in the existing VPC vpc-0123456789abcdef0, private subnet subnet-0123456789abcdef1; the platform team already set up the SSM endpoints there.\n\n- If the server's status check fails, email payroll-ops@example.org.",
             must: ["aws_instance", "aws_cloudwatch_metric_alarm", "aws_sns_topic", "aws_sns_topic_subscription"], mustNot: ["aws_vpc_endpoint", "aws_vpc"]),
        Case(family: "instances with a range to scale in behind a load balancer are a web tier",
             text: "Region eu-central-1. Our shop runs on at least 3 instances and at most 9 instances (t3.medium), behind an internet-facing load balancer with certificate arn:aws:acm:eu-central-1:123456789012:certificate/11111111-2222-3333-4444-555555555555.",
             must: ["aws_lb", "aws_launch_template", "aws_autoscaling_group"], mustNot: ["aws_instance"]),
        Case(family: "a key pair from a given public key and a fixed public address",
             text: "Region us-east-2. One Ubuntu t3.small server for the print spooler. Create the key pair `spool-admin` from this public key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq1w2e3r4t5y6u7i8o9p0aSdFgHjKlZxCvBnM spool. It needs an Elastic IP so the print vendor can allow-list it.",
             must: ["aws_instance", "aws_key_pair", "aws_eip"], mustNot: ["aws_lb"]),
        Case(family: "no key and no fixed address means neither is made",
             text: "Region us-east-2. One t3.small server for the print spooler, no SSH key pair and no Elastic IP; we use Session Manager.",
             must: ["aws_instance"], mustNot: ["aws_key_pair", "aws_eip"]),
        Case(family: "a load balancer for servers that already run registers them",
             text: "Region eu-west-1. Two EC2 servers already serve the wiki (i-0aa11bb22cc33dd44, i-0aa11bb22cc33dd55) in vpc-0a1b2c3d4e5f60718.\n\n- an internet-facing application load balancer in subnets subnet-0a1b2c3d4e5f60711 and subnet-0a1b2c3d4e5f60712, certificate arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\n- target group: HTTPS to the instances on 8443; register both instances above",
             must: ["aws_lb", "aws_lb_listener", "aws_lb_target_group", "aws_lb_target_group_attachment"], mustNot: ["aws_instance", "aws_launch_template", "aws_autoscaling_group"]),
        Case(family: "a function a rule invokes, which then finds new files, is not triggered by uploads; its timeout is not a function",
             text: "Region us-west-2. A private bucket `ledger-drop`. Lambda `drop-scanner` (python3.12, 60 s) consumes the SQS queue `drop-events`; the queue's visibility timeout must fit the Lambda timeout (6x).\n\nToday an EventBridge rule with rate(10 minutes) invokes the Lambda, which then lists the bucket to find new files; remove that rule.",
             must: ["aws_lambda_function", "aws_lambda_event_source_mapping", "aws_sqs_queue"], mustNot: ["aws_s3_bucket_notification"]),
        Case(family: "Fargate Spot capacity for a queue worker",
             text: "Region eu-west-1. An ECS Fargate worker `invoice-ocr` (0.5 vCPU / 1 GB) that reads the SQS queue `invoice-ocr-jobs`; no load balancer. Run it on Fargate Spot only, it can be interrupted.",
             must: ["aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_service"], mustNot: ["aws_lb"]),
        // Exclusions never ask for what they name.
        Case(family: "an 'explicitly NOT wanted:' line rules out what it lists",
             text: "Region eu-west-1. A private S3 bucket `quarry-logs` with versioning.\n\nExplicitly NOT wanted: VPC peering, a CloudFront distribution.",
             must: ["aws_s3_bucket"], mustNot: ["aws_vpc_peering_connection", "aws_cloudfront_distribution"]),
        Case(family: "a 'not wanted:' line under a function rules out a NAT, a VPC and a database",
             text: "Region sa-east-1. Lambda `gc-sweeper` (python3.12) in subnets subnet-0a1b2c3d4e5f60711 and subnet-0a1b2c3d4e5f60712 of vpc-0a1b2c3d4e5f60718.\n\nnot wanted: a NAT gateway, a new VPC, an RDS instance, Secrets Manager.",
             must: ["aws_lambda_function"], mustNot: ["aws_nat_gateway", "aws_vpc", "aws_db_instance", "aws_secretsmanager_secret"]),
        Case(family: "a titled list of things we do not want",
             text: "Region eu-central-1. A VPC `yard-net` 10.30.0.0/16 with two public and two private subnets in two zones.\n\n## Things we do not want\n\n- flow logs\n- a transit gateway attachment",
             must: ["aws_vpc", "aws_subnet"], mustNot: ["aws_flow_log", "aws_ec2_transit_gateway_vpc_attachment"]),
        Case(family: "struck-through and deferred checklist items are not built",
             text: "Region ap-southeast-2. Checklist:\n\n- [x] A VPC `kiln-net`, 10.8.0.0/16, public and private subnets in two zones\n- [ ] ~~VPC flow logs~~ (postponed to next quarter)\n- [ ] Flow logs to CloudWatch — deferred, do not add them yet",
             must: ["aws_vpc"], mustNot: ["aws_flow_log"]),
        Case(family: "'no X and no Y' beside an ask",
             text: "Region us-east-2. A DynamoDB table `tally` keyed by id, on-demand. No VPC peering and no customer-managed KMS key of our own.",
             must: ["aws_dynamodb_table"], mustNot: ["aws_vpc_peering_connection", "aws_kms_key"]),
        // Migrations build the target only.
        Case(family: "a migration between titled sections builds the new cluster only",
             text: "Region us-east-1.\n\n## What we run today\n\n- RDS PostgreSQL 14 instance `atlas-db`, db.t3.medium, 100 GB gp2, single-AZ\n\n## What we want instead\n\n- an Aurora PostgreSQL cluster `atlas-aurora`, two db.r6g.large instances (one writer, one reader)\n- backups 14 days\n\nThe old `atlas-db` instance goes away.",
             must: ["aws_rds_cluster", "aws_rds_cluster_instance"], mustNot: ["aws_db_instance"]),
        Case(family: "'replace the old X with Y' builds Y",
             text: "Region eu-west-2. Replace the old EC2 cron box with a Lambda `nightly-report` (python3.12) on a schedule, every night at 01:15 UTC.",
             must: ["aws_lambda_function", "aws_cloudwatch_event_rule"], mustNot: ["aws_instance"]),
        // Identifiers in prose are not names.
        Case(family: "an environment variable in a code span is not the cache's name",
             text: "Region eu-west-1. A Redis cluster (ElastiCache, cache.t4g.small) for web sessions in vpc-0a1b2c3d4e5f60718. The app reads the auth token from the environment variable `redis_auth_token`.",
             must: ["aws_elasticache_replication_group"], mustNot: []),
        Case(family: "an output and a setting named in code spans are not resource names",
             text: "Region us-west-2. An SQS queue `render-jobs`; the worker's setting `render_queue_url` holds its URL, and the output `render_queue_arn` exposes the ARN.",
             must: ["aws_sqs_queue"], mustNot: []),
        // Egress to anywhere is normal.
        Case(family: "outbound 443 to anywhere beside a private database",
             text: "Region eu-west-1. A PostgreSQL 16 RDS instance `ledger` (db.t4g.medium) in vpc-0a1b2c3d4e5f60789. Its security group allows 5432 from 10.20.0.0/16 only. The app servers' security group: outbound 443 to anywhere.",
             must: ["aws_db_instance"], mustNot: []),
        Case(family: "a function's egress to the database port and to 0.0.0.0/0",
             text: "Region sa-east-1. Lambda `purge` (nodejs20.x) talks to our private database. It runs in subnets subnet-0a1b2c3d4e5f60711 and subnet-0a1b2c3d4e5f60712 with a new security group: no inbound rules, egress 5432 to 10.72.0.0/16 and 443 to 0.0.0.0/0.",
             must: ["aws_lambda_function", "aws_security_group", "aws_iam_role_policy_attachment"], mustNot: ["aws_db_instance", "aws_vpc"]),
        // Alarms on things that exist build only the alarms.
        Case(family: "alarms on an existing function and table build only alarms",
             text: "Region eu-north-1. These already exist in other stacks, only reference them: Lambda function `quill-sync`, DynamoDB table `quill-items`, SNS topic arn:aws:sns:eu-north-1:123456789012:quill-pager.\n\nAlarms (notify that topic):\n\n1. quill-sync errors: Errors >= 3 in 1 minute, 2 periods in a row\n2. quill-sync latency: p95 Duration above 2 s over a 5-minute period\n3. quill-items throttling: WriteThrottleEvents sum > 0 over 5 minutes\n\nTreat missing data as not breaching. Do not create the function, the table or the topic.",
             must: ["aws_cloudwatch_metric_alarm"], mustNot: ["aws_lambda_function", "aws_dynamodb_table", "aws_sns_topic"]),
        Case(family: "a dashboard of a load balancer and a service that exist",
             text: "Region eu-west-3. Add a CloudWatch dashboard `till-overview` showing the 5xx count of our load balancer (app/till-alb/0123456789abcdef) and ECS CPU utilisation for service till-api in cluster till-prod. Nothing changes on the ALB or ECS side.",
             must: ["aws_cloudwatch_dashboard"], mustNot: ["aws_lb", "aws_ecs_service", "aws_ecs_cluster"]),
    ]

    @Test(arguments: cases)
    func documentsBuildWhatTheyAskAndNothingTheyRuleOut(_ c: Case) {
        let result = Generator.generate(c.text)
        #expect(!result.refused, "\(result.diagnostics.map(\.message))")
        let types = Set(result.resources.map(\.type))
        for t in c.must { #expect(types.contains(t), "missing \(t)") }
        for t in c.mustNot { #expect(!types.contains(t), "unwanted \(t)") }
    }

    @Test(arguments: [("the sum of errors", "Sum"), ("the maximum CPU", "Maximum"), ("the samplecount of requests", "SampleCount"), ("the Average latency", "Average")])
    func anAlarmsStatisticTakesCloudWatchsSpelling(phrase: String, statistic: String) throws {
        let text = "A CloudWatch alarm `api-errors` on AWS/Lambda Errors that fires when \(phrase) is 25 or more in a 5-minute period, emailing ops@example.com."
        let alarm = try #require(Generator.generate(text).spec.components.first { $0.kind == .alarm })
        #expect(alarm.string("statistic") == statistic)
    }

    @Test func aLaterStatementOverridesAnEarlierOne() throws {
        let text = "An SQS queue `render`, keep messages 4 days.\n\nUpdate: keep them 7 days, and alerts by email to ops@example.com.\n\nAn SNS topic `alerts` emailing ops@example.com.\n\nActually make that oncall@example.com instead."
        let result = Generator.generate(text)
        let queue = try #require(result.spec.components.first { $0.kind == .queue })
        #expect(queue.int("retentionSeconds") == 7 * 86400)
        let topic = try #require(result.spec.components.first { $0.kind == .topic })
        #expect(topic.strings("emails") == ["oncall@example.com"])
    }

    @Test func detailsInAReplicaClauseBelongToTheReplica() throws {
        let text = "Region us-west-2. VPC vpc-0aa11bb22cc33dd44.\n\n- PostgreSQL 16 RDS instance `ferry-bookings` on db.m7g.xlarge, Multi-AZ, encrypted with our existing key arn:aws:kms:us-west-2:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d.\n- A read replica `ferry-bookings-bi` (db.m7g.large, single-AZ) for the analysts.\n- Port 5432: 10.40.0.0/16 reaches the primary only; the BI tool (sg-0123456789abcdef0) reaches the replica only."
        let result = Generator.generate(text)
        #expect(!result.refused, "\(result.diagnostics.map(\.message))")
        let db = try #require(result.spec.components.first { $0.kind == .database })
        #expect(db.string("instanceClass") == "db.m7g.xlarge")
        #expect(db.string("replicaClass") == "db.m7g.large")
        #expect(db.string("replicaName") == "ferry-bookings-bi")
        #expect(db.bool("multiAz") == true)
        #expect(db.strings("allowedCidrs") == ["10.40.0.0/16"])
        #expect(db.strings("replicaSecurityGroups") == ["sg-0123456789abcdef0"])
        #expect(db.string("kmsKeyArn") == "arn:aws:kms:us-west-2:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d")
    }

    @Test func aChangeTableKeepsTheNewValueOfEachSetting() throws {
        let text = "Region eu-west-3.\n\n| setting | before | after |\n|---|---|---|\n| identifier | harbour-ledger | harbour-ledger (keep) |\n| engine | PostgreSQL 15 | PostgreSQL 15 |\n| instance class | db.t4g.medium | db.r6g.large |"
        let result = Generator.generate(text)
        let db = try #require(result.spec.components.first { $0.kind == .database })
        #expect(db.name?.value == "harbour-ledger")
        #expect(db.string("instanceClass") == "db.r6g.large")
    }

    @Test func anAliasWithWarmCopiesIsNotAReservedLimit() throws {
        let result = Generator.generate("Region eu-west-1. Lambda `quote-engine` (nodejs20.x, 1024 MB): versions published, an alias `live`, 8 provisioned concurrency on that alias, no reserved concurrency.")
        let f = try #require(result.spec.components.first { $0.kind == .function })
        #expect(f.string("alias") == "live")
        #expect(f.int("provisionedConcurrency") == 8)
        #expect(f.int("concurrency") == nil)
        let types = Set(result.resources.map(\.type))
        #expect(types.isSuperset(of: ["aws_lambda_alias", "aws_lambda_provisioned_concurrency_config"]))
    }

    @Test func aPropertyOfAFunctionIsNotAnotherFunction() throws {
        let result = Generator.generate("Region us-west-2. Lambda `drop-scanner` (python3.12, 60 s) consumes the SQS queue `drop-events`; the queue's visibility timeout must fit the Lambda timeout (6x).")
        #expect(result.spec.components.filter { $0.kind == .function }.compactMap { $0.name?.value } == ["drop-scanner"])
    }

    @Test func wordsInsideOneNameDoNotMakeTheNextNamesQueues() throws {
        let text = "Region eu-west-1.\n\n- **Bus:** custom event bus `harbour-events`.\n- **Rule:** `crane-moved-to-sqs` on that bus, matching source `com.harbour.cranes` and `detail.berth` being one of `B1`, `B2` or `B7`.\n- **Target:** a new standard SQS queue `crane-moves`, messages kept 4 days."
        let result = Generator.generate(text)
        #expect(!result.refused, "\(result.diagnostics.map(\.message))")
        let queues = result.spec.components.filter { $0.kind == .queue }.compactMap { $0.name?.value }
        #expect(queues == ["crane-moves"])
    }

    @Test func onlyTheSentenceEndingInAColonIntroducesTheList() throws {
        let text = "Region eu-west-3.\n\nThe API logs to the existing log group /services/quay-api (another team owns it). Please:\n\n1. Create an alarm `quay-api-5xx` when 5XXError is above 10 in 5 minutes.\n2. The alarm notifies a new SNS topic `quay-alerts` with email subscriber ops@example.org."
        let result = Generator.generate(text)
        #expect(!result.refused, "\(result.diagnostics.map(\.message))")
        let types = Set(result.resources.map(\.type))
        #expect(types.contains("aws_cloudwatch_metric_alarm"))
        #expect(types.contains("aws_sns_topic"))
        #expect(!types.contains("aws_cloudwatch_log_group"))
    }

    @Test(arguments: [
        ("Results older than 30 days are deleted.", 30),
        ("Objects get removed after 2 weeks.", 14),
        ("Delete files after 90 days.", 90),
    ])
    func expiryPhrasingsSetTheBucketLifecycle(_ phrase: String, _ days: Int) throws {
        let result = Generator.generate("Region eu-central-1. A new private bucket `lagoon-query-results` for query results. " + phrase)
        let bucket = try #require(result.spec.components.first { $0.kind == .bucket })
        #expect(bucket.int("expirationDays") == days)
        #expect(result.resources.contains { $0.type == "aws_s3_bucket_lifecycle_configuration" })
    }

    @Test func redisParametersGiveTheClusterItsOwnParameterGroup() throws {
        let text = "Region eu-west-1. A Redis 7 ElastiCache cluster for the leaderboard, cache.r7g.large. Please create our own parameter group instead of the default, with maxmemory-policy set to allkeys-lru."
        let result = Generator.generate(text)
        let cache = try #require(result.spec.components.first { $0.kind == .cache })
        #expect(cache.strings("parameters") == ["maxmemory-policy=allkeys-lru"])
        #expect(result.resources.contains { $0.type == "aws_elasticache_parameter_group" })
        let main = try #require(result.files.first { $0.name == "main.tf" })
        #expect(main.content.contains("family      = \"redis7\"") || main.content.contains("\"redis7\""))
    }

    @Test func theResourceNameOfAnARNIsReadPerService() {
        #expect(ARN("arn:aws:lambda:eu-west-1:123456789012:function:rates:live")?.resourceName == "rates")
        #expect(ARN("arn:aws:iam::123456789012:role/service/deployer")?.resourceName == "deployer")
        #expect(ARN("arn:aws:s3:::audit-logs/2024/*")?.resourceName == "audit-logs")
        #expect(ARN("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db/app-AbC123")?.resourceName == "db/app")
        #expect(ARN("arn:aws:sqs:eu-west-1:123456789012:jobs-dlq")?.resourceName == "jobs-dlq")
        #expect(ARN("arn:aws:s3:::*")?.resourceName == nil)
    }
}
