import Testing
@testable import Requirements

/// The typed value layer: each reader owns its unit and its spellings. Tables name phrasing
/// families (digits, words, abbreviations, ISO forms), not documents.
@Suite struct ValuesTests {
    @Test(arguments: [
        ("4 GB", 4.0), ("4GB", 4.0), ("4 GiB", 4.0), ("4gib", 4.0), ("1.5 TB", 1536.0), ("2 TiB", 2048.0), ("512 MB", 0.5), ("256 MiB", 0.25),
        ("6 gigs", 6.0), ("10 gigabytes", 10.0), ("1 terabyte", 1024.0), ("half a terabyte", 512.0), ("about 30 GB of data", 30.0),
        ("roughly 200GB", 200.0), ("a 20 GiB volume", 20.0), ("disk: 100 GB", 100.0), ("3 TB of logs", 3072.0), ("1024 MB", 1.0),
        ("2.5 GB", 2.5), ("8 g", 8.0),
    ] as [(String, Double)])
    func sizesAreReadInGibibytes(_ text: String, _ expected: Double) {
        #expect(Values.gibibytes(in: text.lowercased()) == expected)
    }

    @Test(arguments: [
        ("6 GB of RAM", 6.0), ("16 GiB memory", 16.0), ("memory: 8 GB", 8.0), ("RAM of 4 GB", 4.0), ("512 MB memory", 0.5),
        ("needs 32 GB RAM", 32.0), ("memory = 2 GiB", 2.0), ("at least 64 GB of memory", 64.0), ("ram: 1 gb", 1.0), ("memory at least 12 GB", 12.0),
    ] as [(String, Double)])
    func memoryIsOnlyReadWhenTheTextSaysMemory(_ text: String, _ expected: Double) {
        #expect(Values.memoryGiB(in: text.lowercased()) == expected)
    }

    @Test(arguments: ["a 200 GB disk", "store 5 GB of files", "10 GB per day of logs"])
    func sizesThatAreNotMemoryAreNotMemory(_ text: String) {
        #expect(Values.memoryGiB(in: text.lowercased()) == nil)
    }

    @Test(arguments: [
        ("2 vCPU", 2.0), ("4 vcpus", 4.0), ("8 cores", 8.0), ("1 cpu", 1.0), ("0.5 vCPU", 0.5), ("half a vcpu", 0.5), ("16 virtual cpus", 16.0), ("2x vCPU", 2.0),
    ] as [(String, Double)])
    func virtualCPUs(_ text: String, _ expected: Double) {
        #expect(Values.vcpus(in: text.lowercased()) == expected)
    }

    @Test(arguments: [
        ("3", 3), ("three", 3), ("a dozen", 12), ("twenty-one", 21), ("a single", 1), ("one", 1), ("two", 2), ("ten", 10), ("a couple of", 2),
        ("a pair of", 2), ("fifteen", 15), ("one hundred", 100), ("two hundred fifty", 250), ("1000", 1000), ("single", 1), ("both", 2),
    ] as [(String, Int)])
    func countsInDigitsAndWords(_ text: String, _ expected: Int) {
        #expect(Values.count(text) == expected)
    }

    @Test(arguments: [
        ("three shards", "shards?", 3), ("3 shards", "shards?", 3), ("two cache nodes", "nodes?|cache nodes?", 2), ("a single node", "nodes?", 1),
        ("6 data nodes", "nodes?", 6), ("four small nodes", "nodes?", 4),
    ] as [(String, String, Int)])
    func countsOfANoun(_ text: String, _ noun: String, _ expected: Int) {
        #expect(Values.count(of: noun, in: text) == expected)
    }

    @Test(arguments: [
        ("90d", 90 * 86400), ("2 days", 2 * 86400), ("a week", 7 * 86400), ("P14D", 14 * 86400), ("PT15M", 900), ("36 hours", 36 * 3600),
        ("15 min", 900), ("30 seconds", 30), ("an hour", 3600), ("1 year", 365 * 86400), ("6 months", 180 * 86400), ("2 weeks", 14 * 86400),
        ("45s", 45), ("10 minutes", 600), ("7 days", 7 * 86400), ("P1Y", 365 * 86400), ("PT1H30M", 5400), ("three days", 3 * 86400),
        ("ninety days", 90 * 86400), ("24h", 86400), ("500 ms", 0), ("a month", 30 * 86400), ("12 hrs", 12 * 3600), ("P2W", 14 * 86400),
        ("keep for 35 days", 35 * 86400), ("it's kept 5 days", 5 * 86400), ("1.5 hours", 5400), ("one year", 365 * 86400),
    ] as [(String, Int)])
    func durationsInSeconds(_ text: String, _ expected: Int) {
        #expect(Values.seconds(in: text) == expected)
    }

