/// Renders the security findings section of PLAN.md, and the banner for its top.
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
                lines.append("- **\(finding.check.id)** \(finding.severity.label) \(escape(finding.check.title)) — \(code(finding.address))")
                lines.append("  - skipped by \(code(skip.checkID)) at \(code("\(skip.file):\(skip.line)")): \(escape(skip.reason))")
                lines.append("  - ids: \(ids(finding.check))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func item(_ finding: Finding, blocking: Bool) -> [String] {
        var lines = [
            "- **\(finding.check.id)** \(escape(finding.check.title)) — \(code(finding.address))\(blocking ? " — **blocks deployment**" : "")",
            "  - \(escape(finding.message))",
            "  - ids: \(ids(finding.check))",
        ]
        if !finding.controls.isEmpty {
            lines.append("  - controls: " + finding.controls.map { "\($0.preset) \($0.controlID)" }.joined(separator: ", "))
        }
        lines.append("  - why: \(escape(finding.check.rationale))")
        lines.append("  - fix: \(escape(finding.check.remediation))")
        return lines
    }

    /// `EZBuilt EZB-S3-001 · Trivy AWS-0086 (AVD-AWS-0086) · Checkov CKV_AWS_53`.
    static func ids(_ check: CheckDefinition) -> String {
        var parts = ["EZBuilt \(check.id)"]
        if let trivy = check.trivyID, let alias = check.trivyAlias { parts.append("Trivy \(trivy) (\(alias))") }
        if let checkov = check.checkovID { parts.append("Checkov \(checkov)") }
        return parts.joined(separator: " · ")
    }

    /// A code span that survives backticks inside the text.
    static func code(_ text: String) -> String {
        var fence = "`"
        while text.contains(fence) { fence += "`" }
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text.replacingCharacters("\n", with: " ") + pad + fence
    }

    /// Escapes characters that would start Markdown/HTML constructs in free text.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            // `_` is left alone: GitHub does not treat intraword underscores as emphasis, and
            // escaping them makes every attribute name unreadable in the raw file.
            case "*", "[", "]", "`", "|", "\\": result += "\\\(character)"
            case "\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}

/// Renders the guard's refusals for PLAN.md.
public enum GuardSection {
    /// One line per refusal (file, line, rule, message), or a line saying the files passed;
    /// no heading, so it fits under whatever heading the caller uses.
    public static func markdown(_ report: GuardReport) -> String {
        var lines: [String] = []
        if report.isApproved {
            lines.append("All Terraform files passed the guard (no provisioners, external programs, foreign providers or modules, backends, or server file reads).")
        } else {
            lines.append("**Refused:** terraform was not run on this stack. \(report.violations.count) problem(s):")
            lines.append("")
            for violation in report.violations {
                lines.append("- \(FindingsSection.code("\(violation.file):\(violation.line)")) **\(violation.rule.rawValue)** — \(FindingsSection.escape(violation.message))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func replacingCharacters(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
