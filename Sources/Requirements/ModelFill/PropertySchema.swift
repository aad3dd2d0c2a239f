import Foundation

/// Derives the JSON Schema of a `Decodable` type by decoding it once from a probe that records
/// what the type asks for: each key, whether it may be absent or null, and each value's type.
///
/// Nothing is written per block: a block's `Properties` struct (nested structs, lists and
/// `Sourced` values included) describes itself through its own `Decodable` conformance, so a
/// block added to the registry is in the model's schema the moment it is registered.
struct PropertySchema {
    /// Why a type could not be described.
    struct Unsupported: Error, CustomStringConvertible {
        var type: String
        var reason: String
        var description: String { "\(type): \(reason)" }
    }

    /// The schema of the `line` of every `Sourced` value: the lines the model may cite.
    let lines: JSONSchema

    /// The schema of `type`, and a value of it (the probe's defaults) to continue decoding with.
    func describe<T: Decodable>(_ type: T.Type) throws -> (value: T, schema: JSONSchema) {
        if let v = "" as? T, T.self == String.self { return (v, .string) }
        if let v = false as? T, T.self == Bool.self { return (v, .boolean) }
        if let integer = T.self as? any FixedWidthInteger.Type, let v = integer.zero as? T { return (v, .integer) }
        if let float = T.self as? any BinaryFloatingPoint.Type, let v = float.zero as? T { return (v, .number) }
        let decoder = ProbeDecoder(probe: self, codingPath: [])
        let value: T
        do { value = try T(from: decoder) } catch let error as Unsupported { throw error } catch {
            throw Unsupported(type: "\(T.self)", reason: "its decoding cannot be probed (\(error))")
        }
        let described: JSONSchema
        switch decoder.shape {
        case .keyed(let fields):
            let sourced = T.self is any SourcedValue.Type
            described = .object(fields.entries.map { field in
                let schema = sourced && field.name == "line" ? lines : field.schema
                return JSONSchema.Property(field.name, field.nullable ? .nullable(schema) : schema)
            })
        case .unkeyed(let element):
            guard let item = element.schema else { throw Unsupported(type: "\(T.self)", reason: "a list whose items were never read") }
            described = .array(element.nullable ? .nullable(item) : item)
        case .single(let element):
            guard let item = element.schema else { throw Unsupported(type: "\(T.self)", reason: "a single value that was never read") }
            described = element.nullable ? .nullable(item) : item
        case .none:
            throw Unsupported(type: "\(T.self)", reason: "it reads nothing")
        }
        return (value, described)
    }
}

/// `Sourced` values, recognised so their `line` is limited to the lines the model was asked about.
protocol SourcedValue {}
extension Sourced: SourcedValue {}

/// What one level of a probed type asked for.
private final class ProbeFields {
    struct Entry { var name: String; var schema: JSONSchema; var nullable: Bool }
    var entries: [Entry] = []
    var nullable: Set<String> = []

    func record(_ name: String, _ schema: JSONSchema) {
        entries.removeAll { $0.name == name }
        entries.append(Entry(name: name, schema: schema, nullable: nullable.contains(name)))
    }
}

/// The element of a list or single value a probed type asked for.
private final class ProbeElement {
    var schema: JSONSchema?
    var nullable = false
}

private final class ProbeDecoder: Decoder {
    enum Shape { case none, keyed(ProbeFields), unkeyed(ProbeElement), single(ProbeElement) }
    let probe: PropertySchema
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var shape: Shape = .none

    init(probe: PropertySchema, codingPath: [any CodingKey]) {
        self.probe = probe
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let fields: ProbeFields
        if case .keyed(let existing) = shape { fields = existing } else { fields = ProbeFields(); shape = .keyed(fields) }
        return KeyedDecodingContainer(ProbeKeyed<Key>(decoder: self, fields: fields))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let element = ProbeElement()
        shape = .unkeyed(element)
        return ProbeUnkeyed(decoder: self, element: element)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        let element = ProbeElement()
        shape = .single(element)
        return ProbeSingle(decoder: self, element: element)
    }
}

private struct ProbeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ProbeDecoder
    let fields: ProbeFields
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    /// Asked only before an optional value: the key may be null. The answer is "not null" so
    /// that the value's type is read next.
    func decodeNil(forKey key: Key) throws -> Bool {
        fields.nullable.insert(key.stringValue)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(T.self, forKey: key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(Bool.self, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(String.self, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(Double.self, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(Float.self, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(Int.self, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(Int8.self, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(Int16.self, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(Int32.self, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(Int64.self, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(UInt.self, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(UInt8.self, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(UInt16.self, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(UInt32.self, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(UInt64.self, forKey: key) }

    private func value<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (value, schema) = try decoder.probe.describe(T.self)
        fields.record(key.stringValue, schema)
        return value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw PropertySchema.Unsupported(type: key.stringValue, reason: "nested containers are not described")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw PropertySchema.Unsupported(type: key.stringValue, reason: "nested containers are not described")
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        throw PropertySchema.Unsupported(type: key.stringValue, reason: "super decoders are not described")
    }
}

private struct ProbeUnkeyed: UnkeyedDecodingContainer {
    let decoder: ProbeDecoder
    let element: ProbeElement
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    mutating func decodeNil() throws -> Bool {
        element.nullable = true
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(T.self) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try value(Bool.self) }
    mutating func decode(_ type: String.Type) throws -> String { try value(String.self) }
    mutating func decode(_ type: Double.Type) throws -> Double { try value(Double.self) }
    mutating func decode(_ type: Float.Type) throws -> Float { try value(Float.self) }
    mutating func decode(_ type: Int.Type) throws -> Int { try value(Int.self) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try value(Int8.self) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try value(Int16.self) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try value(Int32.self) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try value(Int64.self) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try value(UInt.self) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try value(UInt8.self) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try value(UInt16.self) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try value(UInt32.self) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try value(UInt64.self) }

    private mutating func value<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, schema) = try decoder.probe.describe(T.self)
        element.schema = schema
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw PropertySchema.Unsupported(type: "list", reason: "nested containers are not described")
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw PropertySchema.Unsupported(type: "list", reason: "nested containers are not described")
    }
    mutating func superDecoder() throws -> any Decoder { decoder }
}

private struct ProbeSingle: SingleValueDecodingContainer {
    let decoder: ProbeDecoder
    let element: ProbeElement
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        element.nullable = true
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(T.self) }
    func decode(_ type: Bool.Type) throws -> Bool { try value(Bool.self) }
    func decode(_ type: String.Type) throws -> String { try value(String.self) }
    func decode(_ type: Double.Type) throws -> Double { try value(Double.self) }
    func decode(_ type: Float.Type) throws -> Float { try value(Float.self) }
    func decode(_ type: Int.Type) throws -> Int { try value(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try value(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value(UInt64.self) }

    private func value<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, schema) = try decoder.probe.describe(T.self)
        element.schema = schema
        return value
    }
}
