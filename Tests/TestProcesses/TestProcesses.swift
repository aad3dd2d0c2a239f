import Foundation
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Child processes for tests, started with swift-subprocess.
///
/// Two rules keep the test process from hanging. A child gets no descriptor of ours: a
/// Foundation `Process` child inherits the pipes and exit-monitor sockets of every process
/// other tests start at the same moment, and keeps their readers (and Foundation's wait for
/// their exit) blocked for as long as it lives. And waiting for a child suspends the task
/// rather than holding one of the cooperative pool's few threads — a blocked pool cannot run
/// the in-process server the child is talking to.
public enum TestProcess {
    /// What a finished command printed, and how it ended.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `arguments` (the first looked up on PATH) to its end and returns its output.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
                           input: Data? = nil) async throws -> Output {
        let configuration = Configuration(
            executable: .name(arguments[0]), arguments: Arguments(Array(arguments.dropFirst())),
            environment: environment.map { .custom(Dictionary(uniqueKeysWithValues: $0.map { (Environment.Key(rawValue: $0.key)!, $0.value) })) } ?? .inherit,
            workingDirectory: directory.map { FilePath($0.path) }
        )
        let result = try await Subprocess.run(
            configuration, input: .data(input ?? Data()), output: .string(limit: 64 << 20), error: .string(limit: 64 << 20))
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
        return Output(status: status, stdout: result.standardOutput ?? "", stderr: result.standardError ?? "")
    }
}

/// A long-lived child (a server) running until `stop()`: its output goes to `logFile`.
public final class BackgroundProcess: Sendable {
    /// The child's pid, once started.
    public let pid: pid_t
    private let task: Task<Void, Never>
    private let stopRequest: AsyncStream<Void>.Continuation
    private let state: Ending

    /// Starts `executable` with `arguments`; returns once it runs.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                             workingDirectory: URL? = nil, logFile: URL? = nil) async throws -> BackgroundProcess {
        let log = try FileDescriptor.open(FilePath(logFile?.path ?? "/dev/null"), .writeOnly, options: [.create, .append],
                                          permissions: .ownerReadWrite)
        let configuration = Configuration(
            executable: .path(FilePath(executable)), arguments: Arguments(arguments),
            environment: environment.map { .custom(Dictionary(uniqueKeysWithValues: $0.map { (Environment.Key(rawValue: $0.key)!, $0.value) })) } ?? .inherit,
            workingDirectory: workingDirectory.map { FilePath($0.path) }
        )
        let (stops, stopRequest) = AsyncStream<Void>.makeStream()
        let state = Ending()
        let started = AsyncStream<pid_t>.makeStream()
        let task = Task {
            do {
                _ = try await Subprocess.run(configuration, input: .none, output: .fileDescriptor(log, closeAfterSpawningProcess: true),
                                             error: .combinedWithOutput) { execution in
                    let pid = execution.processIdentifier.value
                    started.continuation.yield(pid)
                    started.continuation.finish()
                    for await _ in stops {}
                    // SIGTERM, then SIGKILL if it is still there after two seconds.
                    try? execution.send(signal: .terminate)
                    let deadline = ContinuousClock.now + .seconds(2)
                    while kill(pid, 0) == 0, state.ended.withLock({ !$0 }), ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    try? execution.send(signal: .kill)
                }
            } catch {
                state.failure.withLock { $0 = "\(error)" }
            }
            state.ended.withLock { $0 = true }
            started.continuation.finish()
        }
        var iterator = started.stream.makeAsyncIterator()
        guard let pid = await iterator.next() else {
            await task.value
            throw TestProcessError("\(executable) did not start: \(state.failure.withLock { $0 } ?? "unknown")")
        }
        return BackgroundProcess(pid: pid, task: task, stopRequest: stopRequest, state: state)
    }

    private init(pid: pid_t, task: Task<Void, Never>, stopRequest: AsyncStream<Void>.Continuation, state: Ending) {
        self.pid = pid
        self.task = task
        self.stopRequest = stopRequest
        self.state = state
    }

    /// Whether the child is still running (not ended, and not a zombie waiting to be reaped).
    public var isRunning: Bool {
        guard !state.ended.withLock({ $0 }),
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Stops the child (SIGTERM, then SIGKILL) and waits until it is reaped.
    public func stop() async {
        stopRequest.finish()
        await task.value
    }

    /// Starts stopping the child without waiting (for `defer` and `deinit`): it is signalled
    /// and reaped in the background.
    public func requestStop() {
        stopRequest.finish()
    }
}

private final class Ending: Sendable {
    let ended = Mutex(false)
    let failure = Mutex<String?>(nil)
}

public struct TestProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
