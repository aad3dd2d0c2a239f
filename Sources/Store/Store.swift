import Foundation
import Logging
import Secrets

/// The daemon's records behind a small typed API: in one SQLite file (WAL mode) for one
/// daemon, or in PostgreSQL for several replicas sharing the work. Both databases keep the same
/// records with the same numbered migrations, and one test suite checks both.
///
/// All SQL lives in this target. The store is safe to share between tasks. Texts are redacted
/// here, before either database sees them.
public final class Store: Sendable {
    let backend: any StoreBackend
    /// The SQLite file; empty for PostgreSQL.
    public let path: String
    /// Applied to every text written (log lines, errors, status details): the store never
    /// holds a secret the daemon knows, whoever forgot to redact before writing.
    public let redactor: Redactor

    /// Opens (creating when needed) the SQLite database at `path` and migrates it to the latest
    /// schema; `redactor` (the daemon's) cleans every text written. The file is opened and
    /// migrated on GRDB's own queues, never on a thread of the cooperative pool.
    public init(path: String, redactor: Redactor = Redactor()) async throws {
        backend = try await SQLiteBackend.open(path: path)
        self.path = path
        self.redactor = redactor
    }

    /// Connects to the PostgreSQL database and migrates it to the latest schema (one replica at a
    /// time: replicas starting together wait for each other); `redactor` as for SQLite.
    public init(postgres settings: PostgresSettings, redactor: Redactor = Redactor(), logger: Logger = Logger(label: "ezbuilt.store")) async throws {
        backend = try await PostgresBackend.open(settings: settings, logger: logger)
        path = ""
        self.redactor = redactor
    }

    /// How long a webhook delivery id is remembered (forges redeliver within hours).
    public static let webhookDeliveryRetention: TimeInterval = 7 * 24 * 3600

    /// Records the webhook delivery `id` of `provider`; false when it was already received
    /// (a replay, also one received by another replica). Ids older than `retention` are
    /// forgotten, so the table stays bounded.
    public func rememberWebhookDelivery(provider: String, id: String, at date: Date = Date(),
                                        retention: TimeInterval = Store.webhookDeliveryRetention) async throws -> Bool {
        try await backend.rememberWebhookDelivery(provider: provider, id: id, at: date, forgettingBefore: date.addingTimeInterval(-retention))
    }

    /// Number of remembered webhook deliveries (tests, metrics).
    public func webhookDeliveryCount() async throws -> Int {
        try await backend.webhookDeliveryCount()
    }

    /// Whether several daemons may share this store (PostgreSQL).
    public var isShared: Bool { backend is PostgresBackend }

    /// Ends the store's database connections (PostgreSQL); SQLite files close with the store.
    public func close() async {
        await backend.close()
    }

    /// The migrations applied so far, in order.
    public func appliedMigrations() async throws -> [String] {
        try await backend.appliedMigrations()
    }

    /// The journal mode SQLite reports (`wal` once open); `postgresql` for PostgreSQL.
    public func journalMode() async throws -> String {
        guard let sqlite = backend as? SQLiteBackend else { return "postgresql" }
        return try await sqlite.journalMode()
    }

    // MARK: Repositories

    /// Records a repository, keeping its fetch history when it already exists.
    public func upsertRepository(id: String, url: String) async throws {
        try await backend.upsertRepository(id: id, url: url)
    }

    /// Records the outcome of a fetch (`error` nil on success).
    public func recordFetch(repositoryId: String, at date: Date = Date(), error: String?) async throws {
        try await backend.recordFetch(repositoryId: repositoryId, at: date, error: error.map(redactor.redact))
    }

    /// Every repository, ordered by id.
    public func repositories() async throws -> [RepositoryRecord] {
        try await backend.repositories()
    }

    public func repository(id: String) async throws -> RepositoryRecord? {
        try await backend.repository(id: id)
    }

    // MARK: Stacks

    /// Inserts or replaces a stack record.
    public func saveStack(_ stack: StackRecord) async throws {
        try await backend.saveStack(stack)
    }

    /// Sets a stack's status (creating the stack when it is new) and returns the record.
    @discardableResult
    public func setStackStatus(id: String, repositoryId: String, path: String, status: StackStatus, detail: String? = nil, deployedCommit: String?? = .none, at date: Date = Date()) async throws -> StackRecord {
        try await backend.setStackStatus(id: id, repositoryId: repositoryId, path: path, status: status, detail: detail.map(redactor.redact), deployedCommit: deployedCommit, at: date)
    }

