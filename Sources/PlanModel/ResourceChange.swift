/// One planned change of one resource instance, from `resource_changes`, with both sides
/// redacted.
public struct ResourceChange: Sendable, Hashable {
    /// What Terraform will do to the instance.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case create
        case update
        case delete
        /// Delete and create (in either order).
        case replace
        case read
        case noOp = "no-op"
    }

    /// Full instance address.
    public var address: String
    /// Address of the containing module, nil in the root module.
    public var moduleAddress: String?
    /// Managed resource or data source.
    public var mode: ResourceMode
    /// Resource type.
    public var type: String
    /// Resource name.
    public var name: String
    /// `count` index or `for_each` key.
    public var index: JSONValue?
    /// Provider source address.
    public var providerName: String
    /// The single action Terraform's action list amounts to.
    public var action: Action
    /// Values before the change (redacted), nil for a create.
    public var before: JSONValue?
    /// Values after the change (redacted), nil for a delete; unknown values absent.
    public var after: JSONValue?
    /// Dotted paths known only after apply.
    public var afterUnknownPaths: [String]
    /// Attributes that force the replacement, as dotted paths (`replace_paths`).
    public var replacePaths: [String]

    /// Creates a change.
    public init(
        address: String, moduleAddress: String? = nil, mode: ResourceMode = .managed,
        type: String, name: String, index: JSONValue? = nil,
        providerName: String = "registry.terraform.io/hashicorp/aws", action: Action,
        before: JSONValue? = nil, after: JSONValue? = nil, afterUnknownPaths: [String] = [],
        replacePaths: [String] = []
    ) {
        self.address = address
        self.moduleAddress = moduleAddress
        self.mode = mode
        self.type = type
        self.name = name
        self.index = index
        self.providerName = providerName
        self.action = action
        self.before = before
        self.after = after
        self.afterUnknownPaths = afterUnknownPaths
        self.replacePaths = replacePaths
    }

    /// Maps Terraform's action list (`["delete","create"]`, `["no-op"]`, …) to one action.
    public static func action(from actions: [String]) -> Action? {
        switch actions {
        case ["create"]: return .create
        case ["update"]: return .update
        case ["delete"]: return .delete
        case ["read"]: return .read
        case ["no-op"]: return .noOp
        case ["delete", "create"], ["create", "delete"]: return .replace
        default: return nil
        }
    }
}
