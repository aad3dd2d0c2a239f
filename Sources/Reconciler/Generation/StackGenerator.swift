import Foundation
import Store

/// Turns a stack's requirements into Terraform. The embedded rule-based compiler is the
/// default; an LLM backend produces the same kind of result through the same seam.
///
/// Generation must be a pure function of (requirements, generator version, options): the
/// deployer regenerates and compares byte for byte to prove that what is merged is what the
/// requirements say.
public protocol StackGenerator: Sendable {
    /// Recorded in spec.json and PLAN.md; a new version re-proposes every stack.
    var version: String { get }
    /// Generates the stack. Never throws: problems are diagnostics, refusals are results.
    func generate(requirements: Data, options: GenerationSettings) -> GeneratedStack
}

/// What generation depends on besides the requirements text.
public struct GenerationSettings: Sendable, Hashable {
    /// The region used when the requirements name none.
    public var defaultRegion: String

    public init(defaultRegion: String) {
        self.defaultRegion = defaultRegion
    }
}

/// The result of one generation.
public struct GeneratedStack: Sendable {
    /// The hash of the generation's inputs, as recorded in spec.json.
    public var inputHash: String
    public var refused: Bool
    /// Files for the stack's `terraform/` directory, by name (`main.tf`, `spec.json`, …).
    public var files: [String: Data]
    public var diagnostics: [DiagnosticEntry]
    /// What each understood statement became.
    public var understood: [ProposalSummary.Understood]
    /// The resources declared, as `type.name`.
    public var resources: [String]

    public init(inputHash: String, refused: Bool, files: [String: Data], diagnostics: [DiagnosticEntry], understood: [ProposalSummary.Understood], resources: [String]) {
        self.inputHash = inputHash
        self.refused = refused
        self.files = files
        self.diagnostics = diagnostics
        self.understood = understood
        self.resources = resources
    }
}
