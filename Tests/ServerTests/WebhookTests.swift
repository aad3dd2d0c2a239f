import Crypto
import Foundation
import Testing
@testable import Server

@Suite("Webhooks")
struct WebhookTests {
    static let secret = "whsec-\(UUID().uuidString)"
    static let otherSecret = "gl-\(UUID().uuidString)"
    static let environment = ["DEMO_WEBHOOK_SECRET": secret, "OTHER_WEBHOOK_SECRET": otherSecret]

    static func githubPush(_ url: String = "https://github.com/acme/infra") -> Data {
        Data("""
        {"ref":"refs/heads/main","after":"abc","repository":{"full_name":"acme/infra","html_url":"\(url)",
        "clone_url":"\(url).git","ssh_url":"git@github.com:acme/infra.git","url":"\(url)"}}
        """.utf8)
    }

    static func gitlabPush() -> Data {
        Data("""
        {"object_kind":"push","project":{"path_with_namespace":"platform/network","web_url":"https://gitlab.example.com/platform/network",
        "git_ssh_url":"ssh://git@gitlab.example.com:2222/platform/network.git","git_http_url":"https://gitlab.example.com/platform/network.git"}}
        """.utf8)
    }

    static func hmac(_ body: Data, _ secret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    @Test func aCorrectGitHubSignatureWakesTheMatchingRepositoryAtOnce() async throws {
        let backend = RecordingBackend(repositories: ["demo", "other"])
        try await TestDaemon.with(config: Fixture.config(publicRead: false), environment: Self.environment, backend: backend) { (daemon: TestDaemon) async throws in
            let body = Self.githubPush("https://GitHub.com/acme/infra")
            let response = try await daemon.request("POST", "/api/v1/webhooks/github", headers: [
                "X-Hub-Signature-256": "sha256=" + Self.hmac(body, Self.secret), "X-GitHub-Event": "push", "Content-Type": "application/json",
            ], body: body)
            #expect(response.status == 202, "\(response.text)")
            #expect(await backend.waitForSync("demo", within: .seconds(1)))
            #expect(backend.syncs == ["demo"])
        }
    }

    @Test func forgedMissingAndReplayedSignaturesAre401AndWakeNothing() async throws {
        let backend = RecordingBackend(repositories: ["demo"])
        try await TestDaemon.with(config: Fixture.config(), environment: Self.environment, backend: backend) { (daemon: TestDaemon) async throws in
            let body = Self.githubPush()
            let signedOther = Self.githubPush("https://github.com/acme/infra") + Data(" ".utf8)
            let cases: [(String, [String: String])] = [
                ("forged with another secret", ["X-Hub-Signature-256": "sha256=" + Self.hmac(body, "guessed-secret")]),
                ("missing", [:]),
                ("replayed from another body", ["X-Hub-Signature-256": "sha256=" + Self.hmac(signedOther, Self.secret)]),
                ("not hex", ["X-Hub-Signature-256": "sha256=" + String(repeating: "z", count: 64)]),
                ("sha1 form", ["X-Hub-Signature-256": "sha1=" + Self.hmac(body, Self.secret)]),
                ("truncated", ["X-Hub-Signature-256": "sha256=" + Self.hmac(body, Self.secret).dropLast(2)]),
            ]
            for (name, headers) in cases {
                let response = try await daemon.request("POST", "/api/v1/webhooks/github", headers: headers, body: body)
                #expect(response.status == 401, "\(name): \(response.text)")
                #expect(!response.text.contains(Self.secret))
            }
            try await Task.sleep(for: .milliseconds(100))
            #expect(backend.syncs.isEmpty)
        }
    }

    @Test func gitLabTokenAndGiteaSignatureAreVerified() async throws {
        let backend = RecordingBackend(repositories: ["demo", "other"])
        try await TestDaemon.with(config: Fixture.config(), environment: Self.environment, backend: backend) { (daemon: TestDaemon) async throws in
            let gitlab = Self.gitlabPush()
            #expect(try await daemon.request("POST", "/api/v1/webhooks/gitlab", headers: ["X-Gitlab-Token": "wrong"], body: gitlab).status == 401)
            #expect(try await daemon.request("POST", "/api/v1/webhooks/gitlab", headers: ["X-Gitlab-Token": Self.secret], body: gitlab).status == 401,
                    "another repository's secret does not open this one")
            #expect(try await daemon.request("POST", "/api/v1/webhooks/gitlab", headers: ["X-Gitlab-Token": Self.otherSecret], body: gitlab).status == 202)
            #expect(await backend.waitForSync("other"))

            let gitea = Data(#"{"repository":{"clone_url":"https://github.com/acme/infra.git","html_url":"https://github.com/acme/infra"}}"#.utf8)
            #expect(try await daemon.request("POST", "/api/v1/webhooks/gitea", headers: ["X-Gitea-Signature": Self.hmac(gitea, "nope")], body: gitea).status == 401)
            #expect(try await daemon.request("POST", "/api/v1/webhooks/gitea", headers: ["X-Gitea-Signature": Self.hmac(gitea, Self.secret)], body: gitea).status == 202)
            #expect(await backend.waitForSync("demo"))
        }
    }

    @Test func theRepositoryQueryParameterPicksTheRepository() async throws {
        let backend = RecordingBackend(repositories: ["demo"])
        try await TestDaemon.with(config: Fixture.config(), environment: Self.environment, backend: backend) { (daemon: TestDaemon) async throws in
            let body = Data(#"{"zen":"no URLs in here"}"#.utf8)
            let signature = ["X-Hub-Signature-256": "sha256=" + Self.hmac(body, Self.secret)]
            #expect(try await daemon.request("POST", "/api/v1/webhooks/github", headers: signature, body: body).status == 401, "no URL to match")
            #expect(try await daemon.request("POST", "/api/v1/webhooks/github?repository=demo", headers: signature, body: body).status == 202)
            #expect(try await daemon.request("POST", "/api/v1/webhooks/github?repository=ghost", headers: signature, body: body).status == 401)
            #expect(backend.syncs == ["demo"])
        }
    }

    @Test func aRepositoryWithoutASecretRefusesWebhooks() async throws {
        let backend = RecordingBackend(repositories: ["nosecret", "demo"])
        // DEMO_WEBHOOK_SECRET is named by the config but set to nothing.
        try await TestDaemon.with(config: Fixture.config(), environment: ["DEMO_WEBHOOK_SECRET": ""], backend: backend) { (daemon: TestDaemon) async throws in
            let body = Data(#"{"repository":{"clone_url":"https://gitea.example.com/ops/dns.git"}}"#.utf8)
            let unset = try await daemon.request("POST", "/api/v1/webhooks/gitea", headers: ["X-Gitea-Signature": Self.hmac(body, "")], body: body)
            #expect(unset.status == 401)
            let empty = Self.githubPush()
            let response = try await daemon.request("POST", "/api/v1/webhooks/github", headers: ["X-Hub-Signature-256": "sha256=" + Self.hmac(empty, "")], body: empty)
            #expect(response.status == 401)
            #expect(backend.syncs.isEmpty)
        }
    }

    @Test func unknownAndKnownRepositoriesGetTheSameAnswerBeforeTheSignatureIsChecked() async throws {
        let backend = RecordingBackend(repositories: ["demo", "nosecret"])
        try await TestDaemon.with(config: Fixture.config(), environment: Self.environment, backend: backend) { (daemon: TestDaemon) async throws in
            let known = Self.githubPush()
            let unknown = Self.githubPush("https://github.com/nobody/nothing")
            let noSecret = Data(#"{"repository":{"clone_url":"https://gitea.example.com/ops/dns.git"}}"#.utf8)
            var answers: [(Int, String)] = []
            for (path, body) in [("github", known), ("github", unknown), ("github?repository=ghost", known),
                                 ("github?repository=demo", known), ("github", noSecret)] {
                for headers in [[:], ["X-Hub-Signature-256": "sha256=" + Self.hmac(body, "guessed")]] {
                    let response = try await daemon.request("POST", "/api/v1/webhooks/\(path)", headers: headers, body: body)
                    answers.append((response.status, try response.errorMessage()))
                }
            }
            #expect(answers.allSatisfy { $0.0 == 401 })
            #expect(Set(answers.map(\.1)).count == 1, "one message for every refusal: \(Set(answers.map(\.1)))")
            #expect(backend.syncs.isEmpty)
        }
    }

    @Test func aReplayedDeliveryIsRefused() async throws {
        let backend = RecordingBackend(repositories: ["demo", "other"])
        try await TestDaemon.with(config: Fixture.config(), environment: Self.environment, backend: backend) { (daemon: TestDaemon) async throws in
            let body = Self.githubPush()
            let delivery = UUID().uuidString
            let headers = ["X-Hub-Signature-256": "sha256=" + Self.hmac(body, Self.secret), "X-GitHub-Delivery": delivery]
            #expect(try await daemon.request("POST", "/api/v1/webhooks/github", headers: headers, body: body).status == 202)
            let replay = try await daemon.request("POST", "/api/v1/webhooks/github", headers: headers, body: body)
            #expect(replay.status == 409)
            #expect(try replay.errorMessage().contains("already received"))
            var fresh = headers
            fresh["X-GitHub-Delivery"] = UUID().uuidString
            #expect(try await daemon.request("POST", "/api/v1/webhooks/github", headers: fresh, body: body).status == 202)
            // GitLab's id, under either of its names.
            let gitlab = Self.gitlabPush()
            let gitlabHeaders = ["X-Gitlab-Token": Self.otherSecret, "X-Gitlab-Event-UUID": delivery]
            #expect(try await daemon.request("POST", "/api/v1/webhooks/gitlab", headers: gitlabHeaders, body: gitlab).status == 202,
                    "ids are per forge")
            #expect(try await daemon.request("POST", "/api/v1/webhooks/gitlab", headers: gitlabHeaders, body: gitlab).status == 409)
            #expect(try await daemon.request("POST", "/api/v1/webhooks/gitlab", headers: ["X-Gitlab-Token": Self.otherSecret, "Idempotency-Key": delivery],
                                             body: gitlab).status == 409)
        }
    }

    @Test func oversizedBodiesAre413() async throws {
        let backend = RecordingBackend(repositories: ["demo"])
        try await TestDaemon.with(config: Fixture.config(), environment: Self.environment, backend: backend, webhookBodyLimit: 4096) { (daemon: TestDaemon) async throws in
            let body = Data(("{\"pad\":\"" + String(repeating: "x", count: 8192) + "\"}").utf8)
            let response = try await daemon.request("POST", "/api/v1/webhooks/github?repository=demo", headers: ["X-Hub-Signature-256": "sha256=" + Self.hmac(body, Self.secret)], body: body)
            #expect(response.status == 413)
            #expect(try response.errorMessage().contains("larger"))
            #expect(backend.syncs.isEmpty)
        }
    }

    @Test func aGitHubPingIsVerifiedButWakesNothing() async throws {
        let backend = RecordingBackend(repositories: ["demo"])
        try await TestDaemon.with(config: Fixture.config(), environment: Self.environment, backend: backend) { (daemon: TestDaemon) async throws in
            let body = Self.githubPush()
            let response = try await daemon.request("POST", "/api/v1/webhooks/github", headers: [
                "X-Hub-Signature-256": "sha256=" + Self.hmac(body, Self.secret), "X-GitHub-Event": "ping",
            ], body: body)
            #expect(response.status == 200)
            #expect(backend.syncs.isEmpty)
        }
    }

    @Test(arguments: [
        ("https://github.com/acme/infra.git", "github.com/acme/infra"),
        ("https://GitHub.COM/acme/infra/", "github.com/acme/infra"),
        ("HTTPS://github.com/acme/infra.git/", "github.com/acme/infra"),
        ("http://github.com/acme/infra", "github.com/acme/infra"),
        ("git@github.com:acme/infra.git", "github.com/acme/infra"),
        ("ssh://git@github.com/acme/infra.git", "github.com/acme/infra"),
        ("ssh://git@GITHUB.com:22/acme/infra", "github.com/acme/infra"),
        ("https://bot:token@github.com/acme/infra.git", "github.com/acme/infra"),
        ("git://github.com/acme/infra.git", "github.com/acme/infra"),
        ("ssh://git@gitlab.example.com:2222/platform/network.git", "gitlab.example.com/platform/network"),
        ("https://gitlab.example.com/Platform/Network", "gitlab.example.com/Platform/Network"),
        ("/srv/git/infra.git", "/srv/git/infra"),
    ])
    func repositoryURLsAreNormalisedSoEveryFormMatches(url: String, expected: String) {
        #expect(RepositoryURL.normalised(url) == expected)
    }
}
