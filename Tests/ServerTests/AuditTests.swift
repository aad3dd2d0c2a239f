import Crypto
import EZBuiltConfiguration
import Foundation
import JWTKit
import Store
import Testing

/// Every action taken through the API is in the audit log with who took it; the log itself is
/// never public.
@Suite("Audit log")
struct AuditTests {
    static var tokenIdentity: String {
        "token:" + SHA256.hash(data: Data(Fixture.token.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    @Test func actionsAreRecordedWithWhoWhatTargetWhenAndOutcome() async throws {
        let backend = RecordingBackend(repositories: ["demo"], stacks: [Fixture.web], waitingPlans: [Fixture.web: String(repeating: "a", count: 64)])
        try await TestDaemon.with(config: Fixture.config(publicRead: true), backend: backend) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let auth = ["Authorization": "Bearer \(Fixture.token)"]
            let before = Date().addingTimeInterval(-1)
            #expect(try await daemon.request("POST", "/api/v1/repositories/demo/sync", headers: auth).status == 202)
            #expect(try await daemon.request("POST", "/api/v1/stacks/\(Fixture.web.pathSegment)/drift-check", headers: auth).status == 202)
            let wrongPlan = Data(#"{"plan": "\#(String(repeating: "b", count: 64))"}"#.utf8)
            #expect(try await daemon.request("POST", "/api/v1/stacks/\(Fixture.web.pathSegment)/approve", headers: auth, body: wrongPlan).status == 409)
            // Without credentials nothing happens, and nothing is recorded as done by anyone.
            #expect(try await daemon.request("POST", "/api/v1/repositories/demo/sync").status == 401)

            let response = try await daemon.get("/api/v1/audit", token: Fixture.token)
            #expect(response.status == 200, "\(response.text)")
            let body = try response.json()
            #expect(body["total"] as? Int == 3)
            let events = try #require(body["events"] as? [[String: Any]])
            #expect(events.map { $0["action"] as? String } == ["approve", "drift-check", "sync"])
            #expect(events.allSatisfy { $0["actor"] as? String == Self.tokenIdentity })
            #expect(events.map { $0["target"] as? String } == [Fixture.web, Fixture.web, "demo"])
            #expect(events.map { $0["outcome"] as? Int } == [409, 202, 202])
            #expect((events.first?["detail"] as? String)?.contains("waits for plan") == true)
            let stored = try await daemon.store.auditEvents()
            #expect(stored.events.allSatisfy { $0.at >= before && $0.at <= Date() })
        }
    }

    /// The actor is who the credential says: a named token's name from the configuration file,
    /// an unnamed token's hash prefix, and the `sub` of a JWT the identity provider signed.
    @Test func eachCredentialIsRecordedUnderItsOwnName() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-idp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = try TestIdentityProvider(directory: directory)
        let named = "named-token-\(UUID().uuidString)"
        let namedDigest = SHA256.hash(data: Data(named.utf8)).map { String(format: "%02x", $0) }.joined()
        let yaml = """
            repositories: []
            auth:
              tokens:
                - \(Fixture.tokenDigest)
                - { name: ci-deployer, sha256: "\(namedDigest)" }
            """
        var config = Fixture.config(publicRead: false, oidc: provider.settings)
        config.auth.tokens = try EZBuiltConfig.parse(yaml: yaml).auth.tokens
        let backend = RecordingBackend(repositories: ["demo"], stacks: [Fixture.web])
        try await TestDaemon.with(config: config, backend: backend) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let jwt = try await provider.token(TestIdentityProvider.claims(sub: "alice@example.com"))
            for token in [named, Fixture.token, jwt] {
                #expect(try await daemon.request("POST", "/api/v1/repositories/demo/sync", headers: ["Authorization": "Bearer \(token)"]).status == 202)
            }
            // A JWT not signed by the provider acts as nobody, and is recorded as nobody.
            let forged = try await provider.token(TestIdentityProvider.claims(sub: "mallory"), with: try ES256PrivateKey(backing: P256.Signing.PrivateKey()))
            #expect(try await daemon.request("POST", "/api/v1/repositories/demo/sync", headers: ["Authorization": "Bearer \(forged)"]).status == 401)

            let events = try #require(try await daemon.get("/api/v1/audit", token: jwt).json()["events"] as? [[String: Any]])
            #expect(events.map { $0["actor"] as? String } == ["oidc:alice@example.com", Self.tokenIdentity, "token:ci-deployer"])
            #expect(events.allSatisfy { $0["action"] as? String == "sync" && $0["outcome"] as? Int == 202 })
            let byName = try await daemon.get("/api/v1/audit?actor=token:ci-deployer", token: named).json()
            #expect(byName["total"] as? Int == 1)
        }
        #expect(backend.syncs.count == 3)
    }

    @Test func theAuditLogNeedsCredentialsEvenWhenReadsArePublic() async throws {
        try await TestDaemon.with(config: Fixture.config(publicRead: true)) { (daemon: TestDaemon) async throws in
            #expect(try await daemon.get("/api/v1/stacks").status == 200)
            let anonymous = try await daemon.get("/api/v1/audit")
            #expect(anonymous.status == 401)
            #expect(try await daemon.get("/api/v1/audit", token: Fixture.token + "x").status == 401)
            #expect(try await daemon.get("/api/v1/audit", token: Fixture.token).status == 200)
        }
    }

    @Test func theAuditLogPagesAndFilters() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for index in 0..<5 {
                try await daemon.store.recordAudit(AuditRecord(at: start.addingTimeInterval(Double(index)), actor: index == 4 ? "oidc:alice" : "token:0123456789ab",
                                                         action: index.isMultiple(of: 2) ? "sync" : "approve", target: "demo", outcome: 202))
            }
            let page = try await daemon.get("/api/v1/audit?limit=2&offset=1", token: Fixture.token).json()
            #expect(page["total"] as? Int == 5)
            #expect(page["limit"] as? Int == 2)
            #expect((page["events"] as? [[String: Any]])?.map { $0["at"] as? String } == ["2027-01-15T08:00:03Z", "2027-01-15T08:00:02Z"])
            let alice = try await daemon.get("/api/v1/audit?actor=oidc:alice", token: Fixture.token).json()
            #expect(alice["total"] as? Int == 1)
            let syncs = try await daemon.get("/api/v1/audit?action=sync", token: Fixture.token).json()
            #expect(syncs["total"] as? Int == 3)
            let bad = try await daemon.get("/api/v1/audit?action=delete", token: Fixture.token)
            #expect(bad.status == 400)
            #expect(try bad.errorMessage().contains("action"))
        }
    }
}
