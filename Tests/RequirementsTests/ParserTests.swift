import Testing
@testable import Requirements

/// Phrases as people write them → the spec fragment they must produce.
@Suite struct ParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var kind: ComponentKind
        var key: String
        var value: PropertyValue
        var testDescription: String { "\(key) from \"\(text.prefix(50))\"" }
    }

    static let cases: [Case] = [
        Case(text: "- s3 bucket `logs-x`\n- versioning on", kind: .bucket, key: "versioning", value: .bool(true)),
        Case(text: "- s3 bucket `logs-x`\n- versioning not needed", kind: .bucket, key: "versioning", value: .bool(false)),
        Case(text: "- s3 bucket `logs-x`\n- move to Glacier after 90 days", kind: .bucket, key: "transitions", value: .strings(["GLACIER:90"])),
        Case(text: "- s3 bucket `logs-x`\n- delete after 7y (2555d)", kind: .bucket, key: "expirationDays", value: .int(2555)),
        Case(text: "- s3 bucket `logs-x`\n- delete objects after 1 year", kind: .bucket, key: "expirationDays", value: .int(365)),
        Case(text: "- s3 bucket `logs-x`\n- noncurrent versions: delete after 30d", kind: .bucket, key: "noncurrentDays", value: .int(30)),
        Case(text: "We need a Postgres 16 database with two vCPU and eight GB of RAM.", kind: .database, key: "vcpu", value: .string("2")),
        Case(text: "We need a Postgres 16 database with two vCPU and eight GB of RAM.", kind: .database, key: "engineVersion", value: .string("16")),
        Case(text: "A MySQL 8.0 database, Multi-AZ, backups kept 14 days.", kind: .database, key: "backupDays", value: .int(14)),
        Case(text: "A MySQL 8.0 database, Multi-AZ, backups kept 14 days.", kind: .database, key: "multiAz", value: .bool(true)),
        Case(text: "A MySQL database. Multi-AZ not needed for now.", kind: .database, key: "multiAz", value: .bool(false)),
        Case(text: "An RDS PostgreSQL database, deletion protection on.", kind: .database, key: "deletionProtection", value: .bool(true)),
        Case(text: "An RDS PostgreSQL database; we don't want deletion protection.", kind: .database, key: "deletionProtection", value: .bool(false)),
        Case(text: "An RDS PostgreSQL db.r6g.large with 100 GB storage that can grow up to 1 TB.", kind: .database, key: "maxStorageGb", value: .int(1024)),
        Case(text: "Log queries on the RDS postgres database that take longer than half a second.", kind: .database, key: "slowQueryMs", value: .int(500)),
        Case(text: "An SQS queue `jobs`, retention 4 days, visibility timeout 60 seconds.", kind: .queue, key: "retentionSeconds", value: .int(4 * 86400)),
        Case(text: "An SQS queue `jobs`, retention 4 days, visibility timeout 60 seconds.", kind: .queue, key: "visibilitySeconds", value: .int(60)),
        Case(text: "An SQS queue `jobs`. After 5 failed receives -> DLQ `jobs-dlq`.", kind: .queue, key: "maxReceives", value: .int(5)),
        Case(text: "An SQS queue named \"orders\", not FIFO.", kind: .queue, key: "fifo", value: .bool(false)),
        Case(text: "A lambda function, memory two hundred fifty-six megabytes, timeout one minute.", kind: .function, key: "memory", value: .int(256)),
        Case(text: "A lambda function, memory two hundred fifty-six megabytes, timeout one minute.", kind: .function, key: "timeout", value: .int(60)),
        Case(text: "A lambda function that runs every fifteen minutes.", kind: .function, key: "schedule", value: .string("rate(15 minutes)")),
        Case(text: "A lambda function on Node.js 20.", kind: .function, key: "runtime", value: .string("nodejs20.x")),
        Case(text: "A lambda in python3.12, handler `app.handler`.", kind: .function, key: "handler", value: .string("app.handler")),
        Case(text: "A DynamoDB table `events` with partition key `device_id` (S) and sort key `ts` (N), on-demand.", kind: .dynamodb, key: "rangeKeyType", value: .string("N")),
        Case(text: "A DynamoDB table `events` with partition key `device_id` (S), on-demand.", kind: .dynamodb, key: "billing", value: .string("PAY_PER_REQUEST")),
        Case(text: "A group of web servers behind a load balancer, at least two and never more than six.", kind: .webTier, key: "max", value: .int(6)),
        Case(text: "A group of web servers behind a load balancer; scale when CPU goes over sixty percent.", kind: .webTier, key: "cpuTarget", value: .int(60)),
        Case(text: "Two EC2 instances, type t3.medium.", kind: .instance, key: "count", value: .int(2)),
        Case(text: "A server for batch jobs with 2 vCPU and 8 GB of memory, x86 only.", kind: .instance, key: "arch", value: .string("x86_64")),
        Case(text: "One VPC, CIDR 10.20.0.0/16, across three availability zones.", kind: .network, key: "azCount", value: .int(3)),
        Case(text: "One VPC 10.20.0.0/16. We don't want NAT gateway.", kind: .network, key: "nat", value: .string("none")),
        Case(text: "One VPC 10.20.0.0/16 with one NAT gateway per AZ.", kind: .network, key: "nat", value: .string("perAz")),
        Case(text: "ElastiCache Redis 7.1 with cache.t4g.small nodes, snapshots kept 3 days.", kind: .cache, key: "snapshotDays", value: .int(3)),
        Case(text: "An EFS file system; files not opened for 30 days move to Infrequent Access.", kind: .fileSystem, key: "iaDays", value: .int(30)),
        Case(text: "A KMS key, alias `alias/payments`, rotation enabled.", kind: .key, key: "alias", value: .string("alias/payments")),
    ]

    @Test(arguments: cases)
    func phraseProducesSpecFragment(_ c: Case) throws {
        let result = Generator.generate(c.text + "\n\nregion: eu-west-1\n")
        let component = try #require(result.spec.components.first { $0.kind == c.kind && $0.ownership == .create })
        #expect(component[c.key] == c.value)
        let line = try #require(component.properties[c.key]?.line)
        #expect(line > 0, "every property records its source line")
    }

    @Test(arguments: [
        ("region: eu-west-1\n\nA bucket.", "eu-west-1"),
        ("Everything lives in London.\n\nA bucket.", "eu-west-2"),
        ("Please put it in the Frankfurt region. A bucket.", "eu-central-1"),
        ("A bucket.", "us-east-1"),
    ])
    func regionIsReadFromCodesAndCityNames(text: String, region: String) {
        #expect(Generator.generate(text).spec.settings.region.value == region)
    }

    @Test(arguments: [
        ("- bucket named `alpha-logs`", "alpha-logs"),
        ("- a bucket called \"beta-logs\"", "beta-logs"),
        ("- bucket name: gamma-logs", "gamma-logs"),
        ("- S3 bucket “delta-logs”", "delta-logs"),
    ])
    func namesComeFromBackticksQuotesAndNamedCalled(text: String, name: String) {
        let bucket = Generator.generate(text).spec.components.first { $0.kind == .bucket }
        #expect(bucket?.name?.value == name)
    }

    @Test func tagsAndPrefixAreGlobalSettings() {
        let spec = Generator.generate("- a bucket\n- tag everything with team=data and cost-center = 42\n- prefix all names with `acme`").spec
        #expect(spec.settings.tags["team"]?.value == "data")
        #expect(spec.settings.tags["cost-center"]?.value == "42")
        #expect(spec.settings.namePrefix?.value == "acme")
    }

    @Test func existingThingsAreLookedUpNotCreated() {
        let result = Generator.generate("A lambda function that writes to our existing S3 bucket \"shared-archive\" (it already exists, don't create it).")
        let bucket = result.spec.components.first { $0.kind == .bucket }
        #expect(bucket?.ownership == .existing)
        #expect(!result.resources.contains { $0.type == "aws_s3_bucket" })
    }

    @Test func negatedAndOutOfScopeThingsAreNotBuilt() {
        let text = """
        # uploads
        - private bucket `uploads-x`
        - no CDN, no website hosting

        ## Out of scope
        - Redis, DynamoDB
        """
        let kinds = Set(Generator.generate(text).spec.components.map(\.kind))
        #expect(kinds == [.bucket])
    }

    @Test func sentencesThatAreNotUnderstoodAreReportedWithTheirLine() {
        let result = Generator.generate("- a bucket `x-logs`\n- make it sparkle like a unicorn")
        #expect(result.diagnostics.contains { $0.line == 2 && $0.message.hasPrefix("not understood: \"make it sparkle") })
    }

    @Test func detailsBeforeTheSubjectIsNamedStillReachIt() {
        let text = "The data team needs a place to drop CSV exports. Make it private, encrypt it with KMS, and delete files after ninety days. Call the bucket \"dt-exports-eu\". We're in Ireland."
        let result = Generator.generate(text)
        let bucket = result.spec.components.first { $0.kind == .bucket }
        #expect(bucket?.name?.value == "dt-exports-eu")
        #expect(bucket?.int("expirationDays") == 90)
        #expect(result.spec.settings.region.value == "eu-west-1")
    }

    @Test func pronounsContinueTheSubject() {
        let text = "A Lambda named `nightly-report` runs every night at 2am UTC. It reads from the DynamoDB table `sales` (already exists) and writes into a new bucket `acme-reports-x`. Memory 512MB, timeout 5 minutes."
        let result = Generator.generate(text)
        let fn = result.spec.components.first { $0.kind == .function }
        #expect(fn?.int("memory") == 512)
        #expect(fn?.int("timeout") == 300)
        #expect(fn?.string("schedule") == "cron(0 2 * * ? *)")
        #expect(result.spec.components.first { $0.kind == .dynamodb }?.ownership == .existing)
    }

    @Test func keyValueLinesAndChecklistsAreStatements() {
        let text = "region: ca-central-1\nsecret name: `prod/billing/key`\nrecovery window: 14 days\n[x] tags: team=billing"
        let result = Generator.generate(text)
        let secret = result.spec.components.first { $0.kind == .secret }
        #expect(secret?.int("recoveryDays") == 14)
        #expect(secret?.properties["recoveryDays"]?.line == 3)
        #expect(result.spec.settings.tags["team"]?.value == "billing")
    }

    @Test func unsupportedServicesAreReportedNotDropped() {
        let result = Generator.generate("Three t3.small servers for a Kafka test cluster in eu-west-2; they talk to each other on ports 9092 and 9093.")
        #expect(result.diagnostics.contains { $0.message.contains("not supported") && $0.message.contains("Kafka") })
        #expect(result.spec.components.first { $0.kind == .instance }?.int("count") == 3)
    }

    @Test func tableRowsAreStatements() {
        let text = """
        | Method | Path | Lambda function | Memory |
        |---|---|---|---|
        | GET | /a | `fn-a` | 256 MB |
        | POST | /b | `fn-b` | 512 MB |

        An HTTP API in front of them.
        """
        let functions = Generator.generate(text).spec.components.filter { $0.kind == .function }
        #expect(functions.map { $0.name?.value } == ["fn-a", "fn-b"])
        #expect(functions.map { $0.int("memory") } == [256, 512])
        #expect(functions.map { $0.string("route") } == ["GET /a", "POST /b"])
    }
}
