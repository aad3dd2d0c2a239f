import EZBuiltConfiguration
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging

/// Posts commit statuses to forges in the background, so that a slow, failing or unreachable
/// forge never holds up a proposal or a deployment.
///
/// The reconciler hands statuses to `publish`, which only queues them and returns. `run()`
/// posts them one at a time: a transient failure (no connection, timeout, 408, 429, 5xx) is
/// retried with exponential backoff and jitter up to `Options.maxAttempts`; a refusal (401,
/// 403, 404, 422: a wrong token or project) is reported once and dropped. Only the newest status
/// per commit and context is kept waiting (a `success` queued behind an unsent `pending` replaces
/// it), and at most `Options.capacity` wait at all: the oldest are dropped beyond that.
/// On shutdown `finish(within:)` gives what is queued a short time to go out.
///
/// Tokens are read from the environment when a request is made, and never logged.
public actor CommitStatusPublisher {
    /// Limits of the queue and its retries.
    public struct Options: Sendable {
        /// Statuses waiting at most; beyond this the oldest are dropped.
        public var capacity: Int
        /// Attempts per status, the first included.
        public var maxAttempts: Int
        /// The wait before the first retry; each further retry doubles it, up to `maxDelay`.
        public var initialDelay: Duration
        public var maxDelay: Duration
        /// One request longer than this is abandoned (and retried).
        public var requestTimeout: Duration

        public init(capacity: Int = 512, maxAttempts: Int = 6, initialDelay: Duration = .seconds(2),
                    maxDelay: Duration = .seconds(120), requestTimeout: Duration = .seconds(10)) {
            self.capacity = max(1, capacity)
            self.maxAttempts = max(1, maxAttempts)
            self.initialDelay = initialDelay
            self.maxDelay = maxDelay
            self.requestTimeout = requestTimeout
        }
    }

    /// What happened to the statuses so far (for metrics and tests).
    public struct Counts: Sendable, Equatable {
        public var posted = 0
        /// Refused by the forge, or given up after the last attempt.
        public var failed = 0
        /// Replaced by a newer status for the same commit and context before being sent.
        public var superseded = 0
        /// Dropped because the queue was full, or left when the daemon stopped.
        public var dropped = 0
        public var retries = 0
    }

    private struct Key: Hashable {
        var api: URL
        var project: String
        var sha: String
        var context: String
    }

    private struct Delivery {
        var key: Key
        var status: CommitStatus
        var forge: ForgeSettings
        var attempt = 0
        var due: ContinuousClock.Instant
    }

    private enum Outcome {
        case posted
        case retry(String)
        case refused(String)
    }

    private let options: Options
    private let environment: @Sendable (String) -> String?
    private let session: URLSession
    private let logger: Logger
    private var queue: [Delivery] = []
    private var waiter: CheckedContinuation<Void, Never>?
    private var rung = false
    private var finishBy: ContinuousClock.Instant?
    private var running = false
    public private(set) var counts = Counts()

    /// A publisher reading tokens through `environment` (the process environment by default).
    public init(options: Options = Options(), logger: Logger,
                environment: @escaping @Sendable (String) -> String? = { ProcessInfo.processInfo.environment[$0] }) {
        self.options = options
        self.logger = logger
        self.environment = environment
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = Self.seconds(options.requestTimeout)
        session = URLSession(configuration: configuration)
    }

    /// Queues `status` for `forge` and returns at once.
    public func publish(_ status: CommitStatus, to forge: ForgeSettings) {
        let key = Key(api: forge.api, project: forge.project, sha: status.sha, context: status.context)
        let before = queue.count
        queue.removeAll { $0.key == key }
        counts.superseded += before - queue.count
        if queue.count >= options.capacity {
            queue.removeFirst()
            counts.dropped += 1
            logger.warning("commit status queue full; dropped the oldest status", metadata: ["capacity": "\(options.capacity)"])
        }
        queue.append(Delivery(key: key, status: status, forge: forge, due: .now))
        wake()
    }

    /// Statuses waiting to be posted (retries included).
    public var waiting: Int { queue.count }

    /// Posts queued statuses until cancelled, or until `finish(within:)` says to stop.
    public func run() async {
        running = true
        defer { running = false }
        while !Task.isCancelled {
            let now = ContinuousClock.now
            if let finishBy, queue.isEmpty || now >= finishBy { break }
            guard let index = queue.indices.min(by: { queue[$0].due < queue[$1].due }) else {
                await sleep(until: finishBy ?? now.advanced(by: .seconds(3600)))
                continue
            }
            guard queue[index].due <= now else {
                await sleep(until: min(queue[index].due, finishBy ?? queue[index].due))
                continue
            }
            var delivery = queue.remove(at: index)
            let outcome = await send(delivery)
            let metadata: Logger.Metadata = ["forge": "\(delivery.forge.kind.rawValue)", "project": "\(delivery.forge.project)",
                                             "commit": "\(delivery.status.sha.prefix(12))", "context": "\(delivery.status.context)",
                                             "state": "\(delivery.status.state.rawValue)"]
            switch outcome {
            case .posted:
                counts.posted += 1
                logger.debug("commit status posted", metadata: metadata)
            case .refused(let reason):
                counts.failed += 1
                logger.error("the forge refused a commit status; not retried", metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
            case .retry(let reason):
                delivery.attempt += 1
                if queue.contains(where: { $0.key == delivery.key }) {
                    // A newer status for this commit and context is waiting: it replaces this one.
                    counts.superseded += 1
                } else if delivery.attempt >= options.maxAttempts {
                    counts.failed += 1
                    logger.error("gave up posting a commit status", metadata: metadata.merging(["reason": "\(reason)", "attempts": "\(delivery.attempt)"]) { $1 })
                } else {
                    counts.retries += 1
                    let delay = backoff(attempt: delivery.attempt)
                    delivery.due = .now.advanced(by: delay)
                    queue.append(delivery)
                    logger.warning("posting a commit status failed; will retry", metadata: metadata.merging(["reason": "\(reason)", "retryIn": "\(delay)"]) { $1 })
                }
            }
        }
        if !queue.isEmpty {
            counts.dropped += queue.count
            logger.warning("stopped with commit statuses not posted", metadata: ["count": "\(queue.count)"])
            queue.removeAll()
        }
    }

    /// Lets `run()` post what is due within `limit`, then end; returns when it has ended.
    /// Retries that are not due by then are abandoned: a stopping daemon waits for no forge.
    public func finish(within limit: Duration) async {
        finishBy = .now.advanced(by: limit)
        wake()
        while running, ContinuousClock.now < finishBy!.advanced(by: options.requestTimeout) {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until nothing is queued, or `limit` passes (tests).
    public func waitUntilIdle(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while !queue.isEmpty || inFlight, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return queue.isEmpty && !inFlight
    }

    private var inFlight = false

    private func send(_ delivery: Delivery) async -> Outcome {
        guard let token = environment(delivery.forge.tokenEnv), !token.isEmpty else {
            return .refused("the environment variable \(delivery.forge.tokenEnv) (forge.tokenEnv) is not set")
        }
        guard let request = ForgeRequest(posting: delivery.status, to: delivery.forge, token: token) else {
            return .refused("no valid URL for \(delivery.forge.api.absoluteString), project \(delivery.forge.project)")
        }
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
                                    timeoutInterval: Self.seconds(options.requestTimeout))
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        inFlight = true
        defer { inFlight = false }
        do {
            let (_, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else { return .retry("no HTTP response from \(request.redactedDescription)") }
            switch http.statusCode {
            case 200..<300: return .posted
            case 408, 429, 500...599: return .retry("HTTP \(http.statusCode) from \(request.redactedDescription)")
            default: return .refused("HTTP \(http.statusCode) from \(request.redactedDescription)")
            }
        } catch {
            // URLError descriptions name the URL at most, never the headers.
            return .retry("\(request.redactedDescription): \(error.localizedDescription)")
        }
    }

    /// `initialDelay · 2^(attempt-1)`, capped at `maxDelay`, less up to a fifth at random so
    /// that many statuses failing together do not retry together.
    private func backoff(attempt: Int) -> Duration {
        let base = Self.seconds(options.initialDelay) * pow(2, Double(max(0, attempt - 1)))
        let capped = min(base, Self.seconds(options.maxDelay))
        return .milliseconds(Int64(capped * 1000 * Double.random(in: 0.8...1.0)))
    }

    private func wake() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            rung = true
        }
    }

    /// Returns at `instant`, when woken by `publish` or `finish`, or on cancellation.
    private func sleep(until instant: ContinuousClock.Instant) async {
        if rung {
            rung = false
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(until: instant, clock: .continuous) }
            group.addTask { await self.waitForWake() }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForWake() async {
        if rung {
            rung = false
            return
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume() } else { waiter = continuation }
            }
        } onCancel: {
            Task { await self.cancelWait() }
        }
    }

    private func cancelWait() {
        waiter?.resume()
        waiter = nil
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
