import Foundation

/// Small helpers to write HCL safely: every value the daemon injects is a literal, never a
/// template, so a hostile tag value or role ARN cannot smuggle an interpolation.
enum HCLText {
    /// A quoted HCL string literal for `value`, with `${` and `%{` escaped.
    static func quoted(_ value: String) -> String {
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
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                   scalar.value < 0x20 {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.append(character)
                }
            }
            previous = character
        }
        return result + "\""
    }

    /// An HCL map literal `{ "k" = "v", ... }` with sorted keys.
    static func map(_ values: [String: String]) -> String {
        "{ " + values.keys.sorted().map { "\(quoted($0)) = \(quoted(values[$0]!))" }.joined(separator: ", ") + " }"
    }

    /// An HCL expression equal to a JSON value of a `.tf.json` file. Strings stay templates,
    /// exactly as Terraform reads them from JSON syntax.
    static func expression(fromJSON value: JSONValue) -> String {
        switch value {
        case .string(let string):
            var escaped = ""
            for character in string {
                switch character {
                case "\\": escaped += "\\\\"
                case "\"": escaped += "\\\""
                case "\n": escaped += "\\n"
                default: escaped.append(character)
                }
            }
            return "\"" + escaped + "\""
        case .number, .bool:
            return value.description
        case .array(let elements):
            return "[" + elements.map { expression(fromJSON: $0) }.joined(separator: ", ") + "]"
        case .object(let members):
            return "{ " + members.keys.sorted().map { "\(quoted($0)) = \(expression(fromJSON: members[$0]!))" }
                .joined(separator: ", ") + " }"
        case .null, .sensitive:
            return "null"
        }
    }
}