    @Test(arguments: ["no duration here", "its size", "PT", "a small box"])
    func textWithoutADurationHasNone(_ text: String) {
        #expect(Values.seconds(in: text) == nil)
    }

    @Test(arguments: [
        ("every 15 minutes", "rate(15 minutes)"), ("every 5 minutes", "rate(5 minutes)"), ("every hour", "rate(1 hour)"), ("hourly", "rate(1 hour)"),
        ("every 2 hours", "rate(2 hours)"), ("every day at 02:30", "cron(30 2 * * ? *)"), ("daily at 02:30", "cron(30 2 * * ? *)"), ("nightly at 3am", "cron(0 3 * * ? *)"),
        ("every weekday at 9am", "cron(0 9 ? * MON-FRI *)"), ("every Monday at 06:00", "cron(0 6 ? * MON *)"), ("on Sundays at 11pm", "cron(0 23 ? * SUN *)"),
        ("cron(0 12 * * ? *)", "cron(0 12 * * ? *)"), ("rate(10 minutes)", "rate(10 minutes)"), ("`0 3 * * *`", "cron(0 3 * * ? *)"),
        ("on the 1st of each month at 03:00", "cron(0 3 1 * ? *)"), ("every night at 23:15", "cron(15 23 * * ? *)"), ("at 18:45 every evening", "cron(45 18 * * ? *)"),
        ("every Friday at 5 pm", "cron(0 17 ? * FRI *)"), ("`30 1 * * 1`", "cron(30 1 ? * 1 *)"), ("every 30 minutes", "rate(30 minutes)"),
    ] as [(String, String)])
    func schedulesBecomeAWSExpressions(_ text: String, _ expected: String) {
        #expect(Values.schedule(in: text.lowercased().contains("cron(") ? text : text.lowercased()) == expected)
    }

    @Test(arguments: [("Europe/Berlin time", "Europe/Berlin"), ("in America/New_York", "America/New_York"), ("09:00 UTC", "UTC"), ("Asia/Tokyo", "Asia/Tokyo")] as [(String, String)])
    func timeZones(_ text: String, _ expected: String) {
        #expect(Values.timeZone(in: text) == expected)
    }

    @Test(arguments: [
        ("port 443", [443...443]), ("ports 80 and 443", [80...80, 443...443]), ("on 5432", [5432...5432]), ("TCP 1883 and 8883", [1883...1883, 8883...8883]),
        ("ports 8000-8100", [8000...8100]), ("443/tcp", [443...443]), ("port 6379", [6379...6379]), ("ports 22, 80, 443", [22...22, 80...80, 443...443]),
        ("udp 514", [514...514]), ("port 70000", []), ("port 3306 only", [3306...3306]), ("no port here", []),
    ] as [(String, [ClosedRange<Int>])])
    func portsAndRanges(_ text: String, _ expected: [ClosedRange<Int>]) {
        #expect(Values.ports(in: text.lowercased()) == expected)
    }

    @Test(arguments: [
        ("10.0.0.0/16", ["10.0.0.0/16"]), ("from 203.0.113.7", ["203.0.113.7/32"]), ("192.168.1.0/24 and 10.1.0.0/20", ["192.168.1.0/24", "10.1.0.0/20"]),
        ("0.0.0.0/0", ["0.0.0.0/0"]), ("999.1.1.1/8", []), ("10.0.0.0/33", []), ("version 1.2.3", []), ("office /32 198.51.100.10/32", ["198.51.100.10/32"]),
        ("v10.0.0.1", ["10.0.0.1/32"]), ("172.16.0.0/12.", ["172.16.0.0/12"]),
    ] as [(String, [String])])
    func cidrBlocksAreValidated(_ text: String, _ expected: [String]) {
        #expect(Values.cidrs(in: text) == expected)
    }

    @Test(arguments: [
        ("region eu-west-1", ["eu-west-1"], [String]()), ("eu-south-1a only", [], ["eu-south-1a"]), ("us-east-1 and us-west-2", ["us-east-1", "us-west-2"], []),
        ("ap-southeast-2b", [], ["ap-southeast-2b"]), ("il-central-1", ["il-central-1"], []), ("eu-central-1a and eu-central-1b", [], ["eu-central-1a", "eu-central-1b"]),
    ] as [(String, [String], [String])])
    func regionsAndZones(_ text: String, _ regions: [String], _ zones: [String]) {
        #expect(Values.regions(in: text) == regions)
        #expect(Values.zones(in: text) == zones)
    }

