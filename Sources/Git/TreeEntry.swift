/// One entry of a tree at a commit, as stored: links and submodules are reported, never followed.
public struct TreeEntry: Sendable, Hashable, CustomStringConvertible {
    /// What an entry is, from its git file mode.
    public enum Kind: String, Sendable, Hashable, CustomStringConvertible {
        /// A regular file (mode 100644).
        case file
        /// An executable file (mode 100755).
        case executable
        /// A symbolic link (mode 120000); its blob is the link target, which is never followed.
        case symlink
        /// A submodule (gitlink, mode 160000); `oid` is a commit in another repository.
        case submodule
        /// A directory (a tree).
        case directory

        /// The kind's name.
        public var description: String { rawValue }
    }

    /// The last path component.
    public let name: String
    /// The path from the repository root, `/`-separated.
    public let path: String
    /// What the entry is.
    public let kind: Kind
    /// The blob, tree or (for submodules) commit id.
    public let oid: ObjectID

    /// Makes an entry; used by the repository and by tests building expectations.
    public init(name: String, path: String, kind: Kind, oid: ObjectID) {
        self.name = name
        self.path = path
        self.kind = kind
        self.oid = oid
    }

    /// Whether the entry is a regular or executable file, the only kinds whose content is read.
    public var isRegularFile: Bool { kind == .file || kind == .executable }

    /// `kind path oid`, for logs and test failures.
    public var description: String { "\(kind) \(path) \(oid.short)" }
}
