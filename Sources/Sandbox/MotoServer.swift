import Foundation
import Logging
import Subprocess
import Synchronization

/// A `moto_server` (AWS API emulator) child process on a free loopback port.
///
/// Used by `ezbuilt serve --sandbox` and by the tests. The process is ours: `stop()` ends it
/// (SIGTERM, then SIGKILL), and so does cancelling the task that started it.
public final class MotoServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let endpoint: URL
    public let port: Int
    private let task: Task<Void, Never>
    private let exited: ExitSignal

    private init(port: Int, task: Task<Void, Never>, exited: ExitSignal) {
        self.port = port
        self.endpoint = URL(string: "http://127.0.0.1:\(port)")!
        self.task = task
        self.exited = exited
    }

    /// Starts `moto_server` and returns once it accepts connections.
    /// - Parameter executable: the command, looked up on PATH when not absolute.
    public static func start(executable: String = "moto_server", logger: Logger = Logger(label: "ezbuilt.sandbox"), startupTimeout: Duration = .seconds(90)) async throws -> MotoServer {
        var lastError: Error = SandboxError.didNotStart("moto_server did not start")
        // A port can be taken between choosing it and binding it: try a few.
        for _ in 0..<3 {
            let port = try LoopbackPort.free()
            do {
                return try await launch(executable: executable, port: port, logger: logger, timeout: startupTimeout)
            } catch let error as SandboxError {
                lastError = error
                if case .notInstalled = error { throw error }
            }
        }
        throw lastError
    }

    private static func launch(executable: String, port: Int, logger: Logger, timeout: Duration) async throws -> MotoServer {
        let exited = ExitSignal()
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(3))]
        let name: Executable = executable.hasPrefix("/") ? .path(.init(executable)) : .name(executable)
        let task = Task {
            do {
                let result = try await Subprocess.run(
                    name,
                    arguments: ["-H", "127.0.0.1", "-p", "\(port)"],
                    environment: .inherit.updating(["AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"]),
                    platformOptions: options,
                    input: .none,
                    output: .discarded,
                    error: .string(limit: 64 * 1024)
                )
                exited.finish("moto_server exited (\(result.terminationStatus)): \(result.standardError.suffix(500))")
            } catch {
                exited.finish("moto_server could not run: \(error)")
            }
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let message = exited.message {
                if message.contains("could not run") {
                    throw SandboxError.notInstalled("\(message). Install it with: pip install 'moto[server]'")
                }
                throw SandboxError.didNotStart(message)
            }
            if LoopbackPort.isAccepting(port) {
                logger.info("sandbox AWS emulator started", metadata: ["endpoint": "http://127.0.0.1:\(port)"])
                return MotoServer(port: port, task: task, exited: exited)
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        task.cancel()
        await task.value
        throw SandboxError.didNotStart("moto_server did not accept connections on port \(port) within \(timeout)")
    }

    /// Whether the process is still running.
    public var isRunning: Bool { exited.message == nil }

    /// Stops the server and waits for the process to end.
    public func stop() async {
        task.cancel()
        await task.value
    }
}

/// Set once, when the child process ends.
private final class ExitSignal: Sendable {
    private let state = Mutex<String?>(nil)

    var message: String? { state.withLock { $0 } }

    func finish(_ message: String) {
        state.withLock { $0 = $0 ?? message }
    }
}
