import Logging
import Terraform

/// A log handler that passes every message and metadata value through the daemon's
/// `Redactor` before `base` writes it: a secret that reaches a log call is still not logged.
public struct RedactingLogHandler: LogHandler {
    /// The handler that writes.
    public var base: any LogHandler
    /// The daemon's redactor.
    public let redactor: Redactor

    /// Wraps `base`.
    public init(base: any LogHandler, redactor: Redactor) {
        self.base = base
        self.redactor = redactor
    }

    public var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var clean = event
        clean.message = "\(redactor.redact(event.message.description))"
        var metadata = event.metadata?.mapValues { Logger.Metadata.Value.string(redactor.redact($0.description)) }
        if let error = event.error {
            // An error's text may quote a secret: logged as redacted text, never as the value.
            metadata = (metadata ?? [:]).merging(["error": .string(redactor.redact(String(describing: error)))]) { old, _ in old }
            clean.error = nil
        }
        clean.metadata = metadata
        base.log(event: clean)
    }
}
