import Foundation
import Testing
import Secrets
import PostgresFixture
import Store

/// The databases every store test runs against: one suite, both implementations.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    var description: String { rawValue }
}

/// A SQLite store in a fresh temporary directory, and its path, removed when the test ends
/// (for what only SQLite has: a file, its mode, its journal).
private func withTemporaryStore(_ body: (Store, String) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("db/ezbuilt.sqlite").path
    try await body(try await Store(path: path), path)
}

/// Stores opened by one test, closed when it ends.
private final class OpenStores: @unchecked Sendable {
    private let lock = NSLock()
    private var stores: [Store] = []
    func add(_ store: Store) -> Store { lock.withLock { stores.append(store) }; return store }
    func closeAll() async { for store in lock.withLock({ stores }) { await store.close() } }
}

/// A fresh, empty database of one kind: a SQLite file in a temporary directory, or a
/// PostgreSQL cluster started for one test.
enum TestDatabase: Sendable {
    case sqlite(path: String)
    case postgres(TestPostgres)

    /// Opens a `Store` on it (each opening has its own connections, as a separate process would).
    func open(redactor: Redactor = Redactor()) async throws -> Store {
        switch self {
        case .sqlite(let path): try await Store(path: path, redactor: redactor)
        case .postgres(let cluster): try await Store(postgres: cluster.settings, redactor: redactor)
        }
    }
}

/// A fresh database of `kind`, removed when `body` ends.
func withDatabase(_ kind: StoreKind, _ body: (TestDatabase) async throws -> Void) async throws {
    switch kind {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(.sqlite(path: directory.appendingPathComponent("db/ezbuilt.sqlite").path))
    case .postgres:
        try await TestPostgres.with { cluster in try await body(.postgres(cluster)) }
    }
}

/// A fresh, empty store of `kind`, and a way to open another `Store` on the same database;
/// every store is closed and everything removed when the test ends.
func withStore(_ kind: StoreKind, redactor: Redactor = Redactor(), _ body: (Store, @escaping () async throws -> Store) async throws -> Void) async throws {
    try await withDatabase(kind) { database in
        let open = OpenStores()
        do {
            try await body(open.add(try await database.open(redactor: redactor)), { open.add(try await database.open(redactor: redactor)) })
        } catch {
            await open.closeAll()
            throw error
        }
        await open.closeAll()
    }
}

@Suite struct StoreTests {
    static let migrations = ["1-initial", "2-review", "2-webhook-deliveries", "3-audit", "4-leases", "5-replicas"]

    @Test func migratesFromEmptyIntoWALMode() async throws {
        try await withTemporaryStore { store, path in
            #expect(try await store.appliedMigrations() == Self.migrations)
            #expect(try await store.journalMode() == "wal")
            #expect(FileManager.default.fileExists(atPath: path))
            // Opening again is a no-op migration.
            let again = try await Store(path: path)
            #expect(try await again.appliedMigrations() == Self.migrations)
        }
    }

