import Foundation

/// The typed value layer: every reader owns its unit and its spellings, and every block reads
/// sizes, durations, schedules, ports, addresses and identifiers through it.
enum Values {
    // MARK: counts

    /// A count written in digits or words: "3", "three", "a dozen", "twenty-one", "a single".
    static func count(_ text: String) -> Int? {
        let t = text.lowercased().trimmed
        if let n = Int(t) { return n }
        if t == "a" || t == "an" || t == "one" || t == "single" || t == "a single" { return 1 }
        if t == "a couple of" || t == "a couple" || t == "a pair of" || t == "a pair" || t == "both" { return 2 }
        if t == "a dozen" || t == "dozen" { return 12 }
        return Quantities.value(of: t)
    }

    /// "N <noun>" where N is digits or words: the count before the first noun matching `noun`.
    static func count(of noun: String, in text: String) -> Int? {
        guard let m = countBefore(noun).all(in: text).first else { return nil }
        return count(m.groups[1])
    }
    private static let countWords = "\\d+|a dozen|a couple of|a pair of|a single|single|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|hundred"
    private static func countBefore(_ noun: String) -> NSRegularExpression {
        Patterns.compile("\\b(" + countWords + ")(?:[\\s-]+\\w+){0,2}?[\\s-]+(?:" + noun + ")\\b")
    }

    // MARK: sizes

    /// A size in GiB: "4 GB", "4GiB", "1.5 TB", "512 MB", "6 gigs", "half a terabyte".
    static func gibibytes(in text: String) -> Double? {
        guard let m = size.all(in: text).first, let amount = Double(m.groups[1]) else {
            if halfTB.test(text) { return 512 }
            return nil
        }
        return Quantities.gigabytes(amount, m.groups[2])
    }
    /// Every size in the text, in GiB, in order.
    static func allGibibytes(in text: String) -> [Double] {
        size.all(in: text).compactMap { m in Double(m.groups[1]).map { Quantities.gigabytes($0, m.groups[2]) } }
    }
    static let size = Patterns.compile("(\\d+(?:\\.\\d+)?)\\s*(tb|tib|terabytes?|gb|gib|gigabytes?|gigs?|g(?=\\b)|mb|mib|megabytes?)\\b")
    static let halfTB = Patterns.compile("\\bhalf a (tb|terabyte)\\b")

    /// Memory in GiB when the text says it is memory: "6 GB of RAM", "16 GiB memory", "memory: 8 GB".
    static func memoryGiB(in text: String) -> Double? {
        guard let m = memory.all(in: text).first else { return nil }
        let amount = m.groups[1].isEmpty ? m.groups[3] : m.groups[1]
        let unit = m.groups[2].isEmpty ? m.groups[4] : m.groups[2]
        return Double(amount).map { Quantities.gigabytes($0, unit) }
    }
    static let memory = Patterns.compile("(\\d+(?:\\.\\d+)?)\\s*(gb|gib|mb|mib|g)\\b\\s*(?:of\\s+)?(?:ram|memory|mem)\\b|\\b(?:ram|memory|mem)\\b\\W{0,3}(?:of\\s+|at least\\s+|=\\s*)?(\\d+(?:\\.\\d+)?)\\s*(gb|gib|mb|mib|g)\\b")

    /// Virtual CPUs: "2 vCPU", "4 cores", "2 virtual cpus", "half a vcpu".
    static func vcpus(in text: String) -> Double? {
        if halfVCPU.test(text) { return 0.5 }
        guard let m = vcpu.all(in: text).first else { return nil }
        return Double(m.groups[1])
    }
    static let vcpu = Patterns.compile("(\\d+(?:\\.\\d+)?)\\s*(?:x\\s*)?(?:vcpus?|cpus?|cores?|virtual cpus?|virtual cores?)\\b")
    static let halfVCPU = Patterns.compile("\\bhalf (a|of a) (v?cpu|core)\\b")

    // MARK: durations

