import Foundation
import Logging
import PostgresFixture
import Store
import Testing
@testable import Reconciler

/// A stack's work under its lease: one replica at a time, renewed while it runs, cancelled
/// when lost. Two `ReplicaLeases` on one store stand for two replicas.
@Suite struct ReplicaLeasesTests {
    private static func withReplicas(duration: Duration, _ body: (Store, ReplicaLeases, ReplicaLeases) async throws -> Void) async throws {
        try await TestPostgres.with { postgres in
            let store = try await Store(postgres: postgres.settings)
            let logger = Logger(label: "test")
            do {
                try await body(store, ReplicaLeases(store: store, duration: duration, owner: "a", logger: logger),
                               ReplicaLeases(store: store, duration: duration, owner: "b", logger: logger))
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func anotherReplicaWaitsWhileTheLeaseIsRenewedAndGetsItAfterwards() async throws {
        try await Self.withReplicas(duration: .seconds(3)) { store, a, b in
            let started = AsyncStream.makeStream(of: Void.self)
            let release = AsyncStream.makeStream(of: Void.self)
            let work = Task {
                try await a.holding("acme/web") {
                    started.continuation.yield()
                    for await _ in release.stream { break }
                }
            }
            for await _ in started.stream { break }
            // Held for longer than the lease lasts: the renewals keep it.
            try await Task.sleep(for: .seconds(5))
            let refusal = await #expect(throws: ReconcileFailure.self) { try await b.holding("acme/web") {} }
            guard case .waiting(let message, _)? = refusal else {
                Issue.record("not waiting: \(String(describing: refusal))")
                return
            }
            #expect(message.contains("replica a"))
            release.continuation.yield()
            try await work.value
            let left = try await store.lease(ReplicaLeases.stackKey("acme/web"))
            #expect(left == nil, "released when the work ends")
            try await b.holding("acme/web") {}
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func workWhoseLeaseWasTakenOverIsCancelled() async throws {
        try await Self.withReplicas(duration: .seconds(3)) { store, a, _ in
            let key = ReplicaLeases.stackKey("acme/web")
            let work = Task {
                try await a.holding("acme/web") {
                    // Another replica takes the stack over (as after an expiry a's renewal missed).
                    try await store.releaseLease(key, owner: "a")
                    _ = try await store.claimLease(key, owner: "b", for: .seconds(60))
                    try await Task.sleep(for: .seconds(60))
                }
            }
            let clock = ContinuousClock()
            let started = clock.now
            await #expect(throws: (any Error).self) { try await work.value }
            #expect(clock.now - started < .seconds(30), "cancelled at the next renewal, not after the work")
            let holder = try await store.lease(key)?.owner
            #expect(holder == "b", "the new holder keeps its lease")
        }
    }
}
