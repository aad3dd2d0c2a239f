import EZBuiltConfiguration
import Foundation
import Git
import Logging
import Store
import Synchronization
import Terraform
import Testing
@testable import Reconciler

/// The daemon's one redactor knows every secret it holds and every sink applies it.
struct DaemonSecretsTests {
    static let environment = [
        "DEMO_WEBHOOK": "whsec-0123456789", "GIT_TOKEN": "ghp_tokenvalue123", "SSH_PASS": "passphrase-xyz",
        "EXT_ID": "external-id-from-env", "AWS_SECRET_ACCESS_KEY": "aws-secret-key-value", "OPENAI_API_KEY": "sk-llm-key-value",
        "UNRELATED": "not-a-secret-value",
    ]

    static var config: EZBuiltConfig {
        var config = EZBuiltConfig()
        var one = RepositoryConfig(id: "one", url: "https://git.example.com/one.git", credentials: .token(env: "GIT_TOKEN", username: "x"),
                                   webhookSecretEnv: "DEMO_WEBHOOK")
        one.aws.externalIdEnv = "EXT_ID"
        var two = RepositoryConfig(id: "two", url: "/srv/two.git", credentials: .sshKey(path: "/etc/key", passphraseEnv: "SSH_PASS"))
        two.aws.externalId = "inline-external-id"
        config.repositories = [one, two]
        return config
    }

    @Test func everySecretTheDaemonHoldsIsCollected() {
        let values = Set(DaemonSecrets.values(config: Self.config, environment: Self.environment))
        #expect(values == ["whsec-0123456789", "ghp_tokenvalue123", "passphrase-xyz", "external-id-from-env",
                           "aws-secret-key-value", "sk-llm-key-value", "inline-external-id"])
    }

    @Test func theRedactorHidesThemAndURLCredentialsAndTheRunsChildKnowsThemToo() {
        let daemon = DaemonSecrets.redactor(config: Self.config, environment: Self.environment)
        let run = Redactor(secrets: ["plan-only-secret"], parent: daemon)
        let text = "clone https://x:ghp_tokenvalue123@git.example.com/one.git failed; key aws-secret-key-value; plan-only-secret"
        let clean = run.redact(text)
        for secret in ["ghp_tokenvalue123", "aws-secret-key-value", "plan-only-secret"] { #expect(!clean.contains(secret)) }
        #expect(clean.contains("https://***@git.example.com/one.git"))
        #expect(!daemon.redact(text).contains("aws-secret-key-value"))
        #expect(daemon.redact("plan-only-secret") == "plan-only-secret", "a run's secrets stay with the run")
        #expect(daemon.redact("not-a-secret-value") == "not-a-secret-value")
    }

    @Test func theStoreNeverHoldsAKnownSecret() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-secrets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = "whsec-0123456789"
        let store = try await Store(path: directory.appendingPathComponent("db.sqlite").path,
                              redactor: DaemonSecrets.redactor(config: Self.config, environment: Self.environment))
        try await store.upsertRepository(id: "one", url: "https://git.example.com/one.git")
        try await store.recordFetch(repositoryId: "one", error: "fetch failed: \(secret)")
        let stack = try await store.setStackStatus(id: "one/web", repositoryId: "one", path: "web", status: .failed, detail: "error \(secret)")
        let run = try await store.startRun(stackId: stack.id, kind: .proposal)
        try await store.appendLogLine(runId: run.id!, stream: .stderr, text: "Error: \(secret)")
        try await store.appendLog(runId: run.id!, [(stream: .stdout, text: "json \"\(secret)\"", at: Date())])
        let texts = [try await store.repository(id: "one")?.lastFetchError ?? "", try await store.stack(id: "one/web")?.statusDetail ?? ""]
            + (try await store.logLines(runId: run.id!).map(\.text))
        #expect(texts.count == 4)
        for text in texts {
            #expect(!text.contains(secret), "\(text)")
            #expect(text.contains(Redactor.replacement))
        }
    }

    @Test func statusFilesAndPlanTextAreRedactedBeforeTheyAreCommitted() {
        let redactor = DaemonSecrets.redactor(config: Self.config, environment: Self.environment)
        let changes: [FileChange] = [
            .write("stacks/one/web.md", "failed: ghp_tokenvalue123"),
            .write("stacks/one/web.json", #"{"error":"ghp_tokenvalue123"}"#),
            .delete(path: "old.md"),
        ]
        let clean = redactor.redact(changes)
        #expect(clean.count == 3)
        for change in clean {
            if case .write(_, let contents, _) = change {
                let text = String(decoding: contents, as: UTF8.self)
                #expect(!text.contains("ghp_tokenvalue123") && text.contains(Redactor.replacement))
            }
        }
    }

    @Test func logLinesAreRedactedBeforeTheyAreWritten() {
        let recorder = RecordingLogHandler()
        let redactor = DaemonSecrets.redactor(config: Self.config, environment: Self.environment)
        let logger = Logger(label: "test") { _ in RedactingLogHandler(base: recorder, redactor: redactor) }
        logger.error("could not fetch with passphrase-xyz", metadata: ["error": "token ghp_tokenvalue123"])
        let lines = recorder.lines.withLock { $0 }
        #expect(lines.count == 1)
        #expect(!lines[0].contains("passphrase-xyz") && !lines[0].contains("ghp_tokenvalue123"))
        #expect(lines[0].contains(Redactor.replacement))
    }
}

/// Records what it is asked to log, message and metadata, as one line each.
final class RecordingLogHandler: LogHandler, Sendable {
    let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata { get { [:] } set {} }
    var logLevel: Logger.Level { get { .trace } set {} }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { nil } set {} }
    func log(event: LogEvent) {
        let text = "\(event.message) \(event.metadata?.map { "\($0.key)=\($0.value)" }.joined(separator: " ") ?? "")"
        lines.withLock { $0.append(text) }
    }
}
