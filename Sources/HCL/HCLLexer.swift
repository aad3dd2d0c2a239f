/// Tokenizes HCL native syntax: identifiers, numbers, quoted templates with escapes and
/// `${}`/`%{}` parts, heredocs (`<<EOF`, `<<-EOF`), comments (`#`, `//`, `/* */`) and
/// punctuation, with line numbers.
///
/// A real tokenizer rather than line regexes: a `provisioner` inside a heredoc is text, not a
/// block, and a block split across lines is still one block.
///
/// It is strict on purpose: it reads exactly the subset of HCL it can read with certainty and
/// throws on everything else, so that the guard (which refuses what cannot be read) never sees
/// a different file than terraform does. Refused: a byte order mark, control characters other
/// than tab and line feed (a carriage return only as part of CRLF), non-ASCII characters
/// outside strings, heredocs and comments, punctuation HCL does not have, and a heredoc closing
/// line with anything after its marker.
public struct HCLLexer {
    private let bytes: [UInt8]
    private var position = 0
    private var limit: Int
    private var line: Int

    /// Creates a lexer over `source`, numbering lines from `firstLine`.
    public init(_ source: String, firstLine: Int = 1) {
        bytes = Array(source.utf8)
        limit = bytes.count
        line = firstLine
    }

    /// Tokenizes a whole file of native syntax.
    public static func tokenize(_ source: String) throws(HCLSyntaxError) -> [HCLToken] {
        try checkCharacters(source)
        var lexer = HCLLexer(source)
        return try lexer.lexTokens(untilClosingBrace: false)
    }