    public func stack(id: String) async throws -> StackRecord? {
        try await backend.stack(id: id)
    }

    /// All stacks, or those of one repository, ordered by id.
    public func stacks(repositoryId: String? = nil) async throws -> [StackRecord] {
        try await backend.stacks(repositoryId: repositoryId)
    }

    // MARK: Runs and logs

    /// Starts a run owned by this process (and replica `owner`, when several share the store).
    public func startRun(stackId: String, kind: RunKind, owner: String? = nil, at date: Date = Date()) async throws -> RunRecord {
        try await backend.startRun(stackId: stackId, kind: kind, owner: owner, at: date)
    }

    public func finishRun(id: Int64, status: RunStatus = .finished, at date: Date = Date()) async throws {
        try await backend.finishRun(id: id, status: status, at: date)
    }

    public func run(id: Int64) async throws -> RunRecord? {
        try await backend.run(id: id)
    }

    /// Appends a batch of a run's log lines in one transaction (one statement in PostgreSQL)
    /// and returns them with their ids, in order (live followers resume from those ids).
    @discardableResult
    public func appendLog(runId: Int64, _ lines: [(stream: LogStream, text: String, at: Date)]) async throws -> [LogLineRecord] {
        guard !lines.isEmpty else { return [] }
        return try await backend.appendLog(runId: runId, lines.map { ($0.stream, redactor.redact($0.text), $0.at) })
    }

    /// Appends one line and returns it with its id; a run's output goes through `appendLog`,
    /// a batch at a time.
    @discardableResult
    public func appendLogLine(runId: Int64, stream: LogStream, text: String, at date: Date = Date()) async throws -> LogLineRecord {
        guard let record = try await appendLog(runId: runId, [(stream, text, date)]).first else {
            throw StoreError("appending a line to run \(runId) stored nothing")
        }
        return record
    }

    /// The lines of a run after the line with id `afterId` (all when nil), oldest first.
    public func logLines(runId: Int64, afterId: Int64? = nil, limit: Int = 10_000) async throws -> [LogLineRecord] {
        try await backend.logLines(runId: runId, afterId: afterId, limit: limit)
    }

    // MARK: Proposals

    @discardableResult
    public func insertProposal(_ proposal: ProposalRecord) async throws -> ProposalRecord {
        var record = proposal
        record.error = record.error.map(redactor.redact)
        record.diagnostics = record.diagnostics.map { entry in
            var entry = entry
            entry.message = redactor.redact(entry.message)
            return entry
        }
        return try await backend.insertProposal(record)
    }

    /// A stack's proposals, newest first, optionally on one branch.
    public func proposals(stackId: String, branch: String? = nil, limit: Int = 50) async throws -> [ProposalRecord] {
        try await backend.proposals(stackId: stackId, branch: branch, limit: limit)
    }

    /// The newest proposal of `stackId` with `fingerprint` whose plan ran (ready to merge, or
    /// blocked by policy, which the deployer checks again): proof that the daemon itself
    /// showed these inputs and their changes for review.
    public func reviewedProposal(stackId: String, fingerprint: String) async throws -> ProposalRecord? {
        try await backend.reviewedProposal(stackId: stackId, fingerprint: fingerprint)
    }

    // MARK: Audit

    /// Appends one action to the audit log.
    @discardableResult
    public func recordAudit(_ event: AuditRecord) async throws -> AuditRecord {
        try await backend.recordAudit(event)
    }

    /// The audit log, newest first, optionally only one actor's or one action's, with the
    /// number of matching events.
    public func auditEvents(actor: String? = nil, action: String? = nil, limit: Int = 50, offset: Int = 0) async throws -> (events: [AuditRecord], total: Int) {
        try await backend.auditEvents(actor: actor, action: action, limit: limit, offset: offset)
    }

    // MARK: Deployments

    @discardableResult
    public func insertDeployment(_ deployment: DeploymentRecord) async throws -> DeploymentRecord {
        var record = deployment
        record.error = record.error.map(redactor.redact)
        return try await backend.insertDeployment(record)
    }

    /// Inserts `deployment` unless a deployment of its stack is queued or running already;
    /// nil then. Atomic across replicas: of two inserting at once, one wins (a merge is
    /// deployed once, by whichever replica saw it first).
    public func insertDeploymentUnlessBusy(_ deployment: DeploymentRecord) async throws -> DeploymentRecord? {
        var record = deployment
        record.error = record.error.map(redactor.redact)
        return try await backend.insertDeploymentUnlessBusy(record)
    }

