/// An attribute `name = expression` in an HCL body, with the expression's tokens.
public struct HCLAttribute: Sendable, Hashable {
    /// Attribute name.
    public var name: String
    /// 1-based line of the name.
    public var line: Int
    /// Tokens of the expression (newlines inside brackets kept, comments removed).
    public var expression: [HCLToken]

    /// The literal string value when the expression is exactly one literal string.
    public var literalString: String? {
        let meaningful = expression.filter { $0.kind != .newline }
        guard meaningful.count == 1, let template = meaningful[0].template else { return nil }
        return template.literalValue
    }
}

/// A block `type "label" … { body }`.
public struct HCLBlock: Sendable, Hashable {
    /// Block type, e.g. `resource`, `provisioner`.
    public var type: String
    /// Labels, e.g. `["aws_s3_bucket", "logs"]`.
    public var labels: [String]
    /// 1-based line of the block type keyword.
    public var line: Int
    /// 1-based line of the closing brace.
    public var endLine: Int
    /// The block's content.
    public var body: HCLBody
}

/// The content of a file or block: attributes and nested blocks in source order.
public struct HCLBody: Sendable, Hashable {
    /// Attributes.
    public var attributes: [HCLAttribute] = []
    /// Nested blocks.
    public var blocks: [HCLBlock] = []

    /// The attribute named `name`, if present.
    public func attribute(_ name: String) -> HCLAttribute? {
        attributes.first { $0.name == name }
    }

    /// Nested blocks of one type.
    public func blocks(ofType type: String) -> [HCLBlock] {
        blocks.filter { $0.type == type }
    }
}

/// A parsed `.tf` file: its top-level body and its comments (for inline skips).
public struct HCLFile: Sendable, Hashable {
    /// Top-level body.
    public var body: HCLBody
    /// Every comment token, in order.
    public var comments: [HCLToken]
    /// Every token (comments included), for skip placement.
    public var tokens: [HCLToken]

    /// Parses HCL native syntax into blocks and attributes.
    public static func parse(_ source: String) throws(HCLSyntaxError) -> HCLFile {
        let tokens = try HCLLexer.tokenize(source)
        var parser = HCLParser(tokens: tokens.filter { if case .comment = $0.kind { return false } else { return true } })
        let body = try parser.parseBody(closedByBrace: false)
        return HCLFile(
            body: body,
            comments: tokens.filter { if case .comment = $0.kind { return true } else { return false } },
            tokens: tokens)
    }
}

/// Recursive-descent parser of HCL bodies over comment-free tokens. Expressions are not
/// parsed into trees: their tokens are collected up to the newline that ends the attribute.
struct HCLParser {
    let tokens: [HCLToken]
    var index = 0

    init(tokens: [HCLToken]) {
        self.tokens = tokens
    }

    private var current: HCLToken? { index < tokens.count ? tokens[index] : nil }

    mutating func parseBody(closedByBrace: Bool) throws(HCLSyntaxError) -> HCLBody {
        var body = HCLBody()
        while let token = current {
            if token.kind == .newline {
                index += 1
                continue
            }
            if token.isPunctuation("}") {
                guard closedByBrace else {
                    throw HCLSyntaxError(line: token.line, message: "unexpected }")
                }
                return body
            }
            guard let name = token.identifier else {
                throw HCLSyntaxError(line: token.line, message: "expected an attribute or block, found \(describe(token))")
            }
            index += 1
            if let next = current, next.isPunctuation("=") {
                index += 1
                body.attributes.append(
                    HCLAttribute(name: name, line: token.line, expression: try parseExpression()))
                continue
            }
            var labels: [String] = []
            while let next = current, !next.isPunctuation("{") {
                if let label = next.identifier {
                    labels.append(label)
                } else if case .string(let template) = next.kind, let text = template.literalValue {
                    labels.append(text)
                } else {
                    throw HCLSyntaxError(line: next.line, message: "expected a block label or {, found \(describe(next))")
                }
                index += 1
            }
            guard current != nil else {
                throw HCLSyntaxError(line: token.line, message: "block \(name) has no body")
            }
            index += 1  // {
            let inner = try parseBody(closedByBrace: true)
            guard let close = current, close.isPunctuation("}") else {
                throw HCLSyntaxError(line: token.line, message: "block \(name) is never closed")
            }
            index += 1
            body.blocks.append(HCLBlock(type: name, labels: labels, line: token.line, endLine: close.line, body: inner))
        }
        if closedByBrace {
            throw HCLSyntaxError(line: tokens.last?.line ?? 1, message: "missing }")
        }
        return body
    }

    /// Collects expression tokens until a newline (or a `}` closing a one-line block) at
    /// bracket depth zero.
    private mutating func parseExpression() throws(HCLSyntaxError) -> [HCLToken] {
        var collected: [HCLToken] = []
        var depth = 0
        let startLine = current?.line ?? 0
        while let token = current {
            if depth == 0 && token.kind == .newline { break }
            if depth == 0 && token.isPunctuation("}") { break }
            if token.isPunctuation("{") || token.isPunctuation("(") || token.isPunctuation("[") {
                depth += 1
            } else if token.isPunctuation("}") || token.isPunctuation(")") || token.isPunctuation("]") {
                depth -= 1
            }
            collected.append(token)
            index += 1
        }
        if depth > 0 {
            throw HCLSyntaxError(line: startLine, message: "unbalanced brackets in expression")
        }
        if collected.isEmpty {
            throw HCLSyntaxError(line: startLine, message: "attribute without a value")
        }
        return collected
    }

    private func describe(_ token: HCLToken) -> String {
        switch token.kind {
        case .identifier(let name): return name
        case .number(let text): return text
        case .string: return "a string"
        case .heredoc: return "a heredoc"
        case .punctuation(let text): return text
        case .newline: return "end of line"
        case .comment: return "a comment"
        }
    }
}
