import Foundation

/// What a rollback request did.
public enum RollbackResult: Sendable, Equatable {
    /// The branch holding the deployment's files was pushed; it is proposed like any branch.
    case created(branch: String, commit: String)
    /// No such stack, or no such applied deployment of it.
    case notFound(String)
    /// It cannot be made now (the branch exists already, the deployment was not applied).
    case conflict(String)
}

/// One saved copy of a stack's state, taken before an apply.
public struct StateSnapshot: Codable, Sendable, Equatable {
    /// The file's name (`<deployment>.tfstate`, or `<deployment>.<n>.tfstate` for a retry).
    public var name: String
    /// The deployment it was taken before, when the name says.
    public var deployment: Int64?
    public var bytes: Int
    public var takenAt: Date

    public init(name: String, deployment: Int64?, bytes: Int, takenAt: Date) {
        self.name = name
        self.deployment = deployment
        self.bytes = bytes
        self.takenAt = takenAt
    }
}

/// What restoring a snapshot did.
public enum RestoreResult: Sendable, Equatable {
    /// The state is now the snapshot's; the state it replaced was kept as `savedAs`.
    case restored(savedAs: String?)
    /// No such stack or snapshot.
    case notFound(String)
    /// The stack is busy (a job runs or waits, or terraform holds its state), or its state
    /// is not a local file the daemon keeps.
    case refused(String)
}
