import Foundation

/// What a database must do to hold the daemon's records: one implementation per database
/// (SQLite for one daemon, PostgreSQL for several replicas), behind the one `Store` API, and
/// checked by one shared test suite. Both keep the same records and the same numbered
/// migrations.
protocol StoreBackend: Sendable {
    func appliedMigrations() throws -> [String]

    func rememberWebhookDelivery(provider: String, id: String, at date: Date, forgettingBefore cutoff: Date) throws -> Bool
    func webhookDeliveryCount() throws -> Int

    func upsertRepository(id: String, url: String) throws
    func recordFetch(repositoryId: String, at date: Date, error: String?) throws
    func repositories() throws -> [RepositoryRecord]
    func repository(id: String) throws -> RepositoryRecord?

    func saveStack(_ stack: StackRecord) throws
    func setStackStatus(id: String, repositoryId: String, path: String, status: StackStatus, detail: String?, deployedCommit: String??, at date: Date) throws -> StackRecord
    func stack(id: String) throws -> StackRecord?
    func stacks(repositoryId: String?) throws -> [StackRecord]

    func startRun(stackId: String, kind: RunKind, owner: String?, at date: Date) throws -> RunRecord
    func finishRun(id: Int64, status: RunStatus, at date: Date) throws
    func run(id: Int64) throws -> RunRecord?
    func appendLog(runId: Int64, _ lines: [(stream: LogStream, text: String, at: Date)]) throws
    func appendLogLines(runId: Int64, _ lines: [(stream: LogStream, text: String, at: Date)]) async throws -> [LogLineRecord]
    func appendLogLine(runId: Int64, stream: LogStream, text: String, at date: Date) throws -> LogLineRecord
    func logLines(runId: Int64, afterId: Int64?, limit: Int) throws -> [LogLineRecord]

    func insertProposal(_ proposal: ProposalRecord) throws -> ProposalRecord
    func proposals(stackId: String, branch: String?, limit: Int) throws -> [ProposalRecord]
    func reviewedProposal(stackId: String, fingerprint: String) throws -> ProposalRecord?

    func recordAudit(_ event: AuditRecord) throws -> AuditRecord
    func auditEvents(actor: String?, action: String?, limit: Int, offset: Int) throws -> (events: [AuditRecord], total: Int)

    func insertDeployment(_ deployment: DeploymentRecord) throws -> DeploymentRecord
    func insertDeploymentUnlessBusy(_ deployment: DeploymentRecord) throws -> DeploymentRecord?
    func updateDeployment(_ deployment: DeploymentRecord) throws
    func deployment(id: Int64) throws -> DeploymentRecord?
    func deployments(stackId: String?, status: DeploymentStatus?, ascending: Bool, limit: Int, offset: Int) throws -> [DeploymentRecord]

    func insertDriftCheck(_ check: DriftCheckRecord) throws -> DriftCheckRecord
    func driftChecks(stackId: String, limit: Int) throws -> [DriftCheckRecord]

    func recoverInterruptedWork(at date: Date, currentPid: Int32) throws -> Store.Recovery
    func recoverWorkOfDeadReplicas(me: String, at date: Date) throws -> Store.Recovery

    func claimLease(_ key: String, owner: String, until expiresAt: Date, at now: Date) throws -> LeaseRecord?
    func releaseLease(_ key: String, owner: String) throws
    func lease(_ key: String) throws -> LeaseRecord?

    func stackSummaries(repositoryId: String?, statuses: Set<StackStatus>?, limit: Int, offset: Int) async throws -> StackSummaryPage
    func stackSummary(id: String) async throws -> StackSummaryRecord?
    func stackCounts() async throws -> StackCounts

    /// Ends the connections (PostgreSQL); a no-op where there is nothing to end.
    func close() async
}
