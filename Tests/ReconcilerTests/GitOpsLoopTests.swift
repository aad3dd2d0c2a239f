import Foundation
import Sandbox
import Store
import Testing

/// End to end, as users and operators see it: a real bare repository, a real `ezbuilt serve`
/// process, real terraform, moto as AWS.
@Suite(.serialized) struct GitOpsLoopTests {
    static func requirements(bucket: String) -> String {
        """
        # Assets

        - Region: us-east-1
        - A private S3 bucket named `\(bucket)` with versioning enabled.
        """
    }

    @Test func proposesOnABranchAppliesOnMergeAndReportsDriftOnce() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("ezbuilt-e2e")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint, driftInterval: "3s")
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"))

        // A user proposes a change on a branch.
        let bucket = "acme-e2e-assets"
        try remote.push(branch: "feature/assets", files: ["infra/assets/requirements.md": Self.requirements(bucket: bucket)], message: "Add an assets bucket")
        let proposed = try await daemon.eventually(timeout: .seconds(600)) { remote.read("infra/assets/PLAN.md", on: "feature/assets") != nil }
        #expect(proposed, "no proposal appeared; daemon log:\n\(daemon.log.suffix(4000))")
        let plan = try #require(remote.read("infra/assets/PLAN.md", on: "feature/assets"))
        #expect(plan.contains("Result: ready to merge"), "PLAN.md:\n\(plan)")
        #expect(plan.contains("aws_s3_bucket"))
        #expect(remote.read("infra/assets/terraform/main.tf", on: "feature/assets")?.contains(bucket) == true)
        #expect(remote.read("infra/assets/terraform/spec.json", on: "feature/assets")?.contains("inputHash") == true)
        let trailer = try sh(["git", "--git-dir", remote.bare.path, "log", "-1", "--format=%(trailers:key=EZBuilt-Generated-From,valueonly)", "feature/assets"])
        #expect(trailer.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)

        // Further polls add nothing: the daemon does not loop on its own commit.
        let proposalTip = remote.tip("feature/assets")
        try await Task.sleep(for: .seconds(4))
        #expect(remote.tip("feature/assets") == proposalTip)

        // Merge: the reviewed Terraform is applied.
        try remote.merge("feature/assets")
        let applied = try await daemon.eventually(timeout: .seconds(600)) {
            remote.log("ezbuilt/status").contains { $0.hasPrefix("deploy(acme/infra/assets): applied") }
        }
        #expect(applied, "no deployment; status log: \(remote.log("ezbuilt/status")); daemon log:\n\(daemon.log.suffix(4000))")
        #expect(try aws(moto.endpoint, ["s3api", "get-bucket-versioning", "--bucket", bucket]).contains("Enabled"))
        #expect(remote.read("stacks/acme/infra/assets.md", on: "ezbuilt/status")?.contains("deployed") == true)
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)
        let deployment = try #require(try await store.deployments(stackId: "acme/infra/assets").first)
        #expect(deployment.status == .succeeded)
        #expect(deployment.duration != nil)
        #expect(deployment.counts?.add ?? 0 >= 1)
        // The deploy branch is never written by the daemon: every commit made on main itself
        // (first parents) is the user's; the daemon's proposal arrives only through the merge.
        let mainAuthors = try sh(["git", "--git-dir", remote.bare.path, "log", "--first-parent", "--format=%an", "main"])
        #expect(!mainAuthors.contains("EZBuilt"), "\(mainAuthors)")

        // Someone suspends versioning by hand: exactly one drift commit, however often it is checked.
        _ = try aws(moto.endpoint, ["s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Suspended"])
        let drifted = try await daemon.eventually(timeout: .seconds(600)) {
            remote.log("ezbuilt/status").contains { $0.hasPrefix("drift(acme/infra/assets): ") && $0.contains("changed outside Terraform") }
        }
        #expect(drifted, "no drift commit; daemon log:\n\(daemon.log.suffix(4000))")
        let report = try #require(remote.read("drift/acme/infra/assets.md", on: "ezbuilt/status"))
        #expect(report.contains("Suspended"), "drift report:\n\(report)")
        let checksBefore = try await store.driftChecks(stackId: "acme/infra/assets").count
        _ = try await daemon.eventually(timeout: .seconds(600)) { try await store.driftChecks(stackId: "acme/infra/assets").count >= checksBefore + 2 }
        #expect(remote.log("ezbuilt/status").filter { $0.contains("changed outside Terraform") }.count == 1)

        // Put it back: the drift is reported resolved.
        _ = try aws(moto.endpoint, ["s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled"])
        let resolved = try await daemon.eventually(timeout: .seconds(600)) {
            remote.log("ezbuilt/status").contains("drift(acme/infra/assets): resolved")
        }
        #expect(resolved)
        #expect(remote.read("drift/acme/infra/assets.md", on: "ezbuilt/status") == nil)

        #expect(await daemon.stop() == 0, "daemon log:\n\(daemon.log.suffix(2000))")
    }
}
