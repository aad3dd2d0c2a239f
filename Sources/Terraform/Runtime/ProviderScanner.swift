import Foundation

/// An `aws` provider configuration found in a stack's code.
public struct AWSProviderConfiguration: Sendable, Hashable {
    /// The alias, nil for the default configuration.
    public var alias: String?
    /// Whether the code sets `region` explicitly (an alias's explicit region is kept).
    public var hasExplicitRegion: Bool
    /// The code's `default_tags { tags = ... }` expression, as HCL text, when present.
    public var defaultTagsExpression: String?
    /// File the block was found in.
    public var file: String

    /// Creates a description (tests build them directly).
    public init(alias: String?, hasExplicitRegion: Bool, defaultTagsExpression: String?, file: String) {
        self.alias = alias
        self.hasExplicitRegion = hasExplicitRegion
        self.defaultTagsExpression = defaultTagsExpression
        self.file = file
    }
}

/// Finds the `provider "aws"` blocks of a module's `.tf` and `.tf.json` files.
///
/// A tiny HCL block scanner (strings, templates, heredocs and comments are skipped
/// correctly) rather than a full parser: the override file only needs each configuration's
/// alias, whether it sets a region, and the text of its default tags.
public enum ProviderScanner {
    /// Scans the files and returns every aws provider configuration, in file order.
    public static func awsProviders(in files: [(name: String, text: String)]) -> [AWSProviderConfiguration] {
        var result: [AWSProviderConfiguration] = []
        for file in files {
            if file.name.hasSuffix(".tf.json") {
                result += scanJSON(file.text, file: file.name)
            } else {
                result += scanHCL(file.text, file: file.name)
            }
        }
        return result
    }

    /// Whether the code uses any `aws_` resource or data source.
    public static func usesAWS(_ files: [(name: String, text: String)]) -> Bool {
        files.contains { $0.text.contains("aws_") }
    }

    // MARK: HCL

    static func scanHCL(_ text: String, file: String) -> [AWSProviderConfiguration] {
        var scanner = HCLBlockScanner(Array(text.utf8))
        var result: [AWSProviderConfiguration] = []
        for block in scanner.items(in: 0..<scanner.bytes.count) {
            guard case .block(let type, let labels, let body) = block, type == "provider", labels == ["aws"] else { continue }
            var alias: String?
            var hasRegion = false
            var tags: String?
            for item in scanner.items(in: body) {
                switch item {
                case .attribute(let name, let expression):
                    if name == "alias" { alias = unquote(scanner.text(expression)) }
                    if name == "region" { hasRegion = true }
                case .block(let name, _, let innerBody) where name == "default_tags":
                    for inner in scanner.items(in: innerBody) {
                        if case .attribute("tags", let expression) = inner { tags = scanner.text(expression) }
                    }
                default:
                    break
                }
            }
            result.append(AWSProviderConfiguration(alias: alias, hasExplicitRegion: hasRegion,
                                                   defaultTagsExpression: tags, file: file))
        }
        return result
    }

    private static func unquote(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }

    // MARK: JSON

    static func scanJSON(_ text: String, file: String) -> [AWSProviderConfiguration] {
        guard let root = try? JSONValue.decode(Data(text.utf8), what: file) else { return [] }
        var providerObjects: [JSONValue] = []
        if let provider = root["provider"] {
            providerObjects = provider.arrayValue ?? [provider]
        }
        var result: [AWSProviderConfiguration] = []
        for provider in providerObjects {
            guard let aws = provider["aws"] else { continue }
            for configuration in aws.arrayValue ?? [aws] {
                var tags: String?
                if let block = configuration["default_tags"], let first = (block.arrayValue ?? [block]).first,
                   let value = first["tags"] {
                    tags = HCLText.expression(fromJSON: value)
                }
                result.append(AWSProviderConfiguration(alias: configuration["alias"]?.stringValue,
                                                       hasExplicitRegion: configuration["region"] != nil,
                                                       defaultTagsExpression: tags, file: file))
            }
        }
        return result
    }
}

