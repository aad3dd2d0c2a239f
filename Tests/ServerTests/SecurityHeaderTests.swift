import Foundation
import Testing

/// Every answer, JSON or not, success or error, tells browsers not to guess its type.
struct SecurityHeaderTests {
    @Test func everyResponseIsMarkedNoSniff() async throws {
        let backend = RecordingBackend(repositories: ["demo"])
        try await TestDaemon.with(config: Fixture.config(publicRead: false), backend: backend) { (daemon: TestDaemon) async throws in
            let answers = [
                try await daemon.get("/api/v1/stacks", token: Fixture.token),   // JSON, 200
                try await daemon.get("/api/v1/stacks"),                         // JSON error, 401
                try await daemon.get("/api/v1/stacks/nope%2Fnope/history", token: Fixture.token),
                try await daemon.get("/healthz"),
                try await daemon.get("/no/such/route"),
            ]
            for answer in answers {
                #expect(answer.header("X-Content-Type-Options") == "nosniff", "status \(answer.status)")
            }
        }
    }
}
