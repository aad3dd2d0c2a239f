import Testing
@testable import Requirements

/// The typed values behind the grammar (its documents are in `GrammarTests.cases`): a migration's
/// new value, exclusions with their lines, schedules, alarm conditions, traffic direction.
@Suite struct UnderstandingTests {
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
        let text = GrammarTests.cases.first { $0.family.hasPrefix("alarms on an existing") }!.text
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
