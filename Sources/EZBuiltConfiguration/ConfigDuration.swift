import Foundation

/// Parses the durations a person writes in the config: `30s`, `5m`, `1h`, `1h30m`, `2d`, `500ms`.
///
/// A bare number is rejected on purpose: `30` could mean seconds or minutes, and guessing wrong
/// turns a poll interval into a denial of service on the git host.
public enum ConfigDuration {
    /// The parsed duration, or nil when `text` is not a duration of the forms above.
    public static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [
            ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
        ]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // Longest suffix first, so "ms" is not read as "m" followed by garbage.
            guard let unit = units.sorted(by: { $0.suffix.count > $1.suffix.count })
                .first(where: { rest.hasPrefix($0.suffix) })
            else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.seconds
        }
        guard total > 0, total < 366 * 86_400 else { return nil }
        return .milliseconds(Int64((total * 1000).rounded()))
    }

    /// Formats a duration the way the config writes it (`1h30m`, `45s`, `250ms`).
    public static func format(_ duration: Duration) -> String {
        var ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if ms == 0 { return "0s" }
        var out = ""
        for (suffix, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)] {
            if ms >= size {
                out += "\(ms / size)\(suffix)"
                ms %= size
            }
        }
        return out
    }
}
