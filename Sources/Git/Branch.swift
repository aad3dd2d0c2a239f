/// A branch of the remote and the commit at its tip, as of the last fetch.
public struct Branch: Sendable, Hashable, CustomStringConvertible {
    /// The branch name without `refs/heads/` or `refs/remotes/origin/` (e.g. `main`, `ezbuilt/status`).
    public let name: String
    /// The commit at the tip.
    public let tip: ObjectID

    /// Makes a branch value.
    public init(name: String, tip: ObjectID) {
        self.name = name
        self.tip = tip
    }

    /// `name@tip`.
    public var description: String { "\(name)@\(tip.short)" }
}
