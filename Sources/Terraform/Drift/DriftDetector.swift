import Foundation
import PlanModel

/// Turns a refresh-only plan (`show -json` of `plan -refresh-only -out`) into a semantic
/// `DriftReport`.
///
/// Terraform's own signal is useless here: the exit code of `-detailed-exitcode` is 2 even
/// when nothing drifted (Terraform #36403), and `resource_drift` lists `tags: null → {}`,
/// empty lists, server defaults and timestamps right after a clean apply. A difference
/// between the last applied values and the refreshed ones counts only when
/// - it is real: null, "", [] and {} are equal, sets compare without order, JSON documents
///   held in strings compare parsed, and volatile attributes (`VolatileAttributes`) are
///   ignored; and
/// - the configuration speaks about the attribute (it is set in the resource's
///   `configuration` expressions, such as `instance_type`, an inline `ingress` block or
///   `versioning_configuration.status`), or it is a tag (`tags`, `tags_all`): tags are
///   always the user's and a tag added, changed or removed out of band is drift.
/// A resource deleted out of band is always drift.
public enum DriftDetector {
    /// Attributes reported even when the configuration does not set them.
    public static let alwaysWatched: Set<String> = ["tags", "tags_all"]

    /// The report plus clear-text sensitive values seen (for the log redactor only).
    public struct Decoded: Sendable {
        /// The redacted report.
        public var report: DriftReport
        /// Sensitive strings of the document; never stored or logged.
        public var secrets: [String]
    }

    /// Decodes a refresh-only plan document.
    public static func decode(_ data: Data) throws(TerraformError) -> Decoded {
        let document = try JSONValue.decode(data, what: "refresh-only plan JSON")
        var configured: [String: Set<String>] = [:]
        if let root = document["configuration"]?["root_module"] {
            collectConfigured(root, prefix: "", into: &configured)
        }
        var resources: [DriftedResource] = []
        var ignored = 0
        var secrets: [String] = []
        for entry in document["resource_drift"]?.arrayValue ?? [] {
            guard entry["mode"]?.stringValue != "data" else { continue }
            let address = entry["address"]?.stringValue ?? ""
            let type = entry["type"]?.stringValue ?? ""
            let change = entry["change"] ?? .null
            let before = change["before"] ?? .null
            let after = change["after"] ?? .null
            secrets += before.sensitiveStrings(by: change["before_sensitive"])
            secrets += after.sensitiveStrings(by: change["after_sensitive"])
            let actions = (change["actions"]?.arrayValue ?? []).compactMap(\.stringValue)
            if actions == ["delete"] || (after == .null && before != .null) {
                resources.append(DriftedResource(address: address, type: type, kind: .deleted, attributes: []))
                continue
            }
            let configuredPaths = configured[configAddress(address)] ?? []
            var differences: [AttributeDrift] = []
            diff(before, after, change["before_sensitive"], change["after_sensitive"], path: [], into: &differences)
            var kept: [AttributeDrift] = []
            for difference in differences {
                let attribute = topAttribute(difference.path)
                if VolatileAttributes.isVolatile(type: type, attribute: attribute) {
                    ignored += 1
                } else if alwaysWatched.contains(attribute) || isConfigured(difference.path, configuredPaths) {
                    kept.append(difference)
                } else {
                    ignored += 1
                }
            }
            // A resource tag shows in both `tags` and `tags_all`: report it once.
            let tagPaths = Set(kept.filter { $0.path.hasPrefix("tags.") }.map { "tags_all." + $0.path.dropFirst(5) })
            kept.removeAll { tagPaths.contains($0.path) }
            if !kept.isEmpty {
                resources.append(DriftedResource(address: address, type: type, kind: .changed,
                                                 attributes: kept.sorted { $0.path < $1.path }))
            }
        }
        return Decoded(report: DriftReport(resources: resources.sorted { $0.address < $1.address }, ignoredDifferences: ignored),
                       secrets: Array(Set(secrets)))
    }

    // MARK: Configuration

    /// Collects, per configuration address, the index-free paths the configuration sets.
    static func collectConfigured(_ module: JSONValue, prefix: String, into result: inout [String: Set<String>]) {
        for resource in module["resources"]?.arrayValue ?? [] {
            guard let address = resource["address"]?.stringValue else { continue }
            var paths = Set<String>()
            collectExpressionPaths(resource["expressions"] ?? .null, prefix: "", into: &paths)
            result[prefix + address, default: []].formUnion(paths)
        }
        for (name, call) in module["module_calls"]?.objectValue ?? [:] {
            if let child = call["module"] {
                collectConfigured(child, prefix: prefix + "module.\(name).", into: &result)
            }
        }
    }

    /// Walks a resource's `expressions`: an object with `constant_value` or `references` is
    /// an attribute; an array of objects is a nested block.
    static func collectExpressionPaths(_ expressions: JSONValue, prefix: String, into paths: inout Set<String>) {
        guard let members = expressions.objectValue else { return }
        for (key, value) in members {
            let path = prefix.isEmpty ? key : prefix + "." + key
            if let blocks = value.arrayValue {
                paths.insert(path)
                for block in blocks { collectExpressionPaths(block, prefix: path, into: &paths) }
            } else if value["constant_value"] != nil || value["references"] != nil {
                paths.insert(path)
            } else if value.objectValue != nil {
                // A single nested block rendered as an object.
                paths.insert(path)
                collectExpressionPaths(value, prefix: path, into: &paths)
            }
        }
    }

