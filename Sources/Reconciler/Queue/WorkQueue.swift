import Foundation
import Logging

/// What a job is about: at most one job per key is queued, and at most one job per stack runs.
public struct JobKey: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case propose, deploy, drift }
    public var stackID: String
    public var kind: Kind
    /// For proposals, the branch: proposals for two branches of one stack are two jobs.
    public var branch: String

    public init(stackID: String, kind: Kind, branch: String = "") {
        self.stackID = stackID
        self.kind = kind
        self.branch = branch
    }

    public var description: String {
        branch.isEmpty ? "\(kind.rawValue) \(stackID)" : "\(kind.rawValue) \(stackID)@\(branch)"
    }
}

/// One unit of reconcile work.
public struct Job: Sendable {
    public var key: JobKey
    public var repositoryID: String
    /// Runs the work. Throws `ReconcileFailure` to choose how a failure is retried.
    public var run: @Sendable () async throws -> Void
    /// Called instead of `run` when a newer job with the same key replaced this one.
    public var superseded: @Sendable () async -> Void
    /// Called once when the job stops being retried (a permanent error, or `maximumAttempts`
    /// transient failures in a row), so that it is reported; only a person can move it on.
    public var stalled: @Sendable (String) async -> Void

    public init(key: JobKey, repositoryID: String, run: @escaping @Sendable () async throws -> Void,
                superseded: @escaping @Sendable () async -> Void = {}, stalled: @escaping @Sendable (String) async -> Void = { _ in }) {
        self.key = key
        self.repositoryID = repositoryID
        self.run = run
        self.superseded = superseded
        self.stalled = stalled
    }
}

