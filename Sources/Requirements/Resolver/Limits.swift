/// The values AWS accepts, checked in one place: each typed value a document gives has its
/// range, and a value outside it, or two settings that cannot both hold, refuse the document on
/// the line that gave it. Nothing is clamped or renamed silently.
enum Limits {
    /// How a value is measured, for the message.
    enum Unit {
        case megabytes, seconds, days, count
        func format(_ v: Int) -> String {
            switch self {
            case .megabytes: return "\(v) MB"
            case .days: return "\(v) day\(v == 1 ? "" : "s")"
            case .count: return "\(v)"
            case .seconds:
                if v >= 86400 && v % 86400 == 0 { return "\(v / 86400) day\(v == 86400 ? "" : "s")" }
                if v >= 60 && v % 60 == 0 { return "\(v / 60) minute\(v == 60 ? "" : "s")" }
                return "\(v) second\(v == 1 ? "" : "s")"
            }
        }
    }

    /// The range one property of one kind may take.
    struct Bound {
        var kind: ComponentKind
        var property: String
        var range: ClosedRange<Int>
        var what: String
        var unit: Unit
        /// Why a value outside the range cannot work, when the range alone does not say it.
        var reason: String? = nil
    }

    static let bounds: [Bound] = [
        Bound(kind: .function, property: "memory", range: 128...10240, what: "Lambda memory", unit: .megabytes),
        Bound(kind: .function, property: "timeout", range: 1...900, what: "a Lambda timeout", unit: .seconds),
        Bound(kind: .function, property: "concurrency", range: 1...Int.max, what: "reserved concurrency", unit: .count,
              reason: "a reserved concurrency of 0 throttles every invocation, so the function never runs; give at least 1, or no reserved concurrency"),
        Bound(kind: .queue, property: "retentionSeconds", range: 60...1_209_600, what: "SQS message retention", unit: .seconds),
        Bound(kind: .queue, property: "dlqRetentionDays", range: 1...14, what: "SQS message retention (dead-letter queue)", unit: .days),
        Bound(kind: .queue, property: "visibilitySeconds", range: 0...43_200, what: "an SQS visibility timeout", unit: .seconds),
        Bound(kind: .queue, property: "maxReceives", range: 1...1000, what: "the receives before a message moves to the dead-letter queue", unit: .count),
    ]

    /// Every value out of its range and every pair of settings that contradict each other.
    static func violations(in components: [Component]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for c in components where c.ownership == .create {
            for b in bounds where b.kind == c.kind {
                guard let v = c.int(b.property), !b.range.contains(v) else { continue }
                let line = c.properties[b.property]?.line ?? c.line
                let allowed = b.range.upperBound == Int.max ? "at least \(b.unit.format(b.range.lowerBound))" : "\(b.unit.format(b.range.lowerBound))–\(b.unit.format(b.range.upperBound))"
                out.append(Diagnostic(.error, line: line, "refused: line \(line) asks for \(b.what) of \(b.unit.format(v)); " + (b.reason ?? "AWS allows \(allowed)")))
            }
            switch c.kind {
            case .queue:
                if c.bool("fifo") == true, let name = c.name, name.line > 0, !name.value.lowercased().hasSuffix(".fifo") {
                    out.append(Diagnostic(.error, line: name.line, "refused: line \(name.line) names a FIFO queue \"\(name.value)\", but FIFO queue names must end in .fifo; name it \"\(name.value).fifo\" or make it a standard queue"))
                }
            case .bucket:
                if c.bool("private") == true, c.bool("publicRead") == true, let p = c.properties["private"], let q = c.properties["publicRead"] {
                    out.append(Diagnostic(.error, line: max(p.line, q.line), "refused: line \(p.line) makes the bucket private but line \(q.line) makes it readable by everyone; both cannot hold: say which one you want"))
                }
            default: break
            }
        }
        return out
    }
}
