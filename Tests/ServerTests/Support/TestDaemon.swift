import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import EZBuiltConfiguration
import Server
import Store
import Telemetry

/// The reconciler's control surface as the server sees it, recording every call: a test
/// double for `ServerBackend` (the reconciler itself is tested on its own).
final class RecordingBackend: ServerBackend {
    let knownRepositories: Set<String>
    let knownStacks: Set<String>
    private let calls = Mutex<(syncs: [String], driftChecks: [String], approvals: [(stack: String, plan: String, by: String)])>(([], [], []))
    /// The plan each stack waits on, as a reconciler would answer approvals.
    let waitingPlans: [String: String]
    private let depth: (queued: Int, running: Int)

    /// The files of each stack at each commit (`"<stack>@<commit>"`), as the reconciler's mirror would give them.
    let files: [String: [String: Data]]

    /// The deployer roles and what their checks found, as the reconciler would report them.
    let connections: [AWSConnectionStatus]

    init(repositories: Set<String> = [], stacks: Set<String> = [], depth: (queued: Int, running: Int) = (0, 0), waitingPlans: [String: String] = [:],
         files: [String: [String: Data]] = [:], connections: [AWSConnectionStatus] = []) {
        self.connections = connections
        self.waitingPlans = waitingPlans
        self.files = files
        knownRepositories = repositories
        knownStacks = stacks
        self.depth = depth
    }

    func sync(repositoryID: String) async -> Bool {
        calls.withLock { $0.syncs.append(repositoryID) }
        return knownRepositories.contains(repositoryID)
    }

    func requestDriftCheck(stackID: String) async -> Bool {
        calls.withLock { $0.driftChecks.append(stackID) }
        return knownStacks.contains(stackID)
    }

    func approve(stackID: String, plan: String, by identity: String) async throws -> ApprovalResult {
        calls.withLock { $0.approvals.append((stackID, plan, identity)) }
        guard let waiting = waitingPlans[stackID] else { return .notWaiting }
        return waiting == plan ? .approved : .differentPlan(waiting: waiting)
    }

    func queueDepth() async -> (queued: Int, running: Int) { depth }

    func awsConnections() async -> [AWSConnectionStatus] { connections }

    func stackFiles(stackID: String, commit: String) async throws -> [String: Data]? { files["\(stackID)@\(commit)"] }

    var approvals: [(stack: String, plan: String, by: String)] { calls.withLock { $0.approvals } }

    var syncs: [String] { calls.withLock { $0.syncs } }
    var driftChecks: [String] { calls.withLock { $0.driftChecks } }

    /// Waits until `repository` was synced, up to `limit`.
    func waitForSync(_ repository: String, within limit: Duration = .seconds(1)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if syncs.contains(repository) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return syncs.contains(repository)
    }
}

/// Collects every log line (message and metadata) so tests can grep them for secrets.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }

    func logger(_ label: String = "ezbuilt.server") -> Logger {
        var logger = Logger(label: label) { label in CapturingHandler(label: label, sink: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CapturingHandler: LogHandler {
    let label: String
    let sink: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.append("\(event.level) \(label) \(event.message) \(rendered)")
    }
}

/// A response as the tests see it.
struct HTTPResult {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any], "not a JSON object: \(text)")
    }

    /// The message of a `{"error": "…"}` body.
    func errorMessage() throws -> String {
        let object = try json()
        #expect(object.count == 1, "an error body has only `error`: \(text)")
        return try #require(object["error"] as? String, "no error message in \(text)")
    }
}

/// A real server on a free loopback port over a real store in a temporary directory.
struct TestDaemon {
    let directory: URL
    let store: Store
    let live: LiveLogs
    let backend: RecordingBackend
    let metrics: EZBuiltMetrics
    let logs: CapturedLogs
    let base: String
    let routes: [EZBuiltServer.Route]

    /// Starts a server, runs `body` against it, then shuts the server down (gracefully, as
    /// SIGTERM would) and removes the directory, whether `body` threw or not.
    static func with(
        config: EZBuiltConfig = EZBuiltConfig(),
        environment: [String: String] = [:],
        backend: RecordingBackend = RecordingBackend(),
        webhookBodyLimit: Int = EZBuiltServer.defaultWebhookBodyLimit,
        _ body: (TestDaemon) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Store(path: directory.appendingPathComponent("ezbuilt.sqlite").path)
        var config = config
        config.dataDir = directory.path
        config.listen = ListenAddress(host: "127.0.0.1", port: 0)
        let live = LiveLogs()
        let metrics = EZBuiltMetrics()
        let logs = CapturedLogs()
        let (addresses, addressContinuation) = AsyncStream.makeStream(of: ListenAddress.self)
        let server = EZBuiltServer(
            config: config, store: store, live: live, backend: backend, metrics: metrics,
            logger: logs.logger(), environment: environment, webhookBodyLimit: webhookBodyLimit,
            onListening: { address in addressContinuation.yield(address) }
        )
        let group = ServiceGroup(configuration: .init(services: [server], gracefulShutdownSignals: [], logger: logs.logger("ezbuilt.test")))
        let running = Task { try await group.run() }
        var iterator = addresses.makeAsyncIterator()
        guard let address = await iterator.next() else {
            running.cancel()
            throw TestFailure("the server did not start")
        }
        let daemon = TestDaemon(
            directory: directory, store: store, live: live, backend: backend, metrics: metrics, logs: logs,
            base: "http://127.0.0.1:\(address.port)", routes: server.routes
        )
        do {
            try await body(daemon)
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
        await group.triggerGracefulShutdown()
        try await running.value
    }

    /// One request over loopback.
    func request(_ method: String = "GET", _ path: String, headers: [String: String] = [:], body: Data? = nil) async throws -> HTTPResult {
        let url = try #require(URL(string: base + path), "bad URL \(path)")
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 10)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await Self.session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { fields[key] = value }
        }
        return HTTPResult(status: http.statusCode, headers: fields, body: data)
    }

    func get(_ path: String, token: String? = nil) async throws -> HTTPResult {
        try await request("GET", path, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = 10
        return URLSession(configuration: configuration)
    }()
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    /// A stack id as it goes in a path: one percent-encoded segment.
    var pathSegment: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? self
    }
}
