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
private func withTemporaryStore(_ body: (Store, String) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("db/ezbuilt.sqlite").path
    try body(try Store(path: path), path)
}

/// Stores opened by one test, closed when it ends.
private final class OpenStores: @unchecked Sendable {
    private let lock = NSLock()
    private var stores: [Store] = []
    func add(_ store: Store) -> Store { lock.withLock { stores.append(store) }; return store }
    func closeAll() async { for store in lock.withLock({ stores }) { await store.close() } }
}

/// A fresh, empty store of `kind` (a SQLite file in a temporary directory, or a PostgreSQL
/// cluster started for this test), and a way to open another `Store` on the same database;
/// everything is removed when the test ends.
func withStore(_ kind: StoreKind, redactor: Redactor = Redactor(), _ body: (Store, @escaping () throws -> Store) async throws -> Void) async throws {
    let open = OpenStores()
    switch kind {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db/ezbuilt.sqlite").path
        do {
            try await body(open.add(try Store(path: path, redactor: redactor)), { open.add(try Store(path: path, redactor: redactor)) })
        } catch {
            await open.closeAll()
            throw error
        }
        await open.closeAll()
    case .postgres:
        try await TestPostgres.with { cluster in
            let settings = cluster.settings
            do {
                try await body(open.add(try Store(postgres: settings, redactor: redactor)), { open.add(try Store(postgres: settings, redactor: redactor)) })
            } catch {
                await open.closeAll()
                throw error
            }
            await open.closeAll()
        }
    }
}

@Suite struct StoreTests {
    static let migrations = ["1-initial", "2-review", "2-webhook-deliveries", "3-audit", "4-leases", "5-replicas"]

    @Test func migratesFromEmptyIntoWALMode() throws {
        try withTemporaryStore { store, path in
            #expect(try store.appliedMigrations() == Self.migrations)
            #expect(try store.journalMode() == "wal")
            #expect(FileManager.default.fileExists(atPath: path))
            // Opening again is a no-op migration.
            let again = try Store(path: path)
            #expect(try again.appliedMigrations() == Self.migrations)
        }
    }

