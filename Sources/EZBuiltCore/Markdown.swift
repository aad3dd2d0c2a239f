/// The one escaper for text from outside (requirements, errors, attribute values, check texts)
/// placed in the Markdown the daemon commits (PLAN.md, status files) and prints.
///
/// Nothing a user wrote may become a link, an image, HTML, a heading, emphasis that swallows
/// the rest of a line, or a new line that breaks a list item or a table row.
public enum Markdown {
    /// Longest text kept from one value: an error that quotes a whole file must not bury PLAN.md.
    public static let maximumLength = 2000

    /// Text in running prose or a list item: one line, HTML and markup characters escaped,
    /// at most ``maximumLength`` characters (then `…`). Pipes are escaped too, so the same
    /// text is safe inside a table cell.
    public static func inline(_ text: String) -> String {
        var out = ""
        let characters = Array(text)
        for (index, character) in characters.prefix(maximumLength).enumerated() {
            switch character {
            // `isNewline` covers `\r\n` (one Character), U+2028/2029 and the other breaks.
            case _ where character.isNewline, "\t": out.append(" ")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "&": out.append("&amp;")
            case "\\", "`", "*", "[", "]", "!", "#", "|", "~":
                out.append("\\")
                out.append(character)
            case "_":
                // An underscore between two letters or digits never starts emphasis (GitHub,
                // CommonMark): left as it is, attribute names stay readable in the raw file.
                let before = index > 0 ? characters[index - 1] : nil
                let after = index + 1 < characters.count ? characters[index + 1] : nil
                if isWordCharacter(before), isWordCharacter(after) {
                    out.append("_")
                } else {
                    out.append("\\_")
                }
            default: out.append(character)
            }
        }
        if characters.count > maximumLength { out.append("…") }
        return out
    }

    /// Text inside a table cell: ``inline(_:)`` (which already escapes pipes).
    public static func cell(_ text: String) -> String { inline(text) }

    /// A whole code span showing `text` as it is: the fence is longer than any run of
    /// backticks inside, line breaks become spaces, and in a table cell (`inTable`) pipes are
    /// escaped, which GitHub removes again inside the span.
    public static func code(_ text: String, inTable: Bool = false) -> String {
        var body = String(text.prefix(maximumLength).map { $0.isNewline ? " " : $0 })
        if inTable { body = body.replacing("|", with: "\\|") }
        var fence = "`"
        while body.contains(fence) { fence += "`" }
        let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
        return fence + pad + body + pad + fence
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
