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

    let tokenDigests: [[UInt8]]
    let publicRead: Bool
    let oidc: OIDCVerifier?
    let logger: Logger

    init(settings: AuthSettings, logger: Logger) {
        tokenDigests = settings.tokenDigests
        publicRead = settings.publicRead
        oidc = settings.oidc.map { OIDCVerifier(settings: $0, logger: logger) }
        self.logger = logger
    }

    /// Returns normally when `request` may have `access`, else throws a 401.
    func authorize(_ request: Request, _ access: Access) async throws(APIError) {
        if access == .read, publicRead { return }
        guard let credential = Self.bearer(request) else { throw APIError.unauthorized }
        if ConstantTime.containsDigest(tokenDigests, Array(SHA256.hash(data: Array(credential.utf8)))) { return }
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

    /// The value of `Authorization: Bearer <value>`.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}
