import Foundation
import PlanModel
import Synchronization

/// Replaces every known secret in a text by `(sensitive)` (``Redaction/placeholder``, the same as in plans) before it is logged or stored.
///
/// Secrets are learnt as they become known: configured ones (the external id) at the start,
/// sensitive values of a plan (variables, attributes, outputs) once the plan is decoded, so
/// the apply that follows never prints them. Values shorter than `minimumLength` are not
/// registered: replacing every "1" or "true" in a log would destroy it and hide nothing.
public final class Redactor: Sendable {
    /// The replacement text.
    public static let replacement = Redaction.placeholder
    /// Shortest value treated as a secret.
    public static let minimumLength = 4

    private let secrets = Mutex<[String]>([])

    /// Creates a redactor knowing `secrets`.
    public init(secrets: [String] = []) {
        add(secrets)
    }

    /// Registers more secrets (and their JSON-escaped forms, as they appear in JSON output).
    public func add(_ values: [String]) {
        var forms: [String] = []
        for value in values where value.count >= Self.minimumLength {
            forms.append(value)
            if let data = try? JSONEncoder().encode(value), let encoded = String(data: data, encoding: .utf8) {
                let inner = String(encoded.dropFirst().dropLast())
                if inner != value { forms.append(inner) }
            }
        }
        guard !forms.isEmpty else { return }
        secrets.withLock { current in
            current = Array(Set(current + forms)).sorted { $0.count > $1.count }
        }
    }

    /// Number of registered secret forms (for tests and metrics, never the values).
    public var count: Int { secrets.withLock { $0.count } }

    /// `text` with every registered secret replaced.
    public func redact(_ text: String) -> String {
        let known = secrets.withLock { $0 }
        guard !known.isEmpty else { return text }
        var result = text
        for secret in known where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.replacement)
        }
        return result
    }
}
