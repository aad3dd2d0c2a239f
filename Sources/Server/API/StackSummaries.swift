import Secrets
import Store

/// A stack with its last proposal, last deployment and last drift check: the row of the
/// stack list and of the status page.
struct StackSummaries {
    let store: Store

    func all(repositoryId: String? = nil, statuses: Set<String>? = nil) throws -> [APIModels.Stack] {
        try store.stacks(repositoryId: repositoryId)
            .filter { statuses?.contains($0.status.rawValue) ?? true }
            .map(summary)
    }

    func summary(_ stack: StackRecord) throws -> APIModels.Stack {
        APIModels.Stack(
            id: stack.id,
            repository: stack.repositoryId,
            path: stack.path,
            status: stack.status.rawValue,
            statusDetail: stack.statusDetail.map(Redactor.scrubURLCredentials),
            deployedCommit: stack.deployedCommit,
            updatedAt: stack.updatedAt,
            lastProposal: try store.proposals(stackId: stack.id, limit: 1).first.map(APIModels.Proposal.init),
            lastDeployment: try store.deployments(stackId: stack.id, limit: 1).first.map(APIModels.Deployment.init),
            drift: try store.driftChecks(stackId: stack.id, limit: 1).first.map(APIModels.DriftCheck.init)
        )
    }
}

/// A stack's proposals and deployments as one timeline.
struct StackHistory {
    let store: Store

    /// Filtered by kind and status, sorted `newest`, `oldest` or `longest` (duration).
    func items(stackId: String, kind: String?, statuses: Set<String>?, sort: String, scanLimit: Int) throws -> [APIModels.HistoryItem] {
        var items: [APIModels.HistoryItem] = []
        if kind == nil || kind == "proposal" {
            items += try store.proposals(stackId: stackId, limit: scanLimit).map { record in
                APIModels.HistoryItem(
                    kind: "proposal", id: record.id, status: record.status.rawValue, at: record.createdAt,
                    durationMs: record.durationMs, commit: record.sourceCommit, proposal: .init(record), deployment: nil
                )
            }
        }
        if kind == nil || kind == "deployment" {
            items += try store.deployments(stackId: stackId, limit: scanLimit).map { record in
                let model = APIModels.Deployment(record)
                return APIModels.HistoryItem(
                    kind: "deployment", id: record.id, status: record.status.rawValue, at: record.startedAt ?? record.queuedAt,
                    durationMs: model.durationMs, commit: record.commit, proposal: nil, deployment: model
                )
            }
        }
        if let statuses { items.removeAll { !statuses.contains($0.status) } }
        // Ties broken by kind and id so pages are stable between requests.
        let tieBreak: (APIModels.HistoryItem, APIModels.HistoryItem) -> Bool = { ($0.kind, $0.id ?? 0) > ($1.kind, $1.id ?? 0) }
        switch sort {
        case "oldest":
            items.sort { $0.at != $1.at ? $0.at < $1.at : tieBreak($1, $0) }
        case "longest":
            items.sort { ($0.durationMs ?? -1) != ($1.durationMs ?? -1) ? ($0.durationMs ?? -1) > ($1.durationMs ?? -1) : tieBreak($0, $1) }
        default:
            items.sort { $0.at != $1.at ? $0.at > $1.at : tieBreak($0, $1) }
        }
        return items
    }
}