    @Test func theDatabaseIsPrivateToTheDaemonsUser() async throws {
        try await withTemporaryStore { store, path in
            try await store.upsertRepository(id: "demo", url: "/srv/git/demo.git")
            func mode(_ path: String) throws -> Int {
                (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
            }
            #expect(try mode(path) == 0o600)
            #expect(try mode((path as NSString).deletingLastPathComponent) == 0o700)
            for sidecar in [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: sidecar) {
                #expect(try mode(sidecar) & 0o077 == 0, "\(sidecar)")
            }
        }
    }

    /// The daemon and an `ezbuilt` command (rollback, stacks) may open a new database file at the
    /// same moment. GRDB reads which migrations are applied before it takes SQLite's write lock,
    /// so unserialised, both ran the first missing migration and one failed ("duplicate column").
    @Test func storesOpeningOneNewFileTogetherMigrateItOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-store-race-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for round in 0..<5 {
            let path = directory.appendingPathComponent("\(round)/ezbuilt.sqlite").path
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<6 { group.addTask { try await Store(path: path).appliedMigrations() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let expected = try await Store(path: path).appliedMigrations()
            #expect(expected.count >= 5)
            #expect(applied.allSatisfy { $0 == expected })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func webhookDeliveriesAreRememberedOnceAndForgottenAfterTheRetention(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try await store.rememberWebhookDelivery(provider: "github", id: "d-1", at: start)
            let replay = try await store.rememberWebhookDelivery(provider: "github", id: "d-1", at: start.addingTimeInterval(60))
            let otherProvider = try await store.rememberWebhookDelivery(provider: "gitea", id: "d-1", at: start)
            #expect(first && !replay)
            #expect(otherProvider, "ids are per provider")
            // After the retention the old ids are gone: the table stays bounded.
            let later = start.addingTimeInterval(Store.webhookDeliveryRetention + 1)
            #expect(try await store.webhookDeliveryCount() == 2)
            _ = try await store.rememberWebhookDelivery(provider: "github", id: "d-2", at: later)
            #expect(try await store.webhookDeliveryCount() == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theAuditLogIsNewestFirstFilteredAndCounted(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for (index, (actor, action)) in [("token:aaaaaaaaaaaa", "sync"), ("oidc:alice", "approve"), ("token:aaaaaaaaaaaa", "drift-check")].enumerated() {
                try await store.recordAudit(AuditRecord(at: start.addingTimeInterval(Double(index)), actor: actor, action: action, target: "acme/web", outcome: 202))
            }
            let all = try await store.auditEvents()
            #expect(all.total == 3)
            #expect(all.events.map(\.action) == ["drift-check", "approve", "sync"])
            #expect(all.events.allSatisfy { $0.id != nil })
            let tokens = try await store.auditEvents(actor: "token:aaaaaaaaaaaa", limit: 1, offset: 1)
            #expect(tokens.total == 2)
            #expect(tokens.events.map(\.action) == ["sync"])
            #expect(try await store.auditEvents(action: "approve").events.first?.actor == "oidc:alice")
            // The log is in the database: another opening sees it.
            #expect(try await reopen().auditEvents().total == 3)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func bothDatabasesApplyTheSameNumberedMigrationsOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let first = try await store.appliedMigrations()
            let again = try await reopen().appliedMigrations()
            #expect(first == Self.migrations)
            #expect(again == first, "opening again migrates nothing")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func noTextWrittenKeepsASecretTheDaemonKnows(kind: StoreKind) async throws {
        let secret = "hunter2-very-secret"
        try await withStore(kind, redactor: Redactor(secrets: [secret])) { store, _ in
            try await store.upsertRepository(id: "acme", url: "/acme.git")
            try await store.recordFetch(repositoryId: "acme", error: "auth failed with \(secret)")
            try await store.setStackStatus(id: "acme/web", repositoryId: "acme", path: "web", status: .failed, detail: "token \(secret) refused")
            let runId = try #require(try await store.startRun(stackId: "acme/web", kind: .deployment).id)
            try await store.appendLog(runId: runId, [(.stderr, "export TOKEN=\(secret)", Date())])
            try await store.appendLogLine(runId: runId, stream: .daemon, text: "again \(secret)")
            let deployment = try await store.insertDeployment(DeploymentRecord(stackId: "acme/web", commit: "c1", status: .failed, error: "apply: \(secret)"))
            try await store.insertDriftCheck(DriftCheckRecord(stackId: "acme/web", commit: "c1", status: .failed, resources: [], error: secret))
            let texts = [try await store.repository(id: "acme")?.lastFetchError, try await store.stack(id: "acme/web")?.statusDetail,
                         try await store.deployment(id: try #require(deployment.id))?.error, try await store.driftChecks(stackId: "acme/web").first?.error]
                + (try await store.logLines(runId: runId)).map(\.text)
            #expect(texts.count == 6 && texts.allSatisfy { $0 != nil })
            #expect(!texts.contains { $0?.contains(secret) ?? false })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func repositoriesRecordFetchOutcomes(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            try await store.upsertRepository(id: "acme", url: "https://git.example.com/acme.git")
            #expect(try await store.repository(id: "acme")?.everReachable == false)
            try await store.recordFetch(repositoryId: "acme", error: "connection refused")
            #expect(try await store.repository(id: "acme")?.lastFetchError == "connection refused")
            #expect(try await store.repository(id: "acme")?.everReachable == false)
            try await store.recordFetch(repositoryId: "acme", error: nil)
            try await store.upsertRepository(id: "acme", url: "https://git.example.com/acme2.git")
            let record = try #require(try await store.repository(id: "acme"))
            #expect(record.everReachable)
            #expect(record.lastFetchError == nil)
            #expect(record.url == "https://git.example.com/acme2.git")
            #expect(try await store.repositories().map(\.id) == ["acme"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func stacksKeepTheirDeployedCommitAcrossStatusChanges(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            try await store.setStackStatus(id: "acme/infra/web", repositoryId: "acme", path: "infra/web", status: .deployed, deployedCommit: "abc123")
            try await store.setStackStatus(id: "acme/infra/web", repositoryId: "acme", path: "infra/web", status: .proposing, detail: "feature/x")
            try await store.setStackStatus(id: "other/db", repositoryId: "other", path: "db", status: .new)
            let stack = try #require(try await store.stack(id: "acme/infra/web"))
            #expect(stack.status == .proposing)
            #expect(stack.statusDetail == "feature/x")
            #expect(stack.deployedCommit == "abc123")
            #expect(try await store.stacks(repositoryId: "acme").map(\.id) == ["acme/infra/web"])
            #expect(try await store.stacks().count == 2)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func recordsRoundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let run = try await store.startRun(stackId: "acme/web", kind: .deployment)
            let runId = try #require(run.id)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            // A batch comes back with its ids, in order: what live followers resume from.
            let written = try await store.appendLog(runId: runId, [(.stdout, "Plan: 3 to add", now), (.stderr, "warning: x", now)])
            let lines = try await store.logLines(runId: runId)
            #expect(lines.map(\.text) == ["Plan: 3 to add", "warning: x"])
            #expect(written == lines)
            #expect(try await store.logLines(runId: runId, afterId: lines[0].id).map(\.text) == ["warning: x"])

            let proposal = try await store.insertProposal(ProposalRecord(
                runId: runId, stackId: "acme/web", branch: "feature/x", sourceCommit: "c1", generatedCommit: "c2",
                inputHash: "h", status: .proposed,
                diagnostics: [DiagnosticEntry(severity: "warning", line: 12, message: "not understood: \"make it fast\"")],
                validationPassed: true, plan: PlanCounts(add: 3), createdAt: now, durationMs: 1234))
            #expect(try await store.proposals(stackId: "acme/web") == [proposal])
            #expect(try await store.proposals(stackId: "acme/web", branch: "other").isEmpty)

            var deployment = try await store.insertDeployment(DeploymentRecord(runId: runId, stackId: "acme/web", commit: "c2", queuedAt: now))
            deployment.status = .succeeded
            deployment.startedAt = now
            deployment.finishedAt = now.addingTimeInterval(42)
            deployment.counts = PlanCounts(add: 3, change: 1)
            try await store.updateDeployment(deployment)
            let deploymentId = try #require(deployment.id)
            let loaded = try #require(try await store.deployment(id: deploymentId))
            #expect(loaded == deployment)
            #expect(loaded.duration == 42)

            let check = try await store.insertDriftCheck(DriftCheckRecord(
                runId: runId, stackId: "acme/web", commit: "c2", status: .drifted,
                resources: [DriftedResource(address: "aws_s3_bucket.logs", change: "update",
                                            attributes: [DriftedAttribute(path: "tags.owner", expected: "\"a\"", actual: "\"b\"")])],
                checkedAt: now, reported: true))
            #expect(try await store.driftChecks(stackId: "acme/web") == [check])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deploymentsFilterSortAndPage(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let base = Date(timeIntervalSince1970: 1_800_000_000)
            for index in 0..<5 {
                try await store.insertDeployment(DeploymentRecord(stackId: "s", commit: "c\(index)", status: index % 2 == 0 ? .succeeded : .failed, queuedAt: base.addingTimeInterval(Double(index))))
            }
            #expect(try await store.deployments(stackId: "s").map(\.commit) == ["c4", "c3", "c2", "c1", "c0"])
            #expect(try await store.deployments(stackId: "s", ascending: true, limit: 2, offset: 1).map(\.commit) == ["c1", "c2"])
            #expect(try await store.deployments(status: .failed).map(\.commit) == ["c3", "c1"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func twoConnectionsSeeEachOthersWrites(kind: StoreKind) async throws {
        try await withStore(kind) { first, reopen in
            let second = try await reopen()
            try await first.upsertRepository(id: "one", url: "/one")
            #expect(try await second.repository(id: "one") != nil)
            try await second.setStackStatus(id: "one/a", repositoryId: "one", path: "a", status: .deployed)
            #expect(try await first.stack(id: "one/a")?.status == .deployed)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func runsOfADeadProcessBecomeInterrupted(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let run = try await store.startRun(stackId: "acme/web", kind: .deployment)
            var deployment = try await store.insertDeployment(DeploymentRecord(runId: run.id, stackId: "acme/web", commit: "c1", status: .running))
            let finished = try await store.insertDeployment(DeploymentRecord(stackId: "acme/web", commit: "c0", status: .succeeded))

            // The process that owns the run is still this one: nothing to recover.
            #expect(try await store.recoverInterruptedWork().runs.isEmpty)

            // A restarted daemon has another pid.
            let recovery = try await store.recoverInterruptedWork(currentPid: getpid() &+ 1)
            #expect(recovery.runs.map(\.id) == [run.id])
            deployment.status = .interrupted
            #expect(recovery.deployments.map(\.id) == [deployment.id])
            let deploymentId = try #require(deployment.id), finishedId = try #require(finished.id), runId = try #require(run.id)
            #expect(try await store.deployment(id: deploymentId)?.status == .interrupted)
            #expect(try await store.deployment(id: finishedId)?.status == .succeeded)
            #expect(try await store.run(id: runId)?.status == .interrupted)
            // Recovery is idempotent.
            #expect(try await store.recoverInterruptedWork(currentPid: getpid() &+ 1).runs.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentWritersDoNotLoseLines(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let runId = try #require(try await store.startRun(stackId: "s", kind: .proposal).id)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for line in 0..<25 { try await store.appendLog(runId: runId, [(.stdout, "w\(writer) l\(line)", Date())]) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.logLines(runId: runId).count == 200)
        }
    }
}
