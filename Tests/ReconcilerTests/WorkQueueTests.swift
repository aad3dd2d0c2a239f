import Foundation
import Logging
import Synchronization
import Testing
import Git
import Terraform
@testable import Reconciler

/// Records what the jobs did, from many tasks at once.
private final class Journal: Sendable {
    private let state = Mutex<(events: [String], running: Int, peak: Int)>(([], 0, 0))

    func begin(_ name: String) {
        state.withLock { $0.events.append("start \(name)"); $0.running += 1; $0.peak = max($0.peak, $0.running) }
    }

    func end(_ name: String) {
        state.withLock { $0.events.append("end \(name)"); $0.running -= 1 }
    }

    func note(_ event: String) { state.withLock { $0.events.append(event) } }
    var events: [String] { state.withLock { $0.events } }
    var peak: Int { state.withLock { $0.peak } }
}

private func job(_ journal: Journal, repository: String, stack: String, kind: JobKey.Kind = .propose, name: String, sleep: Duration = .milliseconds(30)) -> Job {
    Job(key: JobKey(stackID: stack, kind: kind), repositoryID: repository, run: {
        journal.begin(name)
        try? await Task.sleep(for: sleep)
        journal.end(name)
    }, superseded: { journal.note("superseded \(name)") })
}

@Suite struct WorkQueueTests {
    let logger = Logger(label: "test")

    @Test func concurrencyIsBoundedAndStacksRunOneAtATime() async {
        let journal = Journal()
        let queue = WorkQueue(limit: 2, logger: logger)
        for index in 0..<6 {
            await queue.submit(job(journal, repository: "r\(index % 3)", stack: "s\(index)", name: "j\(index)"))
        }
        // Three jobs of one stack, each a different kind: they must not overlap.
        for kind in [JobKey.Kind.propose, .deploy, .drift] {
            await queue.submit(job(journal, repository: "r9", stack: "shared", kind: kind, name: "shared-\(kind)"))
        }
        await queue.waitUntilIdle()
        #expect(journal.peak == 2)
        let shared = journal.events.filter { $0.contains("shared") }
        #expect(shared.count == 6)
        for pair in stride(from: 0, to: shared.count, by: 2) {
            #expect(shared[pair].hasPrefix("start") && shared[pair + 1].hasPrefix("end"))
        }
    }

    @Test func aNewerJobWithTheSameKeySupersedesTheQueuedOne() async {
        let journal = Journal()
        let queue = WorkQueue(limit: 1, logger: logger)
        await queue.submit(job(journal, repository: "r", stack: "busy", name: "blocker", sleep: .milliseconds(100)))
        await queue.submit(job(journal, repository: "r", stack: "s", kind: .deploy, name: "commit1"))
        await queue.submit(job(journal, repository: "r", stack: "s", kind: .deploy, name: "commit2"))
        await queue.waitUntilIdle()
        #expect(journal.events.contains("superseded commit1"))
        #expect(!journal.events.contains("start commit1"))
        #expect(journal.events.contains("end commit2"))
    }

    @Test func repositoriesTakeTurns() async throws {
        let journal = Journal()
        let queue = WorkQueue(limit: 1, logger: logger)
        await queue.submit(job(journal, repository: "busy", stack: "blocker", name: "blocker", sleep: .milliseconds(80)))
        for index in 0..<4 { await queue.submit(job(journal, repository: "busy", stack: "b\(index)", name: "busy\(index)", sleep: .milliseconds(5))) }
        await queue.submit(job(journal, repository: "quiet", stack: "q", name: "quiet", sleep: .milliseconds(5)))
        await queue.waitUntilIdle()
        let starts = journal.events.filter { $0.hasPrefix("start") }
        let quiet = try #require(starts.firstIndex(of: "start quiet"))
        #expect(quiet <= 2, "the quiet repository waited behind \(quiet) jobs: \(starts)")
    }

    @Test func unclassifiedFailuresAreRetriedAtMostMaxAttemptsThenStalledOnce() async throws {
        struct Unexpected: Error {}
        let attempts = Mutex(0)
        let stalled = Mutex<[String]>([])
        let queue = WorkQueue(limit: 1, backoff: Backoff(base: .milliseconds(10), cap: .milliseconds(20), jitter: 0), maximumAttempts: 4, logger: logger)
        await queue.submit(Job(key: JobKey(stackID: "always-broken", kind: .deploy), repositoryID: "r", run: {
            attempts.withLock { $0 += 1 }
            throw Unexpected()
        }, stalled: { reason in stalled.withLock { $0.append(reason) } }))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while stalled.withLock({ $0.isEmpty }), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(attempts.withLock { $0 } == 5, "the first run and four retries")
        #expect(stalled.withLock { $0.count } == 1)
        #expect(stalled.withLock { $0.first?.contains("gave up after 4 attempts") } == true)
    }

