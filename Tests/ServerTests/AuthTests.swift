import Crypto
import Foundation
import JWTKit
import Testing
import EZBuiltConfiguration

@Suite("Authentication and authorisation")
struct AuthTests {
    enum TokenCase: String, CaseIterable, CustomTestStringConvertible {
        case valid, wrongKey, wrongIssuer, wrongAudience, expired, notYetValid, algNone, hs256WithPublicKey
        var testDescription: String { rawValue }
    }

    @Test(arguments: TokenCase.allCases)
    func onlyAValidOIDCTokenIsAccepted(_ tokenCase: TokenCase) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-idp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = try TestIdentityProvider(directory: directory)
        let backend = RecordingBackend(repositories: ["demo"])

        let token: String
        switch tokenCase {
        case .valid: token = try await provider.token()
        case .wrongKey: token = try await provider.token(with: try ES256PrivateKey(backing: P256.Signing.PrivateKey()))
        case .wrongIssuer: token = try await provider.token(TestIdentityProvider.claims(iss: "https://evil.test.invalid/pool-1"))
        case .wrongAudience: token = try await provider.token(TestIdentityProvider.claims(aud: "some-other-app"))
        case .expired: token = try await provider.token(TestIdentityProvider.claims(exp: -3600, nbf: -7200))
        case .notYetValid: token = try await provider.token(TestIdentityProvider.claims(nbf: 1800))
        case .algNone: token = try await provider.unsignedToken()
        case .hs256WithPublicKey: token = try await provider.publicKeyHMACToken()
        }

        try await TestDaemon.with(config: Fixture.config(publicRead: false, tokens: [], oidc: provider.settings), backend: backend) { (daemon: TestDaemon) async throws in
            let read = try await daemon.get("/api/v1/stacks", token: token)
            let action = try await daemon.request("POST", "/api/v1/repositories/demo/sync", headers: ["Authorization": "Bearer \(token)"])
            if tokenCase == .valid {
                #expect(read.status == 200)
                #expect(action.status == 202)
                #expect(backend.syncs == ["demo"])
            } else {
                #expect(read.status == 401, "\(tokenCase): \(read.text)")
                #expect(action.status == 401)
                #expect(read.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
                #expect(backend.syncs.isEmpty)
            }
        }
    }

    @Test func staticTokensAreComparedByTheirHash() async throws {
        let backend = RecordingBackend(repositories: ["demo"])
        try await TestDaemon.with(config: Fixture.config(publicRead: false), backend: backend) { (daemon: TestDaemon) async throws in
            #expect(try await daemon.get("/api/v1/stacks", token: Fixture.token).status == 200)
            #expect(try await daemon.get("/api/v1/stacks", token: Fixture.token + "x").status == 401)
            #expect(try await daemon.get("/api/v1/stacks", token: String(Fixture.token.dropLast())).status == 401)
            #expect(try await daemon.get("/api/v1/stacks", token: Fixture.tokenDigest).status == 401, "the stored digest is not itself a credential")
            #expect(try await daemon.get("/api/v1/stacks").status == 401)
            let basic = try await daemon.request("GET", "/api/v1/stacks", headers: ["Authorization": "Basic \(Data("u:\(Fixture.token)".utf8).base64EncodedString())"])
            #expect(basic.status == 401)
        }
    }

    @Test func readsNeedAuthUnlessPublicReadButActionsAlwaysDo() async throws {
        let backend = RecordingBackend(repositories: ["demo"], stacks: [Fixture.web])
        for publicRead in [false, true] {
            try await TestDaemon.with(config: Fixture.config(publicRead: publicRead), backend: backend) { (daemon: TestDaemon) async throws in
                try await Fixture.fill(daemon.store)
                for path in ["/", "/metrics", "/api/v1/stacks", "/api/v1/repositories", "/api/v1/stacks/\(Fixture.web.pathSegment)/history"] {
                    let anonymous = try await daemon.get(path)
                    #expect(anonymous.status == (publicRead ? 200 : 401), "\(path) publicRead=\(publicRead)")
                    #expect(try await daemon.get(path, token: Fixture.token).status == 200, "\(path)")
                }
                for path in ["/api/v1/repositories/demo/sync", "/api/v1/stacks/\(Fixture.web.pathSegment)/drift-check"] {
                    #expect(try await daemon.request("POST", path).status == 401, "\(path) publicRead=\(publicRead)")
                    #expect(try await daemon.request("POST", path, headers: ["Authorization": "Bearer nope"]).status == 401)
                }
                // Health and readiness stay open for probes.
                #expect(try await daemon.get("/healthz").status == 200)
            }
        }
        #expect(backend.syncs.isEmpty && backend.driftChecks.isEmpty)
    }

    @Test(arguments: [
        ("tokens: [\"sha256:\(String(repeating: "ab", count: 32))\"]\npublicRead: true", nil as String?),
        ("tokens: [\"plain-token-pasted-by-mistake\"]", "auth.tokens"),
        ("tokens: [\"sha256:abc\"]", "auth.tokens"),
        ("publicRead: maybe", "auth.publicRead"),
        ("tokns: []", "auth.tokns"),
        ("oidc: { issuer: https://idp, audience: api, jwks: /etc/jwks.json, extra: 1 }", "auth.oidc.extra"),
        ("oidc: { issuer: https://idp, jwks: /etc/jwks.json }", "auth.oidc.audience"),
        ("oidc: { issuer: https://idp, audience: api, jwks: http://idp.example.com/jwks }", "auth.oidc.jwks"),
        ("oidc: { issuer: https://idp, audience: [api, web], jwks: https://idp.example.com/.well-known/jwks.json }", nil),
        ("tokens:\n  - { name: ci-deployer, sha256: \"\(String(repeating: "cd", count: 32))\" }\n  - \"sha256:\(String(repeating: "ab", count: 32))\"", nil),
        ("tokens:\n  - { name: \"two words\", sha256: \"\(String(repeating: "cd", count: 32))\" }", "auth.tokens[0].name"),
        ("tokens:\n  - { name: \"abcdef012345\", sha256: \"\(String(repeating: "cd", count: 32))\" }", "auth.tokens[0].name"),
        ("tokens:\n  - { name: ci, sha256: plain-token-pasted-by-mistake }", "auth.tokens[0].sha256"),
        ("tokens:\n  - { name: ci }", "auth.tokens[0].sha256"),
        ("tokens:\n  - { name: ci, sha256: \"\(String(repeating: "cd", count: 32))\", role: admin }", "auth.tokens[0].role"),
        ("tokens:\n  - { name: ci, sha256: \"\(String(repeating: "cd", count: 32))\" }\n  - { name: ci, sha256: \"\(String(repeating: "ef", count: 32))\" }", "auth.tokens"),
    ])
    func authConfigIsValidatedWithKeyPathsAndLines(body: String, errorPath: String?) throws {
        let indented = body.split(separator: "\n").map { "  \($0)" }.joined(separator: "\n")
        let yaml = "repositories: []\nauth:\n\(indented)\n"
        if let errorPath {
            let error = try #require(throws: ConfigErrors.self) { try EZBuiltConfig.parse(yaml: yaml) }
            #expect(error.errors.contains { $0.path == errorPath && $0.line != nil }, "\(error)")
            #expect(!error.description.contains("plain-token-pasted-by-mistake"), "a pasted token is not echoed")
        } else {
            let config = try EZBuiltConfig.parse(yaml: yaml)
            #expect(!config.auth.tokens.isEmpty || config.auth.oidc != nil)
            if let oidc = config.auth.oidc { #expect(oidc.audiences == ["api", "web"]) }
        }
    }
}

