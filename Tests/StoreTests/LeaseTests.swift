import Foundation
import Testing
import PostgresFixture
import Store

/// Leases: a claim on a stack's work held by one replica until it expires.
@Suite struct LeaseTests {
    @Test(arguments: StoreKind.allCases)
    func aLeaseIsHeldRenewedReleasedAndTakenOverAfterItExpires(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try #require(try await store.claimLease("stack:a/web", owner: "replica-1", for: .seconds(30), at: start))
            #expect(first.owner == "replica-1" && first.expiresAt == start.addingTimeInterval(30))
            // Held: another replica is refused, and the lease is unchanged.
            #expect(try await store.claimLease("stack:a/web", owner: "replica-2", for: .seconds(30), at: start.addingTimeInterval(10)) == nil)
            #expect(try await store.lease("stack:a/web") == first)
            // Renewed by its holder: later expiry, same acquisition time.
            let renewed = try #require(try await store.claimLease("stack:a/web", owner: "replica-1", for: .seconds(30), at: start.addingTimeInterval(20)))
            #expect(renewed.acquiredAt == start && renewed.expiresAt == start.addingTimeInterval(50))
            #expect(try await store.claimLease("stack:a/web", owner: "replica-2", for: .seconds(30), at: start.addingTimeInterval(45)) == nil)
            // Expired (its holder stopped renewing): taken over.
            let taken = try #require(try await store.claimLease("stack:a/web", owner: "replica-2", for: .seconds(30), at: start.addingTimeInterval(50)))
            #expect(taken.owner == "replica-2" && taken.acquiredAt == start.addingTimeInterval(50))
            // The old holder's release does not free the new holder's lease.
            try await store.releaseLease("stack:a/web", owner: "replica-1")
            #expect(try await store.lease("stack:a/web")?.owner == "replica-2")
            try await store.releaseLease("stack:a/web", owner: "replica-2")
            #expect(try await store.lease("stack:a/web") == nil)
            // Other keys are independent.
            #expect(try await store.claimLease("stack:a/db", owner: "replica-1", for: .seconds(5), at: start) != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func ofManyReplicasClaimingAtOnceExactlyOneWins(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            // Each "replica" has its own Store (its own connections), as separate processes would.
            var replicas: [Store] = []
            for _ in 0..<6 { replicas.append(try await reopen()) }
            let now = Date()
            let winners = try await withThrowingTaskGroup(of: String?.self) { group in
                for (index, replica) in replicas.enumerated() {
                    group.addTask { try await replica.claimLease("stack:race", owner: "replica-\(index)", for: .seconds(60), at: now)?.owner }
                }
                var winners: [String] = []
                for try await winner in group { if let winner { winners.append(winner) } }
                return winners
            }
            #expect(winners.count == 1)
            #expect(try await store.lease("stack:race")?.owner == winners.first)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func workOfADeadReplicaIsInterruptedAndALiveOnesIsLeftAlone(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            let now = Date()
            // "live" renews its replica lease; "dead" stopped renewing a while ago.
            _ = try #require(try await store.claimLease(Store.replicaLeaseKey("live"), owner: "live", for: .seconds(60), at: now))
            _ = try #require(try await store.claimLease(Store.replicaLeaseKey("dead"), owner: "dead", for: .seconds(5), at: now.addingTimeInterval(-60)))
            let deadRun = try await store.startRun(stackId: "a/web", kind: .deployment, owner: "dead")
            let liveRun = try await store.startRun(stackId: "a/db", kind: .deployment, owner: "live")
            let soloRun = try await store.startRun(stackId: "a/dns", kind: .proposal)
            let running = try await store.insertDeployment(DeploymentRecord(runId: deadRun.id, stackId: "a/web", commit: "c1", status: .running, owner: "dead"))
            let queued = try await store.insertDeployment(DeploymentRecord(stackId: "a/api", commit: "c1", owner: "dead"))
            let live = try await store.insertDeployment(DeploymentRecord(runId: liveRun.id, stackId: "a/db", commit: "c1", status: .running, owner: "live"))
            // A replica that never wrote a lease at all is dead too.
            let never = try await store.insertDeployment(DeploymentRecord(stackId: "a/cdn", commit: "c1", owner: "never"))

            let recovery = try await reopen().recoverWorkOfDeadReplicas(me: "live", at: now)
            #expect(recovery.runs.map(\.id) == [deadRun.id])
            #expect(recovery.deployments.map(\.id) == [running.id, queued.id, never.id])
            #expect(recovery.deployments.allSatisfy { $0.status == .interrupted && $0.finishedAt != nil })
            #expect(recovery.deployments.first?.error == "the replica running this deployment stopped")
            #expect(try await store.deployment(id: try #require(live.id))?.status == .running)
            #expect(try await store.run(id: try #require(liveRun.id))?.status == .running)
            #expect(try await store.run(id: try #require(soloRun.id))?.status == .running, "runs without an owner are one daemon's (recovered by pid)")
            // Each record is recovered once.
            #expect(try await store.recoverWorkOfDeadReplicas(me: "live", at: now) == Store.Recovery(runs: [], deployments: []))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func ofReplicasQueueingOneStacksDeploymentAtOnceOneWins(kind: StoreKind) async throws {
        try await withStore(kind) { store, reopen in
            var replicas: [Store] = []
            for _ in 0..<6 { replicas.append(try await reopen()) }
            let inserted = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for (index, replica) in replicas.enumerated() {
                    group.addTask {
                        try await replica.insertDeploymentUnlessBusy(DeploymentRecord(stackId: "a/web", commit: "c1", owner: "replica-\(index)"))?.id
                    }
                }
                var ids: [Int64] = []
                for try await id in group { if let id { ids.append(id) } }
                return ids
            }
            #expect(inserted.count == 1)
            #expect(try await store.deployments(stackId: "a/web").map(\.id) == inserted)
            // Once it has ended, the next one may be queued; other stacks never wait.
            #expect(try await store.insertDeploymentUnlessBusy(DeploymentRecord(stackId: "a/db", commit: "c1")) != nil)
            var first = try #require(try await store.deployments(stackId: "a/web").first)
            first.status = .succeeded
            try await store.updateDeployment(first)
            #expect(try await store.insertDeploymentUnlessBusy(DeploymentRecord(stackId: "a/web", commit: "c2")) != nil)
        }
    }
}
