import Foundation
import GRDB

/// One action taken through the API: who, what, on what, when, and how it ended.
public struct AuditRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "auditEvent"
    public var id: Int64?
    public var at: Date
    /// Who: `token:<first 12 hex digits of its SHA-256>` or `oidc:<sub>`.
    public var actor: String
    /// What: the action's name (`sync`, `drift-check`, `approve`).
    public var action: String
    /// On what: a repository id or a stack id.
    public var target: String
    /// The HTTP status the action was answered with (202 accepted, 404, 409, …).
    public var outcome: Int
    /// One line more: what was asked for, or why it was refused.
    public var detail: String?

    public init(id: Int64? = nil, at: Date = Date(), actor: String, action: String, target: String, outcome: Int, detail: String? = nil) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
        self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
