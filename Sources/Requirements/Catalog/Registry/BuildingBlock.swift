import Foundation

/// A building block of the catalog: everything about one kind of infrastructure in one place.
///
/// A block owns its lexicon (how people name it), a typed `Codable` properties struct, how a
/// statement's details are read into those properties, what it implies (defaults, the network
/// it needs), how it renders to Terraform, and what it needs elsewhere (deployer-role actions,
/// emulator endpoints, priced resource types) as data. It is added to the compiler by one line
/// in `BlockRegistry.all`.
protocol BuildingBlock: Sendable {
    /// The block's typed properties, serialised into `spec.json`.
    associatedtype Properties: BlockProperties
    /// Stable identifier, used in `spec.json` and as the default Terraform name.
    static var kind: String { get }
    /// Human name used in diagnostics.
    static var noun: String { get }
    /// The words that mention the block and the phrases strong enough to ask for one.
    static var lexicon: Lexicon { get }
    /// What the block needs outside the compiler.
    static var needs: BlockNeeds { get }
    /// Whether several instances may be asked for, each with its own name.
    static var repeatable: Bool { get }
    /// Whether the block lives in a VPC (a network is looked up or created for it).
    static var needsNetwork: Bool { get }
    /// Catalog kinds this block is more precise than: when it is asked for, a component of
    /// those kinds built from the same words is dropped (Memcached is not a Redis cache).
    static var supersedes: [ComponentKind] { get }
    /// Whether every statement is offered to the block (its details are spread over the
    /// document: the VPC ids, route tables and CIDRs of a peering).
    static var readsEveryStatement: Bool { get }
    /// Reads the details of one statement; returns whether anything was understood.
    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool
    /// Fills in what the document implies and reports contradictions as refusals.
    static func resolve(_ c: inout BlockInstance<Properties>, diagnostics: inout [Diagnostic])
    /// Renders the instance.
    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext)
}

extension BuildingBlock {
    static var repeatable: Bool { false }
    static var needsNetwork: Bool { false }
    static var supersedes: [ComponentKind] { [] }
    static var readsEveryStatement: Bool { false }
    static func resolve(_ c: inout BlockInstance<Properties>, diagnostics: inout [Diagnostic]) {}
}

/// The properties of a block: plain typed values, each optionally with its source line.
protocol BlockProperties: Codable, Sendable, Equatable {
    init()
}

/// How people talk about a block.
struct Lexicon: Sendable {
    /// Nouns, product names and abbreviations that refer to the block (a regular expression).
    var mention: String
    /// Phrases that ask for one to be built when not negated, existing or background; defaults to `mention`.
    var strong: String?
    /// Phrases that must not count as a mention even though they contain one (for example
    /// "event source mapping" is not an EventBridge ask).
    var exclude: String?
    /// Nouns that may precede a quoted or backticked name ("stream `clicks`").
    var nameNoun: String?
}

/// What a block needs outside the compiler, declared as data and read from the registry.
struct BlockNeeds: Sendable, Equatable {
    /// Resource types the block may render.
    var resourceTypes: [String]
    /// IAM actions the deployer role needs to manage those resources.
    var iamActions: [String]
    /// Service names of the emulator endpoints the provider needs (`endpoints { … }` keys).
    var endpoints: [String]
    /// Resource types that carry a price.
    var pricedTypes: [String]
    /// Data source types the block may read (their read actions are in `iamActions`).
    var dataSources: [String] = []
}

/// What a reader may ask about the document while reading a statement.
struct BlockReadContext {
    /// Whether the statement mentions this block's lexicon.
    var mentionsBlock: Bool
    /// Whether the statement was routed to the block by its words, its section or the subject
    /// of the previous statement (false when a block reading every statement is offered one
    /// about something else).
    var addressed: Bool = true
}

/// One instance of a registered block in the spec.
struct BlockInstance<Properties: BlockProperties>: Sendable, Equatable {
    var id: String
    var name: Sourced<String>?
    var ownership: Ownership
    var line: Int
    var properties: Properties
}

/// A registered block with its type erased, so the registry can hold every block in one list.
struct BlockDefinition: Sendable {
    let kind: String
    let noun: String
    let lexicon: Lexicon
    let needs: BlockNeeds
    let repeatable: Bool
    let needsNetwork: Bool
    let supersedes: [ComponentKind]
    let readsEveryStatement: Bool
    let mention: NSRegularExpression
    let strong: NSRegularExpression
    let exclude: NSRegularExpression?
    let nameNoun: String?
    let makeProperties: @Sendable () -> any BlockProperties
    let read: @Sendable (Statement, inout any BlockProperties, BlockReadContext) -> Bool
    let resolve: @Sendable (inout BlockComponent, inout [Diagnostic]) -> Void
    let render: @Sendable (BlockComponent, inout RenderContext) -> Void
    let decode: @Sendable (any Decoder) throws -> any BlockProperties
    /// The JSON Schema of the properties, for a model's answer (`ModelFill`).
    let describeProperties: @Sendable (PropertySchema) throws -> JSONSchema

