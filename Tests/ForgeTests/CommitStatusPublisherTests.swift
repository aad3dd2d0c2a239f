import EZBuiltConfiguration
import ForgeStub
import Foundation
import Logging
import Synchronization
import Testing
@testable import Forge

/// The background publisher against a real HTTP server on loopback: what arrives, retries of a
/// failing forge, and that nothing waits for a forge that never answers well.
@Suite struct CommitStatusPublisherTests {
    static let sha = "89abcdef0123456789abcdef0123456789abcdef"
    static let token = "forge-token-for-tests"

    static func forge(_ stub: ForgeStub, kind: ForgeKind = .github, project: String = "acme/infra") -> ForgeSettings {
        ForgeSettings(kind: kind, api: stub.base, project: project, tokenEnv: "EZBUILT_TEST_FORGE_TOKEN")
    }

    static func publisher(_ options: CommitStatusPublisher.Options = fast, logs: CapturedLogs = CapturedLogs()) -> CommitStatusPublisher {
        CommitStatusPublisher(options: options, logger: logs.logger, environment: { $0 == "EZBUILT_TEST_FORGE_TOKEN" ? token : nil })
    }

    static let fast = CommitStatusPublisher.Options(maxAttempts: 4, initialDelay: .milliseconds(50), maxDelay: .milliseconds(200), requestTimeout: .seconds(5))

