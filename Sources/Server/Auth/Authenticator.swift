import Foundation
import Crypto
import Hummingbird
import Logging
import EZBuiltConfiguration

/// Decides whether a request may read or act, from its bearer token.
///
/// A bearer value is accepted when its SHA-256 is one of `auth.tokens` (compared in constant
/// time), or when it is a JWT the configured OIDC provider signed for our audience. Reads are
/// open when `auth.publicRead` is true; actions never are.
struct Authenticator: Sendable {
    /// What a route needs.
    enum Access: Sendable {
        /// Anyone when `publicRead`, otherwise a valid credential.
        case read
        /// Always a valid credential.
        case action
    }

    let tokens: [APIToken]
    let publicRead: Bool
    let oidc: OIDCVerifier?
    let logger: Logger

    init(settings: AuthSettings, logger: Logger) {
        tokens = settings.tokens
        publicRead = settings.publicRead
        oidc = settings.oidc.map { OIDCVerifier(settings: $0, logger: logger) }
        self.logger = logger
    }

    /// Returns normally when `request` may have `access`, else throws a 401. Reads also accept
    /// the session cookie `/login` sets (a browser cannot send a bearer header to a page);
    /// actions never do, so a page cannot be made to act on someone's behalf.
    func authorize(_ request: Request, _ access: Access) async throws(APIError) {
        if access == .read, publicRead { return }
        guard let credential = Self.bearer(request) ?? (access == .read ? Self.sessionCookie(request) : nil) else { throw APIError.unauthorized }
        if token(credential) != nil { return }
        if let oidc, credential.split(separator: ".", omittingEmptySubsequences: false).count == 3 {
            do {
                try await oidc.verify(credential)
                return
            } catch {
                // The reason helps an operator; the token itself is never logged.
                logger.info("rejected a JWT", metadata: ["reason": "\(error.reason)"])
            }
        }
        throw APIError.unauthorized
    }

    /// Who sent an authorised request, for the record: the API token's ``APIToken/actor``
    /// (`token:<name>`, or `token:<first 12 hex digits of its SHA-256>` for an unnamed one), or
    /// `oidc:<sub>` of a verified JWT. Call only after `authorize` accepted the request.
    func identity(_ request: Request) -> String {
        guard let credential = Self.bearer(request) else { return "anonymous" }
        if let token = token(credential) { return token.actor }
        let parts = credential.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Self.base64URL(parts[1]),
              let claims = try? JSONSerialization.jsonObject(with: payload) as? [String: Any],
              let subject = claims["sub"] as? String
        else { return "oidc:unknown" }
        return "oidc:" + String(subject.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.@:|".unicodeScalars.contains($0) }.prefix(128))
    }

    private static func base64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    /// Whether `token` is one of the configured API tokens (not a JWT: a login link carries a token).
    func acceptsToken(_ token: String) -> Bool {
        self.token(token) != nil
    }

    /// The configured API token whose digest is the SHA-256 of `credential`, compared in
    /// constant time against every one.
    private func token(_ credential: String) -> APIToken? {
        ConstantTime.firstMatch(tokens.map(\.digest), Array(SHA256.hash(data: Array(credential.utf8)))).map { tokens[$0] }
    }

    /// The cookie holding the token a `/login` link gave (reads only).
    static let sessionCookieName = "ezbuilt_session"

    /// The value of the session cookie, if the request carries one.
    static func sessionCookie(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == sessionCookieName {
                    let value = parts[1].trimmingCharacters(in: .whitespaces)
                    return value.isEmpty ? nil : value
                }
            }
        }
        return nil
    }

    /// The value of `Authorization: Bearer <value>`.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}
