import EZBuiltCore
import ArgumentParser
import EZBuiltConfiguration
import Foundation
import LanguageModel
import Logging
import Reconciler
import Requirements
import Secrets

/// `ezbuilt generate FILE [--out DIR] [--json] [--llm-endpoint URL --llm-model NAME]`: compiles a
/// requirements document into Terraform; with a model, the sentences the rules do not
/// understand are sent to it (key from `EZBUILT_LLM_API_KEY`) and its answer is checked with
/// terraform before it is used.
/// Exit 0 generated (warnings allowed), 3 refused (nothing written), 1 usage or I/O error.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Terraform and spec.json from a requirements.md",
        discussion: "Exit codes: 0 generated (warnings allowed), 3 refused (nothing written), 1 usage or I/O error.")

    @Argument(help: "The requirements document (Markdown).")
    var file: String?

    @Option(name: .long, help: "Directory for the generated files (default: terraform/ next to FILE).")
    var out: String?

    @Flag(name: .long, help: "Print resources and diagnostics as JSON on stdout.")
    var json = false

    @Option(name: .long, help: "Region used when the document names none.")
    var defaultRegion = "us-east-1"

    @Option(name: .long, help: "An OpenAI-compatible chat-completions endpoint (https, or http on loopback) for the sentences the rules do not understand; the key is read from EZBUILT_LLM_API_KEY.")
    var llmEndpoint: String?

    @Option(name: .long, help: "The model the endpoint serves (with --llm-endpoint).")
    var llmModel: String?

    @Option(name: .long, help: "Longest wait for one answer of the model (30s, 2m).")
    var llmTimeout = "60s"

    @Option(name: .long, help: "How many times the model is asked before the document is refused.")
    var llmMaxAttempts = 3

    @Option(name: .long, help: "Provider mirror for the terraform check of a model's answer.")
    var pluginDir: String?

    @Flag(name: .long, help: "Run the terraform check of a model's answer without bubblewrap.")
    var noConfine = false

    func run() async throws {
        guard let file else {
            FileHandle.standardError.write(Data("error: missing FILE\n\(GenerateCommand.helpMessage())\n".utf8))
            throw ExitCode(1)
        }
        let url = URL(fileURLWithPath: file)
        let bytes: [UInt8]
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > Generator.maxDocumentBytes {
                // Refuse before reading a huge file into memory.
                try report(Generator.oversized(byteCount: size, fileName: url.lastPathComponent))
                throw ExitCode(3)
            }
            bytes = Array(try Data(contentsOf: url))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("error: cannot read \(file): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let dir = URL(fileURLWithPath: out ?? url.deletingLastPathComponent().appendingPathComponent("terraform").path)
        let options = GenerationOptions(defaultRegion: defaultRegion)
        let result: GenerationResult
        if let model = try modelSettings() {
            result = await generateWithModel(model, bytes: bytes, fileName: url.lastPathComponent, options: options, stack: url.deletingLastPathComponent(), out: dir)
        } else {
            result = Generator.generate(bytes: bytes, fileName: url.lastPathComponent, options: options)
        }
        if ProcessInfo.processInfo.environment["EZBUILT_DEBUG_SPEC"] != nil {
            FileHandle.standardError.write(Data(Generator.encode(result.spec).utf8))
        }
        if result.refused {
            try report(result)
            throw ExitCode(3)
        }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for f in result.files {
                // Names are generator-chosen constants; never let one leave the directory.
                guard !f.name.contains("/"), !f.name.hasPrefix(".") else { continue }
                try Data(f.content.utf8).write(to: dir.appendingPathComponent(f.name), options: .atomic)
            }
        } catch {
            FileHandle.standardError.write(Data("error: cannot write to \(dir.path): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        try report(result)
    }

    /// The model settings the options ask for; nil without `--llm-endpoint`.
    func modelSettings() throws -> ModelSettings? {
        guard let text = llmEndpoint else {
            if llmModel != nil { printError("error: --llm-model needs --llm-endpoint"); throw ExitCode(1) }
            return nil
        }
        guard let endpoint = Validate.modelEndpoint(text) else {
            printError("error: --llm-endpoint \"\(URLCredentials.scrub(text))\" is not an https URL, or an http URL on a loopback address, without user, query or fragment")
            throw ExitCode(1)
        }
        guard let model = llmModel, !model.isEmpty else { printError("error: --llm-endpoint needs --llm-model NAME"); throw ExitCode(1) }
        guard let timeout = ConfigDuration.parse(llmTimeout) else { printError("error: --llm-timeout \"\(llmTimeout)\" is not a duration (30s, 2m)"); throw ExitCode(1) }
        guard (1...10).contains(llmMaxAttempts) else { printError("error: --llm-max-attempts must be 1 to 10"); throw ExitCode(1) }
        let key = ProcessInfo.processInfo.environment[ModelSettings.apiKeyEnvironment].flatMap { $0.isEmpty ? nil : $0 }
        return ModelSettings(endpoint: endpoint, model: model, apiKey: key, timeout: timeout, maxAttempts: llmMaxAttempts)
    }

    /// The rules, then the model for what they did not understand, each answer checked by the
    /// guard and `terraform validate` (confined, like every terraform run) before it is used.
    /// An answer recorded in `out/spec.json` for the same sentences is used again without asking.
    func generateWithModel(_ model: ModelSettings, bytes: [UInt8], fileName: String, options: GenerationOptions, stack: URL, out: URL) async -> GenerationResult {
        let logger = { var logger = Logger(label: "ezbuilt"); logger.logLevel = .critical; return logger }()
        let config = {
            var config = EZBuiltConfig()
            config.dataDir = stack.appendingPathComponent(".ezbuilt").path
            config.terraform.pluginDir = pluginDir
            config.terraform.confine = !noConfine
            return config
        }()
        let redactor = DaemonSecrets.redactor(config: config)
        let assistant = ModelAssistant(settings: model, redactor: redactor, logger: logger)
        let repository = RepositoryConfig(id: "local", url: stack.path, aws: AWSSettings(region: options.defaultRegion))
        let policy = StandardPolicy(config: config.policy)
        let stackID = "local/" + stack.standardizedFileURL.path.split(separator: "/").suffix(3).joined(separator: "/")
        let check: CodeCheck = { files in
            do {
                let setup = try await DaemonSetup.terraform(config: config, sandboxEndpoint: nil, logger: logger, redactor: redactor)
                return await ModelCodeCheck.check(setup: setup, policy: policy, repository: repository, stackID: stackID, logger: logger)(files)
            } catch {
                return redactor.redact("terraform is not usable here: \(error)")
            }
        }
        let recorded = FileManager.default.contents(atPath: out.appendingPathComponent("spec.json").path)
            .flatMap { try? JSONDecoder().decode(Spec.self, from: $0) }?.model
        let outcome = await assistant.generate(bytes: bytes, fileName: fileName, options: options, recorded: recorded, check: check)
        for line in outcome.transcript { printError("model: \(line)") }
        return outcome.result
    }

    func report(_ result: GenerationResult) throws {
        if json {
            struct Out: Encodable {
                struct Resource: Encodable { var type: String; var name: String }
                var resources: [Resource]
                var diagnostics: [Diagnostic]
                var refused: Bool
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(Out(resources: result.resources.map { .init(type: $0.type, name: $0.name) }, diagnostics: result.diagnostics, refused: result.refused))
            print(String(decoding: data, as: UTF8.self))
        } else {
            for d in result.diagnostics {
                FileHandle.standardError.write(Data("\(d.severity.rawValue): \(d.formatted)\n".utf8))
            }
            if !result.refused {
                print("generated \(result.resources.count) resources")
            }
        }
    }
}
