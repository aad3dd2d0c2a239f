import EZBuiltConfiguration
import Foundation
import LanguageModel
import Logging
import Requirements
import Terraform

/// The rules with a language model for the sentences they do not understand
/// (`generator.llm`). The model fills the same typed spec the rules fill; its answer is
/// recorded in spec.json, so the deployer regenerates the reviewed bytes from the recorded
/// answer without asking the model again.
public struct ModelAssistedGenerator: StackGenerator {
    let assistant: ModelAssistant

    /// A generator asking the model `settings` describe; its key is taught to `redactor`.
    public init(settings: ModelSettings, redactor: Redactor, logger: Logger) {
        assistant = ModelAssistant(settings: settings, redactor: redactor, logger: logger)
    }

    /// The generator the configuration asks for: the rules alone unless `generator.llm` is
    /// set (then the key is read from `apiKeyEnv`). No network client exists on the rules' path.
    public static func configured(_ config: EZBuiltConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                                  redactor: Redactor, logger: Logger) -> any StackGenerator {
        guard let llm = config.generator.llm else { return RuleBasedGenerator() }
        let key = llm.apiKeyEnv.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        return ModelAssistedGenerator(settings: ModelSettings(llm, apiKey: key),
                                      redactor: redactor, logger: logger)
    }

    public var version: String { assistant.version }

    public func generate(requirements: Data, options: GenerationSettings, context: GenerationContext) async -> GeneratedStack {
        let recorded = context.recordedSpec.flatMap { try? JSONDecoder().decode(Spec.self, from: $0) }?.model
        let outcome = await assistant.generate(bytes: Array(requirements), options: GenerationOptions(defaultRegion: options.defaultRegion),
                                               recorded: recorded, check: context.check ?? { _ in nil })
        return RuleBasedGenerator.stack(outcome.result)
    }
}

/// The check a model's Terraform passes before it is accepted: the stack pipeline's guard,
/// `terraform init` and `validate`, in a workspace of its own beside the stack's.
public enum ModelCodeCheck {
    /// The check for `stackID` of `repository`, run through `setup` with `policy`'s guard.
    public static func check(setup: TerraformSetup, policy: any ProposalPolicy, repository: RepositoryConfig, stackID: String, logger: Logger) -> CodeCheck {
        { files in
            // The Terraform alone: spec.json is data for people and the deployer, not for terraform.
            let target = StackRun.Target(stackID: stackID + "/model-check", files: files.filter { $0.name.hasSuffix(".tf") }.map { (path: $0.name, contents: Data($0.content.utf8)) }, region: nil)
            do {
                let result = try await StackRun.with(target, setup: setup, repository: repository, policy: policy,
                                                     sink: MemoryLogSink(), logger: logger) { run in try await run.runner.validate() }
                return result.valid ? nil : result.errors.map(\.description).joined(separator: "; ")
            } catch {
                return setup.redactor.redact("\(error)")
            }
        }
    }

    static func check(environment: ReconcilerEnvironment, repository: RepositoryConfig, stackID: String, logger: Logger) -> CodeCheck {
        check(setup: environment.terraform, policy: environment.policy, repository: repository, stackID: stackID, logger: logger)
    }
}
