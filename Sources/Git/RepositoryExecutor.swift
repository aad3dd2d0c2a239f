import Dispatch
import Synchronization

/// A serial executor backed by its own dispatch queue. Each `GitRepository` runs on one, so its
/// blocking libgit2 calls (fetch and push wait on the network) occupy a dispatch thread instead of
/// one of the few threads of Swift's cooperative pool, while actor isolation still guarantees
/// that only one call touches the repository handle at a time.
///
/// The queues of all repositories share a few serial lanes (`laneCount`): a queue of its own
/// per repository would let libdispatch start a thread for every repository blocked in a
/// fetch, so threads (with their stacks and malloc arenas) would grow with the number of
/// repositories. With lanes, at most `laneCount` threads run libgit2 calls at once.
final class RepositoryExecutor: SerialExecutor {
    /// Threads running libgit2 calls at once, over all repositories.
    static let laneCount = 8
    private static let lanes = (0..<laneCount).map { DispatchQueue(label: "ezbuilt.git.lane\($0)") }
    private static let nextLane = Atomic<Int>(0)

    private let queue: DispatchQueue

    init(label: String) {
        let lane = Self.nextLane.add(1, ordering: .relaxed).oldValue % Self.laneCount
        queue = DispatchQueue(label: label, target: Self.lanes[lane])
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
