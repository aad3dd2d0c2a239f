import AsyncHTTPClient
import Foundation
import NIOCore
import Requirements

/// One chat-completions exchange over HTTP: TLS verified (AsyncHTTPClient's default full
/// certificate verification), redirects refused (a redirect must not carry the key elsewhere),
/// the key sent only as a bearer token.
struct ChatClient: Sendable {
    /// A message of the conversation.
    struct Message: Codable, Sendable, Equatable {
        var role: String
        var content: String
    }

    /// Why an exchange gave no answer.
    enum Failure: Error, Sendable, Equatable {
        /// Worth asking again: a timeout, 429 (with the wait the server asked for), 5xx, a refused connection.
        case transient(String, retryAfter: Duration?)
        /// Asking again will not help: a 4xx, a malformed envelope.
        case permanent(String)

        var message: String {
            switch self {
            case .transient(let m, _), .permanent(let m): m
            }
        }
    }

    let settings: ModelSettings

    private struct Request: Encodable {
        struct ResponseFormat: Encodable {
            struct Schema: Encodable {
                var name: String
                var strict: Bool
                var schema: Requirements.JSONSchema
            }
            var type = "json_schema"
            var json_schema: Schema
        }
        var model: String
        var messages: [Message]
        var temperature: Double
        var response_format: ResponseFormat
    }

    private struct Response: Decodable {
        struct Choice: Decodable {
            struct Content: Decodable { var content: String? }
            var message: Content
        }
        var choices: [Choice]
    }

    /// Sends the conversation; returns the assistant's content.
    func complete(_ messages: [Message], schema: Requirements.JSONSchema) async throws(Failure) -> String {
        let body: Data
        do {
            body = try JSONEncoder().encode(Request(model: settings.model, messages: messages, temperature: 0,
                                                    response_format: .init(json_schema: .init(name: "ezbuilt_spec", strict: true, schema: schema))))
        } catch { throw .permanent("cannot encode the request: \(error)") }
        var request = HTTPClientRequest(url: settings.completionsURL.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let key = settings.apiKey, !key.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(bytes: body))

        // No TLS configuration given: AsyncHTTPClient's default verifies the certificate chain and host name.
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let outcome: Result<(code: UInt, retryAfter: String?, body: String), any Error>
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(settings.timeout))
            let buffer = try await response.body.collect(upTo: 4 << 20)
            outcome = .success((response.status.code, response.headers.first(name: "retry-after"), String(buffer: buffer)))
        } catch {
            outcome = .failure(error)
        }
        try? await client.shutdown()

        let (code, retryAfter, text): (UInt, String?, String)
        switch outcome {
        case .failure(let error as HTTPClientError) where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout:
            throw .transient("no answer within \(settings.timeout)", retryAfter: nil)
        case .failure(let error as HTTPClientError) where error == .cancelled:
            throw .permanent("cancelled")
        case .failure(let error):
            throw .transient("cannot reach the endpoint: \(error)", retryAfter: nil)
        case .success(let answer):
            (code, retryAfter, text) = answer
        }
        let excerpt = text.count > 300 ? String(text.prefix(297)) + "..." : text
        switch code {
        case 200..<300:
            break
        case 429:
            let wait = retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { Duration.seconds(min(max($0, 0), 120)) }
            throw .transient("HTTP 429 (rate limited)\(wait.map { ", retry after \($0)" } ?? ""): \(excerpt)", retryAfter: wait)
        case 408, 500..<600:
            throw .transient("HTTP \(code): \(excerpt)", retryAfter: nil)
        default:
            throw .permanent("HTTP \(code): \(excerpt)")
        }
        guard let envelope = try? JSONDecoder().decode(Response.self, from: Data(text.utf8)) else {
            throw .permanent("the endpoint's reply is not a chat completion: \(excerpt)")
        }
        guard let content = envelope.choices.first?.message.content else {
            throw .permanent("the chat completion holds no message content")
        }
        return content
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
