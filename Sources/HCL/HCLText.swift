/// The one HCL string escaper: every value the daemon writes into Terraform (the generated
/// files, the runtime override, the CLI configuration, import blocks) is a literal, never a
/// template, so a hostile tag value or role ARN cannot smuggle an interpolation.
public enum HCLText {
    /// A quoted HCL string literal for `value` (see ``escaped(_:)``).
    public static func quoted(_ value: String) -> String {
        "\"" + escaped(value) + "\""
    }

    /// `text` for use inside an HCL quoted string: quotes and backslashes escaped, `\n`, `\r`,
    /// `\t` spelled so, every other control character and U+2028/U+2029 (line breaks to some
    /// readers) as `\uXXXX`, and `${` and `%{` doubled so they stay text.
    ///
    /// It works on Unicode scalars, not Characters: `\r\n` is one Character in Swift and
    /// would otherwise slip through as a raw line break.
    public static func escaped(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "$" where next == "{": out += "$${"; index += 1
            case "%" where next == "{": out += "%%{"; index += 1
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            index += 1
        }
        return out
    }

    /// An HCL map literal `{ "k" = "v", ... }` with sorted keys.
    public static func map(_ values: [String: String]) -> String {
        "{ " + values.keys.sorted().map { "\(quoted($0)) = \(quoted(values[$0] ?? ""))" }.joined(separator: ", ") + " }"
    }

    private static func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
