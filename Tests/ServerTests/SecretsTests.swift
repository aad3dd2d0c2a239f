import Crypto
import Foundation
import Testing
import EZBuiltConfiguration

@Suite("No secret leaves the daemon")
struct SecretsTests {
    @Test func noTokenWebhookSecretExternalIdOrURLCredentialAppearsInResponsesOrLogs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-idp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = try TestIdentityProvider(directory: directory)
        let jwt = try await provider.token()
        let expiredJWT = try await provider.token(TestIdentityProvider.claims(exp: -3600, nbf: -7200))

        let webhookSecret = "webhook-secret-\(UUID().uuidString)"
        let externalId = "external-id-\(UUID().uuidString)"
        var config = Fixture.config(publicRead: false, oidc: provider.settings)
        config.repositories[0].aws = AWSSettings(region: "eu-west-1", roleArn: "arn:aws:iam::123456789012:role/Deployer", externalId: externalId)
        let backend = RecordingBackend(repositories: ["demo"], stacks: [Fixture.web])

        try await TestDaemon.with(config: config, environment: ["DEMO_WEBHOOK_SECRET": webhookSecret], backend: backend) { (daemon: TestDaemon) async throws in
            let written = try await Fixture.fill(daemon.store)
            var responses: [HTTPResult] = []
            let auth = ["Authorization": "Bearer \(Fixture.token)"]
            for path in ["/", "/metrics", "/readyz", "/healthz", "/api/v1/openapi.json", "/api/v1/repositories", "/api/v1/repositories/demo",
                         "/api/v1/stacks", "/api/v1/stacks/\(Fixture.web.pathSegment)", "/api/v1/stacks/\(Fixture.web.pathSegment)/history",
                         "/api/v1/stacks/\(Fixture.web.pathSegment)/drift", "/api/v1/deployments", "/api/v1/deployments/\(written.deploymentWithLog)",
                         "/api/v1/runs/\(written.deploymentRun)/log"] {
                responses.append(try await daemon.request("GET", path, headers: auth))
                responses.append(try await daemon.request("GET", path, headers: ["Authorization": "Bearer \(jwt)"]))
                responses.append(try await daemon.request("GET", path, headers: ["Authorization": "Bearer \(expiredJWT)"]))
                responses.append(try await daemon.request("GET", path + "?token=\(Fixture.token)", headers: ["Authorization": "Bearer \(webhookSecret)"]))
            }
            responses.append(try await daemon.request("POST", "/api/v1/repositories/demo/sync", headers: auth))
            responses.append(try await daemon.request("POST", "/api/v1/stacks/\(Fixture.web.pathSegment)/drift-check", headers: ["Authorization": "Bearer \(jwt)"]))
            let body = WebhookTests.githubPush()
            responses.append(try await daemon.request("POST", "/api/v1/webhooks/github", headers: ["X-Hub-Signature-256": "sha256=" + WebhookTests.hmac(body, webhookSecret)], body: body))
            responses.append(try await daemon.request("POST", "/api/v1/webhooks/github", headers: ["X-Hub-Signature-256": "sha256=" + WebhookTests.hmac(body, "wrong")], body: body))
            responses.append(try await daemon.request("POST", "/api/v1/webhooks/gitlab?repository=demo", headers: ["X-Gitlab-Token": webhookSecret + "x"], body: body))

            #expect(responses.filter { $0.status == 200 }.count > 20, "the reads were actually served")
            let secrets = [Fixture.token, webhookSecret, externalId, jwt, expiredJWT, "hunter2"]
            for response in responses {
                let everything = response.text + response.headers.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
                for secret in secrets {
                    #expect(!everything.contains(secret), "a response (\(response.status)) contains a secret")
                }
            }
            let logs = daemon.logs.all
            #expect(!logs.isEmpty, "the server logged something to check")
            for line in logs {
                for secret in secrets {
                    #expect(!line.contains(secret), "a log line contains a secret: \(line.prefix(80))")
                }
            }
        }
    }
}
