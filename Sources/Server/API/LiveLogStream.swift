import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Store

/// A run's log as server-sent events: the stored lines, then each new line as it is written,
/// until the run ends.
///
/// Each line is one event whose `id:` is the log line id (so `Last-Event-ID` resumes without
/// gaps or repeats) and whose `data:` is the text. The stream ends with `event: end` whose
/// data is the run's final status. It subscribes to `LiveLogs` before reading the store and
/// skips lines it already sent, so nothing written in between is lost. The store is read
/// every second as well, so the lines of a run on another replica stream too (by polling), and
/// a run finished by another process (or one whose `finish` was never published) still ends
/// the stream; a comment line every 15 s keeps proxies from
/// closing an idle connection and notices clients that went away. While a plan or apply runs,
/// `event: progress` carries how far it has got (`{"phase","done","total","current",…}`),
/// sent when it changes.
struct LiveLogStream: Sendable {
    let store: Store
    let live: LiveLogs
    let runId: Int64
    let after: Int64?
    let logger: Logger

    static let pollInterval: Duration = .seconds(1)
    static let keepAliveTicks = 15
    static let pageSize = 1_000

    private enum Event: Sendable {
        case line(LogLineRecord)
        case tick
        case liveEnded
        case shutdown
    }

    func response() -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8",
                .cacheControl: "no-store",
                // Tells nginx-style proxies not to buffer the stream.
                .init("X-Accel-Buffering")!: "no",
            ],
            body: ResponseBody { writer in
                try await stream(&writer)
            }
        )
    }

    private func stream(_ writer: inout any ResponseBodyWriter) async throws {
        let liveLines = live.follow(runId: runId)
        var lastId = after ?? 0
        let (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .unbounded)
        // The retry hint makes a reconnecting EventSource wait a little instead of hammering.
        try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
        lastId = try await writeStored(after: lastId, &writer)
        if let run = try await store.run(id: runId), run.status != .running {
            // Already over: whatever was written before it ended is stored; no need to wait.
            lastId = try await writeStored(after: lastId, &writer)
            try await writer.write(ByteBuffer(string: "event: end\ndata: \(run.status.rawValue)\n\n"))
            try await writer.finish(nil)
            return
        }

        let endStatus: String = try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self, returning: String.self) { group in
                group.addTask {
                    for await line in liveLines { continuation.yield(.line(line)) }
                    continuation.yield(.liveEnded)
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: Self.pollInterval)
                        continuation.yield(.tick)
                    }
                }
                defer { group.cancelAll() }
                var ticks = 0
                var sentProgress: RunProgressRecord?
                for await event in events {
                    if let progress = live.progress(runId: runId), progress != sentProgress {
                        try await writer.write(ByteBuffer(string: try Self.event(progress)))
                        sentProgress = progress
                    }
                    switch event {
                    case .line(let line):
                        guard let id = line.id, id > lastId else { continue }
                        try await writer.write(ByteBuffer(string: Self.event(line)))
                        lastId = id
                    case .tick:
                        ticks += 1
                        // Lines of a run on another replica reach this one only through the store.
                        let stored = try await writeStored(after: lastId, &writer)
                        if stored != lastId {
                            lastId = stored
                        } else if ticks % Self.keepAliveTicks == 0 {
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        }
                        if let run = try await store.run(id: runId), run.status != .running {
                            lastId = try await writeStored(after: lastId, &writer)
                            return run.status.rawValue
                        }
                    case .liveEnded:
                        lastId = try await writeStored(after: lastId, &writer)
                        return try await store.run(id: runId)?.status.rawValue ?? "finished"
                    case .shutdown:
                        return "server shutting down"
                    }
                }
                return "cancelled"
            }
        } onGracefulShutdown: {
            continuation.yield(.shutdown)
        }
        continuation.finish()
        try await writer.write(ByteBuffer(string: "event: end\ndata: \(endStatus)\n\n"))
        try await writer.finish(nil)
    }

    /// Writes the stored lines after `lastId`, page by page; returns the new last id.
    private func writeStored(after lastId: Int64, _ writer: inout any ResponseBodyWriter) async throws -> Int64 {
        var lastId = lastId
        while true {
            let lines = try await store.logLines(runId: runId, afterId: lastId, limit: Self.pageSize)
            guard !lines.isEmpty else { return lastId }
            try await writer.write(ByteBuffer(string: lines.map(Self.event).joined()))
            lastId = lines.last?.id ?? lastId
            if lines.count < Self.pageSize { return lastId }
        }
    }

    /// A progress event (JSON on one line).
    static func event(_ progress: RunProgressRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return "event: progress\ndata: \(String(decoding: try encoder.encode(progress), as: UTF8.self))\n\n"
    }

    /// One event; a text with line breaks becomes several `data:` lines, as the format requires.
    static func event(_ line: LogLineRecord) -> String {
        let data = line.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { "data: \($0)\n" }.joined()
        return "id: \(line.id ?? 0)\n\(data)\n"
    }
}