    /// A duration in seconds: "90d", "2 days", "a week", "P14D", "PT15M", "36 hours", "15 min".
    static func seconds(in text: String) -> Int? {
        if let v = iso.all(in: text).lazy.compactMap({ isoSeconds($0.groups[0]) }).first { return v }
        for m in duration.all(in: text) {
            guard let n = Double(m.groups[1]) ?? count(m.groups[1]).map(Double.init) else { continue }
            let unit = m.groups[2].lowercased()
            if unit.hasPrefix("mo") { return Int(n * 30 * 86400) }
            if unit.hasPrefix("w") { return Int(n * 7 * 86400) }
            if unit.hasPrefix("y") { return Int(n * 365 * 86400) }
            if let s = Quantities.seconds(n, unit) { return s }
        }
        return nil
    }
    /// A duration in whole days (at least one when it is shorter).
    static func days(in text: String) -> Int? { seconds(in: text).map { max(1, $0 / 86400) } }

    static let iso = Patterns.compile("\\bP(?:\\d+Y)?(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?\\b(?<!\\bP)")
    static let duration = Patterns.compile("\\b(\\d+(?:\\.\\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|thirty|ninety)[\\s-]*(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|mo|years?|yrs?|y)\\b")

    static func isoSeconds(_ s: String) -> Int? {
        guard s.count > 1 else { return nil }
        var total = 0, number = "", inTime = false
        for ch in s.uppercased().dropFirst() {
            if ch == "T" { inTime = true; continue }
            if ch.isNumber { number.append(ch); continue }
            guard let n = Int(number) else { return nil }
            number = ""
            switch (ch, inTime) {
            case ("Y", false): total += n * 365 * 86400
            case ("M", false): total += n * 30 * 86400
            case ("W", false): total += n * 7 * 86400
            case ("D", false): total += n * 86400
            case ("H", true): total += n * 3600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: return nil
            }
        }
        return total > 0 ? total : nil
    }

    // MARK: schedules

