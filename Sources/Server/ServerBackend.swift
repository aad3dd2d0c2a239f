import Foundation
import Store

/// What the HTTP server asks of the reconciler: its control surface, and nothing else.
///
/// The server depends on this protocol rather than on the reconciler itself, so it can be
/// built, tested and benchmarked alone; `ezbuilt serve` passes the reconciler.
public protocol ServerBackend: Sendable {
    /// Polls the repository now (webhook, sync action). False when unknown.
    func sync(repositoryID: String) async -> Bool
    /// Checks a deployed stack for drift now. False when unknown.
    func requestDriftCheck(stackID: String) async -> Bool
    /// Applies the saved plan with fingerprint `plan` that waits for approval on `stackID`;
    /// `identity` (token name or JWT subject) is recorded with it.
    func approve(stackID: String, plan: String, by identity: String) async throws -> ApprovalResult
    /// Jobs queued and running (metrics).
    func queueDepth() async -> (queued: Int, running: Int)
    /// A stack's `requirements.md` and `terraform/*` files at `commit`, by path relative to
    /// the stack, read from the daemon's mirror of the repository; nil when the repository,
    /// the stack or the commit is not known there.
    func stackFiles(stackID: String, commit: String) async throws -> [String: Data]?
    /// Whether each configured deployer role can be assumed.
    func awsConnections() async -> [AWSConnectionStatus]
    /// Pushes the branch that rolls `stackID` back to what deployment `deploymentID` applied.
    func rollback(stackID: String, to deploymentID: Int64, by identity: String) async throws -> RollbackResult
    /// The stack's state snapshots, oldest first; nil when the stack is unknown.
    func stateSnapshots(stackID: String) async throws -> [StateSnapshot]?
    /// Makes snapshot `snapshot` the stack's state again; refused while the stack is busy.
    func restoreState(stackID: String, snapshot: String, by identity: String) async throws -> RestoreResult
}

extension ServerBackend {
    /// A backend with no repositories of its own (benchmarks) knows no files.
    public func stackFiles(stackID: String, commit: String) async throws -> [String: Data]? { nil }
    /// Nor any deployer role.
    public func awsConnections() async -> [AWSConnectionStatus] { [] }
    /// Nor any repository to push a rollback to.
    public func rollback(stackID: String, to deploymentID: Int64, by identity: String) async throws -> RollbackResult {
        .notFound("no repository holds stack \(stackID)")
    }
    /// Nor any state.
    public func stateSnapshots(stackID: String) async throws -> [StateSnapshot]? { nil }
    public func restoreState(stackID: String, snapshot: String, by identity: String) async throws -> RestoreResult {
        .notFound("no stack \(stackID)")
    }
}
