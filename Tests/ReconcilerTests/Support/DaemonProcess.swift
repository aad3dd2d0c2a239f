import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `ezbuilt serve` process, as an operator runs it, with its output in a file.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let logFile: URL

    /// The `ezbuilt` binary next to the test bundle.
    static var binary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = products.appendingPathComponent("ezbuilt")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/ezbuilt")
    }

    init(config: URL, logFile: URL, extraArguments: [String] = [], environment: [String: String] = [:]) throws {
        self.logFile = logFile
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        handle.seekToEndOfFile()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--config", config.path, "--log-level", "debug"] + extraArguments
        process.standardOutput = handle
        process.standardError = handle
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Polls `condition` until it holds, `timeout` passes, or the daemon exits.
    func eventually(timeout: Duration = .seconds(600), every interval: Duration = .milliseconds(500), _ condition: () async throws -> Bool) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline, process.isRunning {
            if try await condition() { return true }
            try await Task.sleep(for: interval)
        }
        return try await condition()
    }
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// The HTTP port the daemon logged it listens on (the config asks for port 0).
    var httpPort: Int? {
        guard let match = log.firstMatch(of: /port=([0-9]+) \[Server\] HTTP API listening/) else { return nil }
        return Int(match.1)
    }

    /// SIGTERM, then wait for a clean exit.
    func stop(timeout: Duration = .seconds(60)) async -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(pid, SIGTERM)
        return await waitForExit(timeout: timeout)
    }

    /// SIGKILL: the daemon gets no chance to clean up.
    func killHard() async {
        kill(pid, SIGKILL)
        _ = await waitForExit(timeout: .seconds(30))
    }

    private func waitForExit(timeout: Duration) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning {
            kill(pid, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(pid, SIGKILL) }
    }
}

/// Writes a daemon configuration for one repository under test.
func writeConfig(to url: URL, dataDir: URL, repositoryURL: URL, sandbox: URL, allowDestroy: Bool = false, driftInterval: String = "1h", remediate: Bool = false, confine: Bool = true, extra: String = "", repositoryExtra: String = "") throws {
    let yaml = """
        \(extra)
        dataDir: \(dataDir.path)
        listen: 127.0.0.1:0
        terraform: { binary: /usr/local/bin/terraform, pluginDir: /opt/tf-plugins, parallelism: 2, timeout: 10m, confine: \(confine) }
        defaults: { pollInterval: 1s, driftInterval: \(driftInterval), region: us-east-1 }
        sandbox: { endpoint: "\(sandbox.absoluteString)" }
        repositories:
          - id: acme
            url: \(repositoryURL.path)
            deployBranch: main
            statusBranch: ezbuilt/status
            allowDestroy: \(allowDestroy)
            drift: { interval: \(driftInterval), remediate: \(remediate) }
            \(repositoryExtra)
        """
    try yaml.write(to: url, atomically: true, encoding: .utf8)
}

/// awscli against the emulator.
func aws(_ endpoint: URL, _ arguments: [String]) throws -> String {
    try sh(["aws", "--endpoint-url", endpoint.absoluteString, "--region", "us-east-1", "--output", "json"] + arguments,
           environment: ["AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_PAGER": ""])
}
