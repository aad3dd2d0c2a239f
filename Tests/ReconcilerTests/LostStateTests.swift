import Foundation
import Sandbox
import Store
import Testing

/// A stack whose state was lost (as an apply killed before writing it loses it) is not failed
/// forever: the next deployment imports what the stack had created and the stack is deployed,
/// with nothing created twice.
struct LostStateTests {
    static func requirements(_ buckets: [String]) -> String {
        "# Assets\n\n- Region: us-east-1\n"
            + buckets.map { "- A private S3 bucket named `\($0)` with versioning enabled.\n" }.joined()
            + "- A DynamoDB table named `acme-lost-index` with the partition key `id`.\n"
    }

    static let objects = """
        import os, json, boto3
        kw = dict(endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
        buckets = [b["Name"] for b in boto3.client("s3", **kw).list_buckets().get("Buckets", [])]
        tables = boto3.client("dynamodb", **kw).list_tables()["TableNames"]
        print(json.dumps(sorted(buckets) + sorted(tables)))
        """

    @Test(.timeLimit(.minutes(30)))
    func aStackWhoseStateWasLostImportsWhatItCreatedAndIsDeployed() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("ezbuilt-e2e-lost")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint)
        var daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"))
        let store = try await Store(path: temp.path("data/ezbuilt.sqlite").path)

        try remote.push(branch: "feature/one", files: ["assets/requirements.md": Self.requirements(["acme-lost-data"])], message: "Add assets")
        #expect(try await daemon.eventually { remote.read("assets/PLAN.md", on: "feature/one") != nil }, "daemon:\n\(daemon.log.suffix(3000))")
        try remote.merge("feature/one")
        let first = try #require(remote.tip("main"))
        #expect(try await daemon.eventually { try await store.stack(id: "acme/assets")?.deployedCommit == first },
                "daemon:\n\(daemon.log.suffix(3000))")
        #expect(await daemon.stop() == 0)

        // The state is lost as a killed apply loses it: an empty file.
        let stateDirectory = try #require(try FileManager.default.contentsOfDirectory(atPath: temp.path("data/state").path)
            .first { $0.hasPrefix("acme_assets") })
        let state = temp.path("data/state").appendingPathComponent(stateDirectory).appendingPathComponent("terraform.tfstate")
        try Data().write(to: state)

        // The next change plans every resource anew; the apply finds them there and imports them.
        daemon = try DaemonProcess(config: config, logFile: temp.path("daemon2.log"))
        try remote.push(branch: "feature/two", files: ["assets/requirements.md": Self.requirements(["acme-lost-data", "acme-lost-more"])],
                        message: "One more bucket")
        #expect(try await daemon.eventually { remote.read("assets/PLAN.md", on: "feature/two") != remote.read("assets/PLAN.md", on: "main") },
                "daemon:\n\(daemon.log.suffix(3000))")
        try remote.merge("feature/two")
        let second = try #require(remote.tip("main"))
        let deployed = try await daemon.eventually { try await store.stack(id: "acme/assets")?.deployedCommit == second }
        let attempts = try await store.deployments(stackId: "acme/assets").map { "\($0.status) \($0.error ?? "")" }
        #expect(deployed, "deployments: \(attempts); daemon:\n\(daemon.log.suffix(4000))")
        #expect(try await store.stack(id: "acme/assets")?.status == .deployed)
        #expect(daemon.log.contains("importing objects whose state was lost"))
        #expect(remote.log("ezbuilt/status").contains { $0.hasPrefix("deploy(acme/assets): applied \(second.prefix(10))") })

        // Every resource is in the state, and nothing exists twice.
        let text = try String(contentsOf: state, encoding: .utf8)
        for type in ["aws_s3_bucket", "aws_s3_bucket_versioning", "aws_dynamodb_table"] {
            #expect(text.contains("\"type\": \"\(type)\""), "state:\n\(text.prefix(2000))")
        }
        let objects = try sh(["python3", "-c", Self.objects], environment: ["ENDPOINT": moto.endpoint.absoluteString])
        #expect(objects.trimmingCharacters(in: .whitespacesAndNewlines) == #"["acme-lost-data", "acme-lost-more", "acme-lost-index"]"#)
        #expect(await daemon.stop() == 0)
        try await Task.sleep(for: .seconds(1))
        #expect(processesWorking(under: temp.url).isEmpty, "left running: \(processesWorking(under: temp.url))")
    }
}
