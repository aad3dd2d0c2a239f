import EZBuiltConfiguration
import Foundation
import Logging
import Store
import Terraform

/// One terraform session on one stack: files → guard → workspace → init, then whatever the
/// caller needs (plan and review, apply, drift, destroy). The one pipeline shared by proposals,
/// deployments, destroys, drift checks and the single-stack CLI commands.
///
/// Nothing reaches terraform before the guard has passed every file, and the workspace is
/// finished exactly once, by `StackRun.with`, whatever the body does.
public struct StackRun: Sendable {
    /// What a run needs to know about its stack.
    public struct Target: Sendable {
        /// The stack id (`<repository>/<path>`).
        public var stackID: String
        /// The stack's Terraform (generated and hand-written), by name inside `terraform/`.
        public var files: [(path: String, contents: Data)]
        /// How a file name is shown to people (its path in the repository).
        public var displayPath: @Sendable (String) -> String
        /// The region the stack asked for, nil for the repository's default.
        public var region: String?
        /// Files of the stack's `terraform/` directory that refuse the run whatever the others
        /// hold (a symlink, hand-written Terraform that is not `*.custom.tf`), with why.
        public var refused: [(path: String, reason: String)]

        public init(stackID: String, files: [(path: String, contents: Data)], region: String?,
                    refused: [(path: String, reason: String)] = [],
                    displayPath: @escaping @Sendable (String) -> String = { $0 }) {
            self.stackID = stackID
            self.files = files
            self.region = region
            self.refused = refused
            self.displayPath = displayPath
        }
    }

    /// Why a run did not reach terraform.
    public enum Refusal: Error, Sendable, CustomStringConvertible {
        /// The guard refused these files; nothing ran.
        case guardRefused([DiagnosticEntry])
        /// The stack asks for a region the repository does not allow.
        case regionNotAllowed(region: String, allowed: [String])

        /// Whether the guard refused (rather than the repository's settings).
        public var isGuard: Bool { if case .guardRefused = self { true } else { false } }

        public var diagnostics: [DiagnosticEntry] {
            switch self {
            case .guardRefused(let entries): entries
            case .regionNotAllowed: [DiagnosticEntry(severity: "error", message: description)]
            }
        }

        public var description: String {
            switch self {
            case .guardRefused(let entries):
                "the guard refused the code: " + entries.map { entry in
                    [entry.file, entry.line.map(String.init)].compactMap { $0 }.joined(separator: ":")
                        + (entry.file == nil ? "" : ": ") + entry.message
                }.joined(separator: "; ")
            case .regionNotAllowed(let region, let allowed):
                "region \(region) is not allowed for this repository (aws.allowedRegions: \(allowed.joined(separator: ", ")))"
            }
        }
    }

    /// The prepared, initialised runner.
    public let runner: TerraformRunner
    /// The guarded files, by their repository paths (what the policy checks read).
    public let sources: [(path: String, contents: Data)]
    /// The region the stack is deployed to, and priced in.
    public let region: String
    private let policy: any ProposalPolicy

    /// Guards `target`, prepares the stack's workspace and runner, runs `terraform init` (only
    /// when providers changed since the workspace's last init), then `body`.
    public static func with<T: Sendable>(
        _ target: Target, setup: TerraformSetup, repository: RepositoryConfig, policy: any ProposalPolicy,
        sink: any LogSink, logger: Logger, _ body: (StackRun) async throws -> T
    ) async throws -> T {
        let region = try resolveRegion(target.region, repository: repository.aws(forStackID: target.stackID))
        let sources = target.files.map { (path: target.displayPath($0.path), contents: $0.contents) }
        let refusals = target.refused.map { DiagnosticEntry(severity: "error", file: target.displayPath($0.path), message: "refused: \($0.reason)") }
            + policy.guardFiles(sources)
        guard refusals.isEmpty else { throw Refusal.guardRefused(refusals) }

        let runtime = setup.runtime(for: repository, stackID: target.stackID, region: region)
        // A terraform left running by a previous daemon (an apply outliving a crash) still
        // holds the state and works in the stack's workspace: wait for it, touch nothing.
        if case .local(let path) = runtime.backend, let holder = StateGuard(statePath: path).lockHolder() {
            throw TerraformError.stateLocked(path: path, holder: "pid \(holder)")
        }
        let workspace = try setup.workspaces.reuse(stack: target.stackID, from: .files(target.files.map { ($0.path, $0.contents) }))
        var succeeded = false
        defer { setup.workspaces.finish(workspace, succeeded: succeeded) }
        // A file the stack holds but the workspace refused (too large, a reserved name) would
        // silently change what is planned: the run is refused instead, naming each file.
        guard workspace.skipped.isEmpty else {
            throw TerraformError.invalidStackDirectory(path: target.stackID, reason: TerraformSetup.refusedFiles(workspace.skipped))
        }
        let runner = TerraformRunner(options: setup.options, runtime: runtime, workspace: workspace, sink: sink,
                                     redactor: Redactor(parent: setup.redactor), logger: logger)
        try runner.prepare()
        try await runner.initialize()
        let value = try await body(StackRun(runner: runner, sources: sources, region: region, policy: policy))
        succeeded = true
        return value
    }

    /// The region a stack runs in: its own when it names one, else the repository's; refused
    /// when the repository limits regions and this is not one of them.
    public static func resolveRegion(_ requested: String?, repository: AWSSettings) throws(Refusal) -> String {
        let region = requested ?? repository.region
        if let allowed = repository.allowedRegions, !allowed.isEmpty, !allowed.contains(region) {
            throw .regionNotAllowed(region: region, allowed: allowed)
        }
        return region
    }

    /// The region a spec.json records (what the requirements asked for, or the default the
    /// generator filled in); nil when it cannot be read.
    public static func region(inSpec spec: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: spec) as? [String: Any],
              let settings = object["settings"] as? [String: Any]
        else { return nil }
        return ((settings["region"] as? [String: Any])?["value"] ?? settings["region"]) as? String
    }

    /// `plan -out` + `show -json`, then the security checks and the cost estimate in the
    /// stack's region.
    public func planAndReview(destroy: Bool = false) async throws -> (plan: SavedPlan, review: PolicyReview) {
        let plan = try await runner.plan(destroy: destroy)
        return (plan, policy.review(plan: plan.document, sources: sources, region: region))
    }
}
