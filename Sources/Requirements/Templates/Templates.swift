/// One example requirements document, embedded so the binary works without the source tree.
public struct Template: Sendable, Equatable {
    /// Directory name under Examples/.
    public var name: String
    /// First heading or line, for listings.
    public var summary: String
    /// The document itself.
    public var requirements: String
}

/// The template library: the examples under Examples/, kept identical by a test and
/// regenerated with `scripts/update-golden`.
public enum Templates {
    /// All templates, sorted by name.
    public static var all: [Template] { EmbeddedTemplates.all }
}
