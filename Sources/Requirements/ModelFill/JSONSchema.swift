import Foundation

/// A JSON Schema in the subset that structured-output endpoints accept (OpenAI's strict mode,
/// llama.cpp's and vLLM's grammars): every object lists all its properties as required and
/// forbids others, an optional value is a choice with `null`.
///
/// It is derived from the building blocks' typed properties (`PropertySchema`), sent to the
/// model as `response_format`, and checked against the model's answer before the answer is
/// decoded into the spec.
public indirect enum JSONSchema: Sendable, Equatable, Encodable {
    case string
    case integer
    case number
    case boolean
    case null
    /// One of these strings.
    case stringIn([String])
    /// One of these integers.
    case integerIn([Int])
    /// A list of items of one shape.
    case array(JSONSchema)
    /// An object with exactly these properties, in this order, all required.
    case object([Property])
    /// Any one of these shapes.
    case anyOf([JSONSchema])

    /// One property of an object.
    public struct Property: Sendable, Equatable {
        public var name: String
        public var schema: JSONSchema
        public init(_ name: String, _ schema: JSONSchema) {
            self.name = name
            self.schema = schema
        }
    }

    /// `schema` or `null`.
    public static func nullable(_ schema: JSONSchema) -> JSONSchema {
        if case .anyOf(let choices) = schema { return choices.contains(.null) ? schema : .anyOf(choices + [.null]) }
        return .anyOf([schema, .null])
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes the schema in JSON Schema's own words (`type`, `enum`, `items`, `properties`,
    /// `required`, `additionalProperties`, `anyOf`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .string: try c.encode("string", forKey: Key("type"))
        case .integer: try c.encode("integer", forKey: Key("type"))
        case .number: try c.encode("number", forKey: Key("type"))
        case .boolean: try c.encode("boolean", forKey: Key("type"))
        case .null: try c.encode("null", forKey: Key("type"))
        case .stringIn(let values):
            try c.encode("string", forKey: Key("type"))
            try c.encode(values, forKey: Key("enum"))
        case .integerIn(let values):
            try c.encode("integer", forKey: Key("type"))
            try c.encode(values, forKey: Key("enum"))
        case .array(let items):
            try c.encode("array", forKey: Key("type"))
            try c.encode(items, forKey: Key("items"))
        case .object(let properties):
            try c.encode("object", forKey: Key("type"))
            var nested = c.nestedContainer(keyedBy: Key.self, forKey: Key("properties"))
            for p in properties { try nested.encode(p.schema, forKey: Key(p.name)) }
            try c.encode(properties.map(\.name), forKey: Key("required"))
            try c.encode(false, forKey: Key("additionalProperties"))
        case .anyOf(let choices):
            try c.encode(choices, forKey: Key("anyOf"))
        }
    }

    /// The schema as deterministic JSON text (sorted keys).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