    public func updateDeployment(_ deployment: DeploymentRecord) async throws {
        var record = deployment
        record.error = record.error.map(redactor.redact)
        try await backend.updateDeployment(record)
    }

    public func deployment(id: Int64) async throws -> DeploymentRecord? {
        try await backend.deployment(id: id)
    }

    /// Deployments, newest first, filtered by stack and status, paginated.
    public func deployments(stackId: String? = nil, status: DeploymentStatus? = nil, ascending: Bool = false, limit: Int = 50, offset: Int = 0) async throws -> [DeploymentRecord] {
        try await backend.deployments(stackId: stackId, status: status, ascending: ascending, limit: limit, offset: offset)
    }

    // MARK: Drift

    @discardableResult
    public func insertDriftCheck(_ check: DriftCheckRecord) async throws -> DriftCheckRecord {
        var record = check
        record.error = record.error.map(redactor.redact)
        return try await backend.insertDriftCheck(record)
    }

    /// A stack's drift checks, newest first.
    public func driftChecks(stackId: String, limit: Int = 50) async throws -> [DriftCheckRecord] {
        try await backend.driftChecks(stackId: stackId, limit: limit)
    }

    // MARK: Stack summaries

    /// One page of stacks with their newest proposal, deployment and drift check, ordered by
    /// id, read in one SQL statement (plus the count, in the same read), whatever the number of
    /// stacks. `statuses` nil or empty means every status.
    public func stackSummaries(repositoryId: String? = nil, statuses: Set<StackStatus>? = nil, limit: Int = 50, offset: Int = 0) async throws -> StackSummaryPage {
        try await backend.stackSummaries(repositoryId: repositoryId, statuses: statuses, limit: max(0, limit), offset: max(0, offset))
    }

    /// One stack with its newest proposal, deployment and drift check, or nil when unknown.
    public func stackSummary(id: String) async throws -> StackSummaryRecord? {
        try await backend.stackSummary(id: id)
    }

    /// Stacks per status and drifted stacks, counted by the database.
    public func stackCounts() async throws -> StackCounts {
        try await backend.stackCounts()
    }

    // MARK: Leases

    /// Claims `key` for `owner` for `duration` from `now`: granted when nobody holds it, when
    /// the holder's lease has expired (it died: the work is taken over), or when `owner` holds
    /// it already (a renewal, which keeps `acquiredAt`). Returns the lease, or nil while another
    /// owner's lease runs. Atomic across replicas: of two claims at once, one wins.
    public func claimLease(_ key: String, owner: String, for duration: Duration, at now: Date = Date()) async throws -> LeaseRecord? {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return try await backend.claimLease(key, owner: owner, until: now.addingTimeInterval(seconds), at: now)
    }

    /// Gives up `key` if `owner` still holds it (a lease taken over meanwhile stays).
    public func releaseLease(_ key: String, owner: String) async throws {
        try await backend.releaseLease(key, owner: owner)
    }

    /// The lease on `key`, expired or not, or nil.
    public func lease(_ key: String) async throws -> LeaseRecord? {
        try await backend.lease(key)
    }

    // MARK: Crash recovery

    /// What `recoverInterruptedWork` found.
    public struct Recovery: Sendable, Equatable {
        public var runs: [RunRecord]
        public var deployments: [DeploymentRecord]

        public init(runs: [RunRecord] = [], deployments: [DeploymentRecord] = []) {
            self.runs = runs
            self.deployments = deployments
        }
    }

    /// Marks every run and deployment left `running` by a process other than this one, and
    /// every deployment still `queued`, as `interrupted`, and returns them so they can be
    /// reported. Call once at start-up, before queueing anything.
    /// `currentPid` is this process; runs it owns are still alive and are left alone.
    public func recoverInterruptedWork(at date: Date = Date(), currentPid: Int32 = getpid()) async throws -> Recovery {
        try await backend.recoverInterruptedWork(at: date, currentPid: currentPid)
    }

    /// The lease a live replica renews while it runs (see `recoverWorkOfDeadReplicas`).
    public static func replicaLeaseKey(_ owner: String) -> String { "replica:" + owner }

    /// Marks the runs left `running` and the deployments left `queued` or `running` by
    /// replicas other than `me` whose replica lease (`replicaLeaseKey`) has expired or is gone
    /// (they died) as `interrupted`, and returns them. Work of live replicas is left alone.
    /// Atomic across replicas: each record is returned to one caller only.
    public func recoverWorkOfDeadReplicas(me: String, at date: Date = Date()) async throws -> Recovery {
        try await backend.recoverWorkOfDeadReplicas(me: me, at: date)
    }
}
