import PlanModel

/// How bad a finding is. Ordered: `low < medium < high < critical`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low
    case medium
    case high
    case critical

    private var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        case .critical: return 3
        }
    }

    /// Compares by badness.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Upper-case label for reports (`HIGH`).
    public var label: String { rawValue.uppercased() }
}

/// A security check's identity and documentation: our id plus the matching Trivy and Checkov
/// ids, so a finding can be looked up (and skipped) under any of the three names.
public struct CheckDefinition: Sendable, Hashable, Codable {
    /// Our id, `EZB-<SERVICE>-<NNN>`.
    public var id: String
    /// Trivy id in the current `AWS-0086` form, when Trivy has an equivalent check.
    public var trivyID: String?
    /// Checkov id (`CKV_AWS_53`, `CKV2_AWS_6`, …), when Checkov has an equivalent check.
    public var checkovID: String?
    /// Default severity (presets may raise it, see ``CompliancePreset``).
    public var severity: Severity
    /// Short title.
    public var title: String
    /// One line: why it matters.
    public var rationale: String
    /// One line: how to fix it in Terraform.
    public var remediation: String
    /// tfsec's legacy long id (`aws-s3-block-public-acls`), accepted in `#tfsec:ignore:` skips.
    public var tfsecName: String?

    /// Creates a definition.
    public init(
        id: String, trivyID: String?, checkovID: String?, severity: Severity, title: String,
        rationale: String, remediation: String, tfsecName: String? = nil
    ) {
        self.id = id
        self.trivyID = trivyID
        self.checkovID = checkovID
        self.severity = severity
        self.title = title
        self.rationale = rationale
        self.remediation = remediation
        self.tfsecName = tfsecName
    }

    /// The older `AVD-AWS-0086` spelling of the Trivy id (what tfsec and older Trivy print).
    public var trivyAlias: String? { trivyID.map { "AVD-" + $0 } }

    /// Every name this check answers to, upper-cased, for skip matching.
    public var allIDs: Set<String> {
        Set([id, trivyID, trivyAlias, checkovID, tfsecName].compactMap { $0?.uppercased() })
    }
}

/// A check's definition plus the function that finds failing resources in a plan.
struct SecurityCheck: Sendable {
    /// A failing resource and what is wrong with it.
    struct Failure: Sendable, Hashable {
        var address: String
        var message: String
        /// Overrides the definition's severity for this finding (e.g. production databases).
        var severity: Severity? = nil
    }

    let definition: CheckDefinition
    let evaluate: @Sendable (PlanContext) -> [Failure]

    /// A check that looks at each resource of the given types on its own (plus context), and
    /// returns a message when the resource fails.
    static func perResource(
        _ types: Set<String>, _ definition: CheckDefinition,
        includeData: Bool = false,
        _ test: @escaping @Sendable (PlannedResource, PlanContext) -> String?
    ) -> SecurityCheck {
        SecurityCheck(definition: definition) { context in
            context.plan.resources
                .filter { types.contains($0.type) && (includeData || $0.mode == .managed) }
                .compactMap { resource in
                    test(resource, context).map { Failure(address: resource.address, message: $0) }
                }
        }
    }
}