    @Test func transientFailuresAreRetriedAndStalledOnesAreNot() async throws {
        let attempts = Mutex<[String: Int]>([:])
        let queue = WorkQueue(limit: 2, backoff: Backoff(base: .milliseconds(20), cap: .milliseconds(50), jitter: 0), logger: logger)
        await queue.submit(Job(key: JobKey(stackID: "flaky", kind: .deploy), repositoryID: "r") {
            let count = attempts.withLock { $0["flaky", default: 0] += 1; return $0["flaky"]! }
            if count < 3 { throw ReconcileFailure.transient("network") }
        })
        await queue.submit(Job(key: JobKey(stackID: "broken", kind: .propose), repositoryID: "r") {
            attempts.withLock { $0["broken", default: 0] += 1 }
            throw ReconcileFailure.stalled("requirements refused")
        })
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while attempts.withLock({ $0["flaky", default: 0] }) < 3, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(attempts.withLock { $0["flaky"] } == 3)
        #expect(attempts.withLock { $0["broken"] } == 1)
    }

    @Test func permanentErrorsRunOnceAndTransientOnesStopAtTheCap() async throws {
        let attempts = Mutex<[String: Int]>([:])
        let queue = WorkQueue(limit: 2, backoff: Backoff(base: .milliseconds(10), cap: .milliseconds(20), jitter: 0),
                              maximumAttempts: 3, logger: logger)
        await queue.submit(Job(key: JobKey(stackID: "tree", kind: .propose), repositoryID: "r") {
            attempts.withLock { $0["tree", default: 0] += 1 }
            throw GitError.notFound(path: "infra/web/terraform", commit: nil)
        })
        await queue.submit(Job(key: JobKey(stackID: "down", kind: .propose), repositoryID: "r") {
            attempts.withLock { $0["down", default: 0] += 1 }
            throw Unreachable()
        })
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while attempts.withLock({ $0["down", default: 0] }) < 4, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(300))
        _ = await queue.active  // the queue must live until here (its retries hold it weakly)
        #expect(attempts.withLock { $0["tree"] } == 1, "a tree error is reported once, not retried")
        #expect(attempts.withLock { $0["down"] } == 4, "the first run and three retries")
    }

    @Test(arguments: [
        (GitError.objectNotFound(ObjectID(String(repeating: "a", count: 40))!) as any Error, true),
        (GitError.invalidPath(path: "../x", reason: "climbs out") as any Error, true),
        (TerraformError.invalidStackDirectory(path: "r/web", reason: "files refused") as any Error, true),
        (TerraformError.stateLocked(path: "/s", holder: "pid 1") as any Error, false),
        (GitError.authenticationFailed(url: "https://x", attempts: 1, reason: "401") as any Error, false),
        (Unreachable() as any Error, false),
    ])
    func errorsThatCannotPassOnTheirOwnAreStalled(error: any Error, stalled: Bool) {
        if case .stalled = ReconcileFailure.classify(error) { #expect(stalled) } else { #expect(!stalled) }
    }

    @Test func backoffGrowsExponentiallyWithinTheCapAndJitter() {
        let backoff = Backoff(base: .seconds(5), cap: .seconds(60), jitter: 0.2)
        #expect(backoff.delay(attempt: 1, random: 0) == .seconds(5))
        #expect(backoff.delay(attempt: 3, random: 0) == .seconds(20))
        #expect(backoff.delay(attempt: 10, random: 0) == .seconds(60))
        #expect(backoff.delay(attempt: 1, random: 1) == .seconds(6))
        #expect(backoff.delay(attempt: 1, random: -1) == .seconds(4))
    }
}

@Suite struct DoorbellTests {
    @Test func aRingWakesTheWaiterEarly() async throws {
        let bell = Doorbell()
        let clock = ContinuousClock()
        let start = clock.now
        Task {
            try await Task.sleep(for: .milliseconds(50))
            await bell.ring()
        }
        await bell.wait(upTo: .seconds(600))
        // Far below the timeout, even on a busy machine.
        #expect(clock.now - start < .seconds(300))
    }

    @Test func aRingWhileBusyIsKeptForTheNextWait() async {
        let bell = Doorbell()
        await bell.ring()
        await bell.ring()
        let clock = ContinuousClock()
        let start = clock.now
        await bell.wait(upTo: .seconds(600))
        #expect(clock.now - start < .seconds(300))
        // Two rings wake once: the next wait times out.
        let second = clock.now
        await bell.wait(upTo: .milliseconds(100))
        #expect(clock.now - second >= .milliseconds(100))
    }
}

/// An error the queue knows nothing about (a network failure, say).
private struct Unreachable: Error {}
