import ForgeStub
import Foundation
import Testing

/// `ezbuilt generate --llm-endpoint … --llm-model …` against a stub chat-completions server on
/// loopback replaying recorded answers (`Tests/Fixtures/model-answers`); the model's
/// Terraform is checked by the real, confined terraform before it is written.
@Suite(.timeLimit(.minutes(10)))
struct ModelGenerateTests {
    static let key = "sk-cli-9e2f4a7c51d84b3e"
    static let answers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/model-answers")

    static func answer(_ name: String) -> ForgeStub.Reply {
        let content = (try? String(contentsOf: answers.appendingPathComponent(name), encoding: .utf8)) ?? ""
        let object: [String: Any] = ["object": "chat.completion", "choices": [["index": 0, "message": ["role": "assistant", "content": content]]]]
        let body = (try? JSONSerialization.data(withJSONObject: object)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return ForgeStub.Reply(status: 200, headers: ["Content-Type": "application/json"], body: body)
    }

    /// A stack directory holding the recorded requirements (line 6 is beyond the rules).
    static func stack() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-llm-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: answers.appendingPathComponent("requirements.md"), to: url.appendingPathComponent("requirements.md"))
        return url
    }

    /// Every file under `directory`, as text.
    static func contents(_ directory: URL) -> String {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.fileSizeKey])?.compactMap { $0 as? URL } ?? []
        // Provider binaries in a workspace are hundreds of megabytes and hold no text of ours.
        let small = files.filter { ((try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0).map { $0 < 1 << 20 } ?? false }
        return small.compactMap { try? String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/opt/tf-plugins"), "the provider mirror is needed"))
    func aSentenceTheRulesMissBecomesAValidStackFromARecordedAnswer() async throws {
        let stub = try await ForgeStub.start(reply: { _, _ in Self.answer("good.json") })
        let stack = try Self.stack()
        defer { try? FileManager.default.removeItem(at: stack) }
        let out = stack.appendingPathComponent("terraform")
        let arguments = ["generate", stack.appendingPathComponent("requirements.md").path, "--out", out.path, "--json",
                         "--llm-endpoint", stub.base.appendingPathComponent("v1").absoluteString, "--llm-model", "stub-model",
                         "--plugin-dir", "/opt/tf-plugins"]
        let run = try await runEZBuilt(arguments, environment: ["EZBUILT_LLM_API_KEY": Self.key])
        await stub.stop()
        #expect(run.status == 0, "\(run.stderr.suffix(3000))")
        #expect(run.stdout.contains(#""type":"aws_kinesis_stream""#))
        #expect(stub.requests.count == 1)
        #expect(stub.requests.first?.headers["authorization"] == "Bearer \(Self.key)")
        let main = try String(contentsOf: out.appendingPathComponent("main.tf"), encoding: .utf8)
        #expect(main.contains("resource \"aws_kinesis_stream\""))
        #expect(main.contains("retention_period = 72"))
        let spec = try String(contentsOf: out.appendingPathComponent("spec.json"), encoding: .utf8)
        #expect(spec.contains("\"model\" : \"stub-model\""))
        // Independently of the check inside generate: the written stack is valid Terraform.
        let validate = try Self.terraformValidate(out)
        #expect(validate.status == 0, "\(validate.output)")
        // The key is nowhere but in the request that carried it.
        #expect(!run.stdout.contains(Self.key) && !run.stderr.contains(Self.key))
        #expect(!Self.contents(stack).contains(Self.key))

        // Generating again uses the answer recorded in spec.json: the model is not asked.
        let again = try await runEZBuilt(arguments.filter { $0 != "--json" }, environment: ["EZBUILT_LLM_API_KEY": Self.key])
        #expect(again.status == 0, "\(again.stderr.suffix(2000))")
        #expect(again.stderr.contains("the recorded answer of stub-model was used again"))
        #expect(try String(contentsOf: out.appendingPathComponent("main.tf"), encoding: .utf8) == main)
    }

    @Test func nonsenseAnswersEndInAClearRefusalAndTheKeyIsNeverShown() async throws {
        let stub = try await ForgeStub.start(reply: { index, request in
            index == 0 ? Self.answer("not-json.txt")
                : index == 1 ? ForgeStub.Reply(status: 500, body: "upstream failed for \(request.headers["authorization"] ?? "")")
                : Self.answer("schema-violation.json")
        })
        let stack = try Self.stack()
        defer { try? FileManager.default.removeItem(at: stack) }
        let run = try await runEZBuilt(["generate", stack.appendingPathComponent("requirements.md").path,
                                        "--llm-endpoint", stub.base.appendingPathComponent("v1").absoluteString, "--llm-model", "stub-model"],
                                       environment: ["EZBUILT_LLM_API_KEY": Self.key])
        await stub.stop()
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("refused: the language model (stub-model at"))
        #expect(run.stderr.contains("gave no usable answer for lines 6 after 3 attempts"))
        #expect(run.stderr.contains("expected an integer, got \"four\""))
        #expect(run.stderr.contains("upstream failed for Bearer (sensitive)"))
        #expect(stub.requests.count == 3)
        #expect(!run.stdout.contains(Self.key) && !run.stderr.contains(Self.key))
        #expect(!FileManager.default.fileExists(atPath: stack.appendingPathComponent("terraform").path))
    }

    @Test func withoutAModelTheRulesAloneRunAndAnEndpointInClearTextIsRefused() async throws {
        let stack = try Self.stack()
        defer { try? FileManager.default.removeItem(at: stack) }
        let file = stack.appendingPathComponent("requirements.md").path
        let rules = try await runEZBuilt(["generate", file])
        #expect(rules.status == 0)
        #expect(rules.stderr.contains("line 6: not understood"))
        #expect(!FileManager.default.fileExists(atPath: stack.appendingPathComponent(".ezbuilt").path), "no terraform, no client")
        let remote = try await runEZBuilt(["generate", file, "--llm-endpoint", "http://llm.example.com/v1", "--llm-model", "m"])
        #expect(remote.status == 1 && remote.stderr.contains("is not an https URL, or an http URL on a loopback address"))
    }

    static func terraformValidate(_ directory: URL) throws -> (status: Int32, output: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-llm-tf-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: directory, to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var output = ""
        for arguments in [["init", "-backend=false", "-plugin-dir=/opt/tf-plugins", "-input=false", "-no-color"], ["validate", "-no-color"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/local/bin/terraform")
            process.arguments = arguments
            process.currentDirectoryURL = scratch
            process.environment = ProcessInfo.processInfo.environment.merging(["TF_CLI_CONFIG_FILE": "/dev/null", "CHECKPOINT_DISABLE": "1"]) { _, new in new }
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            output += String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationStatus != 0 { return (process.terminationStatus, output) }
        }
        return (0, output)
    }
}
