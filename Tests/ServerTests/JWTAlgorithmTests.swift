import Foundation
import Testing
@testable import Server

/// The header's `alg` must be the key's own (issue 11, item 5).
struct JWTAlgorithmTests {
    @Test(arguments: [
        ("RS256", "RSA", "RS256" as String?, true),
        ("PS256", "RSA", "RS256", false),   // a PS256 header on an RS256 key
        ("RS384", "RSA", "RS256", false),
        ("PS256", "RSA", nil, true),        // no alg in the JWKS: the RSA family
        ("ES256", "RSA", nil, false),
        ("ES256", "EC", "ES256", true),
        ("ES384", "EC", "ES256", false),
        ("EdDSA", "OKP", nil, true),
        ("RS256", "EC", nil, false),
    ])
    func headerAlgorithmMustBeTheKeys(alg: String, keyType: String, keyAlgorithm: String?, accepted: Bool) {
        let keys = [(type: keyType, algorithm: keyAlgorithm)]
        let passed = (try? OIDCVerifier.checkAlgorithm(alg, keys: keys)) != nil
        #expect(passed == accepted)
        if !accepted {
            #expect(throws: JWTRejection.self) { try OIDCVerifier.checkAlgorithm(alg, keys: keys) }
        }
    }

    @Test func aTokenWithoutAKnownKeyIsRefused() {
        #expect(throws: JWTRejection.self) { try OIDCVerifier.checkAlgorithm("RS256", keys: []) }
    }

    @Test func keyAlgorithmsAreReadFromTheJWKS() {
        let jwks = Data(#"{"keys":[{"kid":"a","kty":"RSA","alg":"RS256","n":"x","e":"AQAB"},{"kid":"b","kty":"EC"}]}"#.utf8)
        let table = OIDCVerifier.keyAlgorithms(jwks)
        #expect(table["a"]?.type == "RSA" && table["a"]?.algorithm == "RS256")
        #expect(table["b"]?.type == "EC" && table["b"]?.algorithm == nil)
    }
}
