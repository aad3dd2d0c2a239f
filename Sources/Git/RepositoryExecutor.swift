import Dispatch

/// A serial executor backed by its own dispatch queue. Each `GitRepository` runs on one, so its
/// blocking libgit2 calls (fetch and push wait on the network) occupy a dispatch thread instead of
/// one of the few threads of Swift's cooperative pool, while actor isolation still guarantees
/// that only one call touches the repository handle at a time.
final class RepositoryExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
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
