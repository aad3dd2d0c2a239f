/// Counts of a plan's actions on managed resources (data source reads count as no-ops).
public struct ChangeCounts: Sendable, Hashable, Codable {
    /// Resources to create.
    public var create = 0
    /// Resources to update in place.
    public var update = 0
    /// Resources to delete.
    public var delete = 0
    /// Resources to replace.
    public var replace = 0
    /// Resources left unchanged.
    public var noOp = 0

    /// Creates counts.
    public init(create: Int = 0, update: Int = 0, delete: Int = 0, replace: Int = 0, noOp: Int = 0) {
        self.create = create
        self.update = update
        self.delete = delete
        self.replace = replace
        self.noOp = noOp
    }

    /// Counts of `changes`, managed resources only.
    public init(_ changes: [ResourceChange]) {
        for change in changes where change.mode == .managed {
            switch change.action {
            case .create: create += 1
            case .update: update += 1
            case .delete: delete += 1
            case .replace: replace += 1
            case .noOp, .read: noOp += 1
            }
        }
    }

    /// Whether the plan changes any resource.
    public var hasChanges: Bool { create + update + delete + replace > 0 }

    /// Resources the plan acts on (what an apply's progress counts).
    public var changed: Int { create + update + delete + replace }
}
