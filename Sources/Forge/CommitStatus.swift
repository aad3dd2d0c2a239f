/// One commit status as EZBuilt means it, before any forge's spelling: what a proposal or a
/// deployment says about a commit.
public struct CommitStatus: Sendable, Hashable {
    /// The commit the status is about (40 hex digits).
    public var sha: String
    public var state: State
    /// The label that tells EZBuilt's statuses apart: `ezbuilt/<stack>`.
    public var context: String
    /// One line for people, cut to the forges' limit (140 characters) when posted.
    public var description: String

    /// What a status says.
    public enum State: String, Sendable, Hashable {
        /// Planning or deploying: not ready yet.
        case pending
        /// Ready to merge, or applied.
        case success
        /// Refused, blocked or failed: must not be merged as it is.
        case failure
    }

    public init(sha: String, state: State, context: String, description: String) {
        self.sha = sha
        self.state = state
        self.context = context
        self.description = description
    }

    /// The context of a stack's statuses.
    public static func context(stackID: String) -> String { "ezbuilt/\(stackID)" }

    /// The longest description the forges accept (GitHub's limit; Gitea and GitLab allow more).
    public static let descriptionLimit = 140

    /// The description within the limit, ending in `…` when cut.
    public var postedDescription: String {
        let line = description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard line.count > Self.descriptionLimit else { return line }
        return String(line.prefix(Self.descriptionLimit - 1)) + "…"
    }
}
