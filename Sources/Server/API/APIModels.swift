import EZBuiltCore
import Foundation
import Secrets
import Store
import EZBuiltConfiguration

/// The JSON shapes of the API. They are built from the store's records field by field, so a
/// field added to a record (a snapshot path, say) does not leak into responses unnoticed.
enum APIModels {
    struct RepositoryList: Encodable { var repositories: [Repository] }

    struct Repository: Encodable {
        var id: String
        var url: String
        var deployBranch: String
        var statusBranch: String
        /// Whether webhooks are accepted (a secret is configured), never the secret.
        var webhooksEnabled: Bool
        var lastFetchAt: Date?
        var lastFetchError: String?
        var everReachable: Bool
        var stackCount: Int
    }

    /// One page of stacks, ordered by id; `total` counts every stack matching the filter.
    struct StackList: Encodable {
        var stacks: [Stack]
        var total: Int
        var limit: Int
        var offset: Int
    }

    struct Stack: Encodable {
        var id: String
        var repository: String
        var path: String
        var status: String
        var statusDetail: String?
        var deployedCommit: String?
        /// Flux-style conditions: Ready, Reconciling, Stalled with typed reasons.
        var conditions: [StackCondition]
        /// The commit whose Terraform is applied (same as `deployedCommit`).
        var lastAppliedCommit: String?
        /// The commit of the latest deployment attempt, whatever its outcome.
        var lastAttemptedCommit: String?
        var updatedAt: Date
        var lastProposal: Proposal?
        var lastDeployment: Deployment?
        var drift: DriftCheck?
        /// How far its running plan or apply has got, while one runs.
        var progress: RunProgressRecord?
    }

    struct Proposal: Encodable {
        var id: Int64?
        var runId: Int64?
        var branch: String
        var sourceCommit: String
        var generatedCommit: String?
        var status: String
        var validationPassed: Bool?
        var plan: PlanCounts?
        var diagnostics: [DiagnosticEntry]
        var error: String?
        var createdAt: Date
        var durationMs: Int?

        init(_ record: ProposalRecord) {
            id = record.id
            runId = record.runId
            branch = record.branch
            sourceCommit = record.sourceCommit
            generatedCommit = record.generatedCommit
            status = record.status.rawValue
            validationPassed = record.validationPassed
            plan = record.plan
            diagnostics = record.diagnostics.map {
                DiagnosticEntry(severity: $0.severity, line: $0.line, file: $0.file, message: URLCredentials.scrub($0.message))
            }
            error = record.error.map(URLCredentials.scrub)
            createdAt = record.createdAt
            durationMs = record.durationMs
        }
    }

    struct Deployment: Encodable {
        var id: Int64?
        var runId: Int64?
        var stackId: String
        var commit: String
        var action: String
        var status: String
        var queuedAt: Date
        var startedAt: Date?
        var finishedAt: Date?
        var durationMs: Int?
        var error: String?
        var counts: PlanCounts?
        /// While it waits for an approval: the fingerprint to approve (`POST …/approve`) and
        /// the changes of that plan, which differ from the reviewed ones.
        var pendingPlan: String?
        var pendingChanges: [ResourceChangeEntry]?
        /// Who approved the plan this deployment applied (a token name or a JWT subject).
        var approvedBy: String?

        init(_ record: DeploymentRecord) {
            id = record.id
            runId = record.runId
            stackId = record.stackId
            commit = record.commit
            action = record.action.rawValue
            status = record.status.rawValue
            queuedAt = record.queuedAt
            startedAt = record.startedAt
            finishedAt = record.finishedAt
            durationMs = record.duration.map { Int(($0 * 1000).rounded()) }
            error = record.error.map(URLCredentials.scrub)
            counts = record.counts
            pendingPlan = record.pendingPlan
            pendingChanges = record.pendingChanges
            approvedBy = record.approvedBy
        }
    }

    struct DeploymentWithLog: Encodable {
        var deployment: Deployment
        var log: [LogLine]
        /// True when the log was cut at the line limit; page with `/runs/{id}/log?after=`.
        var logTruncated: Bool
    }

