import Foundation
import Testing

/// Runs the built `ezbuilt` binary (next to the test bundle) and captures its output. The
/// wait happens on a thread of its own, so a long command (a terraform apply) never holds one
/// of the few threads the concurrently running tests share.
func runEZBuilt(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try runEZBuiltBlocking(arguments) })
        }.start()
    }
}

/// The `ezbuilt` binary built beside the tests.
var ezbuiltBinary: URL {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = products.appendingPathComponent("ezbuilt")
    if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    // `swift test` on Linux runs the bundle from the products directory itself.
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/ezbuilt")
}

private func runEZBuiltBlocking(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let binary = ezbuiltBinary
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain stderr on another thread while stdout is read here, so a full pipe cannot block the child.
    let errBox = DataBox()
    let reader = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); errBox.done.signal() }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errBox.done.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errBox.data, as: UTF8.self))
}

/// Hands the stderr bytes from the reader thread back to the caller.
private final class DataBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}

private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct CLITests {
    @Test func versionPrints() async throws {
        let result = try await runEZBuilt(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func helpListsCheckConfig() async throws {
        let result = try await runEZBuilt(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("check-config"))
    }

    @Test func checkConfigSummarisesAGoodFile() async throws {
        let result = try await runEZBuilt(["check-config", repositoryRoot.appendingPathComponent("Config/ezbuilt.example.yaml").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok: 2 repositories, listen 127.0.0.1:8080"))
    }

    @Test func checkConfigListsErrorsAndFails() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-bad-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try "repositories:\n  - id: a\n    url: /a\n    drift: { interval: 1x }\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try await runEZBuilt(["check-config", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("repositories[0].drift.interval: \"1x\" is not a duration"))
        #expect(result.stderr.contains("(line 4)"))
    }
}
