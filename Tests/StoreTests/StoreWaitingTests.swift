import Foundation
import PostgresFixture
import Store
import Subprocess
import Synchronization
import SystemPackage
import Testing

/// Store calls that wait on the database (here: on a lock another process holds) suspend
/// their task and hold no thread of Swift's cooperative pool, which has one thread per core
/// (two on a small machine), so the HTTP server and every other task keep running meanwhile.
@Suite struct StoreWaitingTests {
    @Test(.timeLimit(.minutes(3)), arguments: StoreKind.allCases)
    func writesWaitingOnALockLeaveTheCooperativePoolFree(kind: StoreKind) async throws {
        try await withDatabase(kind) { database in
            let store = try await database.open()
            try await store.setStackStatus(id: "acme/web", repositoryId: "acme", path: "web", status: .new)
            let locker = try LockHolder(database)
            do {
                try await locker.waitUntilLocked()
                // More waiting writes than the pool has threads.
                let writers = 4 * ProcessInfo.processInfo.activeProcessorCount
                let done = Counter()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<writers {
                        group.addTask {
                            defer { done.add() }
                            try await store.setStackStatus(id: "acme/s\(index)", repositoryId: "acme", path: "s\(index)", status: .new)
                        }
                    }
                    // The writers are under way and wait for the lock; a task that needs a
                    // thread of the pool over and over still gets one.
                    for _ in 0..<10 { try await Task.sleep(for: .milliseconds(50)) }
                    #expect(done.value == 0, "the writers did not wait for the lock: the test proves nothing")
                    await locker.release()
                    try await group.waitForAll()
                }
                #expect(try await store.stacks(repositoryId: "acme").count == writers + 1)
            } catch {
                await locker.release()
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}

/// How the lock holder ended.
private final class Ending: Sendable {
    let state = Mutex<String?>(nil)
}

/// How many writers have finished.
private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func add() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// Another process holding the database's write lock (on the `stack` table in PostgreSQL)
/// until it is released: Debian's python3 for SQLite, psql for PostgreSQL.
///
/// Started with swift-subprocess, whose children inherit no descriptor of this process: a
/// Foundation `Process` child inherits the pipes of the processes other tests start at the
/// same moment, and would keep their readers waiting for as long as it holds the lock.
private final class LockHolder: Sendable {
    private let marker: URL
    private let output: URL
    private let task: Task<Void, Never>
    private let release: AsyncStream<Void>.Continuation
    /// How the process ended, once it has.
    private let ended = Ending()

    init(_ database: TestDatabase) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let marker = scratch.appendingPathComponent("locked")
        let output = scratch.appendingPathComponent("output")
        self.marker = marker
        self.output = output
        let executable: String
        let arguments: [String]
        var script = ""
        switch database {
        case .sqlite(let path):
            // Killed when released; the sleep only bounds its life if the test never gets there.
            executable = "/usr/bin/python3"
            arguments = ["-c", """
                import sqlite3, sys, time
                connection = sqlite3.connect(sys.argv[1], isolation_level=None)
                connection.execute("BEGIN IMMEDIATE")
                open(sys.argv[2], "w").close()
                time.sleep(120)
                """, path, marker.path]
        case .postgres(let cluster):
            // psql waits for more input, idle in the transaction; when it is killed the server
            // sees the connection close and rolls back (a pg_sleep would keep the lock).
            executable = "/usr/bin/psql"
            arguments = [cluster.url, "-v", "ON_ERROR_STOP=1"]
            script = """
                BEGIN;
                LOCK TABLE "stack" IN EXCLUSIVE MODE;
                \\! touch \(marker.path)

                """
        }
        let log = try FileDescriptor.open(FilePath(output.path), .writeOnly, options: [.create, .truncate], permissions: .ownerReadWrite)
        let (releases, release) = AsyncStream<Void>.makeStream()
        self.release = release
        let ended = self.ended
        task = Task {
            do {
                let result = try await Subprocess.run(
                    Configuration(executable: .path(FilePath(executable)), arguments: Arguments(arguments)),
                    input: .inputWriter, output: .fileDescriptor(log, closeAfterSpawningProcess: true), error: .combinedWithOutput
                ) { execution in
                    _ = try await execution.standardInputWriter.write(script)
                    for await _ in releases {}
                    try? execution.send(signal: .kill)
                    try await execution.standardInputWriter.finish()
                }
                ended.state.withLock { $0 = "ended: \(result.terminationStatus)" }
            } catch {
                ended.state.withLock { $0 = "could not run: \(error)" }
            }
        }
    }

    /// Returns once the lock is held; throws with the process's output when it ended first.
    func waitUntilLocked() async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while !FileManager.default.fileExists(atPath: marker.path) {
            if let end = ended.state.withLock({ $0 }) ?? (clock.now < deadline ? nil : "still running after 60 s") {
                let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                throw StoreError("the lock holder did not take the lock (\(end)): \(text)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stops the process (its lock goes with it), waits for it and removes its files.
    func release() async {
        release.finish()
        await task.value
        try? FileManager.default.removeItem(at: marker.deletingLastPathComponent())
    }
}
