import Foundation
import Logging
import Requirements
import Secrets

/// Checks the Terraform generated from a model's answer (guard, `terraform init` and
/// `validate`); returns the exact problem, or nil when the code is valid.
public typealias CodeCheck = @Sendable (_ files: [GeneratedFile]) async -> String?

/// The optional language-model backend: the rules generate first; only the sentences they did
/// not understand are sent to the model, with the rules' spec as context and a schema derived
/// from the block registry; the answer fills the same typed spec (never Terraform), and is
/// rendered and checked exactly like rule output. An answer that is not JSON, does not match
/// the schema, is refused by the compiler or yields Terraform that fails validation is sent
/// back with the exact problem, up to `maxAttempts`; then the stack is refused.
public struct ModelAssistant: Sendable {
    /// The endpoint, model and limits.
    public let settings: ModelSettings
    private let redactor: Redactor
    private let logger: Logger

    /// Creates the assistant; the key is registered with `redactor` so it is masked in every
    /// message that leaves (diagnostics, logs, the store).
    public init(settings: ModelSettings, redactor: Redactor, logger: Logger) {
        self.settings = settings
        self.redactor = redactor
        var logger = logger
        logger[metadataKey: "model"] = "\(settings.model)"
        self.logger = logger
        if let key = settings.apiKey { redactor.add([key]) }
    }

    /// The generator's version with the model: a stack proposed by the rules alone is proposed
    /// again once a model is configured, and again when the model changes.
    public var version: String { "\(Generator.version)+model.\(settings.model)" }

    /// What one generation did.
    public struct Outcome: Sendable {
        /// The generation: the rules' alone, the rules' and the model's, or a refusal.
        public var result: GenerationResult
        /// One line per exchange with the model (redacted), for the run log.
        public var transcript: [String]
        /// Whether the model was asked (false: the rules understood everything, or a recorded answer was reused).
        public var asked: Bool
    }

    /// Generates `bytes`: the rules first, then the model for what they did not understand.
    /// A `recorded` contribution (the committed spec.json's) for the same model and the same
    /// lines is used again without asking, so a regeneration is byte for byte the same.
    public func generate(bytes: [UInt8], fileName: String = "requirements.md", options: GenerationOptions,
                         recorded: ModelContribution? = nil, check: CodeCheck) async -> Outcome {
        let rules = Generator.generate(bytes: bytes, fileName: fileName, options: options)
        guard let text = String(validating: bytes, as: UTF8.self), let question = ModelFill.question(text: text, result: rules) else {
            return Outcome(result: rules, transcript: [], asked: false)
        }
        let lines = question.sentences.map { String($0.line) }.joined(separator: ", ")
        if let recorded, recorded.model == settings.model, recorded.sentences == question.sentences,
           recorded.citedLines.isSubset(of: Set(recorded.lines)) {
            let reused = Generator.generate(bytes: bytes, fileName: fileName, options: options, model: recorded)
            if !reused.refused { return Outcome(result: ModelFill.noted(reused), transcript: ["lines \(lines): the recorded answer of \(settings.model) was used again"], asked: false) }
        }

        let client = ChatClient(settings: settings)
        var messages = [ChatClient.Message(role: "system", content: Self.instructions),
                        ChatClient.Message(role: "user", content: Self.prompt(question))]
        var transcript: [String] = []
        var lastProblem = "no answer"
        for attempt in 1...settings.maxAttempts {
            if Task.isCancelled { break }
            let answer: String
            do {
                answer = try await client.complete(messages, schema: question.schema)
            } catch {
                lastProblem = redactor.redact(error.message)
                transcript.append("attempt \(attempt): \(lastProblem)")
                logger.warning("the model gave no answer", metadata: ["attempt": "\(attempt)", "problem": "\(lastProblem)"])
                guard case .transient(_, let retryAfter) = error else { break }
                if attempt < settings.maxAttempts {
                    try? await Task.sleep(for: retryAfter ?? .seconds(min(30, 1 << (attempt - 1))))
                }
                continue
            }
            let problem: String
            switch await evaluate(answer, question: question, bytes: bytes, fileName: fileName, options: options, rules: rules, check: check) {
            case .success(let result):
                transcript.append("attempt \(attempt): the answer was used (lines \(result.spec.model?.citedLines.sorted().map(String.init).joined(separator: ", ") ?? ""))")
                logger.info("the model's answer was used", metadata: ["attempt": "\(attempt)"])
                return Outcome(result: ModelFill.noted(result), transcript: transcript, asked: true)
            case .failure(let error):
                problem = redactor.redact(error.description)
            }
            lastProblem = problem
            transcript.append("attempt \(attempt): \(problem)")
            logger.warning("the model's answer was sent back", metadata: ["attempt": "\(attempt)", "problem": "\(problem)"])
            messages.append(ChatClient.Message(role: "assistant", content: answer))
            messages.append(ChatClient.Message(role: "user", content: "That answer cannot be used: \(problem)\nAnswer again, with JSON that follows the schema."))
        }
        let reason = "refused: the language model (\(settings.description)) gave no usable answer for lines \(lines) "
            + "after \(transcript.count) attempt\(transcript.count == 1 ? "" : "s"); the last problem: \(lastProblem). "
            + "Reword those lines in terms the rules understand, or remove them"
        return Outcome(result: ModelFill.refusal(of: rules, redactor.redact(reason)), transcript: transcript, asked: true)
    }

