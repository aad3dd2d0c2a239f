/// The structured meaning of a requirements document. `spec.json` is its serialisation;
/// every property records the source line it came from.
public struct Spec: Codable, Sendable, Equatable {
    /// Version of this schema.
    public static let schemaVersion = 1
    /// Schema version the spec was written with.
    public var version: Int = Spec.schemaVersion
    /// Version of the generator that produced it.
    public var generatorVersion: String
    /// Hex SHA-256 over generator version, options and requirements bytes.
    public var inputHash: String
    /// Name of the requirements file.
    public var source: String
    /// Document-wide settings.
    public var settings: Settings
    /// Components to build or look up, in document order.
    public var components: [Component]
    /// Components of registered building blocks (`BlockRegistry`), each with its typed properties.
    public var blocks: [BlockComponent]
    /// What a language model contributed, when one was asked (absent on the rules-only path).
    public var model: ModelContribution?

    /// Creates a spec.
    public init(generatorVersion: String, inputHash: String, source: String, settings: Settings, components: [Component], blocks: [BlockComponent] = []) {
        self.generatorVersion = generatorVersion
        self.inputHash = inputHash
        self.source = source
        self.settings = settings
        self.components = components
        self.blocks = blocks
    }

    enum CodingKeys: String, CodingKey { case version, generatorVersion, inputHash, source, settings, components, blocks, model }

    /// Decodes a spec; `blocks` is absent from specs that have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        generatorVersion = try c.decode(String.self, forKey: .generatorVersion)
        inputHash = try c.decode(String.self, forKey: .inputHash)
        source = try c.decode(String.self, forKey: .source)
        settings = try c.decode(Settings.self, forKey: .settings)
        components = try c.decode([Component].self, forKey: .components)
        blocks = try c.decodeIfPresent([BlockComponent].self, forKey: .blocks) ?? []
        model = try c.decodeIfPresent(ModelContribution.self, forKey: .model)
    }

    /// Encodes a spec, leaving `blocks` out when there are none (older specs read the same).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(generatorVersion, forKey: .generatorVersion)
        try c.encode(inputHash, forKey: .inputHash)
        try c.encode(source, forKey: .source)
        try c.encode(settings, forKey: .settings)
        try c.encode(components, forKey: .components)
        if !blocks.isEmpty { try c.encode(blocks, forKey: .blocks) }
        try c.encodeIfPresent(model, forKey: .model)
    }
}

/// Document-wide settings: region, environment, name prefix and tags.
public struct Settings: Codable, Sendable, Equatable {
    /// AWS region; falls back to the generation option when the document names none.
    public var region: Sourced<String>
    /// Environment name such as `prod`, when stated.
    public var environment: Sourced<String>?
    /// Prefix for every generated name, when stated.
    public var namePrefix: Sourced<String>?
    /// Tags applied through the provider's `default_tags`.
    public var tags: [String: Sourced<String>]
    /// Resource types the document rules out ("not wanted: a NAT gateway"), with the line that
    /// does; nil when it rules out nothing (and then absent from `spec.json`).
    public var excluded: [Sourced<String>]?

    /// Creates settings.
    public init(region: Sourced<String>, environment: Sourced<String>? = nil, namePrefix: Sourced<String>? = nil, tags: [String: Sourced<String>] = [:]) {
        self.region = region
        self.environment = environment
        self.namePrefix = namePrefix
        self.tags = tags
    }
}

/// A value together with the document line it came from (0 when it is a default).
public struct Sourced<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The value.
    public var value: Value
    /// 1-based source line, 0 for defaults and derived values.
    public var line: Int

    /// Creates a sourced value.
    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }
}

/// How a component relates to the account: created by this stack, or already there.
public enum Ownership: String, Codable, Sendable, Equatable {
    /// Created and managed by the generated Terraform.
    case create
    /// Already exists; looked up or referenced, never created.
    case existing
}

/// A typed property value.
public enum PropertyValue: Codable, Sendable, Equatable {
    /// Text such as a name, version or mode.
    case string(String)
    /// A count, size or duration in the unit the key names.
    case int(Int)
    /// A yes/no choice.
    case bool(Bool)
    /// A list, such as subnet ids or email addresses.
    case strings([String])

