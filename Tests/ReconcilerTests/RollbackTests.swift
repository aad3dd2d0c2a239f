import Foundation
import Sandbox
import Store
import Testing

/// A reviewed rollback, end to end against a real `ezbuilt serve`, git and moto: two
/// deployments, the comparison shows the change, the rollback to the first arrives as a
/// branch with PLAN.md, and its merge restores the first version. The state snapshots are
/// listed, and restoring one is refused while the stack is busy.
@Suite(.serialized) struct RollbackTests {
    static let token = "e2e-rollback-token"

    static func requirements(_ buckets: [String]) -> String {
        "# Assets\n\n- Region: us-east-1\n" + buckets.map { "- A private S3 bucket named `\($0)` with versioning enabled.\n" }.joined()
    }

    @Test(.timeLimit(.minutes(30)))
    func aRollbackIsABranchProposedLikeAnyOtherAndItsMergeRestoresTheFirstVersion() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("ezbuilt-e2e-rollback")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        let hash = try sh(["sh", "-c", "printf %s '\(Self.token)' | sha256sum"]).split(separator: " ").first.map(String.init) ?? ""
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint,
                        extra: "auth: { tokens: [\"sha256:\(hash)\"] }")
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"))
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)
        let stack = "acme/web"

        // Two reviewed, deployed versions: one bucket, then two.
        for (branch, buckets) in [("feature/v1", ["acme-rb-one"]), ("feature/v2", ["acme-rb-one", "acme-rb-two"])] {
            try remote.push(branch: branch, files: ["web/requirements.md": Self.requirements(buckets)], message: branch)
            // The branch starts from main, whose PLAN.md is the previous version's: wait for this one's.
            let newest = buckets.last ?? ""
            #expect(try await daemon.eventually {
                remote.read("web/terraform/main.tf", on: branch)?.contains(newest) == true
                    && remote.read("web/PLAN.md", on: branch)?.contains("Result: ready to merge") == true
            }, "daemon:\n\(daemon.log.suffix(3000))")
            try remote.merge(branch)
            let tip = try #require(remote.tip("main"))
            #expect(try await daemon.eventually { try await store.stack(id: stack)?.deployedCommit == tip }, "daemon:\n\(daemon.log.suffix(3000))")
        }
        let deployments = try await store.deployments(stackId: stack).filter { $0.status == .succeeded }
        try #require(deployments.count == 2)
        let first = try #require(deployments.last?.id), second = try #require(deployments.first?.id)
        #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-rb-two"])) != nil)

        let port = try #require(daemon.httpPort, "daemon:\n\(daemon.log.suffix(2000))")
        let base = "http://127.0.0.1:\(port)/api/v1/stacks/acme%2Fweb"
        let auth = "Authorization: Bearer \(Self.token)"

        // The comparison shows the change.
        let compare = try sh(["curl", "-s", "-H", auth, "\(base)/compare?from=\(first)&to=\(second)"])
        #expect(compare.contains("acme-rb-two"), "\(compare)")

        // Each apply left a snapshot of the state before it.
        let states = try sh(["curl", "-s", "-H", auth, "\(base)/states"])
        #expect(states.contains("\"\(second).tfstate\""), "\(states)")

        // The rollback needs credentials, an applied deployment of this stack, and makes the branch once.
        #expect(try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-d", "{\"deployment\":\(first)}", "\(base)/rollback"]) == "401")
        #expect(try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", auth, "-d", "{\"deployment\":999}", "\(base)/rollback"]) == "404")
        let created = try sh(["curl", "-s", "-w", "\n%{http_code}", "-X", "POST", "-H", auth, "-H", "Content-Type: application/json",
                              "-d", "{\"deployment\":\(first)}", "\(base)/rollback"])
        #expect(created.hasSuffix("201"), "\(created)")
        let branch = "ezbuilt/rollback/acme-web-\(first)"
        #expect(created.contains(branch), "\(created)")
        #expect(try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", auth, "-d", "{\"deployment\":\(first)}", "\(base)/rollback"]) == "409")
        #expect(remote.read("web/requirements.md", on: branch) == Self.requirements(["acme-rb-one"]))
        // Its own commit (the proposal lands on top of it) holds every file the first deployment
        // applied, byte for byte, in place of the second's, and no PLAN.md.
        let response = try JSONSerialization.jsonObject(with: Data(created.split(separator: "\n").dropLast().joined(separator: "\n").utf8)) as? [String: Any]
        let made = try #require(response?["commit"] as? String, "\(created)")
        let firstCommit = try #require(deployments.last?.commit), secondCommit = try #require(deployments.first?.commit)
        Self.expectTheFilesOf(firstCommit, on: made, in: remote)
        #expect(remote.read("web/terraform/main.tf", on: secondCommit)?.contains("acme-rb-two") == true)
        #expect(remote.read("web/terraform/main.tf", on: made)?.contains("acme-rb-two") == false)

        // It is proposed like any branch: PLAN.md with the plan back to the first version.
        let proposed = try await daemon.eventually { remote.read("web/PLAN.md", on: branch)?.contains("Result: ready to merge") == true }
        let plan = remote.read("web/PLAN.md", on: branch) ?? ""
        #expect(proposed, "PLAN.md:\n\(plan)\ndaemon:\n\(daemon.log.suffix(3000))")
        #expect(plan.contains("acme_rb_two") && plan.contains("delete"), "PLAN.md:\n\(plan)")

        // Restoring a snapshot is refused while the stack is busy: a merge makes it deploy.
        try remote.merge(branch)
        let merged = try #require(remote.tip("main"))
        #expect(try await daemon.eventually(every: .milliseconds(100)) { try await store.deployments(stackId: stack).first.map { $0.commit == merged && $0.status == .running } == true })
        let busy = try sh(["curl", "-s", "-w", "\n%{http_code}", "-X", "POST", "-H", auth, "\(base)/states/\(second).tfstate/restore"])
        #expect(busy.hasSuffix("409") && busy.contains("busy"), "\(busy)")

        // The merge applies it: the first version again.
        let restored = try await daemon.eventually { try await store.stack(id: stack)?.deployedCommit == merged }
        let history = try await store.deployments(stackId: stack).map { "\($0.status) \($0.error ?? "")" }
        #expect(restored, "deployments: \(history); daemon:\n\(daemon.log.suffix(3000))")
        #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-rb-two"])) == nil)
        #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-rb-one"])) != nil)
        #expect(try await store.deployments(stackId: stack).first?.status == .succeeded)

        // Idle, a snapshot can be restored (the state it replaces is kept); an unknown one is 404.
        #expect(try sh(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", auth, "\(base)/states/..%2Fterraform.tfstate/restore"]) == "404")
        let restore = try sh(["curl", "-s", "-w", "\n%{http_code}", "-X", "POST", "-H", auth, "\(base)/states/\(second).tfstate/restore"])
        #expect(restore.hasSuffix("200") && restore.contains("before-restore"), "\(restore)")
        let audit = try sh(["curl", "-s", "-H", auth, "http://127.0.0.1:\(port)/api/v1/audit?action=rollback"])
        #expect(audit.contains("\"rollback\""), "\(audit)")
        #expect(await daemon.stop() == 0)
    }

    /// `revision` holds the stack's requirements and generated files exactly as `deployed` did,
    /// and no PLAN.md (the proposal writes the plan back to that version).
    static func expectTheFilesOf(_ deployed: String, on revision: String, in remote: GitRemote,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let generated = remote.files(under: "web/terraform", on: deployed)
        #expect(generated.contains("web/terraform/main.tf") && generated.contains("web/terraform/spec.json"), "\(generated)", sourceLocation: sourceLocation)
        #expect(remote.files(under: "web/terraform", on: revision) == generated, sourceLocation: sourceLocation)
        for path in generated + ["web/requirements.md"] {
            #expect(remote.read(path, on: revision) == remote.read(path, on: deployed), "\(path)", sourceLocation: sourceLocation)
        }
        #expect(remote.read("web/PLAN.md", on: revision) == nil, sourceLocation: sourceLocation)
    }

    /// `ezbuilt rollback` makes the same branch from the command line, with the daemon's store.
    @Test(.timeLimit(.minutes(20)))
    func theCommandLineMakesTheSameBranch() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("ezbuilt-cli-rollback")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint)
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"))
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)
        try remote.push(branch: "feature/v1", files: ["web/requirements.md": Self.requirements(["acme-rbc-one"])], message: "v1")
        #expect(try await daemon.eventually { remote.read("web/PLAN.md", on: "feature/v1")?.contains("Result: ready to merge") == true })
        try remote.merge("feature/v1")
        #expect(try await daemon.eventually { try await store.stack(id: "acme/web")?.status == .deployed }, "daemon:\n\(daemon.log.suffix(3000))")
        #expect(await daemon.stop() == 0)
        let deployment = try #require(try await store.deployments(stackId: "acme/web").first?.id)

        let binary = DaemonProcess.binary.path
        let made = try sh([binary, "rollback", "--config", config.path, "acme/web", "--to", "\(deployment)"])
        #expect(made.contains("ezbuilt/rollback/acme-web-\(deployment)"), "\(made)")
        #expect(remote.read("web/requirements.md", on: "ezbuilt/rollback/acme-web-\(deployment)") == Self.requirements(["acme-rbc-one"]))
        let deployed = try #require(try await store.deployment(id: deployment)?.commit)
        Self.expectTheFilesOf(deployed, on: "ezbuilt/rollback/acme-web-\(deployment)", in: remote)
        let again = try sh([binary, "rollback", "--config", config.path, "acme/web", "--to", "\(deployment)"], allowFailure: true)
        #expect(again.contains("exists already"), "\(again)")
        let missing = try sh([binary, "rollback", "--config", config.path, "acme/web", "--to", "999"], allowFailure: true)
        #expect(missing.contains("has no deployment 999"), "\(missing)")
    }
}
