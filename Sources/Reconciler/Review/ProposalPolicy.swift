import Foundation
import PlanModel
import Store

/// The guard and the reviews that run around terraform: nothing from a repository reaches
/// terraform before `guardFiles` has passed it.
public protocol ProposalPolicy: Sendable {
    /// Refusals (file, line, rule) for a stack's Terraform files, generated and hand-written.
    /// Empty means the files may be given to terraform.
    func guardFiles(_ files: [(path: String, contents: Data)]) -> [DiagnosticEntry]
    /// Security findings and cost for a plan (the saved plan, decoded and redacted once; its
    /// prior state is what is deployed now), priced in `region` (where the stack runs).
    func review(plan: Result<PlanDocument, PlanDecodingError>, sources: [(path: String, contents: Data)], region: String) -> PolicyReview
}

/// What the policy checks and the cost estimate say about one plan.
public struct PolicyReview: Sendable, Equatable {
    /// The PLAN.md findings section.
    public var findingsMarkdown: String
    /// Set when a finding blocks the merge: the one-line banner for the top of PLAN.md.
    public var blockingBanner: String?
    /// The PLAN.md cost section.
    public var costMarkdown: String

    public init(findingsMarkdown: String, blockingBanner: String? = nil, costMarkdown: String) {
        self.findingsMarkdown = findingsMarkdown
        self.blockingBanner = blockingBanner
        self.costMarkdown = costMarkdown
    }

    public var isBlocking: Bool { blockingBanner != nil }
}
