/// A JSON value with the line it starts on, for Terraform's JSON syntax (`.tf.json`), so
/// refusals can name a line like they do for native syntax.
public indirect enum LinedJSON: Sendable {
    /// An object: members in source order with the line of each key.
    case object([(key: String, line: Int, value: LinedJSON)], line: Int)
    /// An array.
    case array([LinedJSON], line: Int)
    /// A string (escapes resolved).
    case string(String, line: Int)
    /// A number, `true`, `false` or `null`, as written.
    case scalar(String, line: Int)

    /// 1-based line where the value starts.
    public var line: Int {
        switch self {
        case .object(_, let line), .array(_, let line), .string(_, let line), .scalar(_, let line):
            return line
        }
    }

    /// Members of an object (empty otherwise).
    public var members: [(key: String, line: Int, value: LinedJSON)] {
        if case .object(let members, _) = self { return members }
        return []
    }

    /// The objects this value stands for in block position: itself, or each object in an
    /// array (Terraform's JSON syntax allows both forms).
    public var blockObjects: [LinedJSON] {
        switch self {
        case .object: return [self]
        case .array(let elements, _): return elements.flatMap(\.blockObjects)
        default: return []
        }
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value, _) = self { return value }
        return nil
    }

    /// Parses a JSON document, tracking lines.
    public static func parse(_ source: String) throws(HCLSyntaxError) -> LinedJSON {
        var parser = LinedJSONParser(bytes: Array(source.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else {
            throw HCLSyntaxError(line: parser.line, message: "unexpected text after the JSON document")
        }
        return value
    }
}

private struct LinedJSONParser {
    let bytes: [UInt8]
    var position = 0
    var line = 1

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A: line += 1; position += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(HCLSyntaxError) -> LinedJSON {
        guard depth < 256 else { throw HCLSyntaxError(line: line, message: "JSON nested too deeply") }
        guard position < bytes.count else { throw HCLSyntaxError(line: line, message: "unexpected end of JSON") }
        let startLine = line
        switch bytes[position] {
        case 0x7B:
            position += 1
            var members: [(key: String, line: Int, value: LinedJSON)] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == 0x7D {
                position += 1
                return .object(members, line: startLine)
            }
            while true {
                skipWhitespace()
                let keyLine = line
                guard position < bytes.count, bytes[position] == 0x22 else {
                    throw HCLSyntaxError(line: line, message: "expected an object key")
                }
                let key = try parseString()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == 0x3A else {
                    throw HCLSyntaxError(line: line, message: "expected : after key \"\(key)\"")
                }
                position += 1
                skipWhitespace()
                members.append((key, keyLine, try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard position < bytes.count else { throw HCLSyntaxError(line: line, message: "unterminated object") }
                if bytes[position] == 0x2C { position += 1; continue }
                if bytes[position] == 0x7D { position += 1; return .object(members, line: startLine) }
                throw HCLSyntaxError(line: line, message: "expected , or } in object")
            }
        case 0x5B:
            position += 1
            var elements: [LinedJSON] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == 0x5D {
                position += 1
                return .array(elements, line: startLine)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw HCLSyntaxError(line: line, message: "unterminated array") }
                if bytes[position] == 0x2C { position += 1; continue }
                if bytes[position] == 0x5D { position += 1; return .array(elements, line: startLine) }
                throw HCLSyntaxError(line: line, message: "expected , or ] in array")
            }
        case 0x22:
            return .string(try parseString(), line: startLine)
        default:
            let start = position
            while position < bytes.count, !" \t\r\n,]}".utf8.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            guard text == "true" || text == "false" || text == "null" || Double(text) != nil else {
                throw HCLSyntaxError(line: startLine, message: "invalid JSON value")
            }
            return .scalar(text, line: startLine)
        }
    }

    mutating func parseString() throws(HCLSyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        var literal: [UInt8] = []
        func flushLiteral() {
            if !literal.isEmpty {
                scalars.append(contentsOf: String(decoding: literal, as: UTF8.self).unicodeScalars)
                literal = []
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                position += 1
                flushLiteral()
                return String(scalars)
            }
            if byte == 0x0A { throw HCLSyntaxError(line: line, message: "unterminated string") }
            if byte == 0x5C {
                guard position + 1 < bytes.count else { break }
                let escape = bytes[position + 1]
                position += 2
                flushLiteral()
                switch escape {
                case 0x6E: scalars.append("\n")
                case 0x74: scalars.append("\t")
                case 0x72: scalars.append("\r")
                case 0x62: scalars.append("\u{08}")
                case 0x66: scalars.append("\u{0C}")
                case 0x22, 0x5C, 0x2F: scalars.append(Unicode.Scalar(escape))
                case 0x75:
                    guard position + 4 <= bytes.count,
                        let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
                    else { throw HCLSyntaxError(line: line, message: "invalid \\u escape") }
                    position += 4
                    if (0xD800...0xDBFF).contains(code) {
                        pendingHigh = code
                        continue
                    }
                    var value = code
                    if let high = pendingHigh, (0xDC00...0xDFFF).contains(code) {
                        value = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    }
                    pendingHigh = nil
                    scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                default:
                    throw HCLSyntaxError(line: line, message: "invalid escape in string")
                }
                continue
            }
            literal.append(byte)
            position += 1
        }
        throw HCLSyntaxError(line: line, message: "unterminated string")
    }
}
