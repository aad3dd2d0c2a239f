/// A message about the document: what was assumed, not understood, or refused.
public struct Diagnostic: Codable, Sendable, Equatable, Hashable {
    /// How serious it is.
    public enum Severity: String, Codable, Sendable, Comparable {
        case info, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.info, .warning, .error]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }
    /// Severity; an error means the document was refused.
    public var severity: Severity
    /// 1-based line in the document, 0 for the document as a whole.
    public var line: Int
    /// Human-readable message, prefixed with the line when printed.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, line: Int, _ message: String) {
        self.severity = severity
        self.line = line
        self.message = message
    }

    /// `line 12: message` (or the bare message for line 0).
    public var formatted: String { line > 0 ? "line \(line): \(message)" : message }
}
