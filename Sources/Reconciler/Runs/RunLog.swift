import Foundation
import Logging
import Store
import Terraform

/// The log of one run: every terraform line (already redacted by the runner) and the
/// daemon's own notes go to the store and to live followers.
public final class RunLog: LogSink, Sendable {
    public let runId: Int64
    private let store: Store
    private let live: LiveLogs
    private let logger: Logger

    init(runId: Int64, store: Store, live: LiveLogs, logger: Logger) {
        self.runId = runId
        self.store = store
        self.live = live
        self.logger = logger
    }

    public func write(_ line: LogLine) {
        let stream: LogStream = switch line.stream {
        case .stdout: .stdout
        case .stderr: .stderr
        default: .daemon
        }
        record(stream, line.text, at: line.timestamp)
    }

    /// A line from the daemon itself (what it is doing and why).
    func note(_ text: String) {
        record(.daemon, text, at: Date())
    }

    private func record(_ stream: LogStream, _ text: String, at date: Date) {
        do {
            live.publish(try store.appendLogLine(runId: runId, stream: stream, text: text, at: date))
        } catch {
            // Losing a log line must not fail the run; say so where an operator looks.
            logger.error("could not store a log line", metadata: ["run": "\(runId)", "error": "\(error)"])
        }
    }

    /// Marks the run finished (or interrupted) and ends live follows.
    func finish(_ status: RunStatus) {
        do {
            try store.finishRun(id: runId, status: status)
        } catch {
            logger.error("could not record the end of a run", metadata: ["run": "\(runId)", "error": "\(error)"])
        }
        live.finish(runId: runId)
    }
}