/// Runs jobs with bounded concurrency, one at a time per stack, fairly across repositories.
///
/// - A job submitted while another with the same key is still queued replaces it (the newest
///   commit wins; the older one is told it was superseded and never runs).
/// - Repositories take turns: one busy repository cannot starve the others.
/// - `ReconcileFailure.transient` (and any error `ReconcileFailure.classify` does not know to
///   be permanent) is retried with exponential backoff and jitter, at most `maximumAttempts`
///   times in a row; then, like a permanent error, the job is stalled (`Job.stalled` reports
///   it) and not retried until it is submitted again.
///   `.waiting` is requeued after its interval, `.stalled` is dropped (it was reported).
public actor WorkQueue {
    private let limit: Int
    private let backoff: Backoff
    private let logger: Logger
    /// Queued jobs per repository, in arrival order.
    private var pending: [String: [Job]] = [:]
    /// The order repositories take turns in.
    private var rotation: [String] = []
    private var runningStacks: Set<String> = []
    private var running = 0
    private var attempts: [JobKey: Int] = [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var tasks: [UUID: Task<Void, Never>] = [:]
    private var stopped = false
    /// Whether a job ran since the queue was last idle.
    private var ranSinceIdle = false

    /// Transient failures of one job retried at most this many times; then it is stalled.
    public let maximumAttempts: Int

    public init(limit: Int, backoff: Backoff = Backoff(), maximumAttempts: Int = 10, logger: Logger) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.limit = max(1, limit)
        self.backoff = backoff
        self.logger = logger
    }

    /// Jobs queued but not yet running.
    public var depth: Int { pending.values.reduce(0) { $0 + $1.count } }

    /// Jobs running now.
    public var active: Int { running }

    /// Takes `stackID` for work done outside the queue (restoring a state snapshot): false,
    /// and nothing taken, when a job of the stack is running or queued. No job of the stack
    /// starts until `release(stackID:)`.
    public func claim(stackID: String) -> Bool {
        guard !runningStacks.contains(stackID), !pending.values.contains(where: { $0.contains { $0.key.stackID == stackID } }) else { return false }
        runningStacks.insert(stackID)
        return true
    }

    /// Gives back a stack taken with `claim(stackID:)`.
    public func release(stackID: String) {
        runningStacks.remove(stackID)
        dispatch()
    }

    /// Queues a job, replacing a queued job with the same key.
    public func submit(_ job: Job) async {
        guard !stopped else { return }
        var replaced: Job?
        if var jobs = pending[job.repositoryID], let index = jobs.firstIndex(where: { $0.key == job.key }) {
            replaced = jobs[index]
            jobs[index] = job
            pending[job.repositoryID] = jobs
        } else {
            pending[job.repositoryID, default: []].append(job)
            if !rotation.contains(job.repositoryID) { rotation.append(job.repositoryID) }
        }
        if let replaced {
            logger.debug("superseded by a newer job", metadata: ["job": "\(replaced.key)"])
            await replaced.superseded()
        }
        dispatch()
    }

    /// Waits until nothing is queued or running (tests and shutdown use it).
    public func waitUntilIdle() async {
        if depth == 0 && running == 0 { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stops taking jobs, drops the queued ones and cancels the running ones.
    public func shutdown() {
        stopped = true
        pending.removeAll()
        for task in tasks.values { task.cancel() }
    }

    /// Shuts down and waits for the running jobs to wind down (they record themselves as
    /// interrupted).
    public func shutdownAndWait() async {
        shutdown()
        let running = Array(tasks.values)
        for task in running { await task.value }
    }

    private func dispatch() {
        while running < limit, let job = takeNext() {
            running += 1
            ranSinceIdle = true
            runningStacks.insert(job.key.stackID)
            let id = UUID()
            tasks[id] = Task { [weak self] in
                let outcome: Result<Void, Error>
                do {
                    try await job.run()
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
                await self?.finished(job, id: id, outcome: outcome)
            }
        }
        if depth == 0 && running == 0 {
            let waiters = idleWaiters
            idleWaiters.removeAll()
            for waiter in waiters { waiter.resume() }
            if ranSinceIdle {
                // A burst of work ended: give the memory it freed back to the system.
                ranSinceIdle = false
                ProcessMemory.releaseFreedMemory()
            }
        }
    }

    /// The first runnable job of the next repository in turn.
    private func takeNext() -> Job? {
        for _ in rotation.indices {
            let repository = rotation.removeFirst()
            rotation.append(repository)
            guard var jobs = pending[repository],
                  let index = jobs.firstIndex(where: { !runningStacks.contains($0.key.stackID) })
            else { continue }
            let job = jobs.remove(at: index)
            pending[repository] = jobs.isEmpty ? nil : jobs
            if jobs.isEmpty { rotation.removeAll { $0 == repository } }
            return job
        }
        return nil
    }

    private func finished(_ job: Job, id: UUID, outcome: Result<Void, Error>) {
        tasks[id] = nil
        running -= 1
        runningStacks.remove(job.key.stackID)
        switch outcome {
        case .success:
            attempts[job.key] = nil
        case .failure(let error):
            retry(job, after: error)
        }
        dispatch()
    }

    private func retry(_ job: Job, after error: Error) {
        guard !stopped, !(error is CancellationError) else { return }
        let delay: Duration
        var failure = ReconcileFailure.classify(error)
        if case .transient(let message) = failure, (attempts[job.key] ?? 0) >= maximumAttempts {
            failure = .stalled("gave up after \(maximumAttempts) attempts: \(message)")
        }
        switch failure {
        case .stalled(let message):
            attempts[job.key] = nil
            logger.notice("stalled: needs a person", metadata: ["job": "\(job.key)", "reason": "\(message)"])
            let id = UUID()
            tasks[id] = Task { [weak self] in
                await job.stalled(message)
                await self?.forget(id)
            }
            return
        case .waiting(let message, let retryAfter):
            logger.debug("waiting", metadata: ["job": "\(job.key)", "reason": "\(message)"])
            delay = retryAfter
        case .transient:
            let attempt = (attempts[job.key] ?? 0) + 1
            attempts[job.key] = attempt
            delay = backoff.delay(attempt: attempt)
            logger.warning("failed; will retry", metadata: ["job": "\(job.key)", "attempt": "\(attempt)", "in": "\(delay)", "error": "\(error)"])
        }
        let id = UUID()
        tasks[id] = Task { [weak self] in
            try? await Task.sleep(for: delay)
            guard !Task.isCancelled else { return }
            await self?.resubmit(job, id: id)
        }
    }

    private func forget(_ id: UUID) {
        tasks[id] = nil
    }

    private func resubmit(_ job: Job, id: UUID) async {
        tasks[id] = nil
        // A newer job with the same key may have arrived meanwhile: it wins.
        if pending[job.repositoryID]?.contains(where: { $0.key == job.key }) == true { return }
        await submit(job)
    }
}
