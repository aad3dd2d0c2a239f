import Foundation
import Hummingbird

/// An error answered as JSON `{"error": "message"}` with its HTTP status.
///
/// Messages are written for the caller and never contain secrets: they name the parameter,
/// stack or repository that was wrong, not a token or signature.
struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status sent.
    let status: HTTPResponse.Status
    /// What went wrong, for a person.
    let message: String
    /// Extra response headers (`WWW-Authenticate` on 401).
    let headers: HTTPFields

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    var description: String { "\(status.code) \(message)" }

    /// A query parameter that is missing its expected form.
    static func badParameter(_ name: String, _ problem: String) -> APIError {
        APIError(.badRequest, "query parameter '\(name)' \(problem)")
    }

    static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }

    static let unauthorized = APIError(
        .unauthorized, "missing or invalid credentials: send Authorization: Bearer <token or JWT>",
        headers: [.wwwAuthenticate: "Bearer realm=\"ezbuilt\""]
    )

    /// Turns any error into an `APIError`: our own, Hummingbird's (404, 413, …), or an
    /// unexpected one, which becomes a 500 without details (they may name files or SQL).
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            return APIError(error.status, error.body ?? Self.defaultMessage(error.status), headers: error.headers)
        case let error as any HTTPResponseError:
            return APIError(error.status, Self.defaultMessage(error.status))
        default:
            return APIError(.internalServerError, "internal error")
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "no such route"
        case .contentTooLarge: "the request body is too large"
        case .methodNotAllowed: "method not allowed on this route"
        default: status.reasonPhrase.isEmpty ? "HTTP \(status.code)" : status.reasonPhrase
        }
    }

    /// The JSON response.
    func response() -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let body = (try? JSON.encoder.encode(["error": message])) ?? Data(#"{"error":"internal error"}"#.utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The JSON coding used by every endpoint: ISO 8601 dates, sorted keys (stable output).
enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A 200 (or `status`) JSON response of `value`.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