    /// The configuration address of an instance address (instance keys removed).
    static func configAddress(_ address: String) -> String {
        var result = ""
        var depth = 0
        var inString = false
        for character in address {
            if inString {
                if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "[": depth += 1
            case "]": depth -= 1
            case "\"" where depth > 0: inString = true
            default: if depth == 0 { result.append(character) }
            }
        }
        return result
    }

    /// A path without list indices (`a[0].b` → `a.b`).
    static func indexFree(_ path: String) -> String { configAddress(path) }

    static func topAttribute(_ path: String) -> String {
        String(path.prefix { $0 != "." && $0 != "[" })
    }

    /// Whether `path` is set by the configuration: an exact configured path or below one
    /// (a configured attribute owns everything inside it; a configured block only the
    /// attributes configured inside it, or the block as a whole when it is added/removed).
    static func isConfigured(_ path: String, _ configured: Set<String>) -> Bool {
        let plain = indexFree(path)
        if configured.contains(plain) { return true }
        var candidate = plain
        while let dot = candidate.lastIndex(of: ".") {
            candidate = String(candidate[..<dot])
            if configured.contains(candidate) && !configured.contains(where: { $0.hasPrefix(candidate + ".") }) {
                return true
            }
        }
        return false
    }

    // MARK: Semantic difference

    static func diff(_ old: JSONValue, _ new: JSONValue, _ oldMask: JSONValue?, _ newMask: JSONValue?,
                     path: [String], into result: inout [AttributeDrift]) {
        let sensitive = oldMask == .bool(true) || newMask == .bool(true)
        if semanticallyEqual(old, new) { return }
        if sensitive {
            result.append(AttributeDrift(path: render(path), old: old == .null ? .null : .sensitive,
                                         new: new == .null ? .null : .sensitive))
            return
        }
        switch (normalizedContainer(old), normalizedContainer(new)) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                diff(a[key] ?? .null, b[key] ?? .null, oldMask?[key], newMask?[key], path: path + [key], into: &result)
            }
        case (.array(let a), .array(let b)) where a.count == 1 && b.count == 1 && a[0].objectValue != nil && b[0].objectValue != nil:
            diff(a[0], b[0], oldMask?.arrayValue?.first, newMask?.arrayValue?.first, path: path + ["[0]"], into: &result)
        case (.array(let a), .array(let b)):
            let maskHasSecret = (oldMask.map { $0.allLeafStrings().contains("true") } ?? false)
                || (newMask.map { $0.allLeafStrings().contains("true") } ?? false)
            if maskHasSecret {
                result.append(AttributeDrift(path: render(path), old: .sensitive, new: .sensitive))
                return
            }
            var remaining = b.map(normalized)
            var removed: [JSONValue] = []
            for element in a.map(normalized) {
                if let index = remaining.firstIndex(of: element) { remaining.remove(at: index) } else { removed.append(element) }
            }
            if removed.isEmpty && remaining.isEmpty { return }
            let scalars = (a + b).allSatisfy { $0.objectValue == nil && $0.arrayValue == nil }
            if scalars {
                result.append(AttributeDrift(path: render(path), old: .array(a), new: .array(b)))
            } else {
                result.append(AttributeDrift(path: render(path), old: .array(removed), new: .array(remaining)))
            }
        default:
            result.append(AttributeDrift(path: render(path), old: old, new: new))
        }
    }

    /// Empty-like values become null; objects lose empty-like members, recursively.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            let kept = members.compactMapValues { member -> JSONValue? in
                let clean = normalized(member)
                return clean == .null ? nil : clean
            }
            return kept.isEmpty ? .null : .object(kept)
        case .array(let elements):
            return elements.isEmpty ? .null : .array(elements.map(normalized))
        case .string(let text):
            if text.isEmpty { return .null }
            if let parsed = parsedJSONDocument(text) { return normalized(parsed) }
            return value
        default:
            return value
        }
    }

    /// An object or array, with null/empty promoted to an empty container of the other side's kind.
    private static func normalizedContainer(_ value: JSONValue) -> JSONValue {
        if case .string(let text) = value, let parsed = parsedJSONDocument(text) { return parsed }
        return value
    }

    /// A JSON object or array held in a string (IAM policies, SQS redrive policies).
    static func parsedJSONDocument(_ text: String) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else { return nil }
        return try? JSONValue.decode(Data(trimmed.utf8), what: "embedded JSON")
    }

    static func semanticallyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        let left = normalized(a)
        let right = normalized(b)
        if left == right { return true }
        // Sets: arrays equal regardless of order.
        if case .array(let x) = left, case .array(let y) = right, x.count == y.count {
            var remaining = y
            for element in x {
                guard let index = remaining.firstIndex(where: { semanticallyEqual($0, element) }) else { return false }
                remaining.remove(at: index)
            }
            return true
        }
        if case .object(let x) = left, case .object(let y) = right, Set(x.keys) == Set(y.keys) {
            return x.allSatisfy { key, value in semanticallyEqual(value, y[key] ?? .null) }
        }
        return false
    }

    static func render(_ path: [String]) -> String {
        var result = ""
        for component in path {
            if component.hasPrefix("[") { result += component } else { result += result.isEmpty ? component : "." + component }
        }
        return result
    }
}
