import ForgeStub
import Foundation
import Sandbox
import Store
import Testing

/// Commit statuses as a forge sees them, from a real `ezbuilt serve` against git and moto:
/// `pending` while a proposal plans, `success` when it is ready to merge, and the deployment's
/// statuses on the merged commit, each with the token, and the token in no log. The same run
/// deploys a second version and compares the two deployments through the API (files read from
/// the daemon's own mirror).
@Suite(.serialized) struct ForgeStatusTests {
    static let token = "forge-e2e-token-\(UUID().uuidString.prefix(8))"

    @Test(.timeLimit(.minutes(20)))
    func aProposalIsPendingThenReadyTheDeploymentIsReportedAndTwoDeploymentsCompare() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let forge = try await ForgeStub.start()
        let temp = try TemporaryDirectory("ezbuilt-e2e-forge")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint,
                        extra: "auth: { publicRead: true }",
                        repositoryExtra: "forge: { kind: github, api: \"\(forge.base.absoluteString)\", project: acme/infra, tokenEnv: EZBUILT_E2E_FORGE_TOKEN }")
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"), environment: ["EZBUILT_E2E_FORGE_TOKEN": Self.token])
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)

        let v1 = "# Assets\n\n- Region: us-east-1\n- A private S3 bucket named `acme-forge-assets` with versioning enabled.\n"
        try remote.push(branch: "feature/assets", files: ["web/requirements.md": v1], message: "Add an assets bucket")
        let pushed = try #require(remote.tip("feature/assets"))
        #expect(try await daemon.eventually { remote.read("web/PLAN.md", on: "feature/assets") != nil }, "daemon:\n\(daemon.log.suffix(3000))")
        let head = try #require(remote.tip("feature/assets"))
        #expect(head != pushed)
        let statusesPath = { (sha: String) in "/repos/acme/infra/statuses/\(sha)" }
        // The outcome goes to both commits, in no particular order: wait for both.
        #expect(await forge.wait(within: .seconds(120)) { requests in
            requests.contains { $0.path == statusesPath(head) } && requests.filter { $0.path == statusesPath(pushed) }.count >= 2
        },
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
        #expect(try await daemon.eventually { try await store.stack(id: "acme/web")?.status == .deployed }, "daemon:\n\(daemon.log.suffix(3000))")
        #expect(await forge.wait(within: .seconds(120)) { requests in
            requests.filter { $0.path == statusesPath(merged) }.map { $0.json["state"] ?? "" } == ["pending", "success"]
        }, "forge got: \(forge.requests.map { "\($0.path) \($0.json)" })")
        #expect(forge.requests.last { $0.path == statusesPath(merged) }?.json["description"]?.hasPrefix("applied (+") == true)

        // A second version, deployed, compared with the first.
        let v2 = v1 + "- A private S3 bucket named `acme-forge-logs`.\n"
        try remote.push(branch: "feature/logs", files: ["web/requirements.md": v2], message: "Add a logs bucket")
        #expect(try await daemon.eventually { remote.read("web/PLAN.md", on: "feature/logs")?.contains("acme-forge-logs") == true }, "daemon:\n\(daemon.log.suffix(3000))")
        try remote.merge("feature/logs")
        let second = try #require(remote.tip("main"))
        #expect(try await daemon.eventually { try await store.stack(id: "acme/web")?.deployedCommit == second }, "daemon:\n\(daemon.log.suffix(3000))")
        let history = try await store.deployments(stackId: "acme/web")
        let deployments = history.filter { $0.status == .succeeded }.compactMap(\.id).sorted()
        try #require(deployments.count == 2, "deployments: \(history.map { "\($0.id ?? 0) \($0.status)" })")
        let port = try #require(daemon.httpPort, "daemon:\n\(daemon.log.suffix(2000))")
        let compare = try sh(["curl", "-s", "-f", "http://127.0.0.1:\(port)/api/v1/stacks/acme%2Fweb/compare?from=\(deployments[0])&to=\(deployments[1])"])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(compare.utf8)) as? [String: Any], "\(compare)")
        #expect(((body["requirements"] as? [String: Any])?["diff"] as? String)?.contains("+- A private S3 bucket named `acme-forge-logs`.") == true, "\(compare)")
        let added = (body["resources"] as? [[String: String]])?.filter { $0["change"] == "added" }.compactMap { $0["address"] } ?? []
        #expect(added.contains { $0.hasPrefix("aws_s3_bucket.") }, "\(compare)")
        #expect((body["terraform"] as? [[String: Any]])?.contains { $0["path"] as? String == "terraform/main.tf" } == true)

        #expect(await daemon.stop() == 0)
        await forge.stop()
        #expect(!daemon.log.contains(Self.token), "the forge token was logged")
    }
}
