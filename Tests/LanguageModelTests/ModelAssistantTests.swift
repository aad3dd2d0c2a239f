import ForgeStub
import Foundation
import Logging
import Requirements
import Secrets
import Synchronization
import Testing
@testable import LanguageModel

/// The repair loop against a stub chat-completions server on loopback that replays recorded
/// answers, errors and delays (no network beyond 127.0.0.1).
@Suite(.timeLimit(.minutes(3)))
struct ModelAssistantTests {
    static let key = "sk-test-4f1d9c2be77a41a0"
    static let bytes = Array(RecordedAnswers.requirements.utf8)
    static let options = GenerationOptions(defaultRegion: "us-east-1")

    /// Runs `body` with a stub answering by `reply` and an assistant pointed at it.
    func withStub<T>(timeout: Duration = .seconds(20), maxAttempts: Int = 3, logs: CapturedLogs = CapturedLogs(),
                     reply: @escaping @Sendable (Int, ForgeStub.Recorded) -> ForgeStub.Reply,
                     _ body: (ModelAssistant, ForgeStub) async throws -> T) async throws -> T {
        let stub = try await ForgeStub.start(reply: reply)
        do {
            let settings = ModelSettings(endpoint: stub.base.appendingPathComponent("v1"), model: "stub-model", apiKey: Self.key,
                                         timeout: timeout, maxAttempts: maxAttempts)
            let assistant = ModelAssistant(settings: settings, redactor: Redactor(), logger: logs.logger)
            let value = try await body(assistant, stub)
            await stub.stop()
            return value
        } catch {
            await stub.stop()
            throw error
        }
    }

    @Test func aGoodAnswerIsUsedAndTheRequestCarriesTheSentenceTheSchemaAndTheKey() async throws {
        let checked = Mutex(0)
        try await withStub(reply: { _, _ in RecordedAnswers.reply("good.json") }) { assistant, stub in
            let outcome = await assistant.generate(bytes: Self.bytes, options: Self.options, check: { files in
                checked.withLock { $0 += 1 }
                return files.contains { $0.name == "main.tf" } ? nil : "no main.tf"
            })
            #expect(!outcome.result.refused, "\(outcome.result.diagnostics)")
            #expect(outcome.result.resources.contains { $0.type == "aws_kinesis_stream" })
            #expect(outcome.result.diagnostics.contains { $0.line == 6 && $0.message.contains("read by the language model stub-model") })
            #expect(checked.withLock { $0 } == 1)
            let request = try #require(stub.requests.first)
            #expect(stub.requests.count == 1)
            #expect(request.method == "POST" && request.path == "/v1/chat/completions")
            #expect(request.headers["authorization"] == "Bearer \(Self.key)")
            let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(body["model"] as? String == "stub-model")
            let format = try #require(body["response_format"] as? [String: Any])
            #expect(format["type"] as? String == "json_schema")
            let schema = try #require((format["json_schema"] as? [String: Any])?["schema"] as? [String: Any])
            #expect((schema["required"] as? [String]) == ["blocks"])
            let user = try #require(RecordedAnswers.messages(request).last { $0.role == "user" }?.content)
            #expect(user.contains("line 6: Clickstream records flow through a real-time pipe split into 4 shards"))
            #expect(user.contains("clicks-archive-ezb"), "the rules' spec is the context")
        }
    }

    @Test func nonsenseAnswersAreSentBackWithTheExactErrorThenRefused() async throws {
        let answers = ["not-json.txt", "schema-violation.json", "unasked-line.json"]
        try await withStub(reply: { index, _ in RecordedAnswers.reply(answers[min(index, 2)]) }) { assistant, stub in
            let outcome = await assistant.generate(bytes: Self.bytes, options: Self.options, check: { _ in nil })
            #expect(outcome.result.refused)
            #expect(outcome.result.files.isEmpty)
            let refusal = try #require(outcome.result.diagnostics.first { $0.severity == .error }?.message)
            #expect(refusal.contains("gave no usable answer for lines 6 after 3 attempts"), "\(refusal)")
            #expect(refusal.contains("expected one of 6, got 5"), "the last problem is named: \(refusal)")
            #expect(stub.requests.count == 3)
            let second = RecordedAnswers.messages(stub.requests[1])
            #expect(second.suffix(2).first?.role == "assistant")
            #expect(second.last?.content.contains("That answer cannot be used: the answer is not JSON") == true)
            #expect(RecordedAnswers.messages(stub.requests[2]).last?.content.contains("$.blocks[0].properties.shards.value: expected an integer, got \"four\"") == true)
        }
    }

