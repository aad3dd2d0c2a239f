import Foundation
import Yams

/// Collects the problems found while reading one document.
final class ProblemList {
    private(set) var errors: [ConfigError] = []

    func add(_ path: String, _ node: Node?, _ message: String) {
        errors.append(ConfigError(path: path, line: node?.mark?.line, message: message))
    }
}

/// A YAML mapping being read into typed values. Every key read is remembered, so that
/// `rejectUnknownKeys()` can report the ones nobody asked for (a typo such as `driftIntervall`
/// must not silently fall back to a default).
final class MappingReader {
    let path: String
    let node: Node
    private let pairs: [(key: String, keyNode: Node, value: Node)]
    private let problems: ProblemList
    private var used: Set<String> = []

    /// Reads `node` as a mapping; reports and returns nil when it is something else.
    init?(_ node: Node, path: String, problems: ProblemList) {
        guard let mapping = node.mapping else {
            problems.add(path, node, "expected a mapping of keys to values")
            return nil
        }
        var pairs: [(String, Node, Node)] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                problems.add(path, keyNode, "keys must be plain strings")
                continue
            }
            if !seen.insert(key).inserted {
                problems.add(Self.join(path, key), keyNode, "is given more than once")
                continue
            }
            pairs.append((key, keyNode, value))
        }
        self.path = path
        self.node = node
        self.pairs = pairs
        self.problems = problems
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func keyPath(_ key: String) -> String { Self.join(path, key) }

    /// The value node under `key`, marking the key as used. A YAML `null` counts as absent.
    func value(_ key: String) -> Node? {
        used.insert(key)
        guard let value = pairs.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain,
           ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return nil
        }
        return value
    }

    func report(_ key: String, _ message: String) {
        problems.add(keyPath(key), value(key) ?? node, message)
    }

    /// A string scalar, or `fallback` when the key is absent.
    func string(_ key: String) -> String? {
        guard let value = value(key) else { return nil }
        guard let scalar = value.scalar else {
            problems.add(keyPath(key), value, "expected a string")
            return nil
        }
        return scalar.string
    }

    /// A required string; reports `is required` when absent or empty.
    func requiredString(_ key: String) -> String? {
        guard let text = string(key) else {
            if value(key) == nil { problems.add(keyPath(key), node, "is required") }
            return nil
        }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            report(key, "must not be empty")
            return nil
        }
        return text
    }

    func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key) else { return nil }
        guard let number = value.scalar.flatMap({ Int($0.string) }) else {
            problems.add(keyPath(key), value, "\(Self.quote(value)) is not a whole number")
            return nil
        }
        guard range.contains(number) else {
            problems.add(keyPath(key), value, "\(number) is outside \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        switch value.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problems.add(keyPath(key), value, "\(Self.quote(value)) is not true or false")
            return nil
        }
    }

    func duration(_ key: String) -> Duration? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalar?.string, let duration = ConfigDuration.parse(text) else {
            problems.add(keyPath(key), value, "\(Self.quote(value)) is not a duration (write it like 30s, 5m, 1h)")
            return nil
        }
        return duration
    }

    func mapping(_ key: String) -> MappingReader? {
        value(key).flatMap { MappingReader($0, path: keyPath(key), problems: problems) }
    }

    /// The items of a sequence with their key paths (`key[0]`, `key[1]`, …).
    func sequence(_ key: String) -> [(path: String, node: Node)] {
        guard let value = value(key) else { return [] }
        guard let sequence = value.sequence else {
            problems.add(keyPath(key), value, "expected a list")
            return []
        }
        return sequence.enumerated().map { ("\(keyPath(key))[\($0.offset)]", $0.element) }
    }

    /// One item of a `sequence` read as a mapping (reported at the item's path when it is not one).
    func mapping(item: (path: String, node: Node)) -> MappingReader? {
        MappingReader(item.node, path: item.path, problems: problems)
    }

    /// A list of strings.
    func strings(_ key: String) -> [String]? {
        guard value(key) != nil else { return nil }
        return sequence(key).compactMap { item in
            guard let text = item.node.scalar?.string else {
                problems.add(item.path, item.node, "expected a string")
                return nil
            }
            return text
        }
    }

    /// A mapping of string keys to string values (tags, for example).
    func stringMap(_ key: String) -> [String: String]? {
        guard let reader = mapping(key) else { return nil }
        var result: [String: String] = [:]
        for name in reader.keys {
            if let text = reader.string(name) { result[name] = text }
        }
        return result
    }

    var keys: [String] { pairs.map(\.key) }

    /// Reports every key that no reader asked for.
    func rejectUnknownKeys() {
        for pair in pairs where !used.contains(pair.key) {
            let known = used.sorted().joined(separator: ", ")
            problems.add(keyPath(pair.key), pair.keyNode, "unknown key (known here: \(known))")
        }
    }

    static func quote(_ node: Node) -> String {
        guard let text = node.scalar?.string else { return "this value" }
        return "\"\(text)\""
    }
}
