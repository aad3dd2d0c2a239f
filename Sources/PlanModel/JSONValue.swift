import Foundation

/// A JSON value as Terraform writes it in `terraform show -json`.
///
/// Plan values are schemaless from our point of view (every resource type has its own
/// attributes), so Policy and Cost read them through this enum and its path helpers instead of
/// per-type structs. Numbers are kept as `Double`: they are quantities (ports, gigabytes,
/// counts), never money.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a JSON value")
        }
    }

    /// Encodes the value as JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is a boolean (Terraform never writes booleans as strings in plans).
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, if this is a number.
    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as an integer when it is integral.
    public var intValue: Int? {
        guard let number = numberValue, number.rounded() == number, abs(number) < 1e15 else {
            return nil
        }
        return Int(number)
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is JSON `null`.
    public var isNull: Bool { self == .null }

    /// The member `key` of an object (nil for other kinds or a missing key).
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index` of an array (nil when out of range or not an array).
    public subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }

    /// The value at a dotted path such as `metadata_options.0.http_tokens`: a numeric
    /// component indexes an array, any other component names an object member.
    public func value(at path: String) -> JSONValue? {
        value(at: JSONValue.components(of: path))
    }

    /// The value at a path given as components.
    public func value(at components: [String]) -> JSONValue? {
        var current: JSONValue = self
        for component in components {
            if let index = Int(component), case .array = current {
                guard let next = current[index] else { return nil }
                current = next
            } else {
                guard let next = current[component] else { return nil }
                current = next
            }
        }
        return current
    }

    /// The first element of a nested block list (`metadata_options = [{...}]` in plan JSON),
    /// or the value itself when it is an object: Terraform writes nested blocks as arrays.
    public var firstBlock: JSONValue? {
        switch self {
        case .array(let elements): return elements.first
        case .object: return self
        default: return nil
        }
    }

    /// Every element of a nested block list (empty for null or absent blocks).
    public var blocks: [JSONValue] {
        switch self {
        case .array(let elements): return elements
        case .object: return [self]
        default: return []
        }
    }

    /// Every string anywhere inside the value, with its dotted path (for secret scanning).
    public func allStrings(prefix: String = "") -> [(path: String, value: String)] {
        switch self {
        case .string(let value):
            return [(prefix, value)]
        case .array(let elements):
            return elements.enumerated().flatMap { index, element in
                element.allStrings(prefix: JSONValue.join(prefix, String(index)))
            }
        case .object(let members):
            return members.keys.sorted().flatMap { key in
                members[key]?.allStrings(prefix: JSONValue.join(prefix, key)) ?? []
            }
        default:
            return []
        }
    }

    /// Splits a dotted path into components.
    public static func components(of path: String) -> [String] {
        path.isEmpty ? [] : path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// Joins a path prefix and a component with a dot.
    public static func join(_ prefix: String, _ component: String) -> String {
        prefix.isEmpty ? component : prefix + "." + component
    }
}

// MARK: Reading terraform's JSON (plans, state, validate and version output)

extension JSONValue: CustomStringConvertible {
    /// A redacted value: what every sensitive position becomes (``Redaction/placeholder``).
    public static let sensitive = JSONValue.string(Redaction.placeholder)

    /// Parses a JSON document.
    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Whether the value is null or an empty string, array or object (Terraform and AWS use
    /// them interchangeably for "not set").
    public var isEmptyLike: Bool {
        switch self {
        case .null: true
        case .string(let value): value.isEmpty
        case .array(let value): value.isEmpty
        case .object(let value): value.isEmpty
        default: false
        }
    }

    /// A compact, stable rendering for diffs and reports (sorted keys).
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value): return value == Redaction.placeholder ? value : "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let value): return "[" + value.map(\.description).joined(separator: ", ") + "]"
        case .object(let value):
            return "{" + value.keys.sorted().map { "\($0) = \(value[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }

    /// `self` with every position `mask` marks sensitive replaced (see ``Redaction``).
    public func redacted(by mask: JSONValue?) -> JSONValue {
        Redaction.redact(self, marks: mask).value
    }

    /// Every scalar `mask` marks sensitive, as text: what the log redactor must hide.
    public func sensitiveStrings(by mask: JSONValue?) -> [String] {
        guard let mask else { return [] }
        switch mask {
        case .bool(true):
            return allLeafStrings()
        case .object(let marks):
            guard case .object(let members) = self else { return [] }
            return marks.flatMap { key, mark in members[key]?.sensitiveStrings(by: mark) ?? [] }
        case .array(let marks):
            guard case .array(let elements) = self else { return [] }
            return zip(elements, marks).flatMap { $0.sensitiveStrings(by: $1) }
        default:
            return []
        }
    }

    /// Every scalar of the tree as text (strings as they are, numbers and booleans printed).
    public func allLeafStrings() -> [String] {
        switch self {
        case .string(let value): [value]
        case .number, .bool: [description]
        case .array(let value): value.flatMap { $0.allLeafStrings() }
        case .object(let value): value.values.flatMap { $0.allLeafStrings() }
        case .null: []
        }
    }
}
