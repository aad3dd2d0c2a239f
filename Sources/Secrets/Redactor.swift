import EZBuiltCore
import Foundation
import Synchronization

/// The daemon's one redactor: replaces every known secret in a text by `(sensitive)` (the same text as PlanModel's Redaction.placeholder),
/// and the credentials of any URL (`https://user:token@host`) by `***`, before the text is
/// logged, stored, committed or served.
///
/// The daemon holds one, seeded at start with every secret it knows (webhook secrets, git
/// tokens and passphrases, external ids, AWS keys, LLM keys); each terraform run gets a child
/// that also learns the run's own secrets (sensitive values of a plan, outputs) and forgets
/// them with the run. Values shorter than `minimumLength` are not registered: replacing every
/// "1" or "true" in a log would destroy it and hide nothing.
public final class Redactor: Sendable {
    /// The replacement text.
    public static let replacement = "(sensitive)"
    /// Shortest value treated as a secret.
    public static let minimumLength = 4

    private let secrets = Mutex<[String]>([])
    /// Secrets of the daemon, applied after this redactor's own.
    public let parent: Redactor?

    /// Creates a redactor knowing `secrets`, and everything `parent` knows.
    public init(secrets: [String] = [], parent: Redactor? = nil) {
        self.parent = parent
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

    /// Number of registered secret forms, the parent's included (for tests and metrics, never the values).
    public var count: Int { secrets.withLock { $0.count } + (parent?.count ?? 0) }

    /// `text` with every URL credential and registered secret (own, then the parent's) replaced.
    public func redact(_ text: String) -> String {
        // URLs first: a replaced secret inside `user:token@` would no longer look like a URL.
        var result = URLCredentials.scrub(text)
        var redactor: Redactor? = self
        while let current = redactor {
            for secret in current.secrets.withLock({ $0 }) where result.contains(secret) {
                result = result.replacingOccurrences(of: secret, with: Self.replacement)
            }
            redactor = current.parent
        }
        return result
    }
}
