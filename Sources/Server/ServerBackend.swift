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
}

extension ServerBackend {
    /// A backend with no repositories of its own (benchmarks) knows no files.
    public func stackFiles(stackID: String, commit: String) async throws -> [String: Data]? { nil }
}
