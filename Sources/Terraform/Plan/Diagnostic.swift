import Foundation
import PlanModel

/// One diagnostic of `terraform validate -json` (or of a failed command), with file and line.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `error` or `warning`.
    public var severity: String
    /// One-line summary.
    public var summary: String
    /// Longer explanation (may be empty).
    public var detail: String
    /// File name within the workspace, when Terraform gave a range.
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?

    /// Creates a diagnostic.
    public init(severity: String, summary: String, detail: String, file: String?, line: Int?, column: Int?) {
        self.severity = severity
        self.summary = summary
        self.detail = detail
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: severity: summary`.
    public var description: String {
        var location = ""
        if let file { location = file + (line.map { ":\($0)" } ?? "") + (column.map { ":\($0)" } ?? "") + ": " }
        return location + severity + ": " + summary + (detail.isEmpty ? "" : " — " + detail)
    }
}

/// The result of `terraform validate -json`.
public struct ValidationResult: Sendable, Hashable, Codable {
    /// Whether the configuration is valid.
    public var valid: Bool
    /// All diagnostics (errors and warnings).
    public var diagnostics: [Diagnostic]

    /// Errors only.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == "error" } }

    /// Decodes the output of `validate -json`, passing text through `redact`.
    public static func decode(_ data: Data, redact: (String) -> String = { $0 }) throws(TerraformError) -> ValidationResult {
        let document = try JSONValue.decode(data, what: "validate -json output")
        let diagnostics = (document["diagnostics"]?.arrayValue ?? []).map { item in
            let start = item["range"]?["start"]
            return Diagnostic(
                severity: item["severity"]?.stringValue ?? "error",
                summary: redact(item["summary"]?.stringValue ?? ""),
                detail: redact(item["detail"]?.stringValue ?? ""),
                file: item["range"]?["filename"]?.stringValue,
                line: start?["line"]?.numberValue.map { Int($0) },
                column: start?["column"]?.numberValue.map { Int($0) })
        }
        return ValidationResult(valid: document["valid"]?.boolValue ?? false, diagnostics: diagnostics)
    }
}
