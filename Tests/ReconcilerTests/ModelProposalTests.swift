import ForgeStub
import Foundation
import Sandbox
import Testing

/// The daemon with `generator.llm` pointed at a stub chat-completions server replaying a
/// recorded answer: the proposal marks the model's line, the merge is deployed from the
/// answer recorded in spec.json (the model is not asked again), and the key is in no commit,
/// log or database file.
@Suite(.serialized) struct ModelProposalTests {
    static let key = "sk-daemon-3b8e1f0a9c6d4e27"
    static let answers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/model-answers")

    @Test(.timeLimit(.minutes(20)))
    func aModelReadLineIsProposedMarkedAndDeployedFromTheRecordedAnswer() async throws {
        let content = try String(contentsOf: Self.answers.appendingPathComponent("good.json"), encoding: .utf8)
        let envelope = try JSONSerialization.data(withJSONObject: ["object": "chat.completion", "choices": [["index": 0, "message": ["role": "assistant", "content": content]]]])
        let stub = try await ForgeStub.start(reply: { _, _ in
            ForgeStub.Reply(status: 200, headers: ["Content-Type": "application/json"], body: String(decoding: envelope, as: UTF8.self))
        })
        let moto = try await MotoServer.start()
        let temp = try TemporaryDirectory("ezbuilt-llm-e2e")
        let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
        let config = temp.path("ezbuilt.yaml")
        try writeConfig(to: config, dataDir: temp.path("data"), repositoryURL: remote.bare, sandbox: moto.endpoint, extra: """
            generator:
              llm: { endpoint: "\(stub.base.appendingPathComponent("v1").absoluteString)", model: stub-model, apiKeyEnv: EZBUILT_TEST_LLM_KEY, timeout: 30s }
            """)
        let daemon = try DaemonProcess(config: config, logFile: temp.path("daemon.log"), environment: ["EZBUILT_TEST_LLM_KEY": Self.key])
        defer { Task { await moto.stop(); await stub.stop() } }

        let requirements = try String(contentsOf: Self.answers.appendingPathComponent("requirements.md"), encoding: .utf8)
        try remote.push(branch: "feature/clicks", files: ["infra/clicks/requirements.md": requirements], message: "Clickstream pipe")
        let proposed = try await daemon.eventually(timeout: .seconds(900)) { remote.read("infra/clicks/PLAN.md", on: "feature/clicks") != nil }
        #expect(proposed, "no proposal; daemon log:\n\(daemon.log.suffix(4000))")
        let plan = try #require(remote.read("infra/clicks/PLAN.md", on: "feature/clicks"))
        #expect(plan.contains("Result: ready to merge"), "PLAN.md:\n\(plan)")
        #expect(plan.contains("| 6 | **model** | stream; stream: retentionHours = 72; stream: shards = 4 |"), "PLAN.md:\n\(plan)")
        #expect(plan.contains("| 5 | rules |"))
        #expect(remote.read("infra/clicks/terraform/main.tf", on: "feature/clicks")?.contains("resource \"aws_kinesis_stream\" \"stream\"") == true)
        #expect(stub.requests.count == 1)
        #expect(stub.requests.first?.headers["authorization"] == "Bearer \(Self.key)")

        // The merge is deployed from the answer recorded in spec.json: not stale, not asked again.
        try remote.merge("feature/clicks")
        let deployed = try await daemon.eventually(timeout: .seconds(900)) {
            remote.log("ezbuilt/status").contains { $0.hasPrefix("deploy(acme/infra/clicks): ") }
        }
        #expect(deployed, "no deployment; daemon log:\n\(daemon.log.suffix(4000))")
        let status = remote.read("stacks/acme/infra/clicks.md", on: "ezbuilt/status") ?? ""
        #expect(!status.contains("stale") && !status.contains("unreviewed"), "\(status)")
        #expect(stub.requests.count == 1, "the deployer asked the model again")
        #expect(await daemon.stop() == 0)

        // The key is in no commit, log line or database file.
        let everything = try sh(["git", "--git-dir", remote.bare.path, "log", "--all", "-p", "--format=%H %s%n%b"])
        #expect(!everything.contains(Self.key))
        #expect(!daemon.log.contains(Self.key))
        for file in ["ezbuilt.sqlite", "ezbuilt.sqlite-wal"] {
            let bytes = FileManager.default.contents(atPath: temp.path("data/\(file)").path) ?? Data()
            #expect(bytes.range(of: Data(Self.key.utf8)) == nil, "\(file) holds the key")
        }
    }
}