    /// One answer through every check rule output passes, and the model's own: the schema,
    /// the compiler (the lines it cites, the blocks' contradictions), then the code check.
    private func evaluate(_ answer: String, question: ModelQuestion, bytes: [UInt8], fileName: String, options: GenerationOptions,
                          rules: GenerationResult, check: CodeCheck) async -> Result<GenerationResult, ModelAnswerError> {
        let data: Data
        switch AnswerCheck.check(answer, against: question.schema) {
        case .failure(let error): return .failure(error)
        case .success(let checked): data = checked
        }
        let contribution: ModelContribution
        do { contribution = try ModelFill.contribution(from: data, question: question, rulesSpec: rules.spec, model: settings.model) } catch {
            return .failure(error)
        }
        let result = Generator.generate(bytes: bytes, fileName: fileName, options: options, model: contribution)
        if result.refused {
            let errors = result.diagnostics.filter { $0.severity == .error }.map(\.formatted)
            return .failure(ModelAnswerError("the compiler refused the spec it makes: \(errors.joined(separator: "; "))"))
        }
        if let problem = await check(result.files) {
            return .failure(ModelAnswerError("the Terraform generated from it fails validation: \(problem)"))
        }
        return .success(result)
    }

    static let instructions = """
        You help EZBuilt turn plain-English infrastructure requirements into a typed spec. You never \
        write Terraform: you fill building blocks whose properties are typed by the JSON schema you are \
        given, and EZBuilt renders, checks and validates them itself.
        Rules:
        - Answer with one JSON object that follows the schema, and nothing else.
        - Add a block only for a sentence below that asks for that kind of infrastructure, with `line` \
        set to that sentence's line. Do not repeat what the rules' spec already has.
        - Every value is {"value": ..., "line": N} where N is the line the value was read from; set a \
        value to null when the sentence does not say it (EZBuilt fills secure defaults).
        - Give a `name` only when the sentence names the resource.
        - When no sentence asks for infrastructure a block describes, answer {"blocks": []}.
        """

    static func prompt(_ question: ModelQuestion) -> String {
        var out = "The rules understood the rest of the document; their spec, for context:\n```json\n\(question.rulesSpec)```\n\n"
        out += "Sentences the rules did not understand:\n"
        for s in question.sentences { out += "line \(s.line): \(s.text)\n" }
        return out
    }
}
