import Store

/// When the deploy branch calls for a deployment or a destroy: pure rules over the stack's
/// records, so they are tested as tables.
enum DeploymentRules {
    /// What a stack's files at the deploy branch's tip must be compared with.
    enum Baseline: Equatable {
        /// A deployment of the stack is queued or running: wait for it.
        case busy
        /// Nothing was ever attempted or applied: deploy.
        case none
        /// Compare with this commit.
        case commit(String)
    }

    /// The commit to compare with: the last finished attempt (so a stale, failed or
    /// unreviewed attempt is not repeated until the stack's files change again), or what is
    /// deployed when that attempt never ran to its end (interrupted, superseded).
    static func baseline(last: DeploymentRecord?, deployedCommit: String?) -> Baseline {
        if let last, !last.status.isFinal { return .busy }
        if let last, last.status != .interrupted, last.status != .superseded { return .commit(last.commit) }
        if let deployedCommit { return .commit(deployedCommit) }
        return .none
    }

    /// Whether the stack needs a deployment at `tip`; `changed(baseline)` tells whether the
    /// stack's files differ between that commit and the tip.
    static func needsDeployment(baseline: Baseline, tip: String, changed: (String) throws -> Bool) rethrows -> Bool {
        switch baseline {
        case .busy: false
        case .none: true
        case .commit(let commit): commit == tip ? false : try changed(commit)
        }
    }

    /// Whether a deployed stack that is gone from the deploy branch is destroyed now (queued
    /// as a destroy deployment, which reports `destroy pending` when destroy is not allowed).
    /// A pending destroy is reported once; once destroy is allowed, or after a failed destroy
    /// at an older commit, it goes ahead.
    static func shouldQueueDestroy(last: DeploymentRecord?, allowDestroy: Bool, tip: String) -> Bool {
        guard let last else { return true }
        if last.status == .destroyPending, !allowDestroy { return false }
        if last.status == .destroyFailed, last.commit == tip { return false }
        return last.status.isFinal
    }
}
