import Foundation
import Sandbox
import Store
import Testing

/// Findings and cost in the review, a blocking finding stopping the merge, and the daemon's
/// HTTP API reporting it — against a real `ezbuilt serve`.
@Suite(.serialized) struct PolicyGateTests {
    /// The token the test authenticates with, and its SHA-256 as the config stores it.
    static let token = "e2e-secret-token"

    @Test func aBlockingFindingInHandWrittenCodeStopsTheMergeAndTheAPISaysSo() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("ezbuilt-e2e-policy")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        let hash = try sh(["sh", "-c", "printf %s '\(Self.token)' | sha256sum"]).split(separator: " ").first.map(String.init) ?? ""
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint,
                        extra: "auth: { tokens: [\"sha256:\(hash)\"] }\npolicy: { blockOn: high }")
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"))

        // Requirements plus a hand-written file that opens SSH to the world.
        let custom = """
            resource "aws_security_group" "wide_open" {
              name        = "wide-open"
              description = "hand-written"
              ingress {
                description = "ssh from anywhere"
                from_port   = 22
                to_port     = 22
                protocol    = "tcp"
                cidr_blocks = ["0.0.0.0/0"]
              }
            }
            """
        try remote.push(branch: "feature/ssh", files: [
            "edge/requirements.md": GitOpsLoopTests.requirements(bucket: "acme-edge-bucket"),
            "edge/terraform/ssh.custom.tf": custom,
        ], message: "Bucket and an SSH security group")
        #expect(try await daemon.eventually { remote.read("edge/PLAN.md", on: "feature/ssh") != nil }, "daemon:\n\(daemon.log.suffix(3000))")
        let plan = try #require(remote.read("edge/PLAN.md", on: "feature/ssh"))
        #expect(plan.contains("> **Blocked:** ") && plan.contains(" at or above "), "PLAN.md:\n\(plan)")
        #expect(!plan.contains("&gt;") && !plan.contains("\\*\\*BLOCKED"), "the banner is escaped twice:\n\(plan)")
        #expect(plan.contains("ssh.custom.tf"))
        #expect(plan.contains("aws_security_group.wide_open"))
        #expect(plan.contains("## Estimated monthly cost"))
        #expect(!plan.contains("_Not checked"))
        // The hand-written file is kept as it was.
        #expect(remote.read("edge/terraform/ssh.custom.tf", on: "feature/ssh") == custom)

        try remote.merge("feature/ssh")
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)
        #expect(try await daemon.eventually { try await store.deployments(stackId: "acme/edge").first?.status == .blocked },
                "daemon:\n\(daemon.log.suffix(3000))")
        #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-edge-bucket"])) == nil)
        #expect(try await daemon.eventually { remote.log("ezbuilt/status").contains { $0.hasPrefix("deploy(acme/edge): blocked") } })

        // The HTTP API of the running daemon: reads need the token, and show the blocked stack.
        let port = try #require(daemon.httpPort, "daemon:\n\(daemon.log.suffix(2000))")
        let base = "http://127.0.0.1:\(port)"
        #expect(try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "\(base)/healthz"]) == "200")
        #expect(try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "\(base)/api/v1/stacks"]) == "401")
        let stacks = try sh(["curl", "-s", "-H", "Authorization: Bearer \(Self.token)", "\(base)/api/v1/stacks"])
        #expect(stacks.contains("acme/edge") && stacks.contains("blocked"), "\(stacks)")
        let sync = try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Authorization: Bearer \(Self.token)", "\(base)/api/v1/repositories/acme/sync"])
        #expect(sync == "202")
        // No secret in any response or log line.
        #expect(!stacks.contains(Self.token))
        #expect(!daemon.log.contains(Self.token))
        #expect(await daemon.stop() == 0)
    }
}