@Suite("OIDC keys over HTTP")
struct JWKSURLTests {
    @Test func aJWKSServedOverHTTPIsFetchedOnceAndUsed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-idp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = try TestIdentityProvider(directory: directory)
        try await JWKSServer.with(provider.jwks) { jwksURL, fetches in
            let settings = OIDCSettings(issuer: TestIdentityProvider.issuer, audiences: [TestIdentityProvider.audience], jwks: .url(jwksURL))
            try await TestDaemon.with(config: Fixture.config(publicRead: false, tokens: [], oidc: settings)) { (daemon: TestDaemon) async throws in
                let token = try await provider.token()
                #expect(try await daemon.get("/api/v1/stacks", token: token).status == 200)
                #expect(try await daemon.get("/api/v1/stacks", token: token).status == 200)
                #expect(try await daemon.get("/api/v1/stacks", token: try await provider.token(with: try ES256PrivateKey(backing: P256.Signing.PrivateKey()))).status == 401)
                #expect(fetches() == 1, "the JWKS is cached, not fetched per request")
            }
        }
    }

    /// curl (which does not follow redirects unless told): status line, headers and body.
    static func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-i"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A login link opens the page in a browser: the token becomes a read-only session
    /// cookie and leaves the address bar; the cookie reads, never acts.
    @Test func aLoginLinkGivesAReadOnlySessionCookie() async throws {
        try await TestDaemon.with(config: Fixture.config(publicRead: false)) { daemon in
            #expect(try Self.curl(["\(daemon.base)/"]).hasPrefix("HTTP/1.1 401"))
            #expect(try Self.curl(["\(daemon.base)/login?token=wrong"]).hasPrefix("HTTP/1.1 401"))
            let login = try Self.curl(["\(daemon.base)/login?token=\(Fixture.token)"])
            #expect(login.hasPrefix("HTTP/1.1 303"), "\(login)")
            #expect(login.lowercased().contains("location: /\r\n"))
            let cookie = try #require(login.firstMatch(of: /(?i)set-cookie: (ezbuilt_session=[^;]+);[^\r]*HttpOnly; SameSite=Strict/)?.1)
            let page = try Self.curl(["-H", "Cookie: \(cookie)", "\(daemon.base)/"])
            #expect(page.hasPrefix("HTTP/1.1 200") && page.contains("<h1>EZBuilt</h1>"), "\(page.prefix(300))")
            #expect(try Self.curl(["-H", "Cookie: \(cookie)", "\(daemon.base)/api/v1/stacks"]).hasPrefix("HTTP/1.1 200"))
            let action = try Self.curl(["-X", "POST", "-H", "Cookie: \(cookie)", "\(daemon.base)/api/v1/repositories/\(Fixture.repository)/sync"])
            #expect(action.hasPrefix("HTTP/1.1 401"), "\(action.prefix(200))")
            #expect(try Self.curl(["-H", "Cookie: ezbuilt_session=forged", "\(daemon.base)/"]).hasPrefix("HTTP/1.1 401"))
        }
    }
}
