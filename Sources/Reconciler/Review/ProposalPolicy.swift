import Foundation
import Cost
import PlanModel
import Policy
import Store

/// The guard and the reviews that run around terraform: nothing from a repository reaches
/// terraform before `guardFiles` has passed it.
public protocol ProposalPolicy: Sendable {
    /// Refusals (file, line, rule) for a stack's Terraform files, generated and hand-written.
    /// Empty means the files may be given to terraform.
    func guardFiles(_ files: [(path: String, contents: Data)]) -> [DiagnosticEntry]
    /// Security findings and cost for a plan (the saved plan, decoded and redacted once; its
    /// prior state is what is deployed now), priced in `region` (where the stack runs).
    func review(plan: PlanDocument, sources: [(path: String, contents: Data)], region: String) -> PolicyReview
}

/// What the policy checks and the cost estimate say about one plan, as values: PLAN.md and the
/// CLI render them, each once, at the edge.
public struct PolicyReview: Sendable, Equatable {
    /// The security checks' outcome.
    public enum Findings: Sendable, Equatable {
        case checked(PolicyReport)
        /// The checks could not run (the plan could not be read, say); blocks the merge.
        case notChecked(reason: String)
    }

    /// The cost estimate's outcome.
    public enum Cost: Sendable, Equatable {
        /// Priced in the stack's region, compared with what is deployed.
        case estimated(CostReport)
        case notEstimated(reason: String)
    }

    public var findings: Findings
    public var cost: Cost

    public init(findings: Findings, cost: Cost) {
        self.findings = findings
        self.cost = cost
    }

    /// Why the merge is blocked, in one plain-text line; nil when it is not.
    public var blockingBanner: String? {
        switch findings {
        case .checked(let report): FindingsSection.banner(report)
        case .notChecked(let reason): "the security checks could not run: \(reason)"
        }
    }

    public var isBlocking: Bool { blockingBanner != nil }
}
