import Foundation
import Store

/// Two deployments of one stack, their files read through the backend, and what changed:
/// what the compare route and the compare page both show.
struct DeploymentComparison: Sendable {
    let stack: StackRecord
    let from: DeploymentRecord
    let to: DeploymentRecord
    let old: [String: Data]
    let new: [String: Data]
    let comparison: StackComparison

    /// Loads deployments `fromID` and `toID` of `stack`; 404 when either is not this stack's or
    /// its commit is not in the daemon's mirror.
    static func load(_ state: ServerState, stack: StackRecord, from fromID: Int, to toID: Int) async throws -> DeploymentComparison {
        var deployments: [DeploymentRecord] = []
        var files: [[String: Data]] = []
        for id in [fromID, toID] {
            guard let deployment = try await state.store.deployment(id: Int64(id)), deployment.stackId == stack.id else {
                throw APIError.notFound("no deployment \(id) of '\(stack.id)'")
            }
            guard let snapshot = try await state.backend.stackFiles(stackID: stack.id, commit: deployment.commit) else {
                throw APIError.notFound("the files of deployment \(id) (commit \(deployment.commit.prefix(12))) are not in the daemon's mirror of the repository")
            }
            deployments.append(deployment)
            files.append(snapshot)
        }
        return DeploymentComparison(stack: stack, from: deployments[0], to: deployments[1], old: files[0], new: files[1],
                                    comparison: StackComparison(from: files[0], to: files[1]))
    }

    /// `from` and `to` from a query, both required.
    static func ids(_ query: QueryParameters) throws(APIError) -> (from: Int, to: Int) {
        let from = try query.int("from", in: 1...Int.max)
        let to = try query.int("to", in: 1...Int.max)
        guard let from else { throw APIError.badParameter("from", "is required: a deployment id of this stack") }
        guard let to else { throw APIError.badParameter("to", "is required: a deployment id of this stack") }
        return (from, to)
    }
}