    /// A schedule expression for EventBridge / Scheduler: kept as written when it is already
    /// `cron(...)`/`rate(...)`, read from "every 15 minutes", "hourly", "daily at 02:30",
    /// "every weekday at 9am", "every Monday at 06:00", "on the 1st of each month at 03:00".
    static func schedule(in text: String) -> String? {
        if let m = awsExpression.all(in: text).first { return m.groups[0] }
        if let m = fiveFieldCron.all(in: text).first { return "cron(\(awsCron(m.groups[1])))" }
        if let m = every.all(in: text).first, !(m.groups[2].lowercased().hasPrefix("d") && timeOfDay(in: text) != nil) {
            let n = m.groups[1].isEmpty ? 1 : (Int(m.groups[1]) ?? count(m.groups[1]) ?? 1)
            let unit = m.groups[2].lowercased()
            let u = unit.hasPrefix("min") ? "minute" : unit.hasPrefix("h") ? "hour" : "day"
            return "rate(\(n) \(u)\(n == 1 ? "" : "s"))"
        }
        let (hour, minute) = timeOfDay(in: text) ?? (0, 0)
        if weekdays.test(text) { return "cron(\(minute) \(hour) ? * MON-FRI *)" }
        if let m = weekday.all(in: text).first {
            let d = m.groups[1].lowercased()
            let day = d.hasPrefix("weekday") ? "MON-FRI" : String(d.prefix(3)).uppercased()
            return "cron(\(minute) \(hour) ? * \(day) *)"
        }
        if let m = monthly.all(in: text).first {
            return "cron(\(minute) \(hour) \(Int(m.groups[1]) ?? 1) * ? *)"
        }
        if hourly.test(text) { return "rate(1 hour)" }
        if daily.test(text) || timeOfDay(in: text) != nil && atTime.test(text) { return "cron(\(minute) \(hour) * * ? *)" }
        return nil
    }
    /// An IANA time zone named in the text ("Europe/Berlin"), or UTC when it says so.
    static func timeZone(in text: String) -> String? {
        if let m = zone.all(in: text).first { return m.groups[1] }
        let lower = text.lowercased()
        for (city, zone) in cityZones where lower.has("\\b" + city + "\\b") { return zone }
        return nil
    }
    static let cityZones: [(String, String)] = [
        ("sydney", "Australia/Sydney"), ("melbourne", "Australia/Melbourne"), ("brisbane", "Australia/Brisbane"), ("perth", "Australia/Perth"), ("auckland", "Pacific/Auckland"),
        ("london", "Europe/London"), ("dublin", "Europe/Dublin"), ("paris", "Europe/Paris"), ("berlin", "Europe/Berlin"), ("frankfurt", "Europe/Berlin"), ("amsterdam", "Europe/Amsterdam"),
        ("madrid", "Europe/Madrid"), ("milan", "Europe/Rome"), ("rome", "Europe/Rome"), ("stockholm", "Europe/Stockholm"), ("zurich", "Europe/Zurich"), ("warsaw", "Europe/Warsaw"),
        ("new york", "America/New_York"), ("eastern time", "America/New_York"), ("chicago", "America/Chicago"), ("central time", "America/Chicago"), ("denver", "America/Denver"),
        ("los angeles", "America/Los_Angeles"), ("pacific time", "America/Los_Angeles"), ("toronto", "America/Toronto"), ("vancouver", "America/Vancouver"), ("são paulo|sao paulo", "America/Sao_Paulo"),
        ("tokyo", "Asia/Tokyo"), ("seoul", "Asia/Seoul"), ("singapore", "Asia/Singapore"), ("hong kong", "Asia/Hong_Kong"), ("mumbai", "Asia/Kolkata"), ("india time|ist\\b", "Asia/Kolkata"),
    ]
    static let zone = Patterns.compile("\\b((?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_]+(?:/[A-Za-z_]+)?|UTC|Etc/UTC)\\b")
    static let awsExpression = Patterns.compile("\\b(?:cron|rate|at)\\([^)]{1,80}\\)")
    static let fiveFieldCron = Patterns.compile("[`\"]((?:[0-9*/,-]+\\s+){4}[0-9A-Za-z*/,?-]+)[`\"]")
    static let every = Patterns.compile("\\bevery\\s+(?:(\\d+|two|three|five|ten|fifteen|twenty|thirty|six|twelve)\\s+)?(minutes?|mins?|hours?|hrs?|days?)\\b")
    static let weekday = Patterns.compile("\\b(?:every|on|each)\\s+(weekdays?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\\b")
    static let monthly = Patterns.compile("\\b(?:on )?the (\\d{1,2})(?:st|nd|rd|th)? (?:day )?of (?:each|every|the) month\\b")
    static let weekdays = Patterns.compile("\\b(mon(day)?\\s*(-|–|to|through|thru)\\s*fri(day)?|weekdays|every weekday|working days|business days)\\b")
    /// Words that say a statement is about when something runs (gate for `schedule(in:)`).
    static let scheduleCue = "\\b(every|each|once (?:an?|1))\\s+(\\d+\\s+)?(minutes?|mins?|hours?|hrs?|days?|nights?|mornings?|evenings?|weekdays?|working days?|business days?|weeks?|months?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)\\b|\\b(hourly|daily|nightly|weekly|monthly|cron|schedules?|scheduled)\\b|\\brate\\(|\\bon (mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays)\\b|\\bmon(day)?\\s*(-|–|to|through|thru)\\s*fri(day)?\\b|\\bthe \\d{1,2}(st|nd|rd|th)? (day )?of (each|every|the) month\\b"
    static let hourly = Patterns.compile("\\b(hourly|once (an|1) hour|every hour)\\b")
    static let daily = Patterns.compile("\\b(daily|nightly|every (day|night|morning|evening)|each (day|night)|once (a|1) day)\\b")
    static let atTime = Patterns.compile("\\bat\\s+\\d")
    static let clock = Patterns.compile("\\b(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?(?=\\s|$|[,.;)]|\\s*utc)")
    static let clockAt = Patterns.compile("\\b(?:at|@)\\s+(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?\\b|\\b(\\d{1,2}):(\\d{2})\\b|\\b(\\d{1,2})\\s*(am|pm)\\b")

    /// Hour and minute of "at 02:30", "9am", "at 6 pm", "18:45".
    static func timeOfDay(in text: String) -> (Int, Int)? {
        guard let m = clockAt.all(in: text).first else { return nil }
        var hour: Int?, minute = 0, suffix = ""
        if !m.groups[1].isEmpty { hour = Int(m.groups[1]); minute = Int(m.groups[2]) ?? 0; suffix = m.groups[3] }
        else if !m.groups[4].isEmpty { hour = Int(m.groups[4]); minute = Int(m.groups[5]) ?? 0 }
        else { hour = Int(m.groups[6]); suffix = m.groups[7] }
        guard var h = hour, h < 24, minute < 60 else { return nil }
        if suffix.lowercased() == "pm" && h < 12 { h += 12 }
        if suffix.lowercased() == "am" && h == 12 { h = 0 }
        return (h, minute)
    }