    init<B: BuildingBlock>(_ block: B.Type) {
        kind = B.kind
        noun = B.noun
        lexicon = B.lexicon
        needs = B.needs
        repeatable = B.repeatable
        needsNetwork = B.needsNetwork
        supersedes = B.supersedes
        readsEveryStatement = B.readsEveryStatement
        mention = Patterns.compile(B.lexicon.mention)
        strong = Patterns.compile(B.lexicon.strong ?? B.lexicon.mention)
        exclude = B.lexicon.exclude.map(Patterns.compile)
        nameNoun = B.lexicon.nameNoun
        makeProperties = { B.Properties() }
        read = { s, p, ctx in
            guard var typed = p as? B.Properties else { return false }
            let hit = B.read(s, into: &typed, context: ctx)
            p = typed
            return hit
        }
        resolve = { c, diags in
            guard let typed = c.properties as? B.Properties else { return }
            var inst = BlockInstance(id: c.id, name: c.name, ownership: c.ownership, line: c.line, properties: typed)
            B.resolve(&inst, diagnostics: &diags)
            c.id = inst.id; c.name = inst.name; c.ownership = inst.ownership; c.properties = inst.properties
        }
        render = { c, ctx in
            guard let typed = c.properties as? B.Properties else { return }
            B.render(BlockInstance(id: c.id, name: c.name, ownership: c.ownership, line: c.line, properties: typed), into: &ctx)
        }
        decode = { decoder in try B.Properties(from: decoder) }
        describeProperties = { probe in try probe.describe(B.Properties.self).schema }
    }
}

/// A component of a registered block in the spec: kind, identity and the block's typed properties.
public struct BlockComponent: Codable, Sendable, Equatable {
    /// The registered block's kind.
    public var kind: String
    /// Stable identifier used for Terraform names (unique per spec).
    public var id: String
    /// AWS name requested by the document, when given.
    public var name: Sourced<String>?
    /// Whether the stack creates it or references an existing one.
    public var ownership: Ownership
    /// Line where it was first asked for.
    public var line: Int
    /// The block's typed properties.
    var properties: any BlockProperties

    init(kind: String, id: String, name: Sourced<String>? = nil, ownership: Ownership = .create, line: Int, properties: any BlockProperties) {
        self.kind = kind; self.id = id; self.name = name; self.ownership = ownership; self.line = line; self.properties = properties
    }

    enum CodingKeys: String, CodingKey { case kind, id, name, ownership, line, properties }

    /// Decodes the properties with the type the registry declares for the kind.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(Sourced<String>.self, forKey: .name)
        ownership = try c.decode(Ownership.self, forKey: .ownership)
        line = try c.decode(Int.self, forKey: .line)
        guard let def = BlockRegistry.definition(kind) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown building block \(kind)")
        }
        properties = try def.decode(c.superDecoder(forKey: .properties))
    }

    /// Encodes the properties as the block's own struct.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(ownership, forKey: .ownership)
        try c.encode(line, forKey: .line)
        try properties.encode(to: c.superEncoder(forKey: .properties))
    }

    public static func == (lhs: BlockComponent, rhs: BlockComponent) -> Bool {
        lhs.kind == rhs.kind && lhs.id == rhs.id && lhs.name == rhs.name && lhs.ownership == rhs.ownership && lhs.line == rhs.line
            && lhs.properties.isEqual(to: rhs.properties)
    }

    /// The typed properties of block `B`, when this component is one.
    func properties<B: BuildingBlock>(of _: B.Type) -> B.Properties? { kind == B.kind ? properties as? B.Properties : nil }
}

extension BlockProperties {
    func isEqual(to other: any BlockProperties) -> Bool { (other as? Self) == self }
}

/// Regular expressions compiled once, at first use of the static that holds them; no cache, no lock.
enum Patterns {
    static func compile(_ pattern: String) -> NSRegularExpression {
        // Patterns are constants of this module, checked by the registry tests; an invalid one
        // never matches rather than crashing on a user's document.
        (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])) ?? never
    }
    static let never: NSRegularExpression = {
        do { return try NSRegularExpression(pattern: "(?!)") } catch { preconditionFailure("the never-matching pattern is valid on every platform") }
    }()
}

extension NSRegularExpression {
    /// All matches in the text: groups (0 = whole match) and the UTF-16 offset.
    func all(in text: String) -> [(groups: [String], offset: Int)] {
        let ns = text as NSString
        return matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            ((0..<m.numberOfRanges).map { i in
                let r = m.range(at: i)
                return r.location == NSNotFound ? "" : ns.substring(with: r)
            }, m.range.location)
        }
    }
    /// Whether it matches anywhere in the text.
    func test(_ text: String) -> Bool {
        firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }
}
