import Foundation
import GRDB

/// A watched git repository and how its last fetch went.
public struct RepositoryRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "repository"
    public var id: String
    /// The URL with any credentials removed.
    public var url: String
    public var lastFetchAt: Date?
    public var lastFetchError: String?
    /// Whether any fetch has ever succeeded (readiness).
    public var everReachable: Bool

    public init(id: String, url: String, lastFetchAt: Date? = nil, lastFetchError: String? = nil, everReachable: Bool = false) {
        self.id = id
        self.url = url
        self.lastFetchAt = lastFetchAt
        self.lastFetchError = lastFetchError
        self.everReachable = everReachable
    }
}

/// What a stack is doing now, as shown on the status branch and the API.
public enum StackStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case new, proposing, proposed, refused, deploying, deployed, failed, stale, blocked
    case destroyPending, destroying, destroyed, interrupted
    /// The deploy branch holds files that were never proposed and reviewed.
    case unreviewed
    /// A merged change planned differently from its review; waiting for an approval.
    case needsApproval
}

/// A directory holding `requirements.md`; its id is `<repository id>/<path>`.
public struct StackRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "stack"
    public var id: String
    public var repositoryId: String
    public var path: String
    public var status: StackStatus
    /// One line explaining `status` (an error, what is pending, …).
    public var statusDetail: String?
    /// The deploy-branch commit whose Terraform is applied now.
    public var deployedCommit: String?
    public var updatedAt: Date

    public init(id: String, repositoryId: String, path: String, status: StackStatus = .new, statusDetail: String? = nil, deployedCommit: String? = nil, updatedAt: Date = Date()) {
        self.id = id
        self.repositoryId = repositoryId
        self.path = path
        self.status = status
        self.statusDetail = statusDetail
        self.deployedCommit = deployedCommit
        self.updatedAt = updatedAt
    }
}

/// The kind of work a run does.
public enum RunKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case proposal, deployment, driftCheck
}

/// The life of a run, shared by proposals, deployments and drift checks.
public enum RunStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case running, finished, interrupted
}

/// One unit of terraform work with a log: the thing `/runs/{id}/log` follows.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public var id: Int64?
    public var stackId: String
    public var kind: RunKind
    public var status: RunStatus
    public var startedAt: Date
    public var finishedAt: Date?
    /// The process that runs it, so a restarted daemon can tell its own dead runs.
    public var ownerPid: Int32
    /// The replica that runs it (several daemons on one PostgreSQL database); nil for one daemon.
    public var owner: String?

    public init(id: Int64? = nil, stackId: String, kind: RunKind, status: RunStatus = .running, startedAt: Date = Date(), finishedAt: Date? = nil, ownerPid: Int32 = getpid(), owner: String? = nil) {
        self.owner = owner
        self.id = id
        self.stackId = stackId
        self.kind = kind
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.ownerPid = ownerPid
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Which stream a log line came from.
public enum LogStream: String, Codable, Sendable, DatabaseValueConvertible {
    case stdout, stderr, daemon
}

/// One line of a run's log, already redacted by whoever wrote it.
public struct LogLineRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "logLine"
    public var id: Int64?
    public var runId: Int64
    public var at: Date
    public var stream: LogStream
    public var text: String

    public init(id: Int64? = nil, runId: Int64, at: Date = Date(), stream: LogStream, text: String) {
        self.id = id
        self.runId = runId
        self.at = at
        self.stream = stream
        self.text = text
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A diagnostic from generation or validation, with its line when it has one.
public struct DiagnosticEntry: Codable, Sendable, Equatable {
    public var severity: String
    public var line: Int?
    public var file: String?
    public var message: String

    public init(severity: String, line: Int? = nil, file: String? = nil, message: String) {
        self.severity = severity
        self.line = line
        self.file = file
        self.message = message
    }
}

/// Resource change counts of a plan.
public struct PlanCounts: Codable, Sendable, Equatable {
    public var add: Int
    public var change: Int
    public var destroy: Int
    public var replace: Int

    public init(add: Int = 0, change: Int = 0, destroy: Int = 0, replace: Int = 0) {
        self.add = add
        self.change = change
        self.destroy = destroy
        self.replace = replace
    }
}

/// One planned resource change: what PLAN.md shows and what an apply is checked against.
public struct ResourceChangeEntry: Codable, Sendable, Hashable, Comparable {
    public var address: String
    /// create, update, delete, replace.
    public var action: String

    public init(address: String, action: String) {
        self.address = address
        self.action = action
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.address, lhs.action) < (rhs.address, rhs.action) }
}

/// How a proposal ended.
public enum ProposalStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Generated, validated and planned; committed to the branch.
    case proposed
    /// The requirements were refused; PLAN.md says why.
    case refused
    /// Generation worked but validation, the guard or the plan failed.
    case failed
    /// Blocked by a policy finding.
    case blocked
}