    /// Refuses what HCL and this lexer might read differently anywhere in a file: a byte
    /// order mark, NUL and other control characters, a carriage return not followed by a line
    /// feed (HCL counts a lone CR as a line break; this lexer would not).
    static func checkCharacters(_ source: String) throws(HCLSyntaxError) {
        var line = 1
        let bytes = Array(source.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw HCLSyntaxError(line: 1, message: "byte order mark at the start of the file (save it as UTF-8 without BOM)")
        }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x0A:
                line += 1
            case 0x09:
                continue
            case 0x0D:
                if index + 1 >= bytes.count || bytes[index + 1] != 0x0A {
                    throw HCLSyntaxError(line: line, message: "carriage return without a line feed")
                }
            case 0x00..<0x20, 0x7F:
                throw HCLSyntaxError(line: line, message: "control character U+\(hex4(byte)) in the file")
            default:
                continue
            }
        }
    }

    private static func hex4(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "00" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    private var atEnd: Bool { position >= limit }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < limit ? bytes[index] : nil
    }

    /// ASCII only: HCL accepts Unicode letters in identifiers, but no Terraform name needs
    /// them, and a look-alike or an exotic space outside a string is refused rather than guessed.
    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Lexes tokens until the end of input, or (inside `${`/`%{`) until the brace that closes
    /// the interpolation, which is consumed.
    private mutating func lexTokens(untilClosingBrace: Bool) throws(HCLSyntaxError) -> [HCLToken] {
        var tokens: [HCLToken] = []
        var depth = 0
        let startLine = line
        while !atEnd {
            let byte = bytes[position]
            switch byte {
            case 0x20, 0x09, 0x0D:
                position += 1
            case 0x0A:
                tokens.append(HCLToken(.newline, line: line))
                line += 1
                position += 1
            case 0x23:  // #
                tokens.append(lexLineComment(skip: 1))
            case 0x2F where peek(1) == 0x2F:  // //
                tokens.append(lexLineComment(skip: 2))
            case 0x2F where peek(1) == 0x2A:  // /*
                tokens.append(try lexBlockComment())
            case 0x22:  // "
                let tokenLine = line
                position += 1
                tokens.append(HCLToken(.string(try lexTemplate(quoted: true)), line: tokenLine))
            case 0x3C where peek(1) == 0x3C && (peek(2).map { $0 == 0x2D || HCLLexer.isIdentifierStart($0) } ?? false):
                tokens.append(try lexHeredoc())
            case _ where HCLLexer.isIdentifierStart(byte):
                tokens.append(lexIdentifier())
            case _ where HCLLexer.isDigit(byte):
                tokens.append(lexNumber())
            case 0x7B:  // {
                depth += 1
                tokens.append(HCLToken(.punctuation("{"), line: line))
                position += 1
            case 0x7D:  // }
                if untilClosingBrace && depth == 0 {
                    position += 1
                    return tokens
                }
                depth -= 1
                tokens.append(HCLToken(.punctuation("}"), line: line))
                position += 1
            default:
                tokens.append(try lexPunctuation())
            }
        }
        if untilClosingBrace {
            throw HCLSyntaxError(line: startLine, message: "unterminated template interpolation")
        }
        return tokens
    }

    private mutating func lexLineComment(skip: Int) -> HCLToken {
        let start = position + skip
        var end = start
        while end < limit, bytes[end] != 0x0A { end += 1 }
        position = end
        return HCLToken(.comment(text(start..<end)), line: line)
    }

    private mutating func lexBlockComment() throws(HCLSyntaxError) -> HCLToken {
        let startLine = line
        let start = position + 2
        var index = start
        while index + 1 < limit {
            if bytes[index] == 0x2A && bytes[index + 1] == 0x2F {
                position = index + 2
                return HCLToken(.comment(text(start..<index)), line: startLine)
            }
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        throw HCLSyntaxError(line: startLine, message: "unterminated /* comment")
    }

    private mutating func lexIdentifier() -> HCLToken {
        let start = position
        while let byte = peek(), HCLLexer.isIdentifierPart(byte) { position += 1 }
        // Provider-defined functions: provider::aws::arn_parse, core::file.
        while peek() == 0x3A, peek(1) == 0x3A, let next = peek(2), HCLLexer.isIdentifierStart(next) {
            position += 2
            while let byte = peek(), HCLLexer.isIdentifierPart(byte) { position += 1 }
        }
        return HCLToken(.identifier(text(start..<position)), line: line)
    }

    private mutating func lexNumber() -> HCLToken {
        let start = position
        while let byte = peek() {
            if HCLLexer.isDigit(byte) || byte == 0x2E {
                position += 1
            } else if byte == 0x65 || byte == 0x45 {
                position += 1
                if let sign = peek(), sign == 0x2B || sign == 0x2D { position += 1 }
            } else {
                break
            }
        }
        return HCLToken(.number(text(start..<position)), line: line)
    }

    /// The single-character operators and delimiters of HCL native syntax.
    static let punctuation: Set<UInt8> = Set("{}[]()=,.:?!+-*/%<>~".utf8)

    private mutating func lexPunctuation() throws(HCLSyntaxError) -> HCLToken {
        for candidate in ["...", "==", "!=", "<=", ">=", "&&", "||", "=>"] {
            let candidateBytes = Array(candidate.utf8)
            if position + candidateBytes.count <= limit,
                Array(bytes[position..<position + candidateBytes.count]) == candidateBytes
            {
                position += candidateBytes.count
                return HCLToken(.punctuation(candidate), line: line)
            }
        }
        let byte = bytes[position]
        guard HCLLexer.punctuation.contains(byte) else {
            if byte >= 0x80 {
                throw HCLSyntaxError(line: line, message: "non-ASCII character outside a string or comment")
            }
            throw HCLSyntaxError(line: line, message: "unexpected character \"\(Character(Unicode.Scalar(byte)))\"")
        }
        position += 1
        return HCLToken(.punctuation(String(Character(Unicode.Scalar(byte)))), line: line)
    }

    /// Lexes a heredoc starting at `<<`: finds the closing marker line, then lexes the body as
    /// a template (interpolations work in heredocs; backslash escapes do not).
    private mutating func lexHeredoc() throws(HCLSyntaxError) -> HCLToken {
        let startLine = line
        position += 2
        if peek() == 0x2D { position += 1 }
        let markerStart = position
        while let byte = peek(), HCLLexer.isIdentifierPart(byte) { position += 1 }
        let marker = text(markerStart..<position)
        guard !marker.isEmpty else {
            throw HCLSyntaxError(line: startLine, message: "heredoc without a marker")
        }
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0D { position += 1 }
        guard peek() == 0x0A else {
            throw HCLSyntaxError(line: startLine, message: "heredoc marker must end its line")
        }
        position += 1
        line += 1
        let bodyStart = position
        var lineStart = position
        var bodyEnd: Int?
        var afterMarker = position
        var bodyLine = line
        while lineStart < limit {
            var lineEnd = lineStart
            while lineEnd < limit, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let content = text(lineStart..<lineEnd).trimming(" \t\r")
            if content == marker {
                // HCL ends a heredoc only at indentation + marker + line break; a line that
                // looks like the marker with more after it would be read differently.
                let exact = String(text(lineStart..<lineEnd).drop { $0 == " " || $0 == "\t" })
                guard exact == marker || exact == marker + "\r" else {
                    throw HCLSyntaxError(line: bodyLine, message: "heredoc marker \(marker) followed by spaces: ambiguous end")
                }
                bodyEnd = lineStart
                afterMarker = lineEnd
                break
            }
            lineStart = lineEnd + 1
            bodyLine += 1
        }
        guard let bodyEnd else {
            throw HCLSyntaxError(line: startLine, message: "heredoc <<\(marker) is never closed")
        }
        let savedLimit = limit
        limit = bodyEnd
        position = bodyStart
        let template = try lexTemplate(quoted: false)
        limit = savedLimit
        position = afterMarker
        return HCLToken(.heredoc(template), line: startLine)
    }

    /// Lexes template text after an opening quote (`quoted`) or up to `limit` (heredoc body).
    private mutating func lexTemplate(quoted: Bool) throws(HCLSyntaxError) -> HCLTemplate {
        let startLine = line
        var parts: [HCLTemplate.Part] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty {
                parts.append(.literal(String(decoding: literal, as: UTF8.self)))
                literal = []
            }
        }
        while !atEnd {
            let byte = bytes[position]
            if quoted && byte == 0x22 {
                position += 1
                flush()
                return HCLTemplate(parts: parts)
            }
            if quoted && byte == 0x0A {
                throw HCLSyntaxError(line: startLine, message: "unterminated string")
            }
            if quoted && byte == 0x5C {
                try lexEscape(into: &literal)
                continue
            }
            if (byte == 0x24 || byte == 0x25) && peek(1) == byte && peek(2) == 0x7B {
                // $${ and %%{ are escapes for a literal ${ and %{.
                literal.append(byte)
                literal.append(0x7B)
                position += 3
                continue
            }
            if (byte == 0x24 || byte == 0x25) && peek(1) == 0x7B {
                flush()
                position += 2
                let tokens = try lexTokens(untilClosingBrace: true)
                parts.append(byte == 0x24 ? .interpolation(tokens) : .directive(tokens))
                continue
            }
            if byte == 0x0A { line += 1 }
            literal.append(byte)
            position += 1
        }
        if quoted {
            throw HCLSyntaxError(line: startLine, message: "unterminated string")
        }
        flush()
        return HCLTemplate(parts: parts)
    }

    private mutating func lexEscape(into literal: inout [UInt8]) throws(HCLSyntaxError) {
        guard let next = peek(1) else {
            throw HCLSyntaxError(line: line, message: "unterminated string")
        }
        position += 2
        switch next {
        case 0x6E: literal.append(0x0A)
        case 0x72: literal.append(0x0D)
        case 0x74: literal.append(0x09)
        case 0x22, 0x5C: literal.append(next)
        case 0x75, 0x55:  // \uXXXX, \UXXXXXXXX
            let count = next == 0x75 ? 4 : 8
            guard position + count <= limit,
                let scalarValue = UInt32(text(position..<position + count), radix: 16),
                let scalar = Unicode.Scalar(scalarValue)
            else {
                throw HCLSyntaxError(line: line, message: "invalid unicode escape")
            }
            literal += Array(String(Character(scalar)).utf8)
            position += count
        default:
            throw HCLSyntaxError(line: line, message: "invalid escape sequence \\\(Character(Unicode.Scalar(next)))")
        }
    }
}

extension String {
    /// Trims the given characters from both ends (Foundation-free).
    package func trimming(_ set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
