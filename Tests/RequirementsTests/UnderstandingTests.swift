import Testing
@testable import Requirements

/// Reading what a document means across blocks: what it rules out, what a migration leaves
/// behind, which quoted words are names, which way traffic flows, when things run, what an alarm
/// watches. Each case is a phrasing family in its own words; none is taken from a corpus document.
@Suite struct UnderstandingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var family: String
        var text: String
        var must: [String]
        var mustNot: [String]
        var testDescription: String { family }
    }

    static let cases: [Case] = [
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
             must: ["aws_lambda_function"], mustNot: ["aws_db_instance"]),
        // Alarms on things that exist build only the alarms.
        Case(family: "alarms on an existing function and table build only alarms",
             text: "Region eu-north-1. These already exist in other stacks, only reference them: Lambda function `quill-sync`, DynamoDB table `quill-items`, SNS topic arn:aws:sns:eu-north-1:123456789012:quill-pager.\n\nAlarms (notify that topic):\n\n1. quill-sync errors: Errors >= 3 in 1 minute, 2 periods in a row\n2. quill-sync latency: p95 Duration above 2 s over a 5-minute period\n3. quill-items throttling: WriteThrottleEvents sum > 0 over 5 minutes\n\nTreat missing data as not breaching. Do not create the function, the table or the topic.",
             must: ["aws_cloudwatch_metric_alarm"], mustNot: ["aws_lambda_function", "aws_dynamodb_table", "aws_sns_topic"]),
        Case(family: "a dashboard of a load balancer and a service that exist",
             text: "Region eu-west-3. Add a CloudWatch dashboard `till-overview` showing the 5xx count of our load balancer (app/till-alb/0123456789abcdef) and ECS CPU utilisation for service till-api in cluster till-prod. Nothing changes on the ALB or ECS side.",
             must: ["aws_cloudwatch_dashboard"], mustNot: ["aws_lb", "aws_ecs_service", "aws_ecs_cluster"]),
    ]

    @Test(arguments: cases)
    func documentsBuildWhatTheyMeanAndNothingElse(_ c: Case) {
        let result = Generator.generate(c.text)
        #expect(!result.refused, "\(result.diagnostics.filter { $0.severity == .error }.map(\.message))")
        let types = Set(result.resources.map(\.type))
        for t in c.must { #expect(types.contains(t), "missing \(t)") }
        for t in c.mustNot { #expect(!types.contains(t), "unwanted \(t)") }
    }

    @Test(arguments: [
        ("Today the orders database runs MySQL 8.0 on db.t3.large; move it to db.r6g.xlarge with Multi-AZ.", "db.r6g.xlarge"),
        ("A MySQL 8.0 RDS database `orders`. Replace the old db.m5.large class with db.m7g.large.", "db.m7g.large"),
        ("A MySQL 8.0 RDS database `orders`.\n\n- instance class: db.t4g.medium → db.r6g.large", "db.r6g.large"),
        ("## Before\n\n- MySQL 8.0 RDS instance `orders`, db.t3.medium\n\n## After\n\n- same MySQL instance `orders`, now db.r6g.large", "db.r6g.large"),
    ])
    func aMigrationKeepsTheNewValueWithoutAConflict(text: String, instanceClass: String) throws {
        let result = Generator.generate("Region us-east-1. " + text)
        #expect(!result.refused, "\(result.diagnostics.filter { $0.severity == .error }.map(\.message))")
        let db = try #require(result.spec.components.first { $0.kind == .database })
        #expect(db.string("instanceClass") == instanceClass)
    }

    @Test func anExclusionIsRecordedWithItsLine() throws {
        let result = Generator.generate("Region eu-west-1.\n\nA VPC `fen` 10.1.0.0/16 with private subnets in two zones.\n\nNot wanted — flow logs, a NAT gateway.")
        let excluded = try #require(result.spec.settings.excluded)
        #expect(excluded.contains(Sourced("aws_flow_log", line: 5)))
        #expect(excluded.contains(Sourced("aws_nat_gateway", line: 5)))
    }

    @Test(arguments: [
        ("every night at 02:30 UTC", "cron(30 2 * * ? *)"),
        ("nightly at 02:30", "cron(30 2 * * ? *)"),
        ("each weekday at 7am UTC", "cron(0 7 ? * MON-FRI *)"),
        ("every 5 minutes", "rate(5 minutes)"),
        ("hourly", "rate(1 hour)"),
        ("every Monday at 06:00", "cron(0 6 ? * MON *)"),
        ("once a day at 11pm", "cron(0 23 * * ? *)"),
    ])
    func aFunctionsScheduleIsATypedExpression(phrase: String, expression: String) throws {
        let result = Generator.generate("Region eu-west-1. A Lambda `sweep` (nodejs20.x) that runs \(phrase).")
        let f = try #require(result.spec.components.first { $0.kind == .function })
        #expect(f.string("schedule") == expression)
        #expect(result.resources.contains { $0.type == "aws_cloudwatch_event_rule" })
    }

    @Test func alarmConditionsAreTypedValues() throws {
        let text = UnderstandingTests.cases.first { $0.family.hasPrefix("alarms on an existing") }!.text
        let result = Generator.generate(text)
        let alarms = result.spec.components.filter { $0.kind == .alarm }
        #expect(alarms.count == 3)
        let errors = try #require(alarms.first { $0.string("metric") == "Errors" })
        #expect(errors.string("comparison") == "GreaterThanOrEqualToThreshold")
        #expect(errors.string("threshold") == "3")
        #expect(errors.int("period") == 60)
        #expect(errors.int("periods") == 2)
        let latency = try #require(alarms.first { $0.string("metric") == "Duration" })
        #expect(latency.string("extendedStatistic") == "p95")
        #expect(latency.string("threshold") == "2000")
        #expect(latency.int("period") == 300)
        let throttles = try #require(alarms.first { $0.string("metric") == "WriteThrottleEvents" })
        #expect(throttles.string("comparison") == "GreaterThanThreshold")
        #expect(throttles.string("statistic") == "Sum")
        let main = try #require(result.files.first { $0.name == "main.tf" }?.content)
        #expect(main.contains("extended_statistic  = \"p95\"") || main.contains("extended_statistic = \"p95\""))
        #expect(main.contains("\"quill-sync\""))
        #expect(main.contains("\"quill-items\""))
        #expect(main.components(separatedBy: "notBreaching").count - 1 == 3)
    }

    @Test(arguments: [
        ("≥ 5 within one minute", "GreaterThanOrEqualToThreshold", 5.0, 60),
        (">= 5 in 1 minute", "GreaterThanOrEqualToThreshold", 5.0, 60),
        ("above 3 over a 5-minute period", "GreaterThanThreshold", 3.0, 300),
        ("25 or more in a 5-minute period", "GreaterThanOrEqualToThreshold", 25.0, 300),
        ("below 10 over 15 minutes", "LessThanThreshold", 10.0, 900),
    ])
    func comparisonsAndWindowsAreRead(phrase: String, op: String, threshold: Double, period: Int) throws {
        let t = Quantities.normalizeNumbers(phrase.lowercased())
        let c = try #require(Values.comparison(in: t))
        #expect(c.op == op)
        #expect(c.value == threshold)
        #expect(Values.alarmWindow(in: t).period == period)
    }

    @Test(arguments: [
        ("outbound 443 to anywhere", Values.Direction.outbound),
        ("egress 5432 to 10.0.0.0/16 and 443 to 0.0.0.0/0", .outbound),
        ("no inbound rules; outbound only to 10.72.0.0/16 on 5432 plus 443 anywhere", .outbound),
        ("allow 3306 from anywhere", .inbound),
        ("open 5432 to the internet", .inbound),
        ("inbound 22 from 0.0.0.0/0", .inbound),
    ])
    func trafficToOrFromTheWorldHasADirection(text: String, direction: Values.Direction) throws {
        let m = try #require(Values.world.all(in: text).last)
        #expect(Values.direction(ofWorldAt: m.offset, in: text) == direction)
    }
}
