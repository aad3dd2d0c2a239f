import Foundation
import Logging
import Store
import Synchronization
import Terraform

/// The log of one run: every terraform line (already redacted by the runner) and the
/// daemon's own notes go to the store and to live followers.
///
/// Lines are written in batches by one writer per run, through the store's asynchronous API:
/// the terraform output readers only append to a buffer, never wait on SQLite, and a run of
/// thousands of lines costs a handful of transactions instead of one per line. Followers see
/// a line within `flushInterval`.
public final class RunLog: LogSink, Sendable {
    public let runId: Int64
    /// The stack the run is for (its progress is shown under it).
    public let stackId: String
    private let store: Store
    private let live: LiveLogs
    private let logger: Logger
    private let buffer = Mutex<(lines: [(stream: LogStream, text: String, at: Date)], finished: RunStatus?)>(([], nil))
    private let writer = Mutex<Task<Void, Never>?>(nil)

    /// How often buffered lines are written.
    static let flushInterval: Duration = .milliseconds(100)

    init(runId: Int64, stackId: String = "", store: Store, live: LiveLogs, logger: Logger) {
        self.runId = runId
        self.stackId = stackId
        self.store = store
        self.live = live
        self.logger = logger
        // Holds the log weakly between flushes: a log dropped without `finish` stops its writer.
        writer.withLock {
            $0 = Task { [weak self] in
                while let log = self, await log.flush() {
                    // Not cancellable on purpose: a cancelled job still gets its log written.
                    try? await Task.sleep(for: Self.flushInterval)
                }
            }
        }
    }

    public func write(_ line: LogLine) {
        let stream: LogStream = switch line.stream {
        case .stdout: .stdout
        case .stderr: .stderr
        default: .daemon
        }
        append(stream, line.text, at: line.timestamp)
    }

    /// Published to live followers at once (progress is not stored: it is over when the run is).
    public func progress(_ update: TerraformProgress) {
        live.publish(progress: RunProgressRecord(runId: runId, stackId: stackId, phase: update.phase.rawValue,
                                                 done: update.done, total: update.total, current: update.current))
    }

    /// A line from the daemon itself (what it is doing and why).
    func note(_ text: String) {
        append(.daemon, text, at: Date())
    }

    private func append(_ stream: LogStream, _ text: String, at date: Date) {
        buffer.withLock { $0.lines.append((stream, text, date)) }
    }

    /// Marks the run finished (or interrupted) once every line is stored, and ends live
    /// follows. Returns when that is done.
    func finish(_ status: RunStatus) async {
        buffer.withLock { $0.finished = status }
        await writer.withLock { $0 }?.value
    }

    /// Writes what is buffered; false once the run is finished and everything is written.
    private func flush() async -> Bool {
        let (lines, finished) = buffer.withLock { state in
            let taken = (state.lines, state.finished)
            state.lines = []
            return taken
        }
        if !lines.isEmpty {
            do {
                for record in try await store.appendLog(runId: runId, lines) { live.publish(record) }
            } catch {
                // Losing log lines must not fail the run; say so where an operator looks.
                logger.error("could not store log lines", metadata: ["run": "\(runId)", "lines": "\(lines.count)", "error": "\(error)"])
            }
        }
        guard let finished, buffer.withLock({ $0.lines.isEmpty }) else { return true }
        do {
            try await store.finishRun(id: runId, status: finished)
        } catch {
            logger.error("could not record the end of a run", metadata: ["run": "\(runId)", "error": "\(error)"])
        }
        live.finish(runId: runId)
        return false
    }
}
