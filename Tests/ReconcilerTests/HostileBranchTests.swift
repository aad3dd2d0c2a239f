import Foundation
import Sandbox
import Store
import Testing

/// The leak of issue 11, replayed against a real `ezbuilt serve`: a branch whose hand-written
/// files read the daemon's environment (`/proc/<pid>/environ`, webhook secret included) and a
/// marker file outside every workspace. Every such stack is refused before terraform runs, with
/// the file and the reason in PLAN.md, and neither the secret nor the marker's text reaches
/// anything the daemon writes: the branch, the status branch, the API, its log, the SQLite file.
///
/// Run twice: confined (as shipped) and with `terraform.confine: false`, where the guard is the
/// only line of defence left, so a guard that let the files through would leak here.
@Suite(.serialized) struct HostileBranchTests {
    static let apiToken = "hostile-branch-api-token"

    @Test(.timeLimit(.minutes(20)), arguments: [true, false])
    func aHostileBranchIsRefusedAndNothingOfTheDaemonReachesAnyOutput(confined: Bool) async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("ezbuilt-e2e-hostile")
        let secret = "whsec-\(UUID().uuidString)"
        let token = "marker-\(UUID().uuidString)"
        let marker = temp.path("outside/MARKER")
        try FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(token.utf8).write(to: marker)

        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        let hash = try sh(["sh", "-c", "printf %s '\(Self.apiToken)' | sha256sum"]).split(separator: " ").first.map(String.init) ?? ""
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint, confine: confined,
                        extra: "auth: { tokens: [\"sha256:\(hash)\"] }", repositoryExtra: "webhookSecretEnv: ACME_WEBHOOK_SECRET")
        // A variable no redactor knows: only the guard and the confinement keep it in.
        let canary = "canary-\(UUID().uuidString)"
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"),
                                       environment: ["ACME_WEBHOOK_SECRET": secret, "EZBUILT_HOSTILE_CANARY": canary])
        _ = try await daemon.eventually(timeout: .seconds(120)) { daemon.httpPort != nil }
        let port = try #require(daemon.httpPort, "daemon:\n\(daemon.log.suffix(3000))")
        let base = "http://127.0.0.1:\(port)"

        // Controls: the secret is in the daemon's environment and the token in the marker, found
        // by the same byte search every output is put through below.
        let environ = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(daemon.pid)/environ"))
        #expect(Self.holds(environ, secret), "the daemon does not hold the webhook secret: the search below would prove nothing")
        #expect(Self.holds(environ, canary))
        #expect(Self.holds(try Data(contentsOf: marker), token))

        // (a) JSON syntax reading files through `//` keys, (b) native HCL calling file(), (c) a
        // hand-written .tf.json without the generated header, (d) a symlink to the marker.
        let daemonEnviron = "/proc/\(daemon.pid)/environ"
        let stacks: [(path: String, file: String, reason: String)] = [
            ("json", "json/terraform/evil.custom.tf.json", "JSON-syntax Terraform is not accepted"),
            ("hcl", "hcl/terraform/evil.custom.tf", "file() reads files on the machine running terraform"),
            ("plain", "plain/terraform/extra.tf.json", "JSON-syntax Terraform is not accepted"),
            ("linked", "linked/terraform/secret.custom.tf", "a symlink, not a regular file: never followed"),
        ]
        var files: [String: String] = [
            "json/terraform/evil.custom.tf.json": #"""
                {"locals": {"environ": {"//": "${file(\"\#(daemonEnviron)\")}"},
                            "marker": {"//": "${file(\"\#(marker.path)\")}"}},
                 "output": {"leak": {"value": "${local.environ}${local.marker}"}}}
                """#,
            // Were it planned, every variable of both environments and the marker's text would
            // be resource addresses in PLAN.md.
            "hcl/terraform/evil.custom.tf": #"""
                locals {
                  environ = "${file("/proc/self/environ")}${file("\#(daemonEnviron)")}"
                }
                resource "aws_s3_bucket" "leak" {
                  for_each = toset([file("\#(marker.path)"), replace(local.environ, "/[^A-Za-z0-9_=.-]/", " ")])
                  bucket   = "acme-hostile-leak"
                }
                """#,
            "plain/terraform/extra.tf.json": #"{"output": {"leak": {"value": "${file(\"\#(marker.path)\")}"}}}"#,
        ]
        for stack in stacks {
            files["\(stack.path)/requirements.md"] = GitOpsLoopTests.requirements(bucket: "acme-hostile-\(stack.path)")
        }
        let link = remote.work.appendingPathComponent("linked/terraform/secret.custom.tf")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: marker.path)
        try remote.push(branch: "feature/hostile", files: files, message: "Read the daemon's secrets")

        let proposed = try await daemon.eventually(timeout: .seconds(600)) {
            stacks.allSatisfy { remote.read("\($0.path)/PLAN.md", on: "feature/hostile") != nil }
        }
        #expect(proposed, "daemon:\n\(daemon.log.suffix(3000))")
        for stack in stacks {
            let plan = remote.read("\(stack.path)/PLAN.md", on: "feature/hostile") ?? ""
            #expect(plan.contains("Result: refused by the guard"), "\(stack.path)/PLAN.md:\n\(plan)")
            #expect(plan.contains("### Guard errors") && plan.contains(stack.file) && plan.contains(stack.reason), "\(stack.path)/PLAN.md:\n\(plan)")
        }

        // Merged anyway: each deployment is refused too, and reported on the status branch.
        try remote.merge("feature/hostile")
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)
        let reported = try await daemon.eventually(timeout: .seconds(600)) {
            let subjects = remote.log("ezbuilt/status")
            return stacks.allSatisfy { stack in subjects.contains { $0.hasPrefix("deploy(acme/\(stack.path)): ") } }
        }
        #expect(reported, "status: \(remote.log("ezbuilt/status")); daemon:\n\(daemon.log.suffix(3000))")
        for stack in stacks {
            #expect(try await store.deployments(stackId: "acme/\(stack.path)").first?.status != .succeeded)
            #expect((try? aws(moto.endpoint, ["s3api", "head-bucket", "--bucket", "acme-hostile-\(stack.path)"])) == nil)
        }

        // Everything the daemon wrote, as text or bytes.
        var outputs: [(name: String, data: Data)] = []
        // Every commit on every branch, with its message and full diff (PLAN.md, status files).
        let history = try sh(["git", "--git-dir", remote.bare.path, "log", "--all", "-p", "--format=%H%n%B"])
        #expect(history.contains(marker.path), "the history search sees file contents (the hostile files name the marker)")
        #expect(history.contains("Guard errors") && remote.log("ezbuilt/status").count >= stacks.count)
        outputs.append(("git history", Data(history.utf8)))
        // The API: stacks, their history, and every run's log.
        func get(_ path: String) throws -> String {
            try sh(["curl", "-s", "-f", "-H", "Authorization: Bearer \(Self.apiToken)", "\(base)\(path)"])
        }
        outputs.append(("GET /api/v1/stacks", Data(try get("/api/v1/stacks").utf8)))
        outputs.append(("GET /api/v1/repositories", Data(try get("/api/v1/repositories").utf8)))
        for stack in stacks {
            let id = "acme%2F\(stack.path)"
            for path in ["/api/v1/stacks/\(id)", "/api/v1/stacks/\(id)/history"] { outputs.append(("GET \(path)", Data(try get(path).utf8))) }
            // The proposal's run log names the refused file; every other run's log is read too.
            let proposals = try await store.proposals(stackId: "acme/\(stack.path)").compactMap(\.runId)
            #expect(!proposals.isEmpty, "\(stack.path): no proposal run")
            for run in proposals {
                let log = try get("/api/v1/runs/\(run)/log")
                #expect(log.contains("guard refused") && log.contains(stack.file), "run \(run) log:\n\(log)")
                outputs.append(("GET /api/v1/runs/\(run)/log", Data(log.utf8)))
            }
            for run in try await store.deployments(stackId: "acme/\(stack.path)").compactMap(\.runId) {
                outputs.append(("GET /api/v1/runs/\(run)/log", Data(try get("/api/v1/runs/\(run)/log").utf8)))
            }
        }
        #expect(await daemon.stop() == 0)
        outputs.append(("daemon log", Data(daemon.log.utf8)))
        // The database file and its journal, byte for byte.
        let dataDirectory = temp.path("data")
        let database = try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path).filter { $0.hasPrefix("ezbuilt.sqlite") }
        #expect(database.contains("ezbuilt.sqlite"))
        for name in database {
            outputs.append((name, try Data(contentsOf: dataDirectory.appendingPathComponent(name))))
        }
        let sqlite = outputs.filter { $0.name.hasPrefix("ezbuilt.sqlite") }.reduce(Data()) { $0 + $1.data }
        #expect(Self.holds(sqlite, "JSON-syntax Terraform is not accepted"), "the database search sees what the daemon recorded")

        for output in outputs {
            #expect(!Self.holds(output.data, secret), "\(output.name) holds the webhook secret")
            #expect(!Self.holds(output.data, token), "\(output.name) holds the marker's text")
            #expect(!Self.holds(output.data, canary), "\(output.name) holds the daemon's environment")
        }
        #expect(try String(contentsOf: marker, encoding: .utf8) == token)
    }

    /// Whether `data` holds `text`'s UTF-8 bytes anywhere.
    static func holds(_ data: Data, _ text: String) -> Bool {
        data.range(of: Data(text.utf8)) != nil
    }
}
