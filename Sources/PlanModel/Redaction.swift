/// Replaces values marked sensitive by Terraform with a fixed placeholder.
///
/// Terraform writes sensitivity as a parallel structure (`sensitive_values`,
/// `after_sensitive`, `before_sensitive`): `true` marks the whole value at that position, an
/// object or array of marks descends. Redaction happens while decoding, so nothing built from a
/// ``PlanDocument`` can leak a secret into PLAN.md, logs or the status branch.
public enum Redaction {
    /// What a sensitive value becomes.
    public static let placeholder = "(sensitive)"

    /// Returns `value` with every marked position replaced, and the dotted paths replaced.
    public static func redact(_ value: JSONValue, marks: JSONValue?, path: String = "") -> (
        value: JSONValue, paths: [String]
    ) {
        guard let marks else { return (value, []) }
        if marks == .bool(true) {
            return value.isNull ? (value, []) : (.string(placeholder), [path])
        }
        switch (value, marks) {
        case (.object(let members), .object(let markMembers)):
            var result = members
            var paths: [String] = []
            for (key, mark) in markMembers {
                guard let member = members[key] else { continue }
                let redacted = redact(member, marks: mark, path: JSONValue.join(path, key))
                result[key] = redacted.value
                paths += redacted.paths
            }
            return (.object(result), paths.sorted())
        case (.array(let elements), .array(let markElements)):
            var result = elements
            var paths: [String] = []
            for (index, mark) in markElements.enumerated() where index < elements.count {
                let redacted = redact(elements[index], marks: mark, path: JSONValue.join(path, String(index)))
                result[index] = redacted.value
                paths += redacted.paths
            }
            return (.array(result), paths)
        default:
            return (value, [])
        }
    }

    /// Dotted paths marked `true` in an `after_unknown`-style structure.
    public static func markedPaths(_ marks: JSONValue?, path: String = "") -> [String] {
        switch marks {
        case .bool(true)?:
            return [path]
        case .object(let members)?:
            return members.keys.sorted().flatMap { key in
                markedPaths(members[key], path: JSONValue.join(path, key))
            }
        case .array(let elements)?:
            return elements.enumerated().flatMap { index, element in
                markedPaths(element, path: JSONValue.join(path, String(index)))
            }
        default:
            return []
        }
    }
}