    /// A five-field Unix cron as an AWS six-field one (`?` in day-of-week or day-of-month).
    static func awsCron(_ unix: String) -> String {
        var f = unix.split(separator: " ").map(String.init)
        guard f.count == 5 else { return unix }
        if f[4] == "*" { f[4] = "?" } else if f[2] == "*" { f[2] = "?" }
        return (f + ["*"]).joined(separator: " ")
    }

    // MARK: alarm conditions

    /// A comparison with its threshold: "≥ 5", ">= 5", "5 or more", "at least 5", "above 8 seconds",
    /// "more than 80%", "below 10 GB", "at most 3". The unit is kept as written ("" when none).
    struct Comparison: Sendable, Equatable {
        /// CloudWatch's operator name (`GreaterThanOrEqualToThreshold`, …).
        var op: String
        var value: Double
        var unit: String
    }
    static func comparison(in text: String) -> Comparison? {
        let unit = "\\s*(%|percent|ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|gb|gib|mb|mib)?\\b"
        if let m = trailingComparison.all(in: text).first, let v = Double(m.groups[1]) {
            let ge = m.groups[3].lowercased().has("more|above|higher|greater|over")
            return Comparison(op: ge ? "GreaterThanOrEqualToThreshold" : "LessThanOrEqualToThreshold", value: v, unit: m.groups[2].lowercased())
        }
        // "over 5 minutes" is the window, not the threshold.
        guard let m = text.matches("(≥|≤|>=|<=|=>|=<|>|<|greater than or equal to|less than or equal to|at least|at most|no more than|above|over|more than|higher than|greater than|exceeds?|exceeding|below|under|less than|fewer than|lower than|drops? below)\\s*(\\d+(?:\\.\\d+)?)" + unit + "(\\s*(?:minutes?|mins?|hours?|[- ]minute))?").map(\.groups).first(where: { !($0[1].lowercased() == "over" && !$0[4].isEmpty) && !($0[1].lowercased() == "over" && $0[3].has("^(minutes?|mins?|s|seconds?|secs?)$")) }),
              let v = Double(m[2]) else { return nil }
        let op: String
        switch m[1].lowercased() {
        case "≥", ">=", "=>", "at least", "greater than or equal to": op = "GreaterThanOrEqualToThreshold"
        case "≤", "<=", "=<", "at most", "no more than", "less than or equal to": op = "LessThanOrEqualToThreshold"
        case "<", "below", "under", "less than", "fewer than", "lower than", "drop below", "drops below": op = "LessThanThreshold"
        default: op = "GreaterThanThreshold"
        }
        return Comparison(op: op, value: v, unit: m[3].lowercased())
    }
    static let trailingComparison = Patterns.compile("\\b(\\d+(?:\\.\\d+)?)\\s*(%|percent|ms|seconds?|gb|mb)?\\s+(or more|or above|or higher|and above|and up|or greater|or less|or fewer|or below|and below)\\b")

