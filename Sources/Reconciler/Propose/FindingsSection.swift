import EZBuiltCore
import Policy

/// Renders Policy's typed report as the security findings section of PLAN.md (and of
/// `ezbuilt plan`), and the banner for its top: Policy returns values, Markdown is made here,
/// once, with the one escaper.
public enum FindingsSection {
    /// The one-line banner for the top of PLAN.md when the proposal is blocked; nil otherwise.
    public static func banner(_ report: PolicyReport) -> String? {
        guard report.isBlocking, let blockOn = report.blockOn else { return nil }
        let count = report.blockingFindings.count
        // Plain text: PLAN.md's renderer frames and escapes it once.
        return "\(count) finding\(count == 1 ? "" : "s") at or above \(blockOn.label): this proposal will not be applied until they are fixed or skipped with a reason (see Security findings)."
    }

    /// The body of PLAN.md's `## Security findings` section (the caller writes that heading,
    /// as `ProposalSummary` does): summary, findings grouped by severity under `###` headings
    /// with all three ids, address, message, controls and remediation, then skipped findings
    /// with their reasons.
    public static func markdown(_ report: PolicyReport) -> String {
        var lines: [String] = []
        let counts = Severity.allCases.reversed().map { "\(report.findings($0).count) \($0.rawValue)" }
        var summary = "\(SecurityChecks.definitions.count) checks run. Findings: \(counts.joined(separator: ", "))"
        summary += report.skipped.isEmpty ? "." : "; \(report.skipped.count) skipped."
        lines.append(summary)
        if !report.presets.isEmpty {
            let titles = report.presets.map { name in CompliancePresets.all[name].map { "\(name) (\($0.title))" } ?? name }
            lines.append("Compliance presets: \(titles.joined(separator: ", ")).")
        }
        if let blockOn = report.blockOn {
            lines.append(
                report.isBlocking
                    ? "**Blocking:** \(report.blockingFindings.count) finding(s) at or above \(blockOn.label); the deployer refuses to apply this proposal."
                    : "Not blocking: no active finding at or above \(blockOn.label).")
        } else {
            lines.append("No blocking threshold configured (`policy.blockOn`); findings are informational.")
        }
        if report.findings.isEmpty {
            lines += ["", "No active findings."]
        }
        for severity in Severity.allCases.reversed() {
            let group = report.findings(severity)
            guard !group.isEmpty else { continue }
            lines += ["", "### \(severity.label) (\(group.count))", ""]
            for finding in group {
                lines += item(finding, blocking: report.blockOn.map { finding.severity >= $0 } ?? false)
            }
        }
        if !report.skipped.isEmpty {
            lines += ["", "### Skipped (\(report.skipped.count))", ""]
            for finding in report.skipped {
                guard let skip = finding.skip else { continue }
                lines.append("- **\(finding.check.id)** \(finding.severity.label) \(Markdown.inline(finding.check.title)) — \(Markdown.code(finding.address))")
                lines.append("  - skipped by \(Markdown.code(skip.checkID)) at \(Markdown.code("\(skip.file):\(skip.line)")): \(Markdown.inline(skip.reason))")
                lines.append("  - ids: \(ids(finding.check))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func item(_ finding: Finding, blocking: Bool) -> [String] {
        var lines = [
            "- **\(finding.check.id)** \(Markdown.inline(finding.check.title)) — \(Markdown.code(finding.address))\(blocking ? " — **blocks deployment**" : "")",
            "  - \(Markdown.inline(finding.message))",
            "  - ids: \(ids(finding.check))",
        ]
        if !finding.controls.isEmpty {
            lines.append("  - controls: " + finding.controls.map { "\($0.preset) \($0.controlID)" }.joined(separator: ", "))
        }
        lines.append("  - why: \(Markdown.inline(finding.check.rationale))")
        lines.append("  - fix: \(Markdown.inline(finding.check.remediation))")
        return lines
    }

    /// `EZBuilt EZB-S3-001 · Trivy AWS-0086 (AVD-AWS-0086) · Checkov CKV_AWS_53`.
    private static func ids(_ check: CheckDefinition) -> String {
        var parts = ["EZBuilt \(check.id)"]
        if let trivy = check.trivyID, let alias = check.trivyAlias { parts.append("Trivy \(trivy) (\(alias))") }
        if let checkov = check.checkovID { parts.append("Checkov \(checkov)") }
        return parts.joined(separator: " · ")
    }
}