    struct Comparison: Encodable {
        struct Counts: Encodable {
            var added: Int
            var removed: Int
            var changed: Int
        }

        var stackId: String
        var from: Deployment
        var to: Deployment
        var requirements: StackComparison.FileChange
        var terraform: [StackComparison.FileChange]
        var resources: [StackComparison.ResourceChange]
        var resourceCounts: Counts

        init(stackId: String, from: DeploymentRecord, to: DeploymentRecord, comparison: StackComparison) {
            self.stackId = stackId
            self.from = Deployment(from)
            self.to = Deployment(to)
            requirements = comparison.requirements
            terraform = comparison.terraform
            resources = comparison.resources
            resourceCounts = Counts(added: comparison.resources.filter { $0.change == .added }.count,
                                    removed: comparison.resources.filter { $0.change == .removed }.count,
                                    changed: comparison.resources.filter { $0.change == .changed }.count)
        }
    }

    struct AuditEvent: Encodable {
        var id: Int64?
        var at: Date
        var actor: String
        var action: String
        var target: String
        var outcome: Int
        var detail: String?

        init(_ record: AuditRecord) {
            id = record.id
            at = record.at
            actor = record.actor
            action = record.action
            target = record.target
            outcome = record.outcome
            detail = record.detail
        }
    }

    struct AuditList: Encodable {
        var events: [AuditEvent]
        var total: Int
        var limit: Int
        var offset: Int
    }

    struct DeploymentList: Encodable {
        var deployments: [Deployment]
        var limit: Int
        var offset: Int
    }

    struct DriftCheck: Encodable {
        var id: Int64?
        var runId: Int64?
        var commit: String
        var status: String
        var resources: [DriftedResource]
        var error: String?
        var checkedAt: Date
        var durationMs: Int?
        var reported: Bool

        init(_ record: DriftCheckRecord) {
            id = record.id
            runId = record.runId
            commit = record.commit
            status = record.status.rawValue
            resources = record.resources
            error = record.error.map(URLCredentials.scrub)
            checkedAt = record.checkedAt
            durationMs = record.durationMs
            reported = record.reported
        }
    }

    struct DriftCheckList: Encodable { var driftChecks: [DriftCheck] }

    /// One entry of a stack's history: a proposal or a deployment, with when and how long.
    struct HistoryItem: Encodable {
        var kind: String
        var id: Int64?
        var status: String
        var at: Date
        var durationMs: Int?
        var commit: String
        var proposal: Proposal?
        var deployment: Deployment?
    }

    struct History: Encodable {
        var stackId: String
        var items: [HistoryItem]
        var total: Int
        var limit: Int
        var offset: Int
    }

    struct Run: Encodable {
        var id: Int64?
        var stackId: String
        var kind: String
        var status: String
        var startedAt: Date
        var finishedAt: Date?

        init(_ record: RunRecord) {
            id = record.id
            stackId = record.stackId
            kind = record.kind.rawValue
            status = record.status.rawValue
            startedAt = record.startedAt
            finishedAt = record.finishedAt
        }
    }

    struct LogLine: Encodable {
        var id: Int64?
        var at: Date
        var stream: String
        var text: String

        init(_ record: LogLineRecord) {
            id = record.id
            at = record.at
            stream = record.stream.rawValue
            text = record.text
        }
    }

    struct RunLog: Encodable {
        var run: Run
        var lines: [LogLine]
        /// Pass as `after` to read the next page; nil when there are no lines.
        var lastId: Int64?
    }

    struct Accepted: Encodable {
        var accepted: Bool
        var message: String
    }

    struct RollbackBranch: Encodable {
        var branch: String
        var commit: String
        var message: String
    }

    struct StateSnapshotList: Encodable {
        var stackId: String
        var snapshots: [StateSnapshot]
    }

    struct ConnectionList: Encodable {
        var connections: [AWSConnectionStatus]
    }

    struct Health: Encodable {
        var status: String
        var checks: [String: String]?
    }
}
