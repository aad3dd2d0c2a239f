// Load benchmark of the HTTP API: starts the server in-process over a store filled with
// stacks and history, keeps writing to the store as a reconciling daemon does (runs with log
// lines, deployments, status changes, metrics), and runs `wrk` against /api/v1/stacks.
// Prints requests/s and p99 latency. Run through Benchmarks/api-load.
//
// Usage: ServerBenchmark [--stacks N] [--duration SECONDS] [--connections N]
import Crypto
import Foundation
import Logging
import ServiceLifecycle
import EZBuiltConfiguration
import Server
import Store
import Telemetry

/// The reconciler's control surface, answering as an idle one would.
struct IdleBackend: ServerBackend {
    func sync(repositoryID: String) async -> Bool { true }
    func requestDriftCheck(stackID: String) async -> Bool { true }
    func approve(stackID: String, plan: String, by identity: String) async throws -> ApprovalResult { .notWaiting }
    func queueDepth() async -> (queued: Int, running: Int) { (0, 1) }
}

func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let number = Int(arguments[index + 1]) else { return value }
    return number
}

let stackCount = option("--stacks", default: 50)
let seconds = option("--duration", default: 10)
let connections = option("--connections", default: 16)

guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
    print("api-load: wrk is not installed (apt-get install -y wrk)")
    exit(2)
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-api-load-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let store = try await Store(path: directory.appendingPathComponent("ezbuilt.sqlite").path)

// A token made here; only its SHA-256 goes in the config, as in production.
let token = UUID().uuidString
var config = EZBuiltConfig(repositories: [RepositoryConfig(id: "bench", url: "https://git.example.com/bench/infra.git")])
config.listen = ListenAddress(host: "127.0.0.1", port: 0)
config.auth = AuthSettings(tokens: [APIToken(digest: Array(SHA256.hash(data: Data(token.utf8))))], publicRead: false)

try await store.upsertRepository(id: "bench", url: "https://git.example.com/bench/infra.git")
try await store.recordFetch(repositoryId: "bench", error: nil)
let now = Date()
for index in 0..<stackCount {
    let id = "bench/stacks/s\(index)"
    try await store.setStackStatus(id: id, repositoryId: "bench", path: "stacks/s\(index)", status: .deployed, deployedCommit: "c\(index)", at: now)
    for version in 0..<5 {
        let start = now.addingTimeInterval(Double(-3600 * (5 - version)))
        try await store.insertProposal(ProposalRecord(stackId: id, branch: "feature/\(version)", sourceCommit: "p\(version)", inputHash: "h", status: .proposed, createdAt: start, durationMs: 2000))
        try await store.insertDeployment(DeploymentRecord(stackId: id, commit: "d\(version)", status: .succeeded, queuedAt: start, startedAt: start, finishedAt: start.addingTimeInterval(60)))
    }
    try await store.insertDriftCheck(DriftCheckRecord(stackId: id, commit: "d4", status: index % 10 == 0 ? .drifted : .clean, checkedAt: now, durationMs: 3000))
}

var logger = Logger(label: "ezbuilt.api-load")
logger.logLevel = .warning
let live = LiveLogs()
let metrics = EZBuiltMetrics()
let (addresses, addressContinuation) = AsyncStream.makeStream(of: ListenAddress.self)
let server = EZBuiltServer(
    config: config, store: store, live: live, backend: IdleBackend(), metrics: metrics, logger: logger,
    environment: [:], onListening: { addressContinuation.yield($0) }
)
let group = ServiceGroup(configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
let serving = Task { try await group.run() }
guard let address = await addresses.first(where: { _ in true }) else {
    print("api-load: the server did not start")
    exit(1)
}

// What a reconciling daemon does to the store meanwhile: a deployment run writing log lines
// (published live), status flips, deployments recorded, metrics.
let reconciling = Task {
    var round = 0
    while !Task.isCancelled {
        let id = "bench/stacks/s\(round % stackCount)"
        let run = try await store.startRun(stackId: id, kind: .deployment)
        try await store.setStackStatus(id: id, repositoryId: "bench", path: "stacks/s\(round % stackCount)", status: .deploying)
        // As RunLog does: lines buffered and stored a batch at a time, then published.
        for batch in 0..<4 {
            try await Task.sleep(for: .milliseconds(25))
            let lines = (0..<5).map { (stream: LogStream.stdout, text: "aws_s3_bucket.b\(batch * 5 + $0): Creating...", at: Date()) }
            for record in try await store.appendLog(runId: run.id ?? 0, lines) { live.publish(record) }
        }
        try await store.finishRun(id: run.id ?? 0)
        live.finish(runId: run.id ?? 0)
        try await store.insertDeployment(DeploymentRecord(runId: run.id, stackId: id, commit: "r\(round)", status: .succeeded, startedAt: Date(), finishedAt: Date()))
        try await store.setStackStatus(id: id, repositoryId: "bench", path: "stacks/s\(round % stackCount)", status: .deployed, deployedCommit: "r\(round)")
        metrics.recordReconcile(kind: "deployment", outcome: "succeeded", duration: .milliseconds(100))
        round += 1
    }
}

let url = "http://127.0.0.1:\(address.port)/api/v1/stacks"
let wrk = Process()
wrk.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
wrk.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Authorization: Bearer \(token)", url]
let output = Pipe()
wrk.standardOutput = output
try wrk.run()
let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
wrk.waitUntilExit()

reconciling.cancel()
await group.triggerGracefulShutdown()
_ = try? await serving.value

func field(_ pattern: Regex<(Substring, Substring)>) -> String? {
    report.firstMatch(of: pattern).map { String($0.output.1) }
}
let requestsPerSecond = field(/Requests\/sec:\s+([0-9.]+)/)
let p99 = field(/\s99%\s+([0-9.]+[a-z]+)/)
let non2xx = field(/Non-2xx or 3xx responses:\s+([0-9]+)/)
guard let requestsPerSecond, let p99 else {
    print("api-load: could not read wrk's report:\n\(report)")
    exit(1)
}
print("api-load: GET /api/v1/stacks (\(stackCount) stacks, reconciling meanwhile): \(requestsPerSecond) requests/s, p99 \(p99) (wrk -t2 -c\(connections) -d\(seconds)s)")
if let non2xx {
    print("api-load: error: \(non2xx) responses were not 2xx")
    exit(1)
}