    @Test func theDatabaseIsPrivateToTheDaemonsUser() throws {
        try withTemporaryStore { store, path in
            try store.upsertRepository(id: "demo", url: "/srv/git/demo.git")
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

    @Test(arguments: StoreKind.allCases)
    func webhookDeliveriesAreRememberedOnceAndForgottenAfterTheRetention(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try store.rememberWebhookDelivery(provider: "github", id: "d-1", at: start)
            let replay = try store.rememberWebhookDelivery(provider: "github", id: "d-1", at: start.addingTimeInterval(60))
            let otherProvider = try store.rememberWebhookDelivery(provider: "gitea", id: "d-1", at: start)
            #expect(first && !replay)
            #expect(otherProvider, "ids are per provider")
            // After the retention the old ids are gone: the table stays bounded.
            let later = start.addingTimeInterval(Store.webhookDeliveryRetention + 1)
            #expect(try store.webhookDeliveryCount() == 2)
            _ = try store.rememberWebhookDelivery(provider: "github", id: "d-2", at: later)
            #expect(try store.webhookDeliveryCount() == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theAuditLogIsNewestFirstFilteredAndCounted(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for (index, (actor, action)) in [("token:aaaaaaaaaaaa", "sync"), ("oidc:alice", "approve"), ("token:aaaaaaaaaaaa", "drift-check")].enumerated() {
                try store.recordAudit(AuditRecord(at: start.addingTimeInterval(Double(index)), actor: actor, action: action, target: "acme/web", outcome: 202))
            }
            let all = try store.auditEvents()
            #expect(all.total == 3)
            #expect(all.events.map(\.action) == ["drift-check", "approve", "sync"])
            #expect(all.events.allSatisfy { $0.id != nil })
            let tokens = try store.auditEvents(actor: "token:aaaaaaaaaaaa", limit: 1, offset: 1)
            #expect(tokens.total == 2)
            #expect(tokens.events.map(\.action) == ["sync"])
            #expect(try store.auditEvents(action: "approve").events.first?.actor == "oidc:alice")
            // The log is in the database: another opening sees it.
            #expect(try reopen().auditEvents().total == 3)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func bothDatabasesApplyTheSameNumberedMigrationsOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let first = try store.appliedMigrations()
            let again = try reopen().appliedMigrations()
            #expect(first == Self.migrations)
            #expect(again == first, "opening again migrates nothing")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func noTextWrittenKeepsASecretTheDaemonKnows(kind: StoreKind) async throws {
        let secret = "hunter2-very-secret"
        try await withStore(kind, redactor: Redactor(secrets: [secret])) { store, _ in
            try store.upsertRepository(id: "acme", url: "/acme.git")
            try store.recordFetch(repositoryId: "acme", error: "auth failed with \(secret)")
            try store.setStackStatus(id: "acme/web", repositoryId: "acme", path: "web", status: .failed, detail: "token \(secret) refused")
            let runId = try #require(try store.startRun(stackId: "acme/web", kind: .deployment).id)
            try store.appendLog(runId: runId, [(.stderr, "export TOKEN=\(secret)", Date())])
            try store.appendLogLine(runId: runId, stream: .daemon, text: "again \(secret)")
            let deployment = try store.insertDeployment(DeploymentRecord(stackId: "acme/web", commit: "c1", status: .failed, error: "apply: \(secret)"))
            try store.insertDriftCheck(DriftCheckRecord(stackId: "acme/web", commit: "c1", status: .failed, resources: [], error: secret))
            let texts = [try store.repository(id: "acme")?.lastFetchError, try store.stack(id: "acme/web")?.statusDetail,
                         try store.deployment(id: try #require(deployment.id))?.error, try store.driftChecks(stackId: "acme/web").first?.error]
                + (try store.logLines(runId: runId)).map(\.text)
            #expect(texts.count == 6 && texts.allSatisfy { $0 != nil })
            #expect(!texts.contains { $0?.contains(secret) ?? false })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func repositoriesRecordFetchOutcomes(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            try store.upsertRepository(id: "acme", url: "https://git.example.com/acme.git")
            #expect(try store.repository(id: "acme")?.everReachable == false)
            try store.recordFetch(repositoryId: "acme", error: "connection refused")
            #expect(try store.repository(id: "acme")?.lastFetchError == "connection refused")
            #expect(try store.repository(id: "acme")?.everReachable == false)
            try store.recordFetch(repositoryId: "acme", error: nil)
            try store.upsertRepository(id: "acme", url: "https://git.example.com/acme2.git")
            let record = try #require(try store.repository(id: "acme"))
            #expect(record.everReachable)
            #expect(record.lastFetchError == nil)
            #expect(record.url == "https://git.example.com/acme2.git")
            #expect(try store.repositories().map(\.id) == ["acme"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func stacksKeepTheirDeployedCommitAcrossStatusChanges(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            try store.setStackStatus(id: "acme/infra/web", repositoryId: "acme", path: "infra/web", status: .deployed, deployedCommit: "abc123")
            try store.setStackStatus(id: "acme/infra/web", repositoryId: "acme", path: "infra/web", status: .proposing, detail: "feature/x")
            try store.setStackStatus(id: "other/db", repositoryId: "other", path: "db", status: .new)
            let stack = try #require(try store.stack(id: "acme/infra/web"))
            #expect(stack.status == .proposing)
            #expect(stack.statusDetail == "feature/x")
            #expect(stack.deployedCommit == "abc123")
            #expect(try store.stacks(repositoryId: "acme").map(\.id) == ["acme/infra/web"])
            #expect(try store.stacks().count == 2)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func recordsRoundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let run = try store.startRun(stackId: "acme/web", kind: .deployment)
            let runId = try #require(run.id)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            try store.appendLog(runId: runId, [(.stdout, "Plan: 3 to add", now), (.stderr, "warning: x", now)])
            let lines = try store.logLines(runId: runId)
            #expect(lines.map(\.text) == ["Plan: 3 to add", "warning: x"])
            #expect(try store.logLines(runId: runId, afterId: lines[0].id).map(\.text) == ["warning: x"])

            let proposal = try store.insertProposal(ProposalRecord(
                runId: runId, stackId: "acme/web", branch: "feature/x", sourceCommit: "c1", generatedCommit: "c2",
                inputHash: "h", status: .proposed,
                diagnostics: [DiagnosticEntry(severity: "warning", line: 12, message: "not understood: \"make it fast\"")],
                validationPassed: true, plan: PlanCounts(add: 3), createdAt: now, durationMs: 1234))
            #expect(try store.proposals(stackId: "acme/web") == [proposal])
            #expect(try store.proposals(stackId: "acme/web", branch: "other").isEmpty)

            var deployment = try store.insertDeployment(DeploymentRecord(runId: runId, stackId: "acme/web", commit: "c2", queuedAt: now))
            deployment.status = .succeeded
            deployment.startedAt = now
            deployment.finishedAt = now.addingTimeInterval(42)
            deployment.counts = PlanCounts(add: 3, change: 1)
            try store.updateDeployment(deployment)
            let deploymentId = try #require(deployment.id)
            let loaded = try #require(try store.deployment(id: deploymentId))
            #expect(loaded == deployment)
            #expect(loaded.duration == 42)

            let check = try store.insertDriftCheck(DriftCheckRecord(
                runId: runId, stackId: "acme/web", commit: "c2", status: .drifted,
                resources: [DriftedResource(address: "aws_s3_bucket.logs", change: "update",
                                            attributes: [DriftedAttribute(path: "tags.owner", expected: "\"a\"", actual: "\"b\"")])],
                checkedAt: now, reported: true))
            #expect(try store.driftChecks(stackId: "acme/web") == [check])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deploymentsFilterSortAndPage(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let base = Date(timeIntervalSince1970: 1_800_000_000)
            for index in 0..<5 {
                try store.insertDeployment(DeploymentRecord(stackId: "s", commit: "c\(index)", status: index % 2 == 0 ? .succeeded : .failed, queuedAt: base.addingTimeInterval(Double(index))))
            }
            #expect(try store.deployments(stackId: "s").map(\.commit) == ["c4", "c3", "c2", "c1", "c0"])
            #expect(try store.deployments(stackId: "s", ascending: true, limit: 2, offset: 1).map(\.commit) == ["c1", "c2"])
            #expect(try store.deployments(status: .failed).map(\.commit) == ["c3", "c1"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func twoConnectionsSeeEachOthersWrites(kind: StoreKind) async throws {
        try await withStore(kind) { first, reopen in
            let second = try reopen()
            try first.upsertRepository(id: "one", url: "/one")
            #expect(try second.repository(id: "one") != nil)
            try second.setStackStatus(id: "one/a", repositoryId: "one", path: "a", status: .deployed)
            #expect(try first.stack(id: "one/a")?.status == .deployed)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func runsOfADeadProcessBecomeInterrupted(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let run = try store.startRun(stackId: "acme/web", kind: .deployment)
            var deployment = try store.insertDeployment(DeploymentRecord(runId: run.id, stackId: "acme/web", commit: "c1", status: .running))
            let finished = try store.insertDeployment(DeploymentRecord(stackId: "acme/web", commit: "c0", status: .succeeded))

            // The process that owns the run is still this one: nothing to recover.
            #expect(try store.recoverInterruptedWork().runs.isEmpty)

            // A restarted daemon has another pid.
            let recovery = try store.recoverInterruptedWork(currentPid: getpid() &+ 1)
            #expect(recovery.runs.map(\.id) == [run.id])
            deployment.status = .interrupted
            #expect(recovery.deployments.map(\.id) == [deployment.id])
            let deploymentId = try #require(deployment.id), finishedId = try #require(finished.id), runId = try #require(run.id)
            #expect(try store.deployment(id: deploymentId)?.status == .interrupted)
            #expect(try store.deployment(id: finishedId)?.status == .succeeded)
            #expect(try store.run(id: runId)?.status == .interrupted)
            // Recovery is idempotent.
            #expect(try store.recoverInterruptedWork(currentPid: getpid() &+ 1).runs.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentWritersDoNotLoseLines(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let runId = try #require(try store.startRun(stackId: "s", kind: .proposal).id)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for line in 0..<25 { try store.appendLog(runId: runId, [(.stdout, "w\(writer) l\(line)", Date())]) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try store.logLines(runId: runId).count == 200)
        }
    }
}