    /// The window of an alarm: the period in seconds and how many periods in a row breach it.
    /// "within one minute, two minutes in a row" → (60, 2); "for three consecutive 5-minute
    /// periods" → (300, 3); "over a 5-minute period" → (300, nil); "for 15 minutes" → (300, 3).
    static func alarmWindow(in text: String) -> (period: Int?, periods: Int?) {
        let t = text.lowercased()
        var period: Int? = nil, periods: Int? = nil
        if let m = t.match("(\\d+) (?:consecutive|successive) (\\d+)[- ]?(minute|min|hour|second)s?\\b(?: periods?)?") {
            return (Int(m[2]).map { $0 * unitSeconds(m[3]) }, Int(m[1]))
        }
        if let m = t.match("\\b(?:over|in|within|during|per|each|every|across)\\s+(?:an?\\s+|one\\s+|the\\s+(?:last\\s+)?)?(\\d+)?[- ]?(minute|min|hour|second|day)s?\\b(?:[- ]?(?:period|window|interval))?") {
            period = (Int(m[1]) ?? 1) * unitSeconds(m[2])
        } else if let m = t.match("\\b(?:an?|one|1|single)?\\s*(\\d+)?[- ]?(minute|min|hour)s?[- ](?:period|window|interval)\\b") {
            period = (Int(m[1]) ?? 1) * unitSeconds(m[2])
        }
        if let m = t.match("\\b(\\d+) (?:periods|datapoints|data points|evaluation periods|times|checks|intervals|(minute|min|hour)s?) in a row\\b|\\b(\\d+) (?:consecutive|successive) (?:periods|datapoints|data points|checks|intervals|times)\\b") {
            if !m[2].isEmpty, let n = Int(m[1]) {
                // "two minutes in a row": that many minutes, period by period.
                let p = period ?? unitSeconds(m[2])
                period = p
                periods = max(1, n * unitSeconds(m[2]) / max(p, 1))
            } else { periods = Int(m[1].isEmpty ? m[3] : m[1]) }
        } else if period == nil, let m = t.match("\\bfor (\\d+) (minute|min|hour)s?\\b") {
            let total = (Int(m[1]) ?? 5) * unitSeconds(m[2])
            period = total >= 300 ? 300 : 60
            periods = max(1, total / period!)
        }
        return (period, periods)
    }
    static func unitSeconds(_ u: String) -> Int { u.hasPrefix("h") ? 3600 : u.hasPrefix("d") ? 86400 : u.hasPrefix("s") ? 1 : 60 }

    /// A percentile statistic ("p99 Duration", "99th percentile") in CloudWatch's spelling ("p99").
    static func percentile(in text: String) -> String? {
        if let m = text.match("\\bp(\\d{1,2}(?:\\.\\d+)?)\\b") { return "p" + m[1] }
        if let m = text.match("\\b(\\d{1,2}(?:\\.\\d+)?)(?:th|st|nd|rd)? percentile\\b") { return "p" + m[1] }
        return nil
    }

    // MARK: network values

