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

    /// Ends the run's follows; later follows end at once.
    public func finish(runId: Int64) {
        let targets = state.withLock { state -> [Subscriber] in
            state.finished.insert(runId)
            return state.subscribers.removeValue(forKey: runId) ?? []
        }
        for subscriber in targets { subscriber.continuation.finish() }
    }
}
