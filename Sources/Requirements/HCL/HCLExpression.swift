/// A typed HCL expression. User text only ever enters as `.string` or as a literal
/// part of `.template`, both of which the printer escapes, so no input can add blocks
/// or interpolations.
public indirect enum HCLExpression: Sendable, Equatable {
    /// A quoted string literal (escaped when printed).
    case string(String)
    /// An integer literal.
    case int(Int)
    /// A decimal literal, printed without exponent.
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A traversal such as `aws_s3_bucket.main.arn`; built only from generator-chosen identifiers.
    case reference(String)
    /// A function call such as `jsonencode(...)`.
    case call(String, [HCLExpression])
    /// A tuple `[a, b]`.
    case list([HCLExpression])
    /// An object `{ key = value }` with keys in the given order.
    case object([(String, HCLExpression)])
    /// A string template mixing escaped literal text and interpolated references.
    case template([TemplatePart])

    /// One piece of a string template.
    public enum TemplatePart: Sendable, Equatable {
        /// Literal text, escaped when printed.
        case literal(String)
        /// An interpolated traversal, `${...}`.
        case interpolation(String)
    }

    /// Structural equality (objects compare keys and values in order).
    public static func == (lhs: HCLExpression, rhs: HCLExpression) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        case let (.reference(a), .reference(b)): return a == b
        case let (.call(a, x), .call(b, y)): return a == b && x == y
        case let (.list(a), .list(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.template(a), .template(b)): return a == b
        default: return false
        }
    }

    /// Shorthand for a reference built from parts joined by dots.
    public static func ref(_ parts: String...) -> HCLExpression { .reference(parts.joined(separator: ".")) }

    /// Shorthand for a list of string literals.
    public static func strings(_ values: [String]) -> HCLExpression { .list(values.map { .string($0) }) }
}

/// An item of an HCL body: an attribute or a nested block, or a comment line.
public enum HCLBodyItem: Sendable, Equatable {
    /// `name = expression`.
    case attribute(String, HCLExpression)
    /// A nested block.
    case block(HCLBlock)
    /// A `#` comment line; text is generator-chosen and stripped of newlines when printed.
    case comment(String)
}

/// An HCL block such as `resource "aws_s3_bucket" "main" { ... }`.
public struct HCLBlock: Sendable, Equatable {
    /// Block type (`resource`, `data`, `provider`, nested names like `rule`).
    public var type: String
    /// Quoted labels.
    public var labels: [String]
    /// Body items in print order.
    public var body: [HCLBodyItem]

    /// Creates a block.
    public init(_ type: String, _ labels: [String] = [], _ body: [HCLBodyItem] = []) {
        self.type = type
        self.labels = labels
        self.body = body
    }

    /// Appends an attribute.
    public mutating func set(_ name: String, _ value: HCLExpression) { body.append(.attribute(name, value)) }
    /// Appends an attribute when the value is present.
    public mutating func set(_ name: String, _ value: HCLExpression?) { if let value { body.append(.attribute(name, value)) } }
    /// Appends a nested block.
    public mutating func add(_ block: HCLBlock) { body.append(.block(block)) }
    /// Appends a comment line.
    public mutating func comment(_ text: String) { body.append(.comment(text)) }
}

/// A whole HCL file: top-level blocks with optional leading comments.
public struct HCLFile: Sendable, Equatable {
    /// Header comment lines.
    public var header: [String]
    /// Top-level blocks in order.
    public var blocks: [HCLBlock]

    /// Creates a file.
    public init(header: [String] = [], blocks: [HCLBlock] = []) {
        self.header = header
        self.blocks = blocks
    }
}