    /// Ports: "port 443", "443/tcp", "ports 8000-8100", "on 5432", "TCP 1883 and 8883".
    static func ports(in text: String) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for m in port.all(in: text) {
            let list = m.groups[1].isEmpty ? m.groups[2] : m.groups[1]
            for r in portItem.all(in: list) {
                guard let lo = Int(r.groups[1]), lo > 0, lo < 65536 else { continue }
                let hi = Int(r.groups[2]) ?? lo
                if hi >= lo && hi < 65536 && !out.contains(lo...hi) { out.append(lo...hi) }
            }
        }
        return out
    }
    static let port = Patterns.compile("\\b(?:ports?|on|tcp|udp)\\s+((?:\\d{2,5}(?:\\s*[-–]\\s*\\d{2,5})?(?:/(?:tcp|udp))?(?:\\s*(?:,|and|or|&)\\s*)?)+)|\\b(\\d{2,5}(?:/(?:tcp|udp)))")
    static let portItem = Patterns.compile("(\\d{2,5})(?:\\s*[-–]\\s*(\\d{2,5}))?")

    /// Which way traffic to or from "the world" flows: "from anywhere", "open to the internet" and
    /// "inbound 3306 from 0.0.0.0/0" come in; "outbound 443 to anywhere", "egress to 0.0.0.0/0"
    /// and "443 anywhere" after "outbound" go out. Unclear wording counts as inbound (the unsafe side).
    enum Direction: Sendable, Equatable { case inbound, outbound }
    static let world = Patterns.compile("(?<![\\w.:/])(?:0\\.0\\.0\\.0/0|::/0)|\\b(?:anywhere|any where|the (?:whole |public |open )?internet|everyone|the world)\\b")
    static func direction(ofWorldAt offset: Int, in text: String) -> Direction {
        let before = (String(text.utf16.prefix(offset)) ?? "").lowercased()
        // A clause ends at ". ", ";" or a line break; the dots inside 10.72.0.0/16 do not end it.
        let clause = before.replacing("[.;]\\s|;|\\n", with: "\n").split(separator: "\n").last.map(String.init) ?? ""
        if clause.has("\\bfrom\\s*$") { return .inbound }
        if clause.has("\\bto\\s*$") {
            return clause.has("\\b(open(ed|s)?|expos\\w*|reachable|accessible|available|publish\\w*|visible|inbound|ingress|incoming)\\b[^,]*$") ? .inbound : .outbound
        }
        let inbound = clause.matches("\\b(inbound|ingress|incoming|allow(s|ed)? in|accept\\w*|from|listen\\w*|open(ed|s)?|reachable)\\b").last?.offset ?? -1
        let outbound = clause.matches("\\b(outbound|egress|outgoing|out to|calls? out|reach(es|ing)? out|connect\\w* (out|to))\\b").last?.offset ?? -1
        return outbound > inbound ? .outbound : .inbound
    }
    /// Whether the text lets traffic in from the world (an ingress rule open to everyone).
    static func opensToWorld(_ text: String, within range: NSRange? = nil) -> Bool {
        world.all(in: text).contains { m in
            (range.map { m.offset >= $0.location && m.offset < $0.location + $0.length } ?? true) && direction(ofWorldAt: m.offset, in: text) == .inbound
        }
    }

    /// IPv4 CIDR blocks, validated ("10.0.0.0/16"); a bare address becomes a /32.
    static func cidrs(in text: String) -> [String] {
        cidr.all(in: text).compactMap { m in
            let octets = m.groups[1].split(separator: ".").compactMap { Int($0) }
            guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
            let mask = m.groups[2].isEmpty ? 32 : Int(m.groups[2].dropFirst()) ?? 33
            guard mask <= 32 else { return nil }
            return "\(m.groups[1])/\(mask)"
        }
    }
    static let cidr = Patterns.compile("(?<![\\d.])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(/\\d{1,2})?(?![\\d.]*\\d)")

    /// Region codes named in the text.
    static func regions(in text: String) -> [String] { region.all(in: text).map { $0.groups[1].lowercased() } }
    /// Availability zones named in the text ("eu-west-1a").
    static func zones(in text: String) -> [String] { az.all(in: text).map { $0.groups[1].lowercased() } }
    static let region = Patterns.compile("\\b((?:us|eu|ap|ca|sa|me|af|il|mx)-(?:north|south|east|west|central|northeast|southeast|southwest|northwest)-\\d)(?![a-z0-9])")
    static let az = Patterns.compile("\\b((?:us|eu|ap|ca|sa|me|af|il|mx)-(?:north|south|east|west|central|northeast|southeast|southwest|northwest)-\\d[a-z])\\b")

    // MARK: identifiers

    /// AWS resource ids such as `vpc-0a1b2c3d`, `subnet-…`, `sg-…`, `i-…`, `ami-…`, by prefix.
    static func ids(_ prefix: String, in text: String) -> [String] {
        idPattern.all(in: text).map { $0.groups[0].lowercased() }.filter { $0.hasPrefix(prefix + "-") }
    }
    static let idPattern = Patterns.compile("\\b(?:vpc|subnet|sg|i|ami|igw|nat|rtb|vol|eni|pcx|vpce|fs|fsap|tgw|acl|snap|lt)-[0-9a-f]{8,17}\\b")

    /// ARNs in the text, parsed.
    static func arns(in text: String) -> [ARN] { arn.all(in: text).compactMap { ARN($0.groups[0]) } }
    static let arn = Patterns.compile("\\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\\d{0,12}:[A-Za-z0-9_./:*+=,@-]+[A-Za-z0-9_*/]")

    /// E-mail addresses in the text.
    static func emails(in text: String) -> [String] { email.all(in: text).map { $0.groups[0] } }
    static let email = Patterns.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b")

    /// Domain names ("api.example.com"), not e-mail addresses or file names.
    static func domains(in text: String) -> [String] {
        domain.all(in: text).map { $0.groups[1].lowercased() }.filter { d in !fileSuffix.test(d) && !emails(in: text).contains { $0.lowercased().hasSuffix("@" + d) } }
    }
    static let domain = Patterns.compile("(?<![@\\w.-])((?:\\*\\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:com|net|org|io|dev|app|co|uk|de|fr|nl|eu|au|nz|jp|es|it|se|no|fi|dk|ch|at|be|pl|br|in|ca|us|cloud|tech|ai|xyz|info|biz|me|tv|shop|store|site|online|games|pay|money|finance|health|travel|studio|news|blog|example|internal|local|test))\\b")
    static let fileSuffix = Patterns.compile("\\.(md|tf|json|ya?ml|py|js|ts|zip|jar|html?|txt|csv|sh|png|jpe?g)$")

    // MARK: instance classes

    /// An instance or node class with its vCPU and memory ("t3.micro", "db.r6g.large", "cache.m7g.xlarge").
    static func instanceClass(in text: String) -> InstanceClass? { instanceClasses(in: text).first }
    static func instanceClasses(in text: String) -> [InstanceClass] {
        klass.all(in: text).compactMap { InstanceClass($0.groups[0]) }
    }
    static let klass = Patterns.compile("\\b(?:(?:db|cache|search)\\.)?[a-z][a-z0-9]*\\d[a-z0-9-]*\\.(?:nano|micro|small|medium|large|\\d*xlarge|metal)(?:\\.search|\\.elasticsearch)?\\b")
}

