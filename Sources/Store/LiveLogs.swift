import Foundation
import Synchronization

/// Fans out log lines of running runs to live followers (the HTTP API's server-sent events).
///
/// Followers subscribe first and then read the stored lines, skipping live lines they already
/// read by id, so no line is lost or doubled between the two.
public final class LiveLogs: Sendable {
    private struct Subscriber {
        let id: Int
        let continuation: AsyncStream<LogLineRecord>.Continuation
    }

    private struct State {
        var nextID = 0
        var subscribers: [Int64: [Subscriber]] = [:]
        var finished: Set<Int64> = []
        var progress: [Int64: RunProgressRecord] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The lines of `runId` written from now on; the stream ends when the run finishes.
    public func follow(runId: Int64) -> AsyncStream<LogLineRecord> {
        let (stream, continuation) = AsyncStream.makeStream(of: LogLineRecord.self, bufferingPolicy: .bufferingNewest(10_000))
        let finishedAlready = state.withLock { state -> Bool in
            if state.finished.contains(runId) { return true }
            let id = state.nextID
            state.nextID += 1
            state.subscribers[runId, default: []].append(Subscriber(id: id, continuation: continuation))
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { $0.subscribers[runId]?.removeAll { $0.id == id } }
            }
            return false
        }
        if finishedAlready { continuation.finish() }
        return stream
    }

    /// Whether the run ended while this process watched it.
    public func isFinished(runId: Int64) -> Bool {
        state.withLock { $0.finished.contains(runId) }
    }

    /// Sends a stored line to the run's followers.
    public func publish(_ line: LogLineRecord) {
        let targets = state.withLock { $0.subscribers[line.runId] ?? [] }
        for subscriber in targets { subscriber.continuation.yield(line) }
    }

    /// Records how far the running run `progress.runId` has got (replacing what it said before).
    public func publish(progress: RunProgressRecord) {
        state.withLock { state in
            guard !state.finished.contains(progress.runId) else { return }
            state.progress[progress.runId] = progress
        }
    }

    /// How far a running run has got, while it runs.
    public func progress(runId: Int64) -> RunProgressRecord? {
        state.withLock { $0.progress[runId] }
    }

    /// How far the running runs of each stack have got (the newest run's, per stack).
    public func progressByStack() -> [String: RunProgressRecord] {
        state.withLock { state in
            var byStack: [String: RunProgressRecord] = [:]
            for progress in state.progress.values where (byStack[progress.stackId]?.runId ?? 0) < progress.runId {
                byStack[progress.stackId] = progress
            }
            return byStack
        }
    }

    /// Ends the run's follows; later follows end at once.
    public func finish(runId: Int64) {
        let targets = state.withLock { state -> [Subscriber] in
            state.progress[runId] = nil
            state.finished.insert(runId)
            return state.subscribers.removeValue(forKey: runId) ?? []
        }
        for subscriber in targets { subscriber.continuation.finish() }
    }
}

/// How far a running plan or apply has got: resources done of the total, and the one being
/// worked on (kept in memory while the run runs; the API, the live log and the page show it).
public struct RunProgressRecord: Codable, Sendable, Equatable {
    public var runId: Int64
    public var stackId: String
    /// `refresh`, `plan` or `apply`.
    public var phase: String
    public var done: Int
    public var total: Int?
    public var current: String?

    public init(runId: Int64, stackId: String, phase: String, done: Int, total: Int?, current: String?) {
        self.runId = runId
        self.stackId = stackId
        self.phase = phase
        self.done = done
        self.total = total
        self.current = current
    }
}
