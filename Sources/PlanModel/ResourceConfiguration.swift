/// What the configuration section of a plan says about one resource block, reduced to what
/// checks need: which attributes refer to which resources, and which are literal constants.
///
/// Literal values themselves are deliberately not kept: the configuration section carries no
/// sensitivity marks, so a hard-coded password would otherwise leave decoding in clear text.
/// The planned values (which are redacted) carry the values; this carries the relationships.
public struct ResourceConfiguration: Sendable, Hashable {
    /// Module-qualified block address without index, e.g. `module.net.aws_subnet.private`.
    public var address: String
    /// Module path (`module.net`), nil in the root module.
    public var modulePath: String?
    /// Managed resource or data source.
    public var mode: ResourceMode
    /// Resource type.
    public var type: String
    /// Resource name.
    public var name: String
    /// Attribute path (dotted; nested blocks indexed) → referenced objects, qualified with the
    /// module path (`module.net.aws_vpc.main.id`, `var.x` stays module-qualified too).
    public var references: [String: [String]]
    /// Attribute paths whose expression is a literal constant in the source.
    public var constantPaths: Set<String>

    /// Creates a configuration record.
    public init(
        address: String, modulePath: String? = nil, mode: ResourceMode = .managed, type: String,
        name: String, references: [String: [String]] = [:], constantPaths: Set<String> = []
    ) {
        self.address = address
        self.modulePath = modulePath
        self.mode = mode
        self.type = type
        self.name = name
        self.references = references
        self.constantPaths = constantPaths
    }

    /// Configuration addresses of resources that the attribute at `path` (or anything below
    /// it) refers to: `aws_s3_bucket.logs.id` → `aws_s3_bucket.logs`, with the module prefix.
    public func referencedResources(_ path: String) -> Set<String> {
        var result = Set<String>()
        for (attribute, refs) in references where attribute == path || attribute.hasPrefix(path + ".") {
            for ref in refs {
                if let address = ResourceConfiguration.resourceAddress(inReference: ref) {
                    result.insert(address)
                }
            }
        }
        return result
    }

    /// Whether the attribute at `path` is written as a literal in the source.
    public func isConstant(_ path: String) -> Bool {
        constantPaths.contains(path)
    }

    /// The resource block address a reference points into, or nil for `var.`, `local.`,
    /// `module.x.output`, `each.`, `count.`, `path.` and similar.
    public static func resourceAddress(inReference reference: String) -> String? {
        var parts = stripIndexes(reference).split(separator: ".").map(String.init)
        var prefix: [String] = []
        while parts.count >= 2, parts[0] == "module" {
            prefix += parts[0...1]
            parts.removeFirst(2)
        }
        let local: [String]
        if parts.first == "data", parts.count >= 3 {
            local = Array(parts[0...2])
        } else if parts.count >= 2,
            !["var", "local", "module", "each", "count", "path", "terraform", "self"].contains(parts[0])
        {
            local = Array(parts[0...1])
        } else {
            return nil
        }
        return (prefix + local).joined(separator: ".")
    }

    /// Removes `[...]` index parts from an address: `module.a["x"].aws_b.c[0]` →
    /// `module.a.aws_b.c`. Brackets inside quoted keys are respected.
    public static func stripIndexes(_ address: String) -> String {
        var result = ""
        var depth = 0
        var inQuote = false
        var previous: Character = " "
        for character in address {
            if depth > 0 {
                if character == "\"" && previous != "\\" { inQuote.toggle() }
                if !inQuote && character == "]" { depth -= 1 }
                previous = character
                continue
            }
            if character == "[" {
                depth += 1
            } else {
                result.append(character)
            }
            previous = character
        }
        return result
    }
}

/// A provider configuration block, reduced to its name, alias and literal region.
public struct ProviderConfiguration: Sendable, Hashable {
    /// Local provider name, e.g. `aws`.
    public var name: String
    /// Alias, when the block has one.
    public var alias: String?
    /// Provider source address (`registry.terraform.io/hashicorp/aws`).
    public var fullName: String?
    /// The `region` argument when it is a literal.
    public var region: String?

    /// Creates a provider configuration.
    public init(name: String, alias: String? = nil, fullName: String? = nil, region: String? = nil) {
        self.name = name
        self.alias = alias
        self.fullName = fullName
        self.region = region
    }
}

/// A root module output, redacted when marked sensitive.
public struct PlanOutput: Sendable, Hashable {
    /// Output name.
    public var name: String
    /// Planned value (``Redaction/placeholder`` when sensitive), nil when unknown until apply.
    public var value: JSONValue?
    /// Whether the output is declared `sensitive = true`.
    public var sensitive: Bool

    /// Creates an output.
    public init(name: String, value: JSONValue?, sensitive: Bool) {
        self.name = name
        self.value = value
        self.sensitive = sensitive
    }
}
