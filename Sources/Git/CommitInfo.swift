/// A commit as read back: enough to check what the daemon wrote and to recognise its own commits.
public struct CommitInfo: Sendable, Hashable {
    /// The commit id.
    public let id: ObjectID
    /// The parent commits, first parent first.
    public let parents: [ObjectID]
    /// The root tree.
    public let tree: ObjectID
    /// The author.
    public let author: Signature
    /// The full message, trailers included.
    public let message: String
    /// The trailers parsed from the end of the message, in order.
    public let trailers: [Trailer]
}
