import Crypto
import Foundation
import JWTKit
import EZBuiltConfiguration

/// An OIDC provider made in the test: an ES256 key pair, its JWKS in a file, and tokens
/// signed right or in each of the wrong ways the server must refuse.
struct TestIdentityProvider {
    static let issuer = "https://idp.test.invalid/pool-1"
    static let audience = "ezbuilt-api"
    static let kid = "key-1"

    struct Claims: JWTPayload {
        var iss: IssuerClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var nbf: NotBeforeClaim?
        var sub: SubjectClaim
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    let key: ES256PrivateKey
    let jwksPath: String
    /// The JWKS document, as written to `jwksPath`.
    let jwks: Data

    /// Writes the public key as a JWKS file in `directory`.
    init(directory: URL) throws {
        key = try ES256PrivateKey(backing: P256.Signing.PrivateKey())
        guard let parameters = key.parameters else { throw TestFailure("no EC parameters") }
        let jwks: [String: Any] = ["keys": [[
            "kty": "EC", "crv": "P-256", "x": parameters.x, "y": parameters.y,
            "kid": Self.kid, "alg": "ES256", "use": "sig",
        ]]]
        jwksPath = directory.appendingPathComponent("jwks-\(UUID().uuidString).json").path
        self.jwks = try JSONSerialization.data(withJSONObject: jwks)
        try self.jwks.write(to: URL(fileURLWithPath: jwksPath))
    }

    var settings: OIDCSettings {
        OIDCSettings(issuer: Self.issuer, audiences: [Self.audience], jwks: .file(jwksPath))
    }

    static func claims(iss: String = issuer, aud: String = audience, exp: TimeInterval = 3600, nbf: TimeInterval = -60, sub: String = "ci-pipeline") -> Claims {
        Claims(
            iss: .init(value: iss), aud: .init(value: [aud]),
            exp: .init(value: Date().addingTimeInterval(exp)), nbf: .init(value: Date().addingTimeInterval(nbf)),
            sub: .init(value: sub)
        )
    }

    /// Signed with this provider's key (or `key` when given) as ES256.
    func token(_ claims: Claims = claims(), with key: ES256PrivateKey? = nil) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key ?? self.key, kid: JWKIdentifier(string: Self.kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: Self.kid))
    }

    /// `alg: none`, no signature.
    func unsignedToken() async throws -> String {
        let keys = JWTKeyCollection()
        await keys.addUnsecuredNone(kid: JWKIdentifier(string: Self.kid))
        return try await keys.sign(Self.claims(), kid: JWKIdentifier(string: Self.kid))
    }

    /// HS256 with the provider's public key (PEM) as the HMAC secret: the algorithm
    /// confusion attack against servers that let the token choose the algorithm.
    func publicKeyHMACToken() async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: key.publicKey.pemRepresentation), digestAlgorithm: .sha256, kid: JWKIdentifier(string: Self.kid))
        return try await keys.sign(Self.claims(), kid: JWKIdentifier(string: Self.kid))
    }
}
