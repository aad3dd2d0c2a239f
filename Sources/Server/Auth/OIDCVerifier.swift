import EZBuiltCore
import Foundation
import Secrets
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JWTKit
import Logging
import EZBuiltConfiguration

/// Why a JWT was refused: a fixed phrase, never the token or its claims.
struct JWTRejection: Error, CustomStringConvertible {
    let reason: String
    init(_ reason: String) { self.reason = reason }
    var description: String { reason }
}

extension Error {
    /// A short reason safe to log.
    var reason: String { (self as? JWTRejection)?.reason ?? "invalid token" }
}

/// The claims EZBuilt checks. `exp` is required: a token that never expires is refused.
struct OIDCClaims: JWTPayload {
    var iss: IssuerClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim?
    var sub: SubjectClaim?

    /// Clock skew allowed between us and the provider.
    static let leeway: TimeInterval = 30

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired(currentDate: Date().addingTimeInterval(-Self.leeway))
        try nbf?.verifyNotBefore(currentDate: Date().addingTimeInterval(Self.leeway))
    }
}

/// Verifies OIDC JWTs against the provider's JWKS: signature, `iss`, `aud`, `exp`, `nbf`.
///
/// Only asymmetric algorithms are accepted, and the check is made on the token's header
/// before any key is touched: `alg: none` and the classic confusion where a token is
/// HMAC-signed with the provider's *public* key both fail here, whatever the key library does.
/// The JWKS is read on first use, cached for ten minutes, and read again (at most once a
/// minute) when a token names a key id it does not hold, so key rotation needs no restart.
actor OIDCVerifier {
    static let acceptedAlgorithms: Set<String> = [
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
    ]
    static let cacheLifetime: Duration = .seconds(600)
    static let refreshInterval: Duration = .seconds(60)
    static let maxJWKSSize = 1 << 20

    let settings: OIDCSettings
    let logger: Logger
    private var keys: JWTKeyCollection?
    private var keyIDs: Set<String> = []
    /// Per key id, what the JWKS says the key is (`kty`) and, when it says so, its one algorithm.
    private var keyAlgorithms: [String: (type: String, algorithm: String?)] = [:]
    private var loadedAt: ContinuousClock.Instant?
    private var lastAttempt: ContinuousClock.Instant?

    init(settings: OIDCSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Returns when the token is valid; throws `JWTRejection` saying why not.
    func verify(_ token: String) async throws(JWTRejection) {
        let header = try Self.header(token)
        guard Self.acceptedAlgorithms.contains(header.alg) else {
            throw JWTRejection("algorithm \(header.alg.prefix(10)) is not accepted (asymmetric algorithms only)")
        }
        let keys = try await keyCollection(for: header.kid)
        if let kid = header.kid, !keyIDs.contains(kid) {
            throw JWTRejection("the key id is not in the JWKS")
        }
        try Self.checkAlgorithm(header.alg, keys: header.kid.map { kid in keyAlgorithms[kid].map { [$0] } ?? [] }
            ?? Array(keyAlgorithms.values))
        let claims: OIDCClaims
        do {
            claims = try await keys.verify(token, as: OIDCClaims.self)
        } catch let error as JWTError {
            throw JWTRejection("\(error.errorType)\(error.reason.map { ": \($0)" } ?? "")")
        } catch {
            throw JWTRejection("the token could not be verified")
        }
        guard claims.iss.value == settings.issuer else { throw JWTRejection("wrong issuer") }
        guard claims.aud.value.contains(where: settings.audiences.contains) else { throw JWTRejection("wrong audience") }
    }

    /// The header's `alg` must be the key's: exactly its `alg` when the JWKS gives one (a PS256
    /// header on an RS256 key is refused, whatever the key library would verify), else one of
    /// its type's family (RSA: RS*/PS*, EC: ES*, OKP: EdDSA).
    static func checkAlgorithm(_ alg: String, keys: [(type: String, algorithm: String?)]) throws(JWTRejection) {
        func matches(_ key: (type: String, algorithm: String?)) -> Bool {
            if let algorithm = key.algorithm { return algorithm == alg }
            switch key.type {
            case "RSA": return alg.hasPrefix("RS") || alg.hasPrefix("PS")
            case "EC": return alg.hasPrefix("ES")
            case "OKP": return alg == "EdDSA"
            default: return false
            }
        }
        guard !keys.isEmpty, keys.allSatisfy(matches) else {
            throw JWTRejection("algorithm \(alg.prefix(10)) is not the key's algorithm")
        }
    }

    /// `kid` → (`kty`, `alg`) of every key of a JWKS document.
    static func keyAlgorithms(_ data: Data) -> [String: (type: String, algorithm: String?)] {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let keys = document["keys"] as? [[String: Any]] else { return [:] }
        var result: [String: (type: String, algorithm: String?)] = [:]
        for key in keys {
            guard let kid = key["kid"] as? String, let type = key["kty"] as? String else { continue }
            result[kid] = (type, key["alg"] as? String)
        }
        return result
    }

    private struct Header: Decodable {
        var alg: String
        var kid: String?
    }

    private static func header(_ token: String) throws(JWTRejection) -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = base64URLDecode(parts[0]),
              let header = try? JSONDecoder().decode(Header.self, from: data)
        else { throw JWTRejection("malformed token header") }
        return header
    }

    private static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    /// The keys, loaded or refreshed when stale or when `kid` is unknown.
    private func keyCollection(for kid: String?) async throws(JWTRejection) -> JWTKeyCollection {
        let now = ContinuousClock.now
        let stale = loadedAt.map { now - $0 > Self.cacheLifetime } ?? true
        let unknownKid = kid.map { !keyIDs.contains($0) } ?? false
        let mayRetry = lastAttempt.map { now - $0 > Self.refreshInterval } ?? true
        if keys == nil || stale || (unknownKid && mayRetry) {
            if keys == nil || mayRetry {
                lastAttempt = now
                do {
                    try await load()
                    loadedAt = now
                } catch {
                    logger.warning("cannot load the OIDC JWKS", metadata: ["jwks": "\(describe(settings.jwks))", "error": "\(error)"])
                }
            }
        }
        guard let keys else { throw JWTRejection("the JWKS is not available") }
        return keys
    }

    private func load() async throws {
        let data: Data
        switch settings.jwks {
        case .file(let path):
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        case .url(let url):
            var request = URLRequest(url: url, timeoutInterval: 10)
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            let (body, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
                throw JWTRejection("the JWKS URL answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
            }
            data = body
        }
        guard data.count <= Self.maxJWKSSize else { throw JWTRejection("the JWKS is larger than 1 MiB") }
        let jwks = try JSONDecoder().decode(JWKS.self, from: data)
        let collection = JWTKeyCollection()
        var ids: Set<String> = []
        for key in jwks.keys {
            guard let kid = key.keyIdentifier?.string else { continue }
            try await collection.add(jwk: key)
            ids.insert(kid)
        }
        guard !ids.isEmpty else { throw JWTRejection("the JWKS holds no key with a key id") }
        keys = collection
        keyIDs = ids
        keyAlgorithms = Self.keyAlgorithms(data).filter { ids.contains($0.key) }
    }

    private func describe(_ source: JWKSSource) -> String {
        switch source {
        case .file(let path): path
        case .url(let url): URLCredentials.scrub(url.absoluteString)
        }
    }
}
