import EZBuiltConfiguration
import Foundation
import Logging
import ServiceLifecycle
import Store

/// The GitOps loop as a service: one watcher per repository, one shared work queue, crash
/// recovery at start, and a clean stop (running terraform commands are interrupted and
/// recorded as such) on graceful shutdown.
public final class Reconciler: Service, Sendable {
    public let environment: ReconcilerEnvironment
    private let queue: WorkQueue
    private let watchers: [String: RepositoryWatcher]
    /// The configured deployer roles, verified at start and every hour.
    public let connections: AWSConnections

    /// Builds the reconciler. Runs crash recovery: work left `running` by a previous process
    /// becomes `interrupted`, to be reported and reconciled again.
    public init(config: EZBuiltConfig, environment: ReconcilerEnvironment, connectionCheckInterval: Duration = .seconds(3600)) async throws {
        self.environment = environment
        connections = AWSConnections(config: config, setup: environment.terraform, interval: connectionCheckInterval, logger: environment.logger)
        queue = WorkQueue(limit: config.terraform.parallelism, logger: environment.logger)
        let recovery: Store.Recovery
        if let leases = environment.leases {
            // Replicas: what a dead replica left is recovered by the heartbeat, once its lease
            // has expired; the work of live ones is theirs.
            try await leases.announce()
            recovery = Store.Recovery(runs: [], deployments: [])
        } else {
            recovery = try await environment.store.recoverInterruptedWork()
        }
        if !recovery.runs.isEmpty {
            environment.logger.warning("recovered work interrupted by a previous stop", metadata: [
                "runs": "\(recovery.runs.count)", "deployments": "\(recovery.deployments.count)",
            ])
        }
        var watchers: [String: RepositoryWatcher] = [:]
        for repository in config.repositories {
            let prefix = repository.id + "/"
            watchers[repository.id] = RepositoryWatcher(
                config: repository, environment: environment, queue: queue,
                interrupted: recovery.deployments.filter { $0.stackId.hasPrefix(prefix) })
        }
        self.watchers = watchers
    }

    public func run() async throws {
        let watchers = Array(self.watchers.values)
        let statuses = environment.statuses
        let connections = self.connections
        await withTaskGroup(of: Void.self) { publishing in
            // Commit statuses go out beside the loop, never in its way.
            publishing.addTask { await statuses.run() }
            // Graceful shutdown (SIGTERM) cancels the polling loops; running jobs are then
            // cancelled too, which interrupts terraform cleanly and records it.
            await cancelWhenGracefulShutdown {
                await withTaskGroup(of: Void.self) { group in
                    if let leases = self.environment.leases {
                        group.addTask { await leases.heartbeat { recovery in await self.reportRecovered(recovery) } }
                    }
                    group.addTask { await connections.run() }
                    for watcher in watchers {
                        group.addTask { await watcher.loop() }
                    }
                    await group.waitForAll()
                }
            }
            await queue.shutdownAndWait()
            await environment.leases?.resign()
            // The last statuses get a moment to reach the forge; a stopping daemon waits for no forge.
            await statuses.finish(within: .seconds(3))
        }
    }

    /// Hands deployments recovered from a dead replica to their repositories' watchers, which
    /// report them and deploy again.
    private func reportRecovered(_ recovery: Store.Recovery) async {
        for deployment in recovery.deployments {
            guard let repositoryID = deployment.stackId.split(separator: "/", maxSplits: 1).first.map(String.init),
                  let watcher = watchers[repositoryID]
            else { continue }
            await watcher.noteInterrupted(deployment)
        }
    }

    /// Polls a repository now (webhooks and the sync action call this). False when unknown.
    @discardableResult
    public func sync(repositoryID: String) async -> Bool {
        guard let watcher = watchers[repositoryID] else { return false }
        await watcher.doorbell.ring()
        return true
    }

    /// Checks a deployed stack for drift now. False when its repository is unknown.
    @discardableResult
    public func requestDriftCheck(stackID: String) async -> Bool {
        guard let repositoryID = stackID.split(separator: "/", maxSplits: 1).first.map(String.init),
              let watcher = watchers[repositoryID]
        else { return false }
        await watcher.requestDrift(stackID)
        return true
    }

    /// Applies the saved plan `plan` (its fingerprint) of a stack whose merged change planned
    /// differently from its review. `identity` (a token name or JWT subject) is recorded.
    public func approve(stackID: String, plan: String, by identity: String) async throws -> ApprovalResult {
        guard let repositoryID = stackID.split(separator: "/", maxSplits: 1).first.map(String.init),
              let watcher = watchers[repositoryID]
        else { return .notWaiting }
        return try await watcher.approve(stackID: stackID, plan: plan, by: identity)
    }

    /// A stack's `requirements.md` and `terraform/*` at `commit` (paths relative to the stack),
    /// from the repository's mirror; nil when the repository, stack or commit is unknown.
    public func stackFiles(stackID: String, commit: String) async throws -> [String: Data]? {
        guard let repositoryID = stackID.split(separator: "/", maxSplits: 1).first.map(String.init),
              let watcher = watchers[repositoryID]
        else { return nil }
        return try await watcher.stackFiles(stackID: stackID, commit: commit)
    }

    /// Whether each configured deployer role can be assumed (pending until first checked).
    public func awsConnections() async -> [AWSConnectionStatus] {
        await connections.statuses()
    }

    /// Pushes the branch `ezbuilt/rollback/<stack>-<N>` holding what deployment N applied; it
    /// is proposed like any branch and applied when merged.
    public func rollback(stackID: String, to deploymentID: Int64, by identity: String) async throws -> RollbackResult {
        guard let watcher = watcher(of: stackID) else { return .notFound("no repository holds stack \(stackID)") }
        return try await watcher.rollback(stackID: stackID, to: deploymentID, by: identity)
    }

    /// A stack's state snapshots, oldest first; nil when the stack is unknown.
    public func stateSnapshots(stackID: String) async throws -> [StateSnapshot]? {
        try await watcher(of: stackID)?.stateSnapshots(stackID: stackID)
    }

    /// Makes a snapshot the stack's state again (refused while the stack is busy).
    public func restoreState(stackID: String, snapshot: String, by identity: String) async throws -> RestoreResult {
        guard let watcher = watcher(of: stackID) else { return .notFound("no repository holds stack \(stackID)") }
        return try await watcher.restoreState(stackID: stackID, snapshot: snapshot, by: identity)
    }

    private func watcher(of stackID: String) -> RepositoryWatcher? {
        stackID.split(separator: "/", maxSplits: 1).first.flatMap { watchers[String($0)] }
    }

    /// Jobs queued and running (for metrics and tests).
    public func queueDepth() async -> (queued: Int, running: Int) {
        let depth = (await queue.depth, await queue.active)
        environment.metrics.setQueueDepth(queued: depth.0, running: depth.1)
        return depth
    }

    /// Waits until no job is queued or running.
    public func waitUntilIdle() async {
        await queue.waitUntilIdle()
    }
}

