import Foundation
// The one redactor (Secrets) is part of this module's API: runners take and return it.
@_exported import Secrets
import Synchronization

/// One line of a run's output, already redacted.
public struct LogLine: Sendable, Hashable {
    /// Which stream the line came from.
    public enum Stream: String, Sendable, Hashable {
        case stdout
        case stderr
        /// A line written by the daemon itself (the command being run, its outcome).
        case system
    }

    /// Stream of origin.
    public var stream: Stream
    /// Text without its line break, redacted.
    public var text: String
    /// When the line was read.
    public var timestamp: Date

    /// Creates a log line.
    public init(stream: Stream, text: String, timestamp: Date = Date()) {
        self.stream = stream
        self.text = text
        self.timestamp = timestamp
    }
}

/// Receives the lines of a run as they are produced (the Store, live HTTP followers).
///
/// Called concurrently from the stdout and stderr readers; implementations must be
/// thread-safe and must not block for long (the pipe behind them would fill).
public protocol LogSink: Sendable {
    /// Receives one redacted line.
    func write(_ line: LogLine)
    /// Receives how far a plan or apply has got (see `RunProgress`).
    func progress(_ update: TerraformProgress)
}

extension LogSink {
    /// Most sinks keep lines only.
    public func progress(_ update: TerraformProgress) {}
}

/// A sink that keeps every line in memory (tests, and short runs whose log is stored whole).
public final class MemoryLogSink: LogSink {
    private let storage = Mutex<[LogLine]>([])

    /// Creates an empty sink.
    public init() {}

    /// Appends the line.
    public func write(_ line: LogLine) {
        storage.withLock { $0.append(line) }
    }

    /// The lines received so far, in arrival order.
    public var lines: [LogLine] { storage.withLock { $0 } }
}

/// A sink that forwards every line to several sinks.
public struct FanOutLogSink: LogSink {
    /// The receiving sinks.
    public let sinks: [any LogSink]

    /// Creates a fan-out over `sinks`.
    public init(_ sinks: [any LogSink]) { self.sinks = sinks }

    /// Forwards the line to every sink.
    public func write(_ line: LogLine) {
        for sink in sinks { sink.write(line) }
    }

    /// Forwards the progress to every sink.
    public func progress(_ update: TerraformProgress) {
        for sink in sinks { sink.progress(update) }
    }
}