    @Test func terraformThatFailsValidationIsSentBack() async throws {
        let calls = Mutex(0)
        try await withStub(reply: { _, _ in RecordedAnswers.reply("good.json") }) { assistant, stub in
            let outcome = await assistant.generate(bytes: Self.bytes, options: Self.options, check: { _ in
                calls.withLock { n in n += 1; return n == 1 ? "main.tf:12,3: error: Unsupported argument" : nil }
            })
            #expect(!outcome.result.refused)
            #expect(stub.requests.count == 2)
            #expect(RecordedAnswers.messages(stub.requests[1]).last?.content.contains("fails validation: main.tf:12,3: error: Unsupported argument") == true)
        }
    }

    @Test func rateLimitsAndServerErrorsAreRetriedAfterTheWaitAsked() async throws {
        try await withStub(reply: { index, _ in
            switch index {
            case 0: ForgeStub.Reply(status: 429, headers: ["Retry-After": "1"], body: #"{"error": "slow down"}"#)
            case 1: ForgeStub.Reply(status: 500, body: #"{"error": "overloaded"}"#)
            default: RecordedAnswers.reply("good.json")
            }
        }) { assistant, stub in
            let started = ContinuousClock.now
            let outcome = await assistant.generate(bytes: Self.bytes, options: Self.options, check: { _ in nil })
            #expect(!outcome.result.refused, "\(outcome.result.diagnostics)")
            #expect(stub.requests.count == 3)
            #expect(ContinuousClock.now - started >= .milliseconds(900), "the Retry-After was honoured")
            #expect(outcome.transcript.first?.contains("HTTP 429") == true)
            #expect(outcome.transcript.dropFirst().first?.contains("HTTP 500") == true)
        }
    }

    @Test func aModelThatNeverAnswersEndsInARefusal() async throws {
        try await withStub(timeout: .milliseconds(500), maxAttempts: 2, reply: { _, _ in
            var slow = RecordedAnswers.reply("good.json")
            slow.delay = .seconds(3)
            return slow
        }) { assistant, _ in
            let outcome = await assistant.generate(bytes: Self.bytes, options: Self.options, check: { _ in nil })
            #expect(outcome.result.refused)
            let refusal = try #require(outcome.result.diagnostics.first { $0.severity == .error }?.message)
            #expect(refusal.contains("after 2 attempts") && refusal.contains("no answer within"), "\(refusal)")
        }
    }

    @Test func theKeyNeverAppearsInResultsOrLogsEvenWhenTheServerEchoesIt() async throws {
        let logs = CapturedLogs()
        try await withStub(logs: logs, reply: { index, request in
            // A misbehaving gateway that echoes the request's headers in its errors.
            ForgeStub.Reply(status: index == 2 ? 401 : 500, body: #"{"error": "bad request", "authorization": "\#(request.headers["authorization"] ?? "")"}"#)
        }) { assistant, stub in
            let outcome = await assistant.generate(bytes: Self.bytes, options: Self.options, check: { _ in nil })
            #expect(outcome.result.refused)
            #expect(stub.requests.count == 3)
            let texts = outcome.result.diagnostics.map(\.message) + outcome.transcript + logs.lines
            #expect(texts.contains { $0.contains("(sensitive)") }, "the echoed key was there to redact")
            #expect(!texts.contains { $0.contains(Self.key) })
            #expect(!"\(assistant.settings)".contains(Self.key))
        }
    }

    @Test func aRecordedAnswerForTheSameSentencesIsUsedWithoutAsking() async throws {
        let first = try await withStub(reply: { _, _ in RecordedAnswers.reply("good.json") }) { assistant, _ in
            await assistant.generate(bytes: Self.bytes, options: Self.options, check: { _ in nil })
        }
        let recorded = try #require(first.result.spec.model)
        try await withStub(reply: { _, _ in ForgeStub.Reply(status: 500) }) { assistant, stub in
            let again = await assistant.generate(bytes: Self.bytes, options: Self.options, recorded: recorded, check: { _ in nil })
            #expect(!again.asked && stub.requests.isEmpty)
            #expect(again.result.files == first.result.files)
            // Other sentences are asked anew.
            let changed = Array(RecordedAnswers.requirements.replacingOccurrences(of: "4 shards", with: "8 shards").utf8)
            let fresh = await assistant.generate(bytes: changed, options: Self.options, recorded: recorded, check: { _ in nil })
            #expect(fresh.asked && fresh.result.refused && stub.requests.count == 3)
        }
    }
}
