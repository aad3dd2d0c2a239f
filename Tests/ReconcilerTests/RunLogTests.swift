import Foundation
import Logging
import Store
import Terraform
import Testing
@testable import Reconciler

/// Run logs are written in batches, in order, and every line reaches the store and live
/// followers before the run is marked finished.
struct RunLogTests {
    @Test func everyLineIsStoredInOrderAndFollowersSeeThemBeforeTheEnd() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Store(path: directory.appendingPathComponent("ezbuilt.sqlite").path)
        let live = LiveLogs()
        let run = try await store.startRun(stackId: "r/s", kind: .proposal)
        let runId = try #require(run.id)
        let log = RunLog(runId: runId, store: store, live: live, logger: Logger(label: "test"))
        let followed = live.follow(runId: runId)
        let collector = Task {
            var texts: [String] = []
            for await line in followed { texts.append(line.text) }
            return texts
        }

        // Two writers at once, as terraform's stdout and stderr readers are.
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for index in 0..<1500 { log.write(LogLine(stream: .stdout, text: "out \(index)")) } }
            group.addTask { for index in 0..<500 { log.write(LogLine(stream: .stderr, text: "err \(index)")) } }
        }
        log.note("done")
        await log.finish(.finished)

        let stored = try await store.logLines(runId: runId)
        #expect(stored.count == 2001)
        #expect(stored.filter { $0.stream == .stdout }.map(\.text) == (0..<1500).map { "out \($0)" })
        #expect(stored.filter { $0.stream == .stderr }.map(\.text) == (0..<500).map { "err \($0)" })
        #expect(stored.last?.text == "done")
        #expect(try await store.run(id: runId)?.status == .finished)
        let seen = await collector.value
        #expect(seen == stored.map(\.text))
    }
}
