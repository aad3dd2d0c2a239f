import Foundation

/// What a database must do to hold the daemon's records: one implementation per database
/// (SQLite for one daemon, PostgreSQL for several replicas), behind the one `Store` API, and
/// checked by one shared test suite. Both keep the same records and the same numbered
/// migrations.
///
/// Every call is asynchronous and waits without holding a thread of the cooperative pool:
/// SQLite work runs on GRDB's own queues, PostgreSQL queries on NIO's event loops.
protocol StoreBackend: Sendable {
    func appliedMigrations() async throws -> [String]

    func rememberWebhookDelivery(provider: String, id: String, at date: Date, forgettingBefore cutoff: Date) async throws -> Bool
    func webhookDeliveryCount() async throws -> Int

    func upsertRepository(id: String, url: String) async throws
    func recordFetch(repositoryId: String, at date: Date, error: String?) async throws
    func repositories() async throws -> [RepositoryRecord]
    func repository(id: String) async throws -> RepositoryRecord?

    func saveStack(_ stack: StackRecord) async throws
    func setStackStatus(id: String, repositoryId: String, path: String, status: StackStatus, detail: String?, deployedCommit: String??, at date: Date) async throws -> StackRecord
    func stack(id: String) async throws -> StackRecord?
    func stacks(repositoryId: String?) async throws -> [StackRecord]

    func startRun(stackId: String, kind: RunKind, owner: String?, at date: Date) async throws -> RunRecord
    func finishRun(id: Int64, status: RunStatus, at date: Date) async throws
    func run(id: Int64) async throws -> RunRecord?
    /// Appends the lines in one transaction; returns them with their ids, in order.
    func appendLog(runId: Int64, _ lines: [(stream: LogStream, text: String, at: Date)]) async throws -> [LogLineRecord]
    func logLines(runId: Int64, afterId: Int64?, limit: Int) async throws -> [LogLineRecord]

    func insertProposal(_ proposal: ProposalRecord) async throws -> ProposalRecord
    func proposals(stackId: String, branch: String?, limit: Int) async throws -> [ProposalRecord]
    func reviewedProposal(stackId: String, fingerprint: String) async throws -> ProposalRecord?

    func recordAudit(_ event: AuditRecord) async throws -> AuditRecord
    func auditEvents(actor: String?, action: String?, limit: Int, offset: Int) async throws -> (events: [AuditRecord], total: Int)

    func insertDeployment(_ deployment: DeploymentRecord) async throws -> DeploymentRecord
    func insertDeploymentUnlessBusy(_ deployment: DeploymentRecord) async throws -> DeploymentRecord?
    func updateDeployment(_ deployment: DeploymentRecord) async throws
    func deployment(id: Int64) async throws -> DeploymentRecord?
    func deployments(stackId: String?, status: DeploymentStatus?, ascending: Bool, limit: Int, offset: Int) async throws -> [DeploymentRecord]

    func insertDriftCheck(_ check: DriftCheckRecord) async throws -> DriftCheckRecord
    func driftChecks(stackId: String, limit: Int) async throws -> [DriftCheckRecord]

    func recoverInterruptedWork(at date: Date, currentPid: Int32) async throws -> Store.Recovery
    func recoverWorkOfDeadReplicas(me: String, at date: Date) async throws -> Store.Recovery

    func claimLease(_ key: String, owner: String, until expiresAt: Date, at now: Date) async throws -> LeaseRecord?
    func releaseLease(_ key: String, owner: String) async throws
    func lease(_ key: String) async throws -> LeaseRecord?

    func stackSummaries(repositoryId: String?, statuses: Set<StackStatus>?, limit: Int, offset: Int) async throws -> StackSummaryPage
    func stackSummary(id: String) async throws -> StackSummaryRecord?
    func stackCounts() async throws -> StackCounts

    /// Ends the connections (PostgreSQL); a no-op where there is nothing to end.
    func close() async
}
