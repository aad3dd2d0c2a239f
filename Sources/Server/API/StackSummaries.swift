import EZBuiltCore
import Secrets
import Store

/// Stacks with their last proposal, last deployment and last drift check: the rows of the
/// stack list and of the status page, read a page at a time in one store query.
struct StackSummaries {
    let store: Store
    /// Where the progress of running plans and applies is (in memory, not in the store).
    var live: LiveLogs?

    /// One page of stacks (ordered by id) and how many match in all.
    func page(repositoryId: String? = nil, statuses: Set<String>? = nil, limit: Int, offset: Int) async throws -> (stacks: [APIModels.Stack], total: Int) {
        let wanted = statuses.map { Set($0.compactMap(StackStatus.init(rawValue:))) }
        let page = try await store.stackSummaries(repositoryId: repositoryId, statuses: wanted, limit: limit, offset: offset)
        let progress = live?.progressByStack() ?? [:]
        return (page.summaries.map { summary in
            var stack = Self.model(summary)
            stack.progress = progress[stack.id]
            return stack
        }, page.total)
    }

    /// One stack, or nil when the store does not know it.
    func summary(id: String) async throws -> APIModels.Stack? {
        guard var stack = try await store.stackSummary(id: id).map(Self.model) else { return nil }
        stack.progress = live?.progressByStack()[id]
        return stack
    }

    static func model(_ summary: StackSummaryRecord) -> APIModels.Stack {
        let stack = summary.stack
        return APIModels.Stack(
            id: stack.id,
            repository: stack.repositoryId,
            path: stack.path,
            status: stack.status.rawValue,
            statusDetail: stack.statusDetail.map(URLCredentials.scrub),
            deployedCommit: stack.deployedCommit,
            conditions: stack.conditions.map { condition in
                var redacted = condition
                redacted.message = condition.message.map(URLCredentials.scrub)
                return redacted
            },
            lastAppliedCommit: stack.deployedCommit,
            lastAttemptedCommit: summary.lastDeployment?.commit,
            updatedAt: stack.updatedAt,
            lastProposal: summary.lastProposal.map(APIModels.Proposal.init),
            lastDeployment: summary.lastDeployment.map(APIModels.Deployment.init),
            drift: summary.lastDriftCheck.map(APIModels.DriftCheck.init)
        )
    }
}

/// A stack's proposals and deployments as one timeline.
struct StackHistory {
    let store: Store

    /// Filtered by kind and status, sorted `newest`, `oldest` or `longest` (duration).
    func items(stackId: String, kind: String?, statuses: Set<String>?, sort: String, scanLimit: Int) async throws -> [APIModels.HistoryItem] {
        var items: [APIModels.HistoryItem] = []
        if kind == nil || kind == "proposal" {
            items += try await store.proposals(stackId: stackId, limit: scanLimit).map { record in
                APIModels.HistoryItem(
                    kind: "proposal", id: record.id, status: record.status.rawValue, at: record.createdAt,
                    durationMs: record.durationMs, commit: record.sourceCommit, proposal: .init(record), deployment: nil
                )
            }
        }
        if kind == nil || kind == "deployment" {
            items += try await store.deployments(stackId: stackId, limit: scanLimit).map { record in
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
