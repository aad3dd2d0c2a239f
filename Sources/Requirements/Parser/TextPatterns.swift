import Foundation

/// Compiled regular expressions, cached per pattern (case-insensitive).
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private var cache: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func regex(_ pattern: String) -> NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let r = cache[pattern] { return r }
        // Patterns are compile-time constants of this module; an invalid one is a programming error
        // caught by the tests, so fall back to a never-matching expression instead of crashing.
        let r = (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))
            ?? (try? NSRegularExpression(pattern: "(?!)", options: []))!
        cache[pattern] = r
        return r
    }
}

extension String {
    /// Whether the pattern matches anywhere (case-insensitive).
    func has(_ pattern: String) -> Bool {
        let ns = self as NSString
        return RegexCache.shared.regex(pattern).firstMatch(in: self, range: NSRange(location: 0, length: ns.length)) != nil
    }

    /// Capture groups of the first match (index 0 is the whole match); nil when no match.
    func match(_ pattern: String) -> [String]? {
        let ns = self as NSString
        guard let m = RegexCache.shared.regex(pattern).firstMatch(in: self, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (0..<m.numberOfRanges).map { i in
            let r = m.range(at: i)
            return r.location == NSNotFound ? "" : ns.substring(with: r)
        }
    }

    /// First capture group of the first match.
    func capture(_ pattern: String, _ group: Int = 1) -> String? {
        guard let m = match(pattern), m.count > group, !m[group].isEmpty else { return nil }
        return m[group]
    }

    /// All matches with their capture groups and the match offset (UTF-16).
    func matches(_ pattern: String) -> [(groups: [String], offset: Int)] {
        let ns = self as NSString
        return RegexCache.shared.regex(pattern).matches(in: self, range: NSRange(location: 0, length: ns.length)).map { m in
            ((0..<m.numberOfRanges).map { i in
                let r = m.range(at: i)
                return r.location == NSNotFound ? "" : ns.substring(with: r)
            }, m.range.location)
        }
    }

    /// Replaces every match with a template (`$1` refers to groups).
    func replacing(_ pattern: String, with template: String) -> String {
        let ns = self as NSString
        return RegexCache.shared.regex(pattern).stringByReplacingMatches(in: self, range: NSRange(location: 0, length: ns.length), withTemplate: template)
    }

    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Reading numbers, sizes and durations the way people write them.
enum Quantities {
    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "single": 1,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// Rewrites number words as digits: "two hundred fifty-six" → "256", "four four three" → "443".
    static func normalizeNumbers(_ text: String) -> String {
        let words = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
        let pattern = "\\b(?:\(words))(?:(?:[\\s-]+|\\s+and\\s+)(?:\(words)))*\\b"
        var result = ""
        var last = text.startIndex
        let ns = text as NSString
        for m in RegexCache.shared.regex(pattern).matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let range = Range(m.range, in: text) else { continue }
            let phrase = String(text[range])
            result += text[last..<range.lowerBound]
            result += value(of: phrase).map(String.init) ?? phrase
            last = range.upperBound
        }
        result += text[last...]
        // "a week", "an hour": one unit.
        result = result.replacing("(?<!half )\\b(a|an|one)\\s+(week|day|month|year|hour|minute)\\b", with: "1 $2")
        result = result.replacing("\\b(\\d+(?:\\.\\d+)?)\\s*(gigs?|gigabytes?)\\b", with: "$1 gb")
        result = result.replacing("\\b(\\d+(?:\\.\\d+)?)\\s*(virtual cpus?|virtual cores?|cpu cores?|cores)\\b", with: "$1 vcpu")
        result = result.replacing("\\bhalf (a |an )?year\\b", with: "6 months")
        result = result.replacing("\\bmulti az\\b", with: "multi-az")
        return result
    }

    static func value(of phrase: String) -> Int? {
        let tokens = phrase.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" || $0 == "\n" }).map(String.init).filter { $0 != "and" }
        if tokens.count >= 2, tokens.allSatisfy({ (units[$0] ?? 99) < 10 }) {
            // Digits read one by one ("four four three").
            return Int(tokens.map { String(units[$0]!) }.joined())
        }
        var total = 0
        var current = 0
        for token in tokens {
            if let u = units[token] { current += u }
            else if let t = tens[token] { current += t }
            else if token == "hundred" { current = max(current, 1) * 100 }
            else if token == "thousand" { total += max(current, 1) * 1000; current = 0 }
            else { return nil }
        }
        return total + current
    }

    /// Days in a duration such as "30 days", "7y", "1 year", "2 weeks", "14d".
    static func days(_ amount: Double, _ unit: String) -> Int? {
        let u = unit.lowercased()
        if u.hasPrefix("d") { return Int(amount) }
        if u.hasPrefix("w") { return Int(amount * 7) }
        if u.hasPrefix("mo") { return Int(amount * 30) }
        if u.hasPrefix("y") { return Int(amount * 365) }
        if u.hasPrefix("h") { return max(1, Int(amount / 24)) }
        return nil
    }

    /// Seconds in a duration such as "30s", "5 minutes", "1 hour", "half a second" (rounded).
    static func seconds(_ amount: Double, _ unit: String) -> Int? {
        let u = unit.lowercased()
        if u.hasPrefix("ms") || u.hasPrefix("milli") { return Int(amount / 1000) }
        if u.hasPrefix("s") { return Int(amount) }
        if u.hasPrefix("m") && !u.hasPrefix("mo") { return Int(amount * 60) }
        if u.hasPrefix("h") { return Int(amount * 3600) }
        if u.hasPrefix("d") { return Int(amount * 86400) }
        if u.hasPrefix("w") { return Int(amount * 7 * 86400) }
        if u.hasPrefix("mo") { return Int(amount * 30 * 86400) }
        if u.hasPrefix("y") { return Int(amount * 365 * 86400) }
        return nil
    }

    static let durationUnit = "(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?|y|yrs?|years?)\\b"
    static let dayUnit = "(d|days?|w|weeks?|months?|y|yrs?|years?)\\b"

    /// First "N <day unit>" in the text after an optional anchor pattern, in days.
    static func firstDays(in text: String, after anchor: String = "") -> Int? {
        guard let m = text.match(anchor + "[^.;]*?(\\d+(?:\\.\\d+)?)[\\s-]*" + dayUnit) else { return nil }
        return days(Double(m[m.count - 2]) ?? 0, m[m.count - 1])
    }

    /// First "N <unit>" in the text after an anchor, in seconds.
    static func firstSeconds(in text: String, after anchor: String = "") -> Int? {
        guard let m = text.match(anchor + "[^.;]*?(\\d+(?:\\.\\d+)?)[\\s-]*" + durationUnit) else { return nil }
        return seconds(Double(m[m.count - 2]) ?? 0, m[m.count - 1])
    }

    /// Gigabytes in "4 GB", "4GiB", "1 TB", "512 MB".
    static func gigabytes(_ amount: Double, _ unit: String) -> Double {
        let u = unit.lowercased()
        if u.hasPrefix("t") { return amount * 1024 }
        if u.hasPrefix("m") { return amount / 1024 }
        return amount
    }
}
