/// Whether a resource is managed (`resource`) or read (`data`).
public enum ResourceMode: String, Sendable, Hashable, Codable {
    case managed
    case data
}

/// One resource instance as it will be after apply (or as it is, for prior state), with
/// sensitive values already replaced by ``Redaction/placeholder``.
public struct PlannedResource: Sendable, Hashable {
    /// Full instance address, e.g. `module.net.aws_subnet.private["a"]`.
    public var address: String
    /// Address of the module containing it (`module.net`), nil in the root module.
    public var moduleAddress: String?
    /// Managed resource or data source.
    public var mode: ResourceMode
    /// Resource type, e.g. `aws_s3_bucket`.
    public var type: String
    /// Resource name in its module, e.g. `logs`.
    public var name: String
    /// `count` index (number) or `for_each` key (string), nil for a single instance.
    public var index: JSONValue?
    /// Provider source address, e.g. `registry.terraform.io/hashicorp/aws`.
    public var providerName: String
    /// Planned attribute values (redacted); values known only after apply are absent.
    public var values: [String: JSONValue]
    /// Dotted paths of attributes whose value is known only after apply.
    public var unknownPaths: [String]
    /// Dotted paths of attributes that were redacted as sensitive.
    public var sensitivePaths: [String]

    /// Creates a resource (mainly for tests and for decoding).
    public init(
        address: String, moduleAddress: String? = nil, mode: ResourceMode = .managed,
        type: String, name: String, index: JSONValue? = nil,
        providerName: String = "registry.terraform.io/hashicorp/aws",
        values: [String: JSONValue], unknownPaths: [String] = [], sensitivePaths: [String] = []
    ) {
        self.address = address
        self.moduleAddress = moduleAddress
        self.mode = mode
        self.type = type
        self.name = name
        self.index = index
        self.providerName = providerName
        self.values = values
        self.unknownPaths = unknownPaths
        self.sensitivePaths = sensitivePaths
    }

    /// The address of the configuration block that produced this instance (no index), the key
    /// of ``PlanDocument/configuration``: `module.net.aws_subnet.private`.
    public var configAddress: String {
        let local = mode == .data ? "data.\(type).\(name)" : "\(type).\(name)"
        guard let moduleAddress else { return local }
        return ResourceConfiguration.stripIndexes(moduleAddress) + "." + local
    }

    /// The planned value at a dotted path (see ``JSONValue/value(at:)``).
    public func value(at path: String) -> JSONValue? {
        JSONValue.object(values).value(at: path)
    }

    /// A boolean attribute, accepting `"true"`/`"false"` strings (launch templates use them).
    public func bool(_ path: String) -> Bool? {
        switch value(at: path) {
        case .bool(let flag)?: return flag
        case .string(let text)?: return text == "true" ? true : (text == "false" ? false : nil)
        default: return nil
        }
    }

    /// A string attribute.
    public func string(_ path: String) -> String? {
        value(at: path)?.stringValue
    }

    /// Whether the attribute at `path` (or a parent of it) is known only after apply.
    public func isUnknown(_ path: String) -> Bool {
        unknownPaths.contains { $0 == path || path.hasPrefix($0 + ".") }
    }

    /// Whether the attribute at `path` (or a parent of it) was redacted as sensitive.
    public func isSensitive(_ path: String) -> Bool {
        sensitivePaths.contains { $0 == path || path.hasPrefix($0 + ".") }
    }

    /// The resource's `tags` merged over nothing (`tags_all` when tags are absent).
    public var tags: [String: String] {
        let source = values["tags"]?.objectValue ?? values["tags_all"]?.objectValue ?? [:]
        return source.compactMapValues { $0.stringValue }
    }
}
