/// An attribute `name = expression` in an HCL body, with the expression's tokens.
public struct HCLAttribute: Sendable, Hashable {
    /// Attribute name.
    public var name: String
    /// 1-based line of the name.
    public var line: Int
    /// Tokens of the expression (newlines inside brackets kept, comments removed).
    public var expression: [HCLToken]

    /// Creates an attribute (tests and callers building bodies).
    public init(name: String, line: Int, expression: [HCLToken]) {
        self.name = name
        self.line = line
        self.expression = expression
    }

    /// The expression's tokens without line breaks and comments.
    public var meaningfulTokens: [HCLToken] { expression.meaningful }

    /// The literal string value when the expression is exactly one literal string.
    public var literalString: String? {
        let meaningful = meaningfulTokens
        guard meaningful.count == 1, let template = meaningful[0].template else { return nil }
        return template.literalValue
    }

    /// The entries of the expression when it is an object constructor `{ key = value, … }`
    /// whose keys are all bare identifiers or literal strings; nil when it is anything else
    /// (a reference, a call, a key that is an expression or a template).
    public var objectLiteral: [HCLObjectEntry]? {
        HCLObjectEntry.parse(expression)
    }
}

/// One entry of an object constructor whose key is literal.
public struct HCLObjectEntry: Sendable, Hashable {
    /// The key, as Terraform reads it.
    public var key: String
    /// 1-based line of the key.
    public var line: Int
    /// Tokens of the value (comments and line breaks removed).
    public var value: [HCLToken]

    /// The value when it is exactly one literal string.
    public var literalString: String? {
        guard value.count == 1, let template = value[0].template else { return nil }
        return template.literalValue
    }

    /// Reads `{ key = value, … }` (`=` or `:`, entries split by commas or line breaks at the
    /// top level); nil unless every key is a bare identifier or a literal string. A key in
    /// parentheses is an expression in HCL and is refused here, as is any template key.
    public static func parse(_ tokens: [HCLToken]) -> [HCLObjectEntry]? {
        let tokens = tokens.filter { if case .comment = $0.kind { return false } else { return true } }
        let first = tokens.firstIndex { $0.kind != .newline }
        let last = tokens.lastIndex { $0.kind != .newline }
        guard let first, let last, first < last, tokens[first].isPunctuation("{"), tokens[last].isPunctuation("}") else {
            return nil
        }
        var entries: [HCLObjectEntry] = []
        var index = first + 1
        while index < last {
            if tokens[index].isPunctuation(",") || tokens[index].kind == .newline {
                index += 1
                continue
            }
            let keyToken = tokens[index]
            let key: String
            if let name = keyToken.identifier, !name.contains(":") {
                key = name
            } else if case .string(let template) = keyToken.kind, let literal = template.literalValue {
                key = literal
            } else {
                return nil
            }
            index += 1
            guard index < last, tokens[index].isPunctuation("=") || tokens[index].isPunctuation(":") else { return nil }
            index += 1
            var value: [HCLToken] = []
            var depth = 0
            while index < last {
                let token = tokens[index]
                if depth == 0 && (token.isPunctuation(",") || token.kind == .newline) { break }
                if token.isPunctuation("{") || token.isPunctuation("(") || token.isPunctuation("[") { depth += 1 }
                if token.isPunctuation("}") || token.isPunctuation(")") || token.isPunctuation("]") { depth -= 1 }
                guard depth >= 0 else { return nil }
                if token.kind != .newline { value.append(token) }
                index += 1
            }
            guard !value.isEmpty, depth == 0 else { return nil }
            entries.append(HCLObjectEntry(key: key, line: keyToken.line, value: value))
        }
        return entries
    }
}

extension [HCLToken] {
    /// The tokens without line breaks and comments.
    public var meaningful: [HCLToken] {
        filter {
            switch $0.kind {
            case .newline, .comment: return false
            default: return true
            }
        }
    }
}

/// A block `type "label" … { body }`.
public struct HCLBlock: Sendable, Hashable {
    /// Creates a block.
    public init(type: String, labels: [String], line: Int, endLine: Int, body: HCLBody) {
        self.type = type
        self.labels = labels
        self.line = line
        self.endLine = endLine
        self.body = body
    }

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
    /// Creates an empty body.
    public init() {}

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
    /// bracket depth zero; brackets must pair up (`(` with `)`, `[` with `]`, `{` with `}`).
    private mutating func parseExpression() throws(HCLSyntaxError) -> [HCLToken] {
        var collected: [HCLToken] = []
        var open: [String] = []
        let startLine = current?.line ?? 0
        let closers = ["(": ")", "[": "]", "{": "}"]
        while let token = current {
            if open.isEmpty && token.kind == .newline { break }
            if open.isEmpty && token.isPunctuation("}") { break }
            if case .punctuation(let text) = token.kind {
                if let closer = closers[text] {
                    open.append(closer)
                } else if [")", "]", "}"].contains(text) {
                    guard open.last == text else {
                        throw HCLSyntaxError(line: token.line, message: "unexpected \(text) in expression")
                    }
                    open.removeLast()
                }
            }
            collected.append(token)
            index += 1
        }
        if !open.isEmpty {
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