    /// Runs `publisher` while `body` runs, then lets it finish.
    static func running(_ publisher: CommitStatusPublisher, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await publisher.run() }
            try await body()
            await publisher.finish(within: .seconds(1))
            try await group.waitForAll()
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea, .gitlab])
    func aStatusArrivesWithMethodPathTokenAndBody(_ kind: ForgeKind) async throws {
        let stub = try await ForgeStub.start()
        let logs = CapturedLogs()
        let publisher = Self.publisher(logs: logs)
        try await Self.running(publisher) {
            await publisher.publish(CommitStatus(sha: Self.sha, state: .success, context: "ezbuilt/acme/web", description: "ready to merge: 1 to add"),
                                    to: Self.forge(stub, kind: kind))
            #expect(await stub.wait(within: .seconds(10)) { $0.count == 1 })
        }
        await stub.stop()
        let request = try #require(stub.requests.first)
        #expect(request.method == "POST")
        switch kind {
        case .github:
            #expect(request.path == "/repos/acme/infra/statuses/\(Self.sha)")
            #expect(request.headers["authorization"] == "Bearer \(Self.token)")
            #expect(request.json == ["state": "success", "context": "ezbuilt/acme/web", "description": "ready to merge: 1 to add"])
        case .gitea:
            #expect(request.path == "/api/v1/repos/acme/infra/statuses/\(Self.sha)")
            #expect(request.headers["authorization"] == "token \(Self.token)")
            #expect(request.json["context"] == "ezbuilt/acme/web")
        case .gitlab:
            #expect(request.path == "/api/v4/projects/acme%2Finfra/statuses/\(Self.sha)")
            #expect(request.headers["private-token"] == Self.token)
            #expect(request.json == ["state": "success", "name": "ezbuilt/acme/web", "description": "ready to merge: 1 to add"])
        }
        #expect(request.headers["content-type"] == "application/json")
        #expect(await publisher.counts.posted == 1)
        #expect(!logs.lines.contains { $0.contains(Self.token) }, "the token was logged")
    }

    @Test func aServerErrorIsRetriedUntilItIsPosted() async throws {
        let stub = try await ForgeStub.start { index in index < 2 ? 500 : 201 }
        let logs = CapturedLogs()
        let publisher = Self.publisher(logs: logs)
        try await Self.running(publisher) {
            await publisher.publish(CommitStatus(sha: Self.sha, state: .pending, context: "ezbuilt/acme/web", description: "planning"), to: Self.forge(stub))
            #expect(await stub.wait(within: .seconds(10)) { $0.count == 3 })
            #expect(await publisher.waitUntilIdle(within: .seconds(60)))
        }
        await stub.stop()
        #expect(stub.requests.count == 3)
        #expect(Set(stub.requests.map(\.body)).count == 1, "every attempt sends the same status")
        let counts = await publisher.counts
        #expect(counts.posted == 1 && counts.retries == 2 && counts.failed == 0)
        #expect(logs.lines.contains { $0.contains("will retry") && $0.contains("HTTP 500") })
        #expect(!logs.lines.contains { $0.contains(Self.token) }, "the token was logged")
    }

    @Test func retriesAreBoundedAndARefusalIsNotRetried() async throws {
        let failing = try await ForgeStub.start { _ in 503 }
        let refusing = try await ForgeStub.start { _ in 401 }
        let publisher = Self.publisher()
        try await Self.running(publisher) {
            await publisher.publish(CommitStatus(sha: Self.sha, state: .pending, context: "a", description: "x"), to: Self.forge(failing))
            await publisher.publish(CommitStatus(sha: Self.sha, state: .pending, context: "b", description: "x"), to: Self.forge(refusing))
            #expect(await publisher.waitUntilIdle(within: .seconds(10)))
        }
        await failing.stop()
        await refusing.stop()
        #expect(failing.requests.count == Self.fast.maxAttempts)
        #expect(refusing.requests.count == 1)
        #expect(await publisher.counts.failed == 2)
    }

    @Test func aForgeThatAlwaysFailsHoldsNobodyUp() async throws {
        let failing = try await ForgeStub.start { _ in 500 }
        let healthy = try await ForgeStub.start()
        let options = CommitStatusPublisher.Options(capacity: 50, maxAttempts: 1000, initialDelay: .milliseconds(100), maxDelay: .seconds(1))
        let publisher = Self.publisher(options)
        try await Self.running(publisher) {
            // Publishing only queues: 200 statuses for a broken forge take no time at all.
            let clock = ContinuousClock()
            let took = await clock.measure {
                for index in 0..<200 {
                    await publisher.publish(CommitStatus(sha: Self.sha, state: .pending, context: "ezbuilt/s\(index)", description: "x"), to: Self.forge(failing))
                }
            }
            #expect(took < .seconds(5), "queueing must not wait on the network")
            #expect(await publisher.waiting <= options.capacity, "the queue is bounded")
            // A status for a working forge still goes out promptly, between the retries.
            await publisher.publish(CommitStatus(sha: Self.sha, state: .success, context: "ezbuilt/ok", description: "ready"), to: Self.forge(healthy))
            #expect(await healthy.wait(within: .seconds(60)) { $0.count == 1 })
        }
        await failing.stop()
        await healthy.stop()
        #expect(await publisher.counts.dropped > 0)
    }

    @Test func aNewerStatusReplacesAnUnsentOneForTheSameCommitAndContext() async throws {
        let stub = try await ForgeStub.start()
        let publisher = Self.publisher()
        // Queued before the publisher runs: only the newest per commit and context goes out.
        await publisher.publish(CommitStatus(sha: Self.sha, state: .pending, context: "ezbuilt/acme/web", description: "planning"), to: Self.forge(stub))
        await publisher.publish(CommitStatus(sha: Self.sha, state: .success, context: "ezbuilt/acme/web", description: "ready"), to: Self.forge(stub))
        await publisher.publish(CommitStatus(sha: Self.sha, state: .pending, context: "ezbuilt/acme/db", description: "planning"), to: Self.forge(stub))
        try await Self.running(publisher) {
            #expect(await publisher.waitUntilIdle(within: .seconds(60)))
        }
        await stub.stop()
        #expect(stub.requests.map { $0.json["state"] ?? "" } == ["success", "pending"])
        #expect(await publisher.counts.superseded == 1)
    }

    @Test func aMissingTokenIsReportedByNameAndNothingIsSent() async throws {
        let stub = try await ForgeStub.start()
        let logs = CapturedLogs()
        let publisher = CommitStatusPublisher(options: Self.fast, logger: logs.logger, environment: { _ in nil })
        try await Self.running(publisher) {
            await publisher.publish(CommitStatus(sha: Self.sha, state: .pending, context: "c", description: "x"), to: Self.forge(stub))
            #expect(await publisher.waitUntilIdle(within: .seconds(60)))
        }
        await stub.stop()
        #expect(stub.requests.isEmpty)
        #expect(logs.lines.contains { $0.contains("EZBUILT_TEST_FORGE_TOKEN") && $0.contains("is not set") })
    }

    @Test func finishingGivesUpOnAForgeThatIsDown() async throws {
        // A port nobody listens on: connections are refused at once, and retried.
        let stub = try await ForgeStub.start()
        let dead = Self.forge(stub)
        await stub.stop()
        // Retries wait ten minutes: finishing within one shows the wait was cut short, with room
        // for a loaded machine.
        let publisher = Self.publisher(CommitStatusPublisher.Options(maxAttempts: 100, initialDelay: .seconds(600)))
        let clock = ContinuousClock()
        let took = try await clock.measure {
            try await Self.running(publisher) {
                await publisher.publish(CommitStatus(sha: Self.sha, state: .pending, context: "c", description: "x"), to: dead)
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        #expect(took < .seconds(60))
        #expect(await publisher.counts.dropped == 1)
    }
}
