import Foundation

/// How to reach the language model: any OpenAI-compatible chat-completions endpoint (a local
/// llama.cpp or vLLM server, a gateway to a hosted model).
public struct ModelSettings: Sendable, CustomStringConvertible {
    /// The API base (`http://127.0.0.1:8080/v1`) or the full `…/chat/completions` URL.
    public var endpoint: URL
    /// The model name the endpoint serves.
    public var model: String
    /// The bearer key, when the endpoint needs one; never printed (see `description`).
    public var apiKey: String?
    /// Longest wait for one answer.
    public var timeout: Duration
    /// How many times the model is asked before the stack is refused (a transient failure —
    /// timeout, 429, 5xx, connection refused — counts as one).
    public var maxAttempts: Int

    public init(endpoint: URL, model: String, apiKey: String? = nil, timeout: Duration = .seconds(60), maxAttempts: Int = 3) {
        self.endpoint = endpoint
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The chat-completions URL.
    public var completionsURL: URL {
        endpoint.path.hasSuffix("/chat/completions") ? endpoint : endpoint.appendingPathComponent("chat").appendingPathComponent("completions")
    }

    /// The endpoint and model, without the key.
    public var description: String { "\(model) at \(endpoint.absoluteString)" }

    /// The environment variable the CLI reads the key from.
    public static let apiKeyEnvironment = "EZBUILT_LLM_API_KEY"
}
