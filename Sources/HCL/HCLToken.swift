/// One lexical token of HCL native syntax.
public struct HCLToken: Sendable, Hashable {
    /// The kind of token and its payload.
    public enum Kind: Sendable, Hashable {
        /// An identifier or keyword; provider functions keep their `::` (`provider::aws::x`).
        case identifier(String)
        /// A number literal, as written.
        case number(String)
        /// A quoted template string `"..."`.
        case string(HCLTemplate)
        /// A heredoc template `<<EOF ... EOF`.
        case heredoc(HCLTemplate)
        /// Punctuation or an operator: `{`, `}`, `=`, `(`, `==`, `=>`, `...`, …
        case punctuation(String)
        /// A line break that ends an attribute or block header.
        case newline
        /// A comment, text without its `#`, `//` or `/* */` markers.
        case comment(String)
    }

    /// The kind of token.
    public var kind: Kind
    /// 1-based line where the token starts.
    public var line: Int

    /// Creates a token.
    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// The identifier's name, if this is an identifier.
    public var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// Whether this is the punctuation `text`.
    public func isPunctuation(_ text: String) -> Bool {
        kind == .punctuation(text)
    }

    /// The template of a string or heredoc token.
    public var template: HCLTemplate? {
        switch kind {
        case .string(let template), .heredoc(let template): return template
        default: return nil
        }
    }
}

/// A template (quoted string or heredoc): literal text with `${...}` interpolations and
/// `%{...}` directives, whose expression tokens are kept so that function calls inside
/// strings are seen.
public struct HCLTemplate: Sendable, Hashable {
    /// A piece of a template.
    public enum Part: Sendable, Hashable {
        /// Literal text, escapes resolved.
        case literal(String)
        /// The tokens of a `${ ... }` interpolation.
        case interpolation([HCLToken])
        /// The tokens of a `%{ ... }` directive.
        case directive([HCLToken])
    }

    /// The parts in source order.
    public var parts: [Part]

    /// Creates a template.
    public init(parts: [Part]) {
        self.parts = parts
    }

    /// The text when the template has no interpolation or directive; nil otherwise.
    public var literalValue: String? {
        var text = ""
        for part in parts {
            guard case .literal(let piece) = part else { return nil }
            text += piece
        }
        return text
    }

    /// Tokens of every interpolation and directive, in order.
    public var expressionTokens: [[HCLToken]] {
        parts.compactMap { part in
            switch part {
            case .literal: return nil
            case .interpolation(let tokens), .directive(let tokens): return tokens
            }
        }
    }
}

/// A syntax error in an HCL file, or something the strict reader refuses to guess at.
public struct HCLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the error.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
