import Foundation

/// Runs a command for a test fixture (git as a user would run it, awscli against moto) and
/// returns its standard output; throws with the output when it fails.
@discardableResult
func sh(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], allowFailure: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["GIT_AUTHOR_NAME"] = "Test User"
    env["GIT_AUTHOR_EMAIL"] = "user@example.com"
    env["GIT_COMMITTER_NAME"] = "Test User"
    env["GIT_COMMITTER_EMAIL"] = "user@example.com"
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.merge(environment) { _, new in new }
    process.environment = env
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 && !allowFailure {
        throw FixtureError("\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(text)")
    }
    return text
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A temporary directory removed at the end of the test.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init(_ prefix: String = "ezbuilt-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit {
        // EZBUILT_KEEP_TEST_DIRS=1 keeps them (repositories, daemon logs) for a post-mortem.
        if ProcessInfo.processInfo.environment["EZBUILT_KEEP_TEST_DIRS"] == nil {
            try? FileManager.default.removeItem(at: url)
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(120), every interval: Duration = .milliseconds(500), _ condition: () async throws -> Bool) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: interval)
    }
    return try await condition()
}
