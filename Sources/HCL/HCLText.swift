/// The one HCL string escaper: every value the daemon writes into Terraform is a literal,
/// never a template, so a hostile tag value or role ARN cannot smuggle an interpolation.
public enum HCLText {
    /// A quoted HCL string literal for `value`: quotes, backslashes and control characters
    /// escaped, `${` and `%{` doubled so they stay text.
    public static func quoted(_ value: String) -> String {
        var result = "\""
        var previous: Character?
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "{" where previous == "$" || previous == "%":
                // Double the introducer already written: `${` becomes `$${`.
                result.removeLast()
                result += previous == "$" ? "$${" : "%%{"
            default:
                if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
                   scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u" + hex4(scalar.value)
                } else {
                    result.append(character)
                }
            }
            previous = character
        }
        return result + "\""
    }

    /// An HCL map literal `{ "k" = "v", ... }` with sorted keys.
    public static func map(_ values: [String: String]) -> String {
        "{ " + values.keys.sorted().map { "\(quoted($0)) = \(quoted(values[$0] ?? ""))" }.joined(separator: ", ") + " }"
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return (0..<4).reversed().map { String(digits[Int((value >> (UInt32($0) * 4)) & 0xF)]) }.joined()
    }
}
