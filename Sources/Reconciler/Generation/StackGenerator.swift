import Foundation
import LanguageModel
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
    func generate(requirements: Data, options: GenerationSettings, context: GenerationContext) async -> GeneratedStack
}

/// What a generator may use besides its inputs: the generation committed beside the
/// requirements (a model's recorded answer is used again from it, so regenerating gives the
/// same bytes) and the check a model's Terraform must pass before it is accepted.
public struct GenerationContext: Sendable {
    /// The committed `spec.json`, when there is one.
    public var recordedSpec: Data?
    /// Guard and `terraform validate` of Terraform made from a model's answer; nil accepts it
    /// as rendered (the stack pipeline still guards, validates and plans it).
    public var check: CodeCheck?

    public init(recordedSpec: Data? = nil, check: CodeCheck? = nil) {
        self.recordedSpec = recordedSpec
        self.check = check
    }
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
