import ForgeStub
import Foundation
import Sandbox
import Store
import Testing

/// Commit statuses as a forge sees them, from a real `ezbuilt serve` against git and moto:
/// `pending` while a proposal plans, `success` when it is ready to merge, and the deployment's
/// statuses on the merged commit, each with the token, and the token in no log.
@Suite(.serialized) struct ForgeStatusTests {
    static let token = "forge-e2e-token-\(UUID().uuidString.prefix(8))"

    @Test(.timeLimit(.minutes(20)))
    func aProposalIsPendingThenReadyAndTheDeploymentIsReportedOnTheMergedCommit() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let forge = try await ForgeStub.start()
        let temp = try TemporaryDirectory("ezbuilt-e2e-forge")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint,
                        repositoryExtra: "forge: { kind: github, api: \"\(forge.base.absoluteString)\", project: acme/infra, tokenEnv: EZBUILT_E2E_FORGE_TOKEN }")
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"), environment: ["EZBUILT_E2E_FORGE_TOKEN": Self.token])
        let store = try Store(path: temp.path("data/ezbuilt.sqlite").path)

        try remote.push(branch: "feature/assets", files: ["web/requirements.md": "# Assets\n\n- Region: us-east-1\n- A private S3 bucket named `acme-forge-assets` with versioning enabled.\n"],
                        message: "Add an assets bucket")
        let pushed = try #require(remote.tip("feature/assets"))
        #expect(try await daemon.eventually { remote.read("web/PLAN.md", on: "feature/assets") != nil }, "daemon:\n\(daemon.log.suffix(3000))")
        let head = try #require(remote.tip("feature/assets"))
        #expect(head != pushed)
        let statusesPath = { (sha: String) in "/repos/acme/infra/statuses/\(sha)" }
        #expect(await forge.wait(within: .seconds(30)) { requests in requests.contains { $0.path == statusesPath(head) } },
                "forge got: \(forge.requests.map(\.path)); daemon:\n\(daemon.log.suffix(3000))")

        let onPushed = forge.requests.filter { $0.path == statusesPath(pushed) }.map { $0.json["state"] ?? "" }
        #expect(onPushed.first == "pending", "statuses on the pushed commit: \(onPushed)")
        #expect(onPushed.last == "success")
        let onHead = try #require(forge.requests.last { $0.path == statusesPath(head) })
        #expect(onHead.json["state"] == "success")
        #expect(onHead.json["context"] == "ezbuilt/acme/web")
        #expect(onHead.json["description"]?.hasPrefix("ready to merge: +") == true, "\(onHead.json)")
        #expect(forge.requests.allSatisfy { $0.method == "POST" && $0.headers["authorization"] == "Bearer \(Self.token)" })

        // The merge is deployed; the merged commit says so.
        try remote.merge("feature/assets")
        let merged = try #require(remote.tip("main"))
        #expect(try await daemon.eventually { try store.stack(id: "acme/web")?.status == .deployed }, "daemon:\n\(daemon.log.suffix(3000))")
        #expect(await forge.wait(within: .seconds(30)) { requests in
            requests.filter { $0.path == statusesPath(merged) }.map { $0.json["state"] ?? "" } == ["pending", "success"]
        }, "forge got: \(forge.requests.map { "\($0.path) \($0.json)" })")
        #expect(forge.requests.last { $0.path == statusesPath(merged) }?.json["description"]?.hasPrefix("applied (+") == true)

        #expect(await daemon.stop() == 0)
        await forge.stop()
        #expect(!daemon.log.contains(Self.token), "the forge token was logged")
    }
}
