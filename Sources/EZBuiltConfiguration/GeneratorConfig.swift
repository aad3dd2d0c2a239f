import Foundation

/// How requirements are compiled: the rules alone (the default), or the rules with a language
/// model for the sentences they do not understand:
/// `generator: { llm: { endpoint: URL, model: NAME, apiKeyEnv: NAME, timeout: 60s, maxAttempts: 3 } }`.
public struct GeneratorSettings: Sendable, Equatable {
    /// The model backend; nil (the default) keeps generation rule-based, with no network client.
    public var llm: LanguageModelSettings?

    public init(llm: LanguageModelSettings? = nil) { self.llm = llm }
}

/// An OpenAI-compatible chat-completions endpoint (llama.cpp, vLLM, a gateway to a hosted model).
///
/// The key is named by environment variable and read at start: never written in the config,
/// and redacted from every log, store record and report.
public struct LanguageModelSettings: Sendable, Equatable {
    /// The API base (`http://127.0.0.1:8080/v1`) or the full `…/chat/completions` URL: https,
    /// or plain http to a loopback address only.
    public var endpoint: URL
    /// The model name the endpoint serves.
    public var model: String
    /// The environment variable holding the bearer key; nil for an endpoint without one.
    public var apiKeyEnv: String?
    /// Longest wait for one answer.
    public var timeout: Duration
    /// How many times the model is asked (answers sent back for repair, timeouts, 429, 5xx)
    /// before the stack is refused.
    public var maxAttempts: Int

    public init(endpoint: URL, model: String, apiKeyEnv: String? = nil, timeout: Duration = .seconds(60), maxAttempts: Int = 3) {
        self.endpoint = endpoint
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.timeout = timeout
        self.maxAttempts = maxAttempts
    }

    /// Reads `generator.llm`, reporting problems with key paths and lines.
    static func parse(_ reader: MappingReader) -> LanguageModelSettings? {
        var endpoint: URL?
        if let text = reader.requiredString("endpoint") {
            endpoint = Validate.modelEndpoint(text)
            if endpoint == nil {
                reader.report("endpoint", "\"\(text)\" is not an https URL, or an http URL on a loopback address, without user, query or fragment (the key must not cross a network in clear text)")
            }
        }
        let model = reader.requiredString("model")
        if let model, model.isEmpty || model.count > 200 { reader.report("model", "must be a model name of 1 to 200 characters") }
        var apiKeyEnv: String?
        if let name = reader.string("apiKeyEnv") {
            if Validate.environmentName(name) { apiKeyEnv = name } else { reader.report("apiKeyEnv", "\"\(name)\" is not an environment variable name") }
        }
        let timeout = reader.duration("timeout") ?? .seconds(60)
        let maxAttempts = reader.int("maxAttempts", in: 1...10) ?? 3
        reader.rejectUnknownKeys()
        guard let endpoint, let model, !model.isEmpty, model.count <= 200 else { return nil }
        return LanguageModelSettings(endpoint: endpoint, model: model, apiKeyEnv: apiKeyEnv, timeout: timeout, maxAttempts: maxAttempts)
    }
}

extension GeneratorSettings {
    /// Reads `generator`.
    static func parse(_ reader: MappingReader) -> GeneratorSettings {
        var settings = GeneratorSettings()
        if let llm = reader.mapping("llm") { settings.llm = LanguageModelSettings.parse(llm) }
        reader.rejectUnknownKeys()
        return settings
    }
}
