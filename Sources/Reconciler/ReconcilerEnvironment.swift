import Forge
import Foundation
import Logging
import Store
import Telemetry

/// What every part of the reconciler shares.
public struct ReconcilerEnvironment: Sendable {
    public let store: Store
    public let generator: any StackGenerator
    public let policy: any ProposalPolicy
    public let terraform: TerraformSetup
    public let live: LiveLogs
    public let author: CommitAuthor
    public let metrics: EZBuiltMetrics
    /// Posts commit statuses to the repositories' forges in the background.
    public let statuses: CommitStatusPublisher
    public let logger: Logger
    /// Set when several replicas share the store (PostgreSQL): each stack's work is claimed
    /// with a lease. Nil for one daemon.
    public let leases: ReplicaLeases?

    public init(store: Store, generator: any StackGenerator, policy: any ProposalPolicy, terraform: TerraformSetup, live: LiveLogs = LiveLogs(), author: CommitAuthor = CommitAuthor(), metrics: EZBuiltMetrics = EZBuiltMetrics(), statuses: CommitStatusPublisher? = nil, leases: ReplicaLeases? = nil, logger: Logger) {
        self.leases = leases
        self.store = store
        self.generator = generator
        self.policy = policy
        self.terraform = terraform
        self.live = live
        self.author = author
        self.metrics = metrics
        self.statuses = statuses ?? CommitStatusPublisher(logger: logger)
        self.logger = logger
    }

    /// Starts a run with its log.
    func startRun(stackID: String, kind: RunKind) async throws -> RunLog {
        let run = try await store.startRun(stackId: stackID, kind: kind, owner: leases?.owner)
        return RunLog(runId: run.id ?? 0, stackId: stackID, store: store, live: live, logger: logger)
    }
}