    /// The string payload, if any.
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The integer payload, if any.
    public var int: Int? { if case .int(let n) = self { return n } else { return nil } }
    /// The boolean payload, if any.
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// The list payload (a single string becomes a one-element list).
    public var strings: [String] {
        switch self {
        case .strings(let s): return s
        case .string(let s): return [s]
        default: return []
        }
    }

    /// Decodes whichever JSON shape is present (bool, integer, string or list of strings).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Int.self) { self = .int(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else { self = .strings(try c.decode([String].self)) }
    }

    /// Encodes as the plain JSON value, so spec.json stays readable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let n): try c.encode(n)
        case .bool(let b): try c.encode(b)
        case .strings(let s): try c.encode(s)
        }
    }
}

/// One building block of the stack (a bucket, a database, a queue...).
public struct Component: Codable, Sendable, Equatable {
    /// Which catalog block renders it.
    public var kind: ComponentKind
    /// Stable identifier used for Terraform resource names (unique per spec).
    public var id: String
    /// AWS name requested by the document, when given.
    public var name: Sourced<String>?
    /// Whether the stack creates it or references an existing one.
    public var ownership: Ownership
    /// Line where the component was first mentioned.
    public var line: Int
    /// Typed properties, each with its source line.
    public var properties: [String: Sourced<PropertyValue>]

    /// Creates a component.
    public init(kind: ComponentKind, id: String, name: Sourced<String>? = nil, ownership: Ownership = .create, line: Int, properties: [String: Sourced<PropertyValue>] = [:]) {
        self.kind = kind
        self.id = id
        self.name = name
        self.ownership = ownership
        self.line = line
        self.properties = properties
    }

    /// Reads a property.
    public subscript(_ key: String) -> PropertyValue? { properties[key]?.value }
    /// A string property.
    public func string(_ key: String) -> String? { properties[key]?.value.string }
    /// An integer property.
    public func int(_ key: String) -> Int? { properties[key]?.value.int }
    /// A boolean property.
    public func bool(_ key: String) -> Bool? { properties[key]?.value.bool }
    /// A list property.
    public func strings(_ key: String) -> [String] { properties[key]?.value.strings ?? [] }

    /// Sets a property unless it is already set (the first statement wins).
    public mutating func setIfAbsent(_ key: String, _ value: PropertyValue, line: Int) {
        if properties[key] == nil { properties[key] = Sourced(value, line: line) }
    }

    /// Sets a property, replacing any earlier value.
    public mutating func set(_ key: String, _ value: PropertyValue, line: Int) {
        properties[key] = Sourced(value, line: line)
    }
}

/// The catalog of building blocks.
public enum ComponentKind: String, Codable, Sendable, CaseIterable, Comparable {
    case network, bucket, staticSite, instance, webTier, database, dynamodb, queue, topic
    case function, httpApi, container, registry, cache, key, secret, alarm, fileSystem, role

    /// Catalog order, used to render blocks deterministically.
    public static func < (lhs: ComponentKind, rhs: ComponentKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Human name used in diagnostics.
    public var noun: String {
        switch self {
        case .network: return "VPC network"
        case .bucket: return "S3 bucket"
        case .staticSite: return "static website"
        case .instance: return "EC2 instance"
        case .webTier: return "web tier (auto scaling group behind a load balancer)"
        case .database: return "RDS database"
        case .dynamodb: return "DynamoDB table"
        case .queue: return "SQS queue"
        case .topic: return "SNS topic"
        case .function: return "Lambda function"
        case .httpApi: return "HTTP API"
        case .container: return "ECS Fargate service"
        case .registry: return "ECR repository"
        case .cache: return "ElastiCache Redis"
        case .key: return "KMS key"
        case .secret: return "Secrets Manager secret"
        case .alarm: return "CloudWatch alarm"
        case .fileSystem: return "EFS file system"
        case .role: return "IAM role"
        }
    }
}
