import Foundation
import GRDB

/// A replica's claim on a piece of work (a stack), valid until `expiresAt`: renewed while the
/// work runs, free for another replica to take once it has expired (its holder died).
public struct LeaseRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "lease"
    /// What is claimed, e.g. `stack:<stack id>`.
    public var key: String
    /// Who holds it: one id per daemon process (host, pid, start time).
    public var owner: String
    /// When this owner first took it (kept across renewals).
    public var acquiredAt: Date
    public var expiresAt: Date

    public init(key: String, owner: String, acquiredAt: Date, expiresAt: Date) {
        self.key = key
        self.owner = owner
        self.acquiredAt = acquiredAt
        self.expiresAt = expiresAt
    }
}
