import Foundation

/// Small helpers blocks use to read one statement: yes/no choices with their negation, values
/// through the typed value layer.
extension Statement {
    /// True when the phrase is asked for, false when it is ruled out ("no X", "without X",
    /// "X: off"), nil when the statement does not mention it.
    func choice(_ pattern: String) -> Bool? {
        guard let m = normalized.matches(pattern).first else { return nil }
        let (before, after) = PolarityReader.clause(normalized, at: m.offset, length: m.groups[0].utf16.count)
        if after.has("^\\W*(on|enabled|true|yes|required)\\b") { return true }
        if before.has(PolarityReader.negationBefore) || after.has("^[^,]*?(" + PolarityReader.negationAfter + "|\\b(off|disabled|false)\\b)") { return false }
        return true
    }

    /// Whether the statement mentions the pattern at all.
    func says(_ pattern: String) -> Bool { normalized.has(pattern) }

    /// Text after the first match of `anchor` (up to the end of the clause), lowercased.
    func after(_ anchor: String) -> String? {
        guard let m = normalized.matches(anchor).first else { return nil }
        let start = m.offset + m.groups[0].utf16.count
        let rest = String(normalized.utf16.dropFirst(start)) ?? ""
        return String(rest.prefix { $0 != ";" && $0 != "\n" })
    }
}

/// Records a value only when it is read, keeping the source line.
extension Optional {
    /// Sets self to `value` when the value is present; returns whether it did.
    @discardableResult
    mutating func read<T: Codable & Sendable & Equatable>(_ value: T?, line: Int) -> Bool where Wrapped == Sourced<T> {
        guard let value else { return false }
        self = Sourced(value, line: line)
        return true
    }
}
