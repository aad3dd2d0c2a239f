import Foundation

/// A JSON value as Terraform prints it, with one extra case for a value that was redacted.
///
/// Plan and state documents are schemaless per resource type, so planned values are kept as
/// this small tree; `sensitive` replaces every value Terraform marks sensitive before the
/// value leaves the `Terraform` target, so Policy and Cost can read plans without ever
/// holding a secret.
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// A value Terraform marked sensitive; its content was dropped.
    case sensitive

    /// The text used for a redacted value in logs, diffs and encoded output.
    public static let redactedText = Redactor.replacement

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
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .sensitive: try container.encode(JSONValue.redactedText)
        }
    }

    /// Decodes a JSON document into a value tree.
    public static func decode(_ data: Data, what: String) throws(TerraformError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .decoding(what: what, detail: String(describing: error).prefix(300).description)
        }
    }

    /// The member of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string content, or nil.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean content, or nil.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number content, or nil.
    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The elements of an array, or nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members of an object, or nil.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// True for null, "", [] and {}: the values Terraform and providers use interchangeably
    /// for "nothing set", which must never count as drift.
    public var isEmptyLike: Bool {
        switch self {
        case .null: return true
        case .string(let value): return value.isEmpty
        case .array(let value): return value.isEmpty
        case .object(let value): return value.isEmpty
        default: return false
        }
    }

    /// A compact, stable rendering for diffs and reports (sorted keys; redacted values hidden).
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value): return "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let value): return "[" + value.map(\.description).joined(separator: ", ") + "]"
        case .object(let value):
            return "{" + value.keys.sorted().map { "\($0) = \(value[$0]!.description)" }.joined(separator: ", ") + "}"
        case .sensitive: return JSONValue.redactedText
        }
    }

    /// Replaces every part of `self` that `mask` marks sensitive (`true`) by `.sensitive`.
    ///
    /// `mask` follows Terraform's `*_sensitive` shape: `true` for a sensitive value, an
    /// object/array of the same shape for nested marks, `false`/absent for none.
    public func redacted(by mask: JSONValue?) -> JSONValue {
        guard let mask else { return self }
        switch mask {
        case .bool(true):
            return .sensitive
        case .object(let marks):
            guard case .object(let members) = self else { return self }
            var result = members
            for (key, mark) in marks {
                if let member = members[key] { result[key] = member.redacted(by: mark) }
            }
            return .object(result)
        case .array(let marks):
            guard case .array(let elements) = self else { return self }
            return .array(elements.enumerated().map { index, element in
                index < marks.count ? element.redacted(by: marks[index]) : element
            })
        default:
            return self
        }
    }

    /// Every string leaf of `self` that `mask` marks sensitive, for the log redactor.
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

    /// Every scalar of the tree rendered as text (strings as-is, numbers and bools printed).
    func allLeafStrings() -> [String] {
        switch self {
        case .string(let value): return [value]
        case .number, .bool: return [description]
        case .array(let value): return value.flatMap { $0.allLeafStrings() }
        case .object(let value): return value.values.flatMap { $0.allLeafStrings() }
        case .null, .sensitive: return []
        }
    }
}
