import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// The store in one SQLite file (WAL mode): the default, for one daemon.
///
/// GRDB's pool serialises writes and lets reads run concurrently. Every call goes through
/// GRDB's async `read`/`write`, which run on GRDB's own dispatch queues: a task waiting on
/// SQLite (or on its busy timeout) never holds a thread of the cooperative pool.
final class SQLiteBackend: StoreBackend {
    let pool: DatabasePool
    /// The database file.
    let path: String

    private init(pool: DatabasePool, path: String) {
        self.pool = pool
        self.path = path
    }

    /// Opens (creating when needed) the database at `path` and migrates it to the latest schema.
    /// Opening and migrating block on file I/O, so they run on a dispatch queue: the calling task
    /// waits without holding a thread of the cooperative pool.
    static func open(path: String) async throws -> SQLiteBackend {
        let pool = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<DatabasePool, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try openAndMigrate(path: path) })
            }
        }
        return SQLiteBackend(pool: pool, path: path)
    }

    private static func openAndMigrate(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        // The database holds run logs and errors: readable by the daemon's user only. The file
        // is made 0600 before SQLite opens it (its -wal and -shm files take the same mode).
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            fchmod(descriptor, 0o600)
            Glibc.close(descriptor)
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrateAlone(pool, path: path)
        return pool
    }

    /// Migrates with an exclusive `flock` on a file beside the database, so processes opening one
    /// file together (the daemon and an `ezbuilt` command) migrate it one after the other: GRDB
    /// reads which migrations are applied before it takes SQLite's write lock, so two at once
    /// both ran the first missing migration and one failed. Runs on GRDB's or Dispatch's threads.
    private static func migrateAlone(_ pool: DatabasePool, path: String) throws {
        let lockPath = path + "-migrations.lock"
        let descriptor = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError("cannot open \(lockPath) to migrate the database: \(String(cString: strerror(errno)))")
        }
        defer { Glibc.close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw StoreError("cannot lock \(lockPath) to migrate the database: \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        try Migrations.migrator.migrate(pool)
    }

    /// The migrations applied so far, in order.
    func appliedMigrations() async throws -> [String] {
        try await pool.read { try Migrations.migrator.appliedMigrations($0) }
    }

    /// The journal mode SQLite reports (`wal` once open).
    func journalMode() async throws -> String {
        try await pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Inserts `record` and returns it with its new id.
    private func inserted<R: MutablePersistableRecord & Sendable>(_ record: R) async throws -> R {
        try await pool.write { db in
            var record = record
            try record.insert(db)
            return record
        }
    }

    // MARK: Webhook deliveries

    func rememberWebhookDelivery(provider: String, id: String, at date: Date, forgettingBefore cutoff: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM webhookDelivery WHERE receivedAt < ?", arguments: [cutoff])
            try db.execute(sql: "INSERT OR IGNORE INTO webhookDelivery (provider, id, receivedAt) VALUES (?, ?, ?)",
                           arguments: [provider, id, date])
            return db.changesCount == 1
        }
    }

    func webhookDeliveryCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhookDelivery") ?? 0 }
    }

    // MARK: Repositories

    /// Records a repository, keeping its fetch history when it already exists.
    func upsertRepository(id: String, url: String) async throws {
        try await pool.write { db in
            if var existing = try RepositoryRecord.fetchOne(db, key: id) {
                existing.url = url
                try existing.update(db)
            } else {
                try RepositoryRecord(id: id, url: url).insert(db)
            }
        }
    }

    /// Records the outcome of a fetch (`error` nil on success).
    func recordFetch(repositoryId: String, at date: Date = Date(), error: String?) async throws {
        try await pool.write { db in
            guard var record = try RepositoryRecord.fetchOne(db, key: repositoryId) else { return }
            record.lastFetchAt = date
            record.lastFetchError = error
            if error == nil { record.everReachable = true }
            try record.update(db)
        }
    }

    func repositories() async throws -> [RepositoryRecord] {
        try await pool.read { try RepositoryRecord.order(Column("id")).fetchAll($0) }
    }

    func repository(id: String) async throws -> RepositoryRecord? {
        try await pool.read { try RepositoryRecord.fetchOne($0, key: id) }
    }

    // MARK: Stacks

    /// Inserts or replaces a stack record.
    func saveStack(_ stack: StackRecord) async throws {
        try await pool.write { try stack.save($0) }
    }

    /// Sets a stack's status (creating the stack when it is new) and returns the record.
    @discardableResult
    func setStackStatus(id: String, repositoryId: String, path: String, status: StackStatus, detail: String? = nil, deployedCommit: String?? = .none, at date: Date = Date()) async throws -> StackRecord {
        try await pool.write { db in
            var stack = try StackRecord.fetchOne(db, key: id) ?? StackRecord(id: id, repositoryId: repositoryId, path: path)
            stack.status = status
            stack.statusDetail = detail
            if case .some(let commit) = deployedCommit { stack.deployedCommit = commit }
            stack.updatedAt = date
            try stack.save(db)
            return stack
        }
    }

    func stack(id: String) async throws -> StackRecord? {
        try await pool.read { try StackRecord.fetchOne($0, key: id) }
    }

    /// All stacks, or those of one repository, ordered by id.
    func stacks(repositoryId: String? = nil) async throws -> [StackRecord] {
        try await pool.read { db in
            var request = StackRecord.order(Column("id"))
            if let repositoryId { request = request.filter(Column("repositoryId") == repositoryId) }
            return try request.fetchAll(db)
        }
    }

    // MARK: Runs and logs

    /// Starts a run owned by this process.
    func startRun(stackId: String, kind: RunKind, owner: String?, at date: Date) async throws -> RunRecord {
        try await inserted(RunRecord(stackId: stackId, kind: kind, startedAt: date, owner: owner))
    }

    func finishRun(id: Int64, status: RunStatus = .finished, at date: Date = Date()) async throws {
        try await pool.write { db in
            guard var run = try RunRecord.fetchOne(db, key: id) else { return }
            run.status = status
            run.finishedAt = date
            try run.update(db)
        }
    }

    func run(id: Int64) async throws -> RunRecord? {
        try await pool.read { try RunRecord.fetchOne($0, key: id) }
    }

    /// Appends log lines to a run in one transaction; returns them with their ids, in order.
    func appendLog(runId: Int64, _ lines: [(stream: LogStream, text: String, at: Date)]) async throws -> [LogLineRecord] {
        try await pool.write { db in
            try lines.map { line in
                var record = LogLineRecord(runId: runId, at: line.at, stream: line.stream, text: line.text)
                try record.insert(db)
                return record
            }
        }
    }

    /// The lines of a run after the line with id `afterId` (all when nil), oldest first.
    func logLines(runId: Int64, afterId: Int64? = nil, limit: Int = 10_000) async throws -> [LogLineRecord] {
        try await pool.read { db in
            var request = LogLineRecord.filter(Column("runId") == runId)
            if let afterId { request = request.filter(Column("id") > afterId) }
            return try request.order(Column("id")).limit(limit).fetchAll(db)
        }
    }

    // MARK: Proposals

    @discardableResult
    func insertProposal(_ proposal: ProposalRecord) async throws -> ProposalRecord {
        try await inserted(proposal)
    }

    /// A stack's proposals, newest first, optionally on one branch.
    func proposals(stackId: String, branch: String? = nil, limit: Int = 50) async throws -> [ProposalRecord] {
        try await pool.read { db in
            var request = ProposalRecord.filter(Column("stackId") == stackId)
            if let branch { request = request.filter(Column("branch") == branch) }
            return try request.order(Column("createdAt").desc, Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// The newest proposal of `stackId` with `fingerprint` whose plan ran (ready to merge, or
    /// blocked by policy, which the deployer checks again): proof that the daemon itself
    /// showed these inputs and their changes for review.
    func reviewedProposal(stackId: String, fingerprint: String) async throws -> ProposalRecord? {
        try await pool.read { db in
            try ProposalRecord
                .filter(Column("stackId") == stackId && Column("fingerprint") == fingerprint)
                .filter([ProposalStatus.proposed.rawValue, ProposalStatus.blocked.rawValue].contains(Column("status")) && Column("changes") != nil)
                .order(Column("createdAt").desc, Column("id").desc)
                .fetchOne(db)
        }
    }

    // MARK: Audit

    func recordAudit(_ event: AuditRecord) async throws -> AuditRecord {
        try await inserted(event)
    }

    func auditEvents(actor: String?, action: String?, limit: Int, offset: Int) async throws -> (events: [AuditRecord], total: Int) {
        try await pool.read { db in
            var request = AuditRecord.all()
            if let actor { request = request.filter(Column("actor") == actor) }
            if let action { request = request.filter(Column("action") == action) }
            let total = try request.fetchCount(db)
            let events = try request.order(Column("at").desc, Column("id").desc).limit(limit, offset: offset).fetchAll(db)
            return (events, total)
        }
    }

    // MARK: Deployments

    @discardableResult
    func insertDeployment(_ deployment: DeploymentRecord) async throws -> DeploymentRecord {
        try await inserted(deployment)
    }

    func insertDeploymentUnlessBusy(_ deployment: DeploymentRecord) async throws -> DeploymentRecord? {
        // Writes are serialised, so the check and the insert are atomic.
        try await pool.write { db in
            let busy = try DeploymentRecord.filter(Column("stackId") == deployment.stackId)
                .filter([DeploymentStatus.queued.rawValue, DeploymentStatus.running.rawValue].contains(Column("status")))
                .fetchCount(db) > 0
            guard !busy else { return nil }
            var record = deployment
            try record.insert(db)
            return record
        }
    }

    func updateDeployment(_ deployment: DeploymentRecord) async throws {
        try await pool.write { try deployment.update($0) }
    }

    func deployment(id: Int64) async throws -> DeploymentRecord? {
        try await pool.read { try DeploymentRecord.fetchOne($0, key: id) }
    }

    /// Deployments, newest first, filtered by stack and status, paginated.
    func deployments(stackId: String? = nil, status: DeploymentStatus? = nil, ascending: Bool = false, limit: Int = 50, offset: Int = 0) async throws -> [DeploymentRecord] {
        try await pool.read { db in
            var request = DeploymentRecord.all()
            if let stackId { request = request.filter(Column("stackId") == stackId) }
            if let status { request = request.filter(Column("status") == status) }
            let order = ascending ? [Column("queuedAt").asc, Column("id").asc] : [Column("queuedAt").desc, Column("id").desc]
            return try request.order(order).limit(limit, offset: offset).fetchAll(db)
        }
    }

    // MARK: Drift

    @discardableResult
    func insertDriftCheck(_ check: DriftCheckRecord) async throws -> DriftCheckRecord {
        try await inserted(check)
    }

    /// A stack's drift checks, newest first.
    func driftChecks(stackId: String, limit: Int = 50) async throws -> [DriftCheckRecord] {
        try await pool.read { db in
            try DriftCheckRecord.filter(Column("stackId") == stackId)
                .order(Column("checkedAt").desc, Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    // MARK: Crash recovery

    /// Marks every run and deployment left `running` by a process other than this one, and
    /// every deployment still `queued`, as `interrupted`, and returns them so they can be
    /// reported. Call once at start-up, before queueing anything.
    /// `currentPid` is this process; runs it owns are still alive and are left alone.
    func recoverInterruptedWork(at date: Date = Date(), currentPid: Int32 = getpid()) async throws -> Store.Recovery {
        let me = currentPid
        return try await pool.write { db in
            var runs = try RunRecord.filter(Column("status") == RunStatus.running && Column("ownerPid") != me).fetchAll(db)
            for index in runs.indices {
                runs[index].status = .interrupted
                runs[index].finishedAt = date
                try runs[index].update(db)
            }
            let runIds = runs.compactMap(\.id)
            var deployments = try DeploymentRecord
                .filter(Column("status") == DeploymentStatus.running && (runIds.contains(Column("runId")) || Column("runId") == nil))
                .fetchAll(db)
            for index in deployments.indices {
                deployments[index].status = .interrupted
                deployments[index].finishedAt = date
                deployments[index].error = "the daemon stopped while this deployment was running"
                try deployments[index].update(db)
            }
            // Queued work belongs to the process that queued it: a new daemon queues afresh.
            var orphans = try DeploymentRecord.filter(Column("status") == DeploymentStatus.queued).fetchAll(db)
            for index in orphans.indices {
                orphans[index].status = .interrupted
                orphans[index].finishedAt = date
                orphans[index].error = "the daemon stopped before this deployment ran"
                try orphans[index].update(db)
            }
            deployments += orphans
            return Store.Recovery(runs: runs, deployments: deployments)
        }
    }

    func recoverWorkOfDeadReplicas(me: String, at date: Date) async throws -> Store.Recovery {
        try await pool.write { db in
            var liveness: [String: Bool] = [:]
            func dead(_ owner: String?) throws -> Bool {
                guard let owner, owner != me else { return false }
                if let known = liveness[owner] { return !known }
                let live = try LeaseRecord.fetchOne(db, key: Store.replicaLeaseKey(owner)).map { $0.expiresAt > date } ?? false
                liveness[owner] = live
                return !live
            }
            var runs = try RunRecord.filter(Column("status") == RunStatus.running && Column("owner") != nil)
                .order(Column("id")).fetchAll(db).filter { try dead($0.owner) }
            for index in runs.indices {
                runs[index].status = .interrupted
                runs[index].finishedAt = date
                try runs[index].update(db)
            }
            var deployments = try DeploymentRecord
                .filter([DeploymentStatus.queued.rawValue, DeploymentStatus.running.rawValue].contains(Column("status")) && Column("owner") != nil)
                .order(Column("id")).fetchAll(db).filter { try dead($0.owner) }
            for index in deployments.indices {
                deployments[index].error = deployments[index].status == .running
                    ? "the replica running this deployment stopped" : "the replica that queued this deployment stopped before it ran"
                deployments[index].status = .interrupted
                deployments[index].finishedAt = date
                try deployments[index].update(db)
            }
            return Store.Recovery(runs: runs, deployments: deployments)
        }
    }

    // MARK: Leases

    func claimLease(_ key: String, owner: String, until expiresAt: Date, at now: Date) async throws -> LeaseRecord? {
        // Writes are serialised, so reading and writing in one transaction is atomic.
        try await pool.write { db in
            let current = try LeaseRecord.fetchOne(db, key: key)
            if let current, current.owner != owner, current.expiresAt > now { return nil }
            let lease = LeaseRecord(key: key, owner: owner, acquiredAt: current?.owner == owner ? current?.acquiredAt ?? now : now, expiresAt: expiresAt)
            try lease.save(db)
            return lease
        }
    }

    func releaseLease(_ key: String, owner: String) async throws {
        try await pool.write { db in
            _ = try LeaseRecord.filter(Column("key") == key && Column("owner") == owner).deleteAll(db)
        }
    }

    func lease(_ key: String) async throws -> LeaseRecord? {
        try await pool.read { try LeaseRecord.fetchOne($0, key: key) }
    }

    func close() async {}
}
