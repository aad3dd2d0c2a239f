/// A `Key: value` line at the end of a commit message (e.g. `EZBuilt-Generated-From: <hash>`),
/// which lets later runs recognise the daemon's own commits.
public struct Trailer: Sendable, Hashable {
    /// The key: letters, digits and `-`.
    public var key: String
    /// The value: one line.
    public var value: String

    /// Makes a trailer.
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
