import Foundation
import TestProcesses

/// `curl -N` reading a response as it arrives (URLSession on Linux hands bodies over only
/// when complete), so tests can watch server-sent events while the server still writes.
///
/// curl writes to a file of its own (`-o`), not to a pipe, and is started without our
/// descriptors (``BackgroundProcess``): nothing of another test's processes is held open.
final class StreamingClient: Sendable {
    private let process: BackgroundProcess
    private let output: URL

    init(url: String, headers: [String: String] = [:]) async throws {
        output = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-sse-\(UUID().uuidString).txt")
        var arguments = ["-sS", "-N", "--max-time", "20", "-o", output.path]
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        process = try await BackgroundProcess.start("/usr/bin/curl", arguments + [url])
    }

    /// Everything received so far.
    var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
    /// Whether curl exited: the server ended the response (or curl gave up).
    var finished: Bool { !process.isRunning }

    /// Waits until `condition` holds on what arrived so far, up to `limit`.
    func wait(within limit: Duration = .seconds(5), until condition: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(text)
    }

    /// Waits for curl to exit (the server ended the response).
    func waitForEnd(within limit: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if finished { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return finished
    }

    /// Stops curl if it still runs (in the background, by its own pid) and removes its output.
    func stop() {
        process.requestStop()
        try? FileManager.default.removeItem(at: output)
    }

    deinit { stop() }
}
