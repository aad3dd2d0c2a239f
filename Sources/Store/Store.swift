import Foundation
import GRDB
import Secrets

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's records in one SQLite file (WAL mode), behind a small typed API.
///
/// All SQL lives in this target. The store is safe to share between tasks: GRDB's pool
/// serialises writes and lets reads run concurrently.
public final class Store: Sendable {
    let pool: DatabasePool
    /// The database file.
    public let path: String
    /// Applied to every text written (log lines, errors, status details): the store never
    /// holds a secret the daemon knows, whoever forgot to redact before writing.
    public let redactor: Redactor

    /// Opens (creating when needed) the database at `path` and migrates it to the latest
    /// schema; `redactor` (the daemon's) cleans every text written.
    public init(path: String, redactor: Redactor = Redactor()) throws {
        self.redactor = redactor
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
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            fchmod(descriptor, 0o600)
            close(descriptor)
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try Migrations.migrator.migrate(pool)
    }

    /// How long a webhook delivery id is remembered (forges redeliver within hours).
    public static let webhookDeliveryRetention: TimeInterval = 7 * 24 * 3600

    /// Records the webhook delivery `id` of `provider`; false when it was already received
    /// (a replay). Ids older than `retention` are forgotten, so the table stays bounded.
    public func rememberWebhookDelivery(provider: String, id: String, at date: Date = Date(),
                                        retention: TimeInterval = Store.webhookDeliveryRetention) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM webhookDelivery WHERE receivedAt < ?", arguments: [date.addingTimeInterval(-retention)])
            try db.execute(sql: "INSERT OR IGNORE INTO webhookDelivery (provider, id, receivedAt) VALUES (?, ?, ?)",
                           arguments: [provider, id, date])
            return db.changesCount == 1
        }
    }

    /// Number of remembered webhook deliveries (tests, metrics).
    public func webhookDeliveryCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhookDelivery") ?? 0 }
    }

    /// The migrations applied so far, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { try Migrations.migrator.appliedMigrations($0) }
    }

    /// The journal mode SQLite reports (`wal` once open).
    public func journalMode() throws -> String {
        try pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: Repositories

    /// Records a repository, keeping its fetch history when it already exists.
    public func upsertRepository(id: String, url: String) throws {
        try pool.write { db in
            if var existing = try RepositoryRecord.fetchOne(db, key: id) {
                existing.url = url
                try existing.update(db)
            } else {
                try RepositoryRecord(id: id, url: url).insert(db)
            }
        }
    }

    /// Records the outcome of a fetch (`error` nil on success).
    public func recordFetch(repositoryId: String, at date: Date = Date(), error: String?) throws {
        try pool.write { db in
            guard var record = try RepositoryRecord.fetchOne(db, key: repositoryId) else { return }
            record.lastFetchAt = date
            record.lastFetchError = error.map(redactor.redact)
            if error == nil { record.everReachable = true }
            try record.update(db)
        }
    }

    public func repositories() throws -> [RepositoryRecord] {
        try pool.read { try RepositoryRecord.order(Column("id")).fetchAll($0) }
    }

    public func repository(id: String) throws -> RepositoryRecord? {
        try pool.read { try RepositoryRecord.fetchOne($0, key: id) }
    }

    // MARK: Stacks

    /// Inserts or replaces a stack record.
    public func saveStack(_ stack: StackRecord) throws {
        try pool.write { try stack.save($0) }
    }

    /// Sets a stack's status (creating the stack when it is new) and returns the record.
    @discardableResult
    public func setStackStatus(id: String, repositoryId: String, path: String, status: StackStatus, detail: String? = nil, deployedCommit: String?? = .none, at date: Date = Date()) throws -> StackRecord {
        try pool.write { db in
            var stack = try StackRecord.fetchOne(db, key: id) ?? StackRecord(id: id, repositoryId: repositoryId, path: path)
            stack.status = status
            stack.statusDetail = detail.map(redactor.redact)
            if case .some(let commit) = deployedCommit { stack.deployedCommit = commit }
            stack.updatedAt = date
            try stack.save(db)
            return stack
        }
    }

    public func stack(id: String) throws -> StackRecord? {
        try pool.read { try StackRecord.fetchOne($0, key: id) }
    }

    /// All stacks, or those of one repository, ordered by id.
    public func stacks(repositoryId: String? = nil) throws -> [StackRecord] {
        try pool.read { db in
            var request = StackRecord.order(Column("id"))
            if let repositoryId { request = request.filter(Column("repositoryId") == repositoryId) }
            return try request.fetchAll(db)
        }
    }

    // MARK: Runs and logs

    /// Starts a run owned by this process.
    public func startRun(stackId: String, kind: RunKind, at date: Date = Date()) throws -> RunRecord {
        try pool.write { db in
            var run = RunRecord(stackId: stackId, kind: kind, startedAt: date)
            try run.insert(db)
            return run
        }
    }

    public func finishRun(id: Int64, status: RunStatus = .finished, at date: Date = Date()) throws {
        try pool.write { db in
            guard var run = try RunRecord.fetchOne(db, key: id) else { return }
            run.status = status
            run.finishedAt = date
            try run.update(db)
        }
    }

    public func run(id: Int64) throws -> RunRecord? {
        try pool.read { try RunRecord.fetchOne($0, key: id) }
    }

    /// Appends log lines to a run in one transaction.
    public func appendLog(runId: Int64, _ lines: [(stream: LogStream, text: String, at: Date)]) throws {
        guard !lines.isEmpty else { return }
        try pool.write { db in
            for line in lines {
                var record = LogLineRecord(runId: runId, at: line.at, stream: line.stream, text: redactor.redact(line.text))
                try record.insert(db)
            }
        }
    }

    /// Appends a batch of a run's log lines in one transaction, off the cooperative pool
    /// (GRDB's own writer queue); returns them with their ids, in order.
    public func appendLogLines(runId: Int64, _ lines: [(stream: LogStream, text: String, at: Date)]) async throws -> [LogLineRecord] {
        guard !lines.isEmpty else { return [] }
        return try await pool.write { db in
            try lines.map { line in
                var record = LogLineRecord(runId: runId, at: line.at, stream: line.stream, text: line.text)
                try record.insert(db)
                return record
            }
        }
    }

    /// Appends one line and returns it with its id (live followers resume from that id).
    @discardableResult
    public func appendLogLine(runId: Int64, stream: LogStream, text: String, at date: Date = Date()) throws -> LogLineRecord {
        try pool.write { db in
            var record = LogLineRecord(runId: runId, at: date, stream: stream, text: redactor.redact(text))
            try record.insert(db)
            return record
        }
    }

    /// The lines of a run after the line with id `afterId` (all when nil), oldest first.
    public func logLines(runId: Int64, afterId: Int64? = nil, limit: Int = 10_000) throws -> [LogLineRecord] {
        try pool.read { db in
            var request = LogLineRecord.filter(Column("runId") == runId)
            if let afterId { request = request.filter(Column("id") > afterId) }
            return try request.order(Column("id")).limit(limit).fetchAll(db)
        }
    }

    // MARK: Proposals

    @discardableResult
    public func insertProposal(_ proposal: ProposalRecord) throws -> ProposalRecord {
        try pool.write { db in
            var record = proposal
            record.error = record.error.map(redactor.redact)
            record.diagnostics = record.diagnostics.map { entry in
                var entry = entry
                entry.message = redactor.redact(entry.message)
                return entry
            }
            try record.insert(db)
            return record
        }
    }

    /// A stack's proposals, newest first, optionally on one branch.
    public func proposals(stackId: String, branch: String? = nil, limit: Int = 50) throws -> [ProposalRecord] {
        try pool.read { db in
            var request = ProposalRecord.filter(Column("stackId") == stackId)
            if let branch { request = request.filter(Column("branch") == branch) }
            return try request.order(Column("createdAt").desc, Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// The newest proposal of `stackId` with `fingerprint` whose plan ran (ready to merge, or
    /// blocked by policy, which the deployer checks again): proof that the daemon itself
    /// showed these inputs and their changes for review.
    public func reviewedProposal(stackId: String, fingerprint: String) throws -> ProposalRecord? {
        try pool.read { db in
            try ProposalRecord
                .filter(Column("stackId") == stackId && Column("fingerprint") == fingerprint)
                .filter([ProposalStatus.proposed.rawValue, ProposalStatus.blocked.rawValue].contains(Column("status")) && Column("changes") != nil)
                .order(Column("createdAt").desc, Column("id").desc)
                .fetchOne(db)
        }
    }

    // MARK: Audit

    /// Appends one action to the audit log.
    @discardableResult
    public func recordAudit(_ event: AuditRecord) throws -> AuditRecord {
        try pool.write { db in
            var record = event
            try record.insert(db)
            return record
        }
    }

    /// The audit log, newest first, optionally only one actor's or one action's, with the
    /// number of matching events.
    public func auditEvents(actor: String? = nil, action: String? = nil, limit: Int = 50, offset: Int = 0) throws -> (events: [AuditRecord], total: Int) {
        try pool.read { db in
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
    public func insertDeployment(_ deployment: DeploymentRecord) throws -> DeploymentRecord {
        try pool.write { db in
            var record = deployment
            record.error = record.error.map(redactor.redact)
            try record.insert(db)
            return record
        }
    }

    public func updateDeployment(_ deployment: DeploymentRecord) throws {
        var record = deployment
        record.error = record.error.map(redactor.redact)
        try pool.write { try record.update($0) }
    }

    public func deployment(id: Int64) throws -> DeploymentRecord? {
        try pool.read { try DeploymentRecord.fetchOne($0, key: id) }
    }

    /// Deployments, newest first, filtered by stack and status, paginated.
    public func deployments(stackId: String? = nil, status: DeploymentStatus? = nil, ascending: Bool = false, limit: Int = 50, offset: Int = 0) throws -> [DeploymentRecord] {
        try pool.read { db in
            var request = DeploymentRecord.all()
            if let stackId { request = request.filter(Column("stackId") == stackId) }
            if let status { request = request.filter(Column("status") == status) }
            let order = ascending ? [Column("queuedAt").asc, Column("id").asc] : [Column("queuedAt").desc, Column("id").desc]
            return try request.order(order).limit(limit, offset: offset).fetchAll(db)
        }
    }

    // MARK: Drift

    @discardableResult
    public func insertDriftCheck(_ check: DriftCheckRecord) throws -> DriftCheckRecord {
        try pool.write { db in
            var record = check
            record.error = record.error.map(redactor.redact)
            try record.insert(db)
            return record
        }
    }

    /// A stack's drift checks, newest first.
    public func driftChecks(stackId: String, limit: Int = 50) throws -> [DriftCheckRecord] {
        try pool.read { db in
            try DriftCheckRecord.filter(Column("stackId") == stackId)
                .order(Column("checkedAt").desc, Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    // MARK: Crash recovery

    /// What `recoverInterruptedWork` found.
    public struct Recovery: Sendable, Equatable {
        public var runs: [RunRecord]
        public var deployments: [DeploymentRecord]
    }

    /// Marks every run and deployment left `running` by a process other than this one, and
    /// every deployment still `queued`, as `interrupted`, and returns them so they can be
    /// reported. Call once at start-up, before queueing anything.
    /// `currentPid` is this process; runs it owns are still alive and are left alone.
    public func recoverInterruptedWork(at date: Date = Date(), currentPid: Int32 = getpid()) throws -> Recovery {
        let me = currentPid
        return try pool.write { db in
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
            return Recovery(runs: runs, deployments: deployments)
        }
    }
}
