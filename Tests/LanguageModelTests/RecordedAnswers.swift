import Foundation
import ForgeStub

/// The recorded model answers in `Tests/Fixtures/model-answers`, and the chat-completion
/// envelope an OpenAI-compatible server wraps them in.
enum RecordedAnswers {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/model-answers")

    static func text(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// The requirements whose line 6 the rules do not understand.
    static var requirements: String { text("requirements.md") }

    /// `content` as the assistant message of a chat completion.
    static func completion(_ content: String) -> String {
        let object: [String: Any] = ["id": "chatcmpl-1", "object": "chat.completion", "model": "stub",
                                     "choices": [["index": 0, "finish_reason": "stop", "message": ["role": "assistant", "content": content]]]]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The reply replaying the recorded answer `name`.
    static func reply(_ name: String) -> ForgeStub.Reply {
        ForgeStub.Reply(status: 200, headers: ["Content-Type": "application/json"], body: completion(text(name)))
    }

    /// The messages of a recorded chat-completions request.
    static func messages(_ request: ForgeStub.Recorded) -> [(role: String, content: String)] {
        guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
              let messages = object["messages"] as? [[String: Any]] else { return [] }
        return messages.map { ($0["role"] as? String ?? "", $0["content"] as? String ?? "") }
    }
}
