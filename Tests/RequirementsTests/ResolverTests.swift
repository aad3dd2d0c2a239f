import Testing
@testable import Requirements

@Suite struct ResolverTests {
    @Test func aDatabaseWithoutANetworkGetsANewPrivateVPC() {
        let result = Generator.generate("A PostgreSQL database for the app.")
        #expect(result.spec.components.contains { $0.kind == .network && $0.ownership == .create })
        #expect(result.diagnostics.contains { $0.message.contains("no VPC was named") })
        #expect(result.resources.contains { $0.type == "aws_db_subnet_group" })
    }

    @Test func anExistingVPCIsUsedInsteadOfCreatingOne() {
        let result = Generator.generate("A PostgreSQL database in the existing VPC vpc-0123456789abcdef0, subnets subnet-0123456789abcdef1 and subnet-0123456789abcdef2.")
        #expect(!result.resources.contains { $0.type == "aws_vpc" || $0.type == "aws_subnet" })
        let main = result.files.first { $0.name == "main.tf" }?.content ?? ""
        #expect(main.contains("data \"aws_vpc\" \"main\""))
        #expect(main.contains("\"subnet-0123456789abcdef1\""))
    }

    @Test(arguments: [
        (2.0, 4.0, false, "t3.medium"), (2.0, 8.0, false, "t3.large"), (4.0, 16.0, false, "t3.xlarge"), (2.0, 4.0, true, "t4g.medium"),
    ])
    func sizesPickTheSmallestInstanceTypeThatFits(vcpu: Double, memory: Double, arm: Bool, expected: String) {
        #expect(Sizing.instanceType(vcpu: vcpu, memoryGiB: memory, arm: arm, burstable: true) == expected)
    }

    @Test(arguments: [(2.0, 8.0, true, "db.t4g.large"), (4.0, 16.0, false, "db.m7g.xlarge"), (2.0, 16.0, false, "db.r7g.large")])
    func sizesPickTheSmallestDatabaseClassThatFits(vcpu: Double, memory: Double, burstable: Bool, expected: String) {
        #expect(Sizing.databaseClass(vcpu: vcpu, memoryGiB: memory, burstable: burstable) == expected)
    }

    @Test func statedSizeIsExplainedInDiagnostics() {
        let result = Generator.generate("MySQL 8.0 database, compute: 4 vCPU / 16 GB RAM, general purpose (NOT burstable).")
        let db = result.spec.components.first { $0.kind == .database }
        #expect(db?.string("instanceClass") == "db.m7g.xlarge")
        #expect(result.diagnostics.contains { $0.severity == .info && $0.message.contains("db.m7g.xlarge") })
    }

    @Test func alarmsGetANotificationTopic() {
        let result = Generator.generate("Alarm when CPUUtilization of instance i-0123456789abcdef0 is above 90% (Average); email ops@example.com.")
        #expect(result.resources.contains { $0.type == "aws_sns_topic" })
        #expect(result.resources.contains { $0.type == "aws_cloudwatch_metric_alarm" })
        #expect(result.resources.contains { $0.type == "aws_sns_topic_subscription" })
    }

    @Test func reachabilitySentencesBecomeSecurityGroupRules() {
        let result = Generator.generate("A PostgreSQL database. Only the app servers in security group sg-0a1b2c3d4e5f60718 may connect, on 5432.")
        let main = result.files.first { $0.name == "main.tf" }?.content ?? ""
        #expect(main.contains("referenced_security_group_id = \"sg-0a1b2c3d4e5f60718\""))
        #expect(main.contains("from_port                    = 5432"))
        #expect(!main.contains("0.0.0.0/0\"\n  from_port"))
    }

    @Test func queuesAndTopicFanOutWithFilterAndRawDelivery() {
        let text = """
        SNS topic "orders". Queue "billing-orders" gets every message from the topic.
        Queue "shipping-orders" only gets messages whose attribute "kind" equals "physical", with raw message delivery.
        """
        let result = Generator.generate(text)
        #expect(result.resources.filter { $0.type == "aws_sns_topic_subscription" }.count == 2)
        let main = result.files.first { $0.name == "main.tf" }?.content ?? ""
        #expect(main.contains("raw_message_delivery = true"))
        #expect(main.contains("kind = [\"physical\"]"))
    }

    @Test func twoDatabasesForTwoEnvironmentsKeepTheirOwnSettings() {
        let text = "We need two databases: one for staging and one for production, both PostgreSQL 16.\n\nStaging: db.t4g.micro, single AZ.\n\nProduction: db.m7g.large, Multi-AZ, deletion protection on."
        let dbs = Generator.generate(text).spec.components.filter { $0.kind == .database }
        #expect(dbs.count == 2)
        #expect(dbs.first { $0.string("environment") == "staging" }?.string("instanceClass") == "db.t4g.micro")
        #expect(dbs.first { $0.string("environment") == "prod" }?.string("instanceClass") == "db.m7g.large")
    }

    @Test func bucketNamesThatBreakTheNamingRulesAreRefusedNotRewritten() {
        let result = Generator.generate("- bucket named `My_Bucket.Logs`")
        #expect(result.refused)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains("not a valid name") && $0.line == 1 })
    }

    @Test func aNameThatOnlyDiffersInCaseIsLowercasedWithAWarning() {
        let result = Generator.generate("- bucket named `Invoice-Archive-2024`")
        #expect(!result.refused)
        #expect(result.spec.components.first { $0.kind == .bucket }?.name?.value == "invoice-archive-2024")
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("not valid") })
    }

    @Test func cidrAllocationNeverOverlaps() {
        let out = CIDRAllocator.allocate(base: "10.0.0.0/16", masks: [24, 20, 24, 20, 24])
        #expect(out == ["10.0.32.0/24", "10.0.0.0/20", "10.0.33.0/24", "10.0.16.0/20", "10.0.34.0/24"])
    }
}
