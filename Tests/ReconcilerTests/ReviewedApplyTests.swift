import Foundation
import Sandbox
import Store
import Testing

/// Apply exactly what was reviewed, where it was asked, against a real `ezbuilt serve`, git
/// and moto: the stack's region, unreviewed files refused, a merge during a deployment
/// deployed after it, and a plan that changed after review waiting for an approval.
@Suite(.serialized) struct ReviewedApplyTests {
    static let token = "e2e-approver-token"

    static func requirements(region: String, buckets: [String]) -> String {
        "# Assets\n\n- Region: \(region)\n" + buckets.map { "- A private S3 bucket named `\($0)` with versioning enabled.\n" }.joined()
    }

    @Test(.timeLimit(.minutes(20)))
    func theStacksRegionWinsAndUnreviewedFilesAreNotApplied() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("ezbuilt-e2e-region")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint)
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"))
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)

        // The repository's region is us-east-1; the requirements ask for eu-west-1.
        try remote.push(branch: "feature/eu", files: ["eu/requirements.md": Self.requirements(region: "eu-west-1", buckets: ["acme-eu-assets"])], message: "Assets in Ireland")
        #expect(try await daemon.eventually { remote.read("eu/PLAN.md", on: "feature/eu") != nil }, "daemon:\n\(daemon.log.suffix(3000))")
        try remote.merge("feature/eu")
        #expect(try await daemon.eventually { try await store.stack(id: "acme/eu")?.status == .deployed }, "daemon:\n\(daemon.log.suffix(3000))")
        let location = try aws(moto.endpoint, ["s3api", "get-bucket-location", "--bucket", "acme-eu-assets"])
        #expect(location.contains("eu-west-1"), "\(location)")

        // Hand-written Terraform pushed straight to main was never proposed: nothing applied.
        let custom = "resource \"aws_s3_bucket\" \"sneaky\" {\n  bucket = \"acme-unreviewed\"\n}\n"
        try remote.push(branch: "main", files: ["eu/terraform/sneaky.custom.tf": custom], message: "Add a bucket without review")
        let commit = try #require(remote.tip("main"))
        let reported = try await daemon.eventually {
            remote.log("ezbuilt/status").contains("deploy(acme/eu): unreviewed \(commit.prefix(10)): nothing applied")
        }
        #expect(reported, "status: \(remote.log("ezbuilt/status")); daemon:\n\(daemon.log.suffix(3000))")
        #expect(try await store.stack(id: "acme/eu")?.status == .unreviewed)
        #expect(try await store.deployments(stackId: "acme/eu").first?.error?.contains("sneaky.custom.tf") == true)
        #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-unreviewed"])) == nil)
        #expect(await daemon.stop() == 0)
    }

    @Test(.timeLimit(.minutes(25)))
    func aMergeDuringADeploymentIsDeployedAfterItAndAChangedPlanWaitsForApproval() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("ezbuilt-e2e-approve")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        let hash = try sh(["sh", "-c", "printf %s '\(Self.token)' | sha256sum"]).split(separator: " ").first.map(String.init) ?? ""
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint,
                        extra: "auth: { tokens: [\"sha256:\(hash)\"] }")
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"))
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)

        // Two reviewed versions, the second built on the first.
        try remote.push(branch: "feature/v1", files: ["web/requirements.md": Self.requirements(region: "us-east-1", buckets: ["acme-web-one"])], message: "v1")
        #expect(try await daemon.eventually { remote.read("web/PLAN.md", on: "feature/v1") != nil }, "daemon:\n\(daemon.log.suffix(3000))")
        try remote.push(branch: "feature/v2", from: "feature/v1",
                        files: ["web/requirements.md": Self.requirements(region: "us-east-1", buckets: ["acme-web-one", "acme-web-two"])], message: "v2")
        #expect(try await daemon.eventually { remote.read("web/PLAN.md", on: "feature/v2")?.contains("acme-web-two") == true || remote.read("web/terraform/main.tf", on: "feature/v2")?.contains("acme-web-two") == true },
                "daemon:\n\(daemon.log.suffix(3000))")

        // v2 is merged while v1's deployment runs: it is deployed right after.
        try remote.merge("feature/v1")
        #expect(try await daemon.eventually(every: .milliseconds(100)) { try await store.deployments(stackId: "acme/web").first?.status == .running })
        try remote.merge("feature/v2")
        let v2 = try #require(remote.tip("main"))
        let deployed = try await daemon.eventually {
            try await store.stack(id: "acme/web")?.deployedCommit == v2
        }
        let history = try await store.deployments(stackId: "acme/web").map { "\($0.commit.prefix(8)) \($0.status) \($0.error ?? "")" }
        #expect(deployed, "deployments: \(history); daemon:\n\(daemon.log.suffix(3000))")
        #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-web-two"])) != nil)

        // v3 is reviewed; then the world moves (a control of v1's bucket is deleted by hand), so
        // the plan at merge does something the review did not show: it waits for approval.
        try remote.push(branch: "feature/v3", files: ["web/requirements.md": Self.requirements(region: "us-east-1", buckets: ["acme-web-one", "acme-web-two", "acme-web-three"])], message: "v3")
        #expect(try await daemon.eventually { remote.read("web/terraform/main.tf", on: "feature/v3")?.contains("acme-web-three") == true })
        #expect(try await daemon.eventually { remote.read("web/PLAN.md", on: "feature/v3")?.contains("Result: ready to merge") == true })
        _ = try aws(moto.endpoint, ["s3api", "delete-public-access-block", "--bucket", "acme-web-one"])
        try remote.merge("feature/v3")
        let v3 = try #require(remote.tip("main"))
        let waiting = try await daemon.eventually { try await store.deployments(stackId: "acme/web").first.map { $0.commit == v3 && $0.status == .needsApproval } == true }
        let later = try await store.deployments(stackId: "acme/web").map { "\($0.commit.prefix(8)) \($0.status) \($0.error ?? "")" }
        #expect(waiting, "deployments: \(later); daemon:\n\(daemon.log.suffix(3000))")
        let pending = try #require(try await store.deployments(stackId: "acme/web").first)
        let plan = try #require(pending.pendingPlan)
        #expect(pending.pendingChanges?.contains { $0.action == "create" && $0.address.contains("aws_s3_bucket_public_access_block") } == true)
        #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-web-three"])) == nil)
        #expect(try await daemon.eventually { remote.log("ezbuilt/status").contains { $0.hasPrefix("deploy(acme/web): needs approval at \(v3.prefix(10))") } })
        let status = try #require(remote.read("stacks/acme/web.md", on: "ezbuilt/status"))
        #expect(status.contains("Waiting for approval") && status.contains(plan), "\(status)")

        // Approving another plan is refused; approving exactly this one applies it.
        let port = try #require(daemon.httpPort, "daemon:\n\(daemon.log.suffix(2000))")
        let url = "http://127.0.0.1:\(port)/api/v1/stacks/acme%2Fweb/approve"
        let auth = "Authorization: Bearer \(Self.token)"
        let unauthenticated = try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-d", "{\"plan\":\"\(plan)\"}", url])
        #expect(unauthenticated == "401")
        let other = String(repeating: "0", count: 64)
        let wrong = try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", auth, "-d", "{\"plan\":\"\(other)\"}", url])
        #expect(wrong == "409")
        let approved = try sh(["curl", "-s", "-w", "\n%{http_code}", "-X", "POST", "-H", auth, "-H", "Content-Type: application/json", "-d", "{\"plan\":\"\(plan)\"}", url])
        #expect(approved.hasSuffix("202"), "\(approved)")
        let applied = try await daemon.eventually { try await store.stack(id: "acme/web")?.deployedCommit == v3 }
        #expect(applied, "daemon:\n\(daemon.log.suffix(3000))")
        let approval = try #require(try await store.deployments(stackId: "acme/web").first)
        #expect(approval.trigger == .approval && approval.status == .succeeded && approval.approvedBy?.hasPrefix("token:") == true)
        #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-web-three"])) != nil)
        #expect((try? aws(moto.endpoint, ["s3api", "get-public-access-block", "--bucket", "acme-web-one"])) != nil)
        #expect(await daemon.stop() == 0)
    }
}
