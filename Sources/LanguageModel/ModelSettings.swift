import EZBuiltConfiguration
import Foundation

/// How to reach the language model: the configured backend (`generator.llm`, or the CLI's
/// `--llm-*` options) and the key read for it from the environment.
public struct ModelSettings: Sendable, CustomStringConvertible {
    /// Endpoint, model name, timeout and attempts.
    public var backend: LanguageModelSettings
    /// The bearer key, when the endpoint needs one; never printed (see `description`).
    public var apiKey: String?

    public init(_ backend: LanguageModelSettings, apiKey: String?) {
        self.backend = backend
        self.apiKey = apiKey
    }

    public init(endpoint: URL, model: String, apiKey: String? = nil, timeout: Duration = .seconds(60), maxAttempts: Int = 3) {
        self.init(LanguageModelSettings(endpoint: endpoint, model: model, timeout: timeout, maxAttempts: maxAttempts), apiKey: apiKey)
    }

    public var endpoint: URL { backend.endpoint }
    public var model: String { backend.model }
    public var timeout: Duration { backend.timeout }
    public var maxAttempts: Int { max(1, backend.maxAttempts) }

    /// The chat-completions URL.
    public var completionsURL: URL {
        endpoint.path.hasSuffix("/chat/completions") ? endpoint : endpoint.appendingPathComponent("chat").appendingPathComponent("completions")
    }

    /// The endpoint and model, without the key.
    public var description: String { "\(model) at \(endpoint.absoluteString)" }

    /// The environment variable the CLI reads the key from.
    public static let apiKeyEnvironment = "EZBUILT_LLM_API_KEY"
}