/// A parsed ARN.
struct ARN: Sendable, Equatable, Codable {
    var text: String
    var partition: String
    var service: String
    var region: String
    var account: String
    var resource: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", !parts[2].isEmpty, !parts[5].isEmpty else { return nil }
        self.text = text; partition = parts[1]; service = parts[2]; region = parts[3]; account = parts[4]; resource = parts[5]
    }

    /// The resource's own name: `function:NAME[:alias]`, `role/path/NAME`, `table/NAME`, a bucket,
    /// queue or topic name; nil for an ARN that names no single resource.
    var resourceName: String? {
        var r = resource
        if service == "s3" { r = String(r.split(separator: "/").first ?? "") }
        else if let colon = r.firstIndex(of: ":"), ["lambda", "secretsmanager", "states"].contains(service) {
            let rest = r[r.index(after: colon)...]
            r = String(rest.split(separator: ":").first ?? "")
            if service == "secretsmanager", r.count > 7, r.dropLast(6).hasSuffix("-") { r = String(r.dropLast(7)) }
        } else if r.contains("/") { r = String(r.split(separator: "/").last ?? "") }
        return r.isEmpty || r.contains("*") ? nil : r
    }
}

/// An instance or node class with the capacity it stands for, for contradiction checks.
struct InstanceClass: Sendable, Equatable, Codable {
    /// As written, lowercased ("db.r6g.large").
    var name: String
    /// "db", "cache", "search" or "" for EC2.
    var prefix: String
    /// Family such as "t3", "r6g", "m7i".
    var family: String
    /// Size such as "micro", "large", "4xlarge".
    var size: String
    var vcpus: Double
    var memoryGiB: Double

    init?(_ raw: String) {
        let t = raw.lowercased()
        var parts = t.split(separator: ".").map(String.init)
        var prefix = ""
        if let first = parts.first, ["db", "cache", "search"].contains(first) { prefix = first; parts.removeFirst() }
        guard parts.count >= 2, let letter = parts[0].first, letter.isLetter else { return nil }
        name = t; self.prefix = prefix; family = parts[0]; size = parts[1]
        let burstable: [String: (Double, Double)] = ["nano": (2, 0.5), "micro": (2, 1), "small": (2, 2), "medium": (2, 4), "large": (2, 8), "xlarge": (4, 16), "2xlarge": (8, 32)]
        if letter == "t", let v = burstable[size] { vcpus = v.0; memoryGiB = v.1; return }
        let multiplier: Double
        switch size {
        case "medium": multiplier = 0.5
        case "large": multiplier = 1
        case "xlarge": multiplier = 2
        case "metal": multiplier = 48
        default:
            guard size.hasSuffix("xlarge"), let n = Double(size.dropLast(6)) else { return nil }
            multiplier = n * 2
        }
        let perVCPU: Double
        switch letter {
        case "r": perVCPU = 8
        case "x": perVCPU = 16
        case "c": perVCPU = 2
        case "z": perVCPU = 8
        default: perVCPU = 4
        }
        vcpus = 2 * multiplier
        memoryGiB = vcpus * perVCPU
        if prefix == "cache" && letter == "r" { memoryGiB = (memoryGiB * 0.82).rounded() }
    }
}
