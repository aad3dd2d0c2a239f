import Foundation
import Testing
import Store

/// Leases: a claim on a stack's work held by one replica until it expires.
@Suite struct LeaseTests {
    @Test(arguments: StoreKind.allCases)
    func aLeaseIsHeldRenewedReleasedAndTakenOverAfterItExpires(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try #require(try store.claimLease("stack:a/web", owner: "replica-1", for: .seconds(30), at: start))
            #expect(first.owner == "replica-1" && first.expiresAt == start.addingTimeInterval(30))
            // Held: another replica is refused, and the lease is unchanged.
            #expect(try store.claimLease("stack:a/web", owner: "replica-2", for: .seconds(30), at: start.addingTimeInterval(10)) == nil)
            #expect(try store.lease("stack:a/web") == first)
            // Renewed by its holder: later expiry, same acquisition time.
            let renewed = try #require(try store.claimLease("stack:a/web", owner: "replica-1", for: .seconds(30), at: start.addingTimeInterval(20)))
            #expect(renewed.acquiredAt == start && renewed.expiresAt == start.addingTimeInterval(50))
            #expect(try store.claimLease("stack:a/web", owner: "replica-2", for: .seconds(30), at: start.addingTimeInterval(45)) == nil)
            // Expired (its holder stopped renewing): taken over.
            let taken = try #require(try store.claimLease("stack:a/web", owner: "replica-2", for: .seconds(30), at: start.addingTimeInterval(50)))
            #expect(taken.owner == "replica-2" && taken.acquiredAt == start.addingTimeInterval(50))
            // The old holder's release does not free the new holder's lease.
            try store.releaseLease("stack:a/web", owner: "replica-1")
            #expect(try store.lease("stack:a/web")?.owner == "replica-2")
            try store.releaseLease("stack:a/web", owner: "replica-2")
            #expect(try store.lease("stack:a/web") == nil)
            // Other keys are independent.
            #expect(try store.claimLease("stack:a/db", owner: "replica-1", for: .seconds(5), at: start) != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func ofManyReplicasClaimingAtOnceExactlyOneWins(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            // Each "replica" has its own Store (its own connections), as separate processes would.
            let replicas = try (0..<6).map { _ in try reopen() }
            let now = Date()
            let winners = try await withThrowingTaskGroup(of: String?.self) { group in
                for (index, replica) in replicas.enumerated() {
                    group.addTask { try replica.claimLease("stack:race", owner: "replica-\(index)", for: .seconds(60), at: now)?.owner }
                }
                var winners: [String] = []
                for try await winner in group { if let winner { winners.append(winner) } }
                return winners
            }
            #expect(winners.count == 1)
            #expect(try store.lease("stack:race")?.owner == winners.first)
        }
    }
}
