/// A control of an active preset that a finding falls under.
public struct ControlReference: Sendable, Hashable, Codable {
    /// Preset name, e.g. `hipaa`.
    public var preset: String
    /// Control id, e.g. `164.312(b)`.
    public var controlID: String
    /// Control title.
    public var title: String
}

/// One failing check on one resource.
public struct Finding: Sendable, Hashable, Codable {
    /// The check that failed.
    public var check: CheckDefinition
    /// Resource instance address.
    public var address: String
    /// What exactly is wrong (never a secret value).
    public var message: String
    /// Effective severity after finding-specific and preset raises.
    public var severity: Severity
    /// Controls of active presets this finding falls under.
    public var controls: [ControlReference]
    /// The inline skip that silences it, if any.
    public var skip: InlineSkip?
}

/// The result of the security checks on one plan.
public struct PolicyReport: Sendable, Hashable, Codable {
    /// Active findings, worst first.
    public var findings: [Finding]
    /// Findings silenced by inline skips, with the skip and its reason.
    public var skipped: [Finding]
    /// Active presets.
    public var presets: [String]
    /// The blocking threshold in force.
    public var blockOn: Severity?

    public init(findings: [Finding], skipped: [Finding] = [], presets: [String] = [], blockOn: Severity?) {
        self.findings = findings
        self.skipped = skipped
        self.presets = presets
        self.blockOn = blockOn
    }

    /// Active findings at or above ``blockOn``.
    public var blockingFindings: [Finding] {
        guard let blockOn else { return [] }
        return findings.filter { $0.severity >= blockOn }
    }

    /// Whether the proposal must not be applied.
    public var isBlocking: Bool { !blockingFindings.isEmpty }

    /// Active findings of one severity.
    public func findings(_ severity: Severity) -> [Finding] {
        findings.filter { $0.severity == severity }
    }
}

/// What the deployer may do with a proposal.
public enum PolicyDecision: Sendable, Hashable {
    /// Apply may proceed.
    case allow
    /// Apply must be refused; the reasons are one line per blocking finding or violation.
    case block(reasons: [String])
}