/// The generated commit for one stack on one branch commit.
public struct ProposalRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "proposal"
    public var id: Int64?
    public var runId: Int64?
    public var stackId: String
    public var branch: String
    /// The branch commit the proposal was made from.
    public var sourceCommit: String
    /// The commit the daemon pushed, when it pushed one.
    public var generatedCommit: String?
    public var inputHash: String
    public var status: ProposalStatus
    public var diagnostics: [DiagnosticEntry]
    public var validationPassed: Bool?
    public var plan: PlanCounts?
    public var error: String?
    public var createdAt: Date
    public var durationMs: Int?
    /// The proposal fingerprint PLAN.md records (generator, requirements, hand-written files).
    public var fingerprint: String?
    /// The resource changes people reviewed in PLAN.md; nil when the plan did not run.
    public var changes: [ResourceChangeEntry]?

    public init(id: Int64? = nil, runId: Int64? = nil, stackId: String, branch: String, sourceCommit: String, generatedCommit: String? = nil, inputHash: String, status: ProposalStatus, diagnostics: [DiagnosticEntry] = [], validationPassed: Bool? = nil, plan: PlanCounts? = nil, error: String? = nil, createdAt: Date = Date(), durationMs: Int? = nil, fingerprint: String? = nil, changes: [ResourceChangeEntry]? = nil) {
        self.fingerprint = fingerprint
        self.changes = changes
        self.id = id
        self.runId = runId
        self.stackId = stackId
        self.branch = branch
        self.sourceCommit = sourceCommit
        self.generatedCommit = generatedCommit
        self.inputHash = inputHash
        self.status = status
        self.diagnostics = diagnostics
        self.validationPassed = validationPassed
        self.plan = plan
        self.error = error
        self.createdAt = createdAt
        self.durationMs = durationMs
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Where a deployment is in its life.
public enum DeploymentStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case queued, running, succeeded, failed, interrupted, destroyed, destroyFailed
    /// The generated files did not match the requirements: nothing was applied.
    case stale
    /// A newer commit arrived before this one ran: never applied.
    case superseded
    /// The stack was removed but the repository does not allow destroy.
    case destroyPending
    /// A policy finding stopped it.
    case blocked
    /// What is on the deploy branch was never proposed and reviewed: nothing was applied.
    case unreviewed
    /// The plan at merge differs from the reviewed one; it waits for an approval of exactly it.
    case needsApproval

    /// Whether the deployment has ended.
    public var isFinal: Bool { self != .queued && self != .running }
}

/// What an approval did.
public enum ApprovalResult: Sendable, Equatable {
    /// The plan is queued to be applied.
    case approved
    /// No deployment of this stack waits for approval.
    case notWaiting
    /// Another plan waits (the world moved again); approve that one, after reading it.
    case differentPlan(waiting: String)
}

/// Why a deployment was queued.
public enum DeploymentTrigger: String, Codable, Sendable, DatabaseValueConvertible {
    /// The deploy branch changed (a merge).
    case merge
    /// Drift was found and the repository re-applies the deployed commit (`drift.remediate`).
    case remediation
    /// A person approved a plan that changed after review.
    case approval
}

