import Foundation
import Logging
import Store

/// How one replica shares the work with the others on one PostgreSQL database, through the
/// database only: a lease per stack, held while working on it (proposal, deployment, destroy,
/// drift check) and renewed every third of its duration, and a lease per replica, renewed by
/// its heartbeat. A replica that dies stops renewing: once its leases expire, another takes
/// its stacks over and marks the work it left as interrupted (`Store.recoverWorkOfDeadReplicas`).
public final class ReplicaLeases: Sendable {
    /// This replica: host, process and a random part, so a restarted process is a new replica.
    public let owner: String
    /// How long a lease lasts without renewal.
    public let duration: Duration
    private let store: Store
    private let logger: Logger

    public init(store: Store, duration: Duration, owner: String = ReplicaLeases.newOwner(), logger: Logger) {
        self.store = store
        self.duration = duration
        self.owner = owner
        var logger = logger
        logger[metadataKey: "replica"] = "\(owner)"
        self.logger = logger
    }

    /// A fresh replica id: `host-pid-random`.
    public static func newOwner() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host)-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// Leases are renewed this often.
    var renewalInterval: Duration { duration / 3 }

    static func stackKey(_ stackID: String) -> String { "stack:" + stackID }

    /// Takes this replica's own lease (before it queues anything, so its work is never taken
    /// for a dead replica's).
    func announce() async throws {
        guard try await store.claimLease(Store.replicaLeaseKey(owner), owner: owner, for: duration) != nil else {
            throw ReconcileFailure.stalled("the replica id \(owner) is in use by another live process")
        }
    }

    /// Gives up this replica's lease at shutdown, so the others recover what it left at once.
    func resign() async {
        try? await store.releaseLease(Store.replicaLeaseKey(owner), owner: owner)
    }

    /// Renews this replica's lease and recovers the work of dead replicas every third of the
    /// lease, until cancelled; `recovered` reports what was found.
    func heartbeat(_ recovered: @escaping @Sendable (Store.Recovery) async -> Void) async {
        while !Task.isCancelled {
            do {
                try await announce()
                let recovery = try await store.recoverWorkOfDeadReplicas(me: owner)
                if !recovery.runs.isEmpty || !recovery.deployments.isEmpty {
                    logger.warning("recovered the work of a replica that stopped", metadata: [
                        "runs": "\(recovery.runs.count)", "deployments": "\(recovery.deployments.count)",
                    ])
                    await recovered(recovery)
                }
            } catch {
                logger.warning("could not renew this replica's lease", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: renewalInterval)
        }
    }

    /// Runs `work` holding the lease on `stackID`, renewed while it runs. While another live
    /// replica holds it the job waits (`ReconcileFailure.waiting`) and is tried again; when the
    /// lease is lost (not renewed in time, and taken over) the work is cancelled.
    func holding(_ stackID: String, _ work: @escaping @Sendable () async throws -> Void) async throws {
        let key = Self.stackKey(stackID)
        guard try await store.claimLease(key, owner: owner, for: duration) != nil else {
            let holder = try await store.lease(key)?.owner ?? "another replica"
            throw ReconcileFailure.waiting("\(stackID) is being worked on by replica \(holder)", retryAfter: renewalInterval)
        }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await work() }
                group.addTask { try await self.keepRenewing(key) }
                // The work ended (the renewal never ends on its own), or the lease was lost, which
                // cancels the work.
                try await group.next()
                group.cancelAll()
            }
        } catch {
            try? await store.releaseLease(key, owner: owner)
            throw error
        }
        try? await store.releaseLease(key, owner: owner)
    }

    private func keepRenewing(_ key: String) async throws {
        var validUntil = ContinuousClock.now + duration
        while true {
            try await Task.sleep(for: renewalInterval)
            do {
                guard try await store.claimLease(key, owner: owner, for: duration) != nil else {
                    throw LeaseLost(key: key)
                }
                validUntil = ContinuousClock.now + duration
            } catch let lost as LeaseLost {
                throw lost
            } catch {
                // The database may be back in a moment; the lease still runs until validUntil.
                logger.warning("could not renew a lease", metadata: ["lease": "\(key)", "error": "\(error)"])
                if ContinuousClock.now >= validUntil { throw LeaseLost(key: key) }
            }
        }
    }

    /// Another replica took the lease over: this one stops working on the stack.
    struct LeaseLost: Error, CustomStringConvertible {
        let key: String
        var description: String { "the lease \(key) expired and another replica took it over" }
    }
}
