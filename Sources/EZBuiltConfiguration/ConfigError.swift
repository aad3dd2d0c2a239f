/// One problem in a configuration file, located by key path and line.
///
/// Rendered as `repositories[0].drift.interval: "1x" is not a duration (line 14)`, so an
/// operator can go straight to the offending line.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key path, e.g. `repositories[0].drift.interval`; empty for the document itself.
    public let path: String
    /// The 1-based line the problem is on, when known.
    public let line: Int?
    /// What is wrong, phrased for a person.
    public let message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        let location = line.map { " (line \($0))" } ?? ""
        return path.isEmpty ? "\(message)\(location)" : "\(path): \(message)\(location)"
    }
}

/// Every problem found in one configuration file. Loading reports all of them at once rather
/// than stopping at the first, so one edit can fix them all.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    /// The file the errors are in (as given by the caller), or `<string>`.
    public let file: String
    public let errors: [ConfigError]

    public init(file: String, errors: [ConfigError]) {
        self.file = file
        self.errors = errors
    }

    public var description: String {
        errors.map { "\(file): \($0)" }.joined(separator: "\n")
    }
}