/// One apply or destroy of one stack at one commit.
public struct DeploymentRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "deployment"
    public enum Action: String, Codable, Sendable, DatabaseValueConvertible { case apply, destroy }

    public var id: Int64?
    public var runId: Int64?
    public var stackId: String
    public var commit: String
    public var action: Action
    public var status: DeploymentStatus
    public var queuedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var error: String?
    public var counts: PlanCounts?
    public var snapshotPath: String?
    /// The fingerprint (sha256 of the saved plan file) of a plan waiting for approval, or of the
    /// approved plan to apply.
    public var pendingPlan: String?
    /// The changes of that plan.
    public var pendingChanges: [ResourceChangeEntry]?
    /// Who approved `pendingPlan` (a token name or a JWT subject).
    public var approvedBy: String?
    /// Why the deployment exists: a merge, drift remediation, an approval.
    public var trigger: DeploymentTrigger?
    /// The replica that queued it and runs it (several daemons on one PostgreSQL database);
    /// nil for one daemon. When that replica dies, another marks the deployment interrupted.
    public var owner: String?

    public init(id: Int64? = nil, runId: Int64? = nil, stackId: String, commit: String, action: Action = .apply, status: DeploymentStatus = .queued, queuedAt: Date = Date(), startedAt: Date? = nil, finishedAt: Date? = nil, error: String? = nil, counts: PlanCounts? = nil, snapshotPath: String? = nil, pendingPlan: String? = nil, pendingChanges: [ResourceChangeEntry]? = nil, approvedBy: String? = nil, trigger: DeploymentTrigger? = nil, owner: String? = nil) {
        self.owner = owner
        self.pendingPlan = pendingPlan
        self.pendingChanges = pendingChanges
        self.approvedBy = approvedBy
        self.trigger = trigger
        self.id = id
        self.runId = runId
        self.stackId = stackId
        self.commit = commit
        self.action = action
        self.status = status
        self.queuedAt = queuedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.error = error
        self.counts = counts
        self.snapshotPath = snapshotPath
    }

    /// Wall time from start to finish, when both are known.
    public var duration: TimeInterval? {
        guard let startedAt, let finishedAt else { return nil }
        return finishedAt.timeIntervalSince(startedAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One attribute that no longer matches the configuration.
public struct DriftedAttribute: Codable, Sendable, Equatable {
    public var path: String
    public var expected: String
    public var actual: String

    public init(path: String, expected: String, actual: String) {
        self.path = path
        self.expected = expected
        self.actual = actual
    }
}

/// A resource changed outside Terraform.
public struct DriftedResource: Codable, Sendable, Equatable {
    public var address: String
    /// `update` when attributes differ, `delete` when the object is gone.
    public var change: String
    public var attributes: [DriftedAttribute]

    public init(address: String, change: String, attributes: [DriftedAttribute]) {
        self.address = address
        self.change = change
        self.attributes = attributes
    }
}

/// The outcome of a drift check.
public enum DriftStatus: String, Codable, Sendable, DatabaseValueConvertible {
    case clean, drifted, failed
}

/// One `plan -refresh-only` of a deployed stack.
public struct DriftCheckRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "driftCheck"
    public var id: Int64?
    public var runId: Int64?
    public var stackId: String
    /// The deployed commit that was checked.
    public var commit: String
    public var status: DriftStatus
    public var resources: [DriftedResource]
    public var error: String?
    public var checkedAt: Date
    public var durationMs: Int?
    /// Whether this check produced a commit on the status branch (new or resolved drift).
    public var reported: Bool

    public init(id: Int64? = nil, runId: Int64? = nil, stackId: String, commit: String, status: DriftStatus, resources: [DriftedResource] = [], error: String? = nil, checkedAt: Date = Date(), durationMs: Int? = nil, reported: Bool = false) {
        self.id = id
        self.runId = runId
        self.stackId = stackId
        self.commit = commit
        self.status = status
        self.resources = resources
        self.error = error
        self.checkedAt = checkedAt
        self.durationMs = durationMs
        self.reported = reported
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