    @Test(arguments: [
        ("vpc vpc-09b8d3e4f1a2c5760", "vpc", ["vpc-09b8d3e4f1a2c5760"]), ("subnet-0d6e2f1a9b3c47e01, subnet-0d6e2f1a9b3c47e02", "subnet", ["subnet-0d6e2f1a9b3c47e01", "subnet-0d6e2f1a9b3c47e02"]),
        ("sg-0e5c8a1f7d3b29604", "sg", ["sg-0e5c8a1f7d3b29604"]), ("instance i-0abc12345def67890", "i", ["i-0abc12345def67890"]), ("rtb-0123456789abcdef0", "rtb", ["rtb-0123456789abcdef0"]),
        ("vpc-xyz", "vpc", [String]()), ("the sg-team", "sg", []),
    ] as [(String, String, [String])])
    func awsIDsByPrefix(_ text: String, _ prefix: String, _ expected: [String]) {
        #expect(Values.ids(prefix, in: text) == expected)
    }

    @Test(arguments: [
        ("arn:aws:kms:us-west-2:268410937553:key/a3f09c1e-7b6d-4e25-8c1a-5f2d9e0b7c44", "kms", "us-west-2", "268410937553"),
        ("role arn:aws:iam::123456789012:role/deployer.", "iam", "", "123456789012"),
        ("arn:aws:s3:::my-bucket/prefix", "s3", "", ""),
        ("arn:aws:lambda:eu-west-1:111122223333:function:thumbs", "lambda", "eu-west-1", "111122223333"),
        ("arn:aws-us-gov:sqs:us-gov-west-1:111122223333:jobs", "sqs", "us-gov-west-1", "111122223333"),
    ] as [(String, String, String, String)])
    func arnsAreParsed(_ text: String, _ service: String, _ region: String, _ account: String) throws {
        let arn = try #require(Values.arns(in: text).first)
        #expect(arn.service == service)
        #expect(arn.region == region)
        #expect(arn.account == account)
        #expect(!arn.text.hasSuffix("."))
    }

    @Test(arguments: [
        ("alert ops@example.com", ["ops@example.com"]), ("a.b+c@sub.example.co.uk and x@y.io", ["a.b+c@sub.example.co.uk", "x@y.io"]), ("no mail", []),
        ("<oncall@corp.example>", ["oncall@corp.example"]), ("first.last@company.com.", ["first.last@company.com"]),
    ] as [(String, [String])])
    func emailAddresses(_ text: String, _ expected: [String]) {
        #expect(Values.emails(in: text) == expected)
    }

    @Test(arguments: [
        ("api.example.com", ["api.example.com"]), ("send from mail.hollybrook.co.uk", ["mail.hollybrook.co.uk"]), ("ops@example.com", []), ("README.md", []),
        ("*.example.org", ["*.example.org"]),
    ] as [(String, [String])])
    func domainNamesAreNotAddressesOrFiles(_ text: String, _ expected: [String]) {
        #expect(Values.domains(in: text) == expected)
    }

    @Test(arguments: [
        ("t3.micro", 2.0, 1.0), ("t3.large", 2.0, 8.0), ("m6i.xlarge", 4.0, 16.0), ("r6g.large", 2.0, 16.0), ("c7g.2xlarge", 8.0, 16.0),
        ("db.r6g.xlarge", 4.0, 32.0), ("db.m6g.large", 2.0, 8.0), ("db.t4g.medium", 2.0, 4.0), ("cache.r6g.large", 2.0, 13.0), ("m5.4xlarge", 16.0, 64.0),
        ("x2gd.large", 2.0, 32.0), ("t4g.nano", 2.0, 0.5), ("r6g.large.search", 2.0, 16.0), ("c6i.large", 2.0, 4.0), ("m7g.medium", 1.0, 4.0),
    ] as [(String, Double, Double)])
    func instanceClassesKnowTheirCapacity(_ text: String, _ vcpus: Double, _ memory: Double) throws {
        let k = try #require(Values.instanceClass(in: text))
        #expect(k.vcpus == vcpus)
        #expect(k.memoryGiB == memory)
    }
}
