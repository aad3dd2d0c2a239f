import Foundation

/// Escaping and the small formatting the status page needs: relative times and durations.
enum HTML {
    /// Text safe inside an element or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// "just now", "42 seconds ago", "2 hours ago", "3 days ago", or "in 5 minutes" for a
    /// date ahead of `now` (clocks disagree).
    static func relativeTime(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded())
        let magnitude = abs(seconds)
        let phrase: String
        switch magnitude {
        case ..<5: return "just now"
        case ..<60: phrase = plural(magnitude, "second")
        case ..<3600: phrase = plural(magnitude / 60, "minute")
        case ..<86_400: phrase = plural(magnitude / 3600, "hour")
        case ..<(86_400 * 30): phrase = plural(magnitude / 86_400, "day")
        case ..<(86_400 * 365): phrase = plural(magnitude / (86_400 * 30), "month")
        default: phrase = plural(magnitude / (86_400 * 365), "year")
        }
        return seconds >= 0 ? "\(phrase) ago" : "in \(phrase)"
    }

    /// "850 ms", "42 s", "3 min 12 s", "1 h 5 min".
    static func duration(milliseconds: Int) -> String {
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds / 60) min \(seconds % 60) s" }
        let minutes = (seconds % 3600) / 60
        return minutes == 0 ? "\(seconds / 3600) h" : "\(seconds / 3600) h \(minutes) min"
    }

    private static func plural(_ count: Int, _ unit: String) -> String {
        count == 1 ? "1 \(unit)" : "\(count) \(unit)s"
    }

    /// `2026-11-27T05:14:14Z`, the form the JSON API uses (the page's script compares them).
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
