/// Why a plan JSON document could not be decoded; `path` names the JSON location.
public struct PlanDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable, Hashable {
        case invalidJSON = "invalid JSON"
        case unsupportedFormatVersion = "unsupported format_version"
        case missingField = "missing field"
        case unexpectedType = "unexpected type"
    }

    /// The kind of failure.
    public var kind: Kind
    /// JSON path of the offending element, e.g. `resource_changes[3].change.actions`.
    public var path: String
    /// Details (never a value from the plan, which might be secret).
    public var detail: String

    /// Creates an error.
    public init(_ kind: Kind, path: String, detail: String = "") {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    /// A one-line description naming the JSON path.
    public var description: String {
        "plan JSON: \(kind.rawValue) at \(path.isEmpty ? "(root)" : path)" + (detail.isEmpty ? "" : ": \(detail)")
    }
}
