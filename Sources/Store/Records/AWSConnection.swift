import Foundation

/// Whether the daemon can assume one configured deployer role: checked at start and every
/// hour, shown by the API, the status page and `/readyz`.
public struct AWSConnectionStatus: Codable, Sendable, Equatable {
    /// Not checked yet, assumed, or refused.
    public enum State: String, Codable, Sendable, CaseIterable {
        case pending, connected, failed
    }

    /// The repository whose configuration names the role.
    public var repository: String
    /// The stacks it is for: `*` for the repository's own role, else an `aws.stacks` pattern.
    public var stacks: String
    public var roleArn: String
    public var region: String
    public var state: State
    /// Why it failed (terraform's words, redacted), nil otherwise.
    public var reason: String?
    /// The account the assumed session is in, when connected.
    public var account: String?
    public var checkedAt: Date?

    public init(repository: String, stacks: String, roleArn: String, region: String, state: State = .pending,
                reason: String? = nil, account: String? = nil, checkedAt: Date? = nil) {
        self.repository = repository
        self.stacks = stacks
        self.roleArn = roleArn
        self.region = region
        self.state = state
        self.reason = reason
        self.account = account
        self.checkedAt = checkedAt
    }
}
