import Logging
import Synchronization

/// Log records kept in memory, each rendered as `level message key=value …`, for tests that
/// check what a component logs (and that no secret is among it).
public final class CapturedLogs: Sendable {
    private let records = Mutex<[String]>([])

    public init() {}

    /// Every record so far, in order.
    public var lines: [String] { records.withLock { $0 } }

    /// A logger at `trace` whose records land here.
    public var logger: Logger {
        var logger = Logger(label: "captured") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) { records.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            sink.append("\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }
}
