import Foundation
import Store

/// Formatting shared by the Markdown the daemon commits.
enum Format {
    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon)) + " UTC"
    }

    static func shortCommit(_ commit: String) -> String { String(commit.prefix(10)) }

    /// `42s`, `3m 05s`, `1h 02m`.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(max(total, 0))s" }
        if total < 3600 { return "\(total / 60)m \(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h \(String(format: "%02d", (total % 3600) / 60))m"
    }

    static func counts(_ counts: PlanCounts) -> String {
        var parts = ["+\(counts.add)", "~\(counts.change)", "-\(counts.destroy)"]
        if counts.replace > 0 { parts.append("±\(counts.replace)") }
        return parts.joined(separator: " ")
    }
}
