import Foundation
import PostgresFixture
import Store
import Synchronization
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
                    locker.release()
                    try await group.waitForAll()
                }
                #expect(try await store.stacks(repositoryId: "acme").count == writers + 1)
            } catch {
                locker.release()
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}

/// How many writers have finished.
private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func add() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// Another process holding the database's write lock (on the `stack` table in PostgreSQL)
/// until it is stopped: Debian's python3 for SQLite, psql for PostgreSQL.
private final class LockHolder: @unchecked Sendable {
    private let process: Process
    private let marker: URL
    private let output: URL
    /// psql's input, kept open so that it waits for more.
    private let input = Pipe()

    init(_ database: TestDatabase) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        marker = scratch.appendingPathComponent("locked")
        output = scratch.appendingPathComponent("output")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        self.process = process
        switch database {
        case .sqlite(let path):
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", """
                import os, sqlite3, sys, time
                os.closerange(3, 65536)  # pipes of processes the tests start beside it: not ours to hold open
                connection = sqlite3.connect(sys.argv[1], isolation_level=None)
                connection.execute("BEGIN IMMEDIATE")
                open(sys.argv[2], "w").close()
                time.sleep(600)
                """, path, marker.path]
        case .postgres(let cluster):
            // psql then waits for more input, idle in the transaction; when it is killed the
            // server sees the connection close and rolls back (a pg_sleep would keep the lock).
            // Through python, to close the pipes of processes the tests start beside it (held
            // open, they would keep those processes' readers waiting for as long as psql lives).
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", "import os, sys; os.closerange(3, 65536); os.execv('/usr/bin/psql', ['psql'] + sys.argv[1:])",
                                 cluster.url, "-v", "ON_ERROR_STOP=1"]
            process.standardInput = input
            input.fileHandleForWriting.write(Data("""
                BEGIN;
                LOCK TABLE "stack" IN EXCLUSIVE MODE;
                \\! touch \(marker.path)

                """.utf8))
        }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Returns once the lock is held; throws with the process's output when it ended first.
    func waitUntilLocked() async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while !FileManager.default.fileExists(atPath: marker.path) {
            guard process.isRunning, clock.now < deadline else {
                let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                throw StoreError("the lock holder did not take the lock: \(text)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stops the process (its lock goes with it) and removes its files.
    func release() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? input.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: marker.deletingLastPathComponent())
    }

    deinit { release() }
}
