import Forge
import Foundation
import Store

/// What proposals and deployments tell the forge: commit statuses with the context
/// `ezbuilt/<stack>`, handed to the background publisher (which never makes them wait).
///
/// A proposal posts `pending` on the pushed commit while it plans, then its outcome on the
/// pushed commit and on the commit it added (the pull request's head): `success` when ready to
/// merge, `failure` when refused, blocked or failed. A deployment posts `pending` on the merged
/// commit, then `success` when applied, `failure` otherwise.
struct ForgeStatuses: Sendable {
    let environment: ReconcilerEnvironment
    let repository: RepositoryContext

    /// Queues a status for `sha`; nothing when the repository has no forge.
    func post(_ sha: String, stackID: String, _ state: CommitStatus.State, _ description: String) async {
        guard let forge = repository.config.forge else { return }
        await environment.statuses.publish(
            CommitStatus(sha: sha, state: state, context: CommitStatus.context(stackID: stackID), description: description), to: forge)
    }

    /// A proposal's outcome as a status.
    static func proposal(_ status: ProposalStatus, headline: String) -> (CommitStatus.State, String) {
        switch status {
        case .proposed: (.success, "ready to merge: \(headline)")
        case .refused, .blocked, .failed: (.failure, "\(headline); see PLAN.md")
        }
    }

    /// A finished deployment as a status; nil for one that did not finish (interrupted or
    /// superseded: it is reconciled again).
    static func deployment(_ deployment: DeploymentRecord) -> (CommitStatus.State, String)? {
        switch deployment.status {
        case .succeeded: (.success, "applied (\(deployment.counts.map(Format.counts) ?? "no changes"))")
        case .destroyed: (.success, "destroyed")
        case .interrupted, .superseded, .queued, .running: nil
        default: (.failure, "\(deployment.status.rawValue): \(deployment.error ?? "see the status branch")")
        }
    }
}