/// Splits HCL text into top-level items of a body: attributes and blocks, skipping
/// comments, strings (with nested template interpolations) and heredocs.
struct HCLBlockScanner {
    enum Item {
        case attribute(String, Range<Int>)
        case block(String, [String], Range<Int>)
    }

    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The items of the body spanning `range`.
    mutating func items(in range: Range<Int>) -> [Item] {
        var items: [Item] = []
        var position = range.lowerBound
        let end = range.upperBound
        while position < end {
            position = skipTrivia(position, end: end, newlines: true)
            guard position < end else { break }
            guard isIdentifierStart(bytes[position]) else {
                position += 1
                continue
            }
            let nameStart = position
            while position < end, isIdentifierPart(bytes[position]) { position += 1 }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
            position = skipTrivia(position, end: end, newlines: false)
            guard position < end else { break }
            if bytes[position] == UInt8(ascii: "=") {
                let expressionStart = position + 1
                let expressionEnd = endOfExpression(expressionStart, end: end)
                items.append(.attribute(name, expressionStart..<expressionEnd))
                position = expressionEnd
                continue
            }
            var labels: [String] = []
            while position < end {
                position = skipTrivia(position, end: end, newlines: false)
                guard position < end else { break }
                if bytes[position] == UInt8(ascii: "\"") {
                    let stringEnd = skipString(position, end: end)
                    labels.append(String(decoding: bytes[(position + 1)..<max(position + 1, stringEnd - 1)], as: UTF8.self))
                    position = stringEnd
                } else if isIdentifierStart(bytes[position]) {
                    let labelStart = position
                    while position < end, isIdentifierPart(bytes[position]) { position += 1 }
                    labels.append(String(decoding: bytes[labelStart..<position], as: UTF8.self))
                } else {
                    break
                }
            }
            guard position < end, bytes[position] == UInt8(ascii: "{") else {
                position += 1
                continue
            }
            let close = matching(position, end: end)
            items.append(.block(name, labels, (position + 1)..<max(position + 1, close - 1)))
            position = close
        }
        return items
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    /// Skips spaces, comments and (optionally) newlines.
    private func skipTrivia(_ start: Int, end: Int, newlines: Bool) -> Int {
        var position = start
        while position < end {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || (newlines && byte == 0x0A) {
                position += 1
            } else if byte == UInt8(ascii: "#") || (byte == UInt8(ascii: "/") && position + 1 < end && bytes[position + 1] == UInt8(ascii: "/")) {
                while position < end, bytes[position] != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/") && position + 1 < end && bytes[position + 1] == UInt8(ascii: "*") {
                position += 2
                while position + 1 < end, !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/")) { position += 1 }
                position = min(end, position + 2)
            } else {
                break
            }
        }
        return position
    }

    /// From an opening quote, returns the index after the closing quote.
    private func skipString(_ start: Int, end: Int) -> Int {
        var position = start + 1
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\") {
                position += 2
            } else if byte == UInt8(ascii: "\"") {
                return position + 1
            } else if (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%")) && position + 1 < end && bytes[position + 1] == UInt8(ascii: "{") {
                position = matching(position + 1, end: end)
            } else if byte == 0x0A {
                return position
            } else {
                position += 1
            }
        }
        return end
    }

    /// From `<<`, returns the index after the heredoc's closing marker line.
    private func skipHeredoc(_ start: Int, end: Int) -> Int {
        var position = start + 2
        if position < end, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let markerStart = position
        while position < end, isIdentifierPart(bytes[position]) { position += 1 }
        let marker = Array(bytes[markerStart..<position])
        guard !marker.isEmpty else { return start + 2 }
        while position < end, bytes[position] != 0x0A { position += 1 }
        while position < end {
            position += 1
            let lineStart = position
            while position < end, bytes[position] != 0x0A { position += 1 }
            let line = bytes[lineStart..<position].drop { $0 == 0x20 || $0 == 0x09 }
            if Array(line.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()) == marker {
                return position
            }
        }
        return end
    }

    /// From an opening bracket, returns the index after its matching close.
    private func matching(_ start: Int, end: Int) -> Int {
        var depth = 0
        var position = start
        while position < end {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
                depth += 1
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
                depth -= 1
                position += 1
                if depth == 0 { return position }
            case UInt8(ascii: "\""):
                position = skipString(position, end: end)
            case UInt8(ascii: "<") where position + 1 < end && bytes[position + 1] == UInt8(ascii: "<"):
                position = skipHeredoc(position, end: end)
            case UInt8(ascii: "#"), UInt8(ascii: "/"):
                let skipped = skipTrivia(position, end: end, newlines: false)
                position = skipped == position ? position + 1 : skipped
            default:
                position += 1
            }
        }
        return end
    }

    /// The end of an attribute's expression: a newline, `}` or `;` outside any bracket.
    private func endOfExpression(_ start: Int, end: Int) -> Int {
        var position = start
        while position < end {
            let byte = bytes[position]
            switch byte {
            case 0x0A, UInt8(ascii: "}"):
                return position
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
                position = matching(position, end: end)
            case UInt8(ascii: "\""):
                position = skipString(position, end: end)
            case UInt8(ascii: "<") where position + 1 < end && bytes[position + 1] == UInt8(ascii: "<"):
                position = skipHeredoc(position, end: end)
            case UInt8(ascii: "#"):
                return position
            case UInt8(ascii: "/") where position + 1 < end && (bytes[position + 1] == UInt8(ascii: "/") || bytes[position + 1] == UInt8(ascii: "*")):
                return position
            default:
                position += 1
            }
        }
        return end
    }
}
