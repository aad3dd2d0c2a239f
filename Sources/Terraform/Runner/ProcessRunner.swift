import Foundation
import Subprocess
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs one command (an argument vector, never a shell) with streaming, redacted logs and a
/// timeout that stops the whole process tree.
///
/// The child starts in its own session, hence its own process group, so provider plugins
/// and anything they start can be signalled together: on timeout or cancellation the group
/// gets SIGINT (Terraform stops cleanly and writes its state), then after a grace period
/// SIGKILL; a final sweep kills whatever is left in the group.
public enum ProcessRunner {
    enum Race: Sendable {
        case finished(TerminationStatus, Data)
        case timedOut
    }

    /// What to run.
    public struct Request: Sendable {
        /// Absolute path of the executable.
        public var executable: String
        /// Arguments (not including the executable).
        public var arguments: [String]
        /// The complete environment (nothing is inherited).
        public var environment: [String: String]
        /// Working directory.
        public var workingDirectory: String
        /// Longest allowed run; nil for none.
        public var timeout: Duration?
        /// Time between SIGINT and SIGKILL when stopping.
        public var gracePeriod: Duration
        /// Collect stdout into `Outcome.standardOutput` instead of logging it (JSON documents
        /// such as `show -json`, which hold secrets in clear and are never logged).
        public var captureStandardOutput: Bool
        /// Largest stdout collected.
        public var captureLimit: Int
        /// Send stdout and stderr to `<outputFile>.out` and `.err` instead of pipes, followed
        /// from there. A command that writes state (apply, destroy) runs this way: it never
        /// depends on the daemon to live, so a killed daemon cannot take it down mid-apply
        /// (a closed pipe would, with SIGPIPE) and it finishes and writes its state.
        public var outputFile: String?
        /// Bubblewrap around the process, nil to run it unconfined.
        public var confinement: Confinement?
        /// What the confined process sees (ignored when `confinement` is nil).
        public var view: ConfinementView

        /// Creates a request.
        public init(executable: String, arguments: [String], environment: [String: String],
                    workingDirectory: String, timeout: Duration? = nil, gracePeriod: Duration = .seconds(10),
                    captureStandardOutput: Bool = false, captureLimit: Int = 512 * 1024 * 1024, outputFile: String? = nil,
                    confinement: Confinement? = nil, view: ConfinementView = ConfinementView()) {
            self.outputFile = outputFile
            self.executable = executable
            self.arguments = arguments
            self.environment = environment
            self.workingDirectory = workingDirectory
            self.timeout = timeout
            self.gracePeriod = gracePeriod
            self.captureStandardOutput = captureStandardOutput
            self.captureLimit = captureLimit
            self.confinement = confinement
            self.view = view
        }

        /// The executable and arguments actually started: bubblewrap's when confined.
        var launch: (executable: String, arguments: [String]) {
            guard let confinement else { return (executable, arguments) }
            return (confinement.bubblewrap, confinement.arguments(executable: executable, arguments: arguments,
                                                                   view: view, workingDirectory: workingDirectory))
        }

        /// The command line for messages (arguments are daemon-built, never secrets).
        public var commandLine: String {
            ([(executable as NSString).lastPathComponent] + arguments).joined(separator: " ")
        }
    }

    /// How a run ended.
    public struct Outcome: Sendable {
        /// Exit code, or 128 + signal number when killed by a signal.
        public var exitCode: Int32
        /// Collected stdout when requested.
        public var standardOutput: Data
        /// The last stderr lines, redacted (for error messages).
        public var standardErrorTail: [String]
        /// Wall time of the run.
        public var duration: Duration
        /// The resources a terraform `-json` command reported errors on (filled by the
        /// terraform runner, which reads those messages).
        public var failedResources: [ResourceFailure] = []
    }

    /// Runs `request`, streaming each line (redacted) to `sink`. `onStart` receives the
    /// child's pid (also its process group id) as soon as it runs.
    ///
    /// A non-zero exit is an `Outcome`, not an error; a timeout or cancellation throws
    /// `.timedOut`/`.cancelled` after the process group is gone.
    public static func run(_ request: Request, sink: any LogSink, redactor: Redactor,
                           onStart: @escaping @Sendable (Int32) -> Void = { _ in }) async throws(TerraformError) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let processGroup = Locked<Int32?>(nil)
        let stderrTail = Locked<[String]>([])
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [
            .send(signal: .interrupt, toProcessGroup: true, allowedDurationToNextStep: request.gracePeriod),
        ]
        let launch = request.launch
        let configuration = Configuration(
            executable: .path(FilePath(launch.executable)),
            arguments: Arguments(launch.arguments),
            environment: .custom(request.environment.map { Array("\($0.key)=\($0.value)\0".utf8) }),
            workingDirectory: FilePath(request.workingDirectory),
            platformOptions: options
        )
        let capture = request.captureStandardOutput
        let limit = request.captureLimit


        let work: @Sendable () async throws -> Race = {
            if let outputFile = request.outputFile {
                return try await runWithOutputFiles(configuration, base: outputFile, sink: sink, redactor: redactor,
                                                     stderrTail: stderrTail) { pid in
                    processGroup.withLock { $0 = pid }
                    onStart(pid)
                }
            }
            let result = try await Subprocess.run(configuration, input: .none, output: .sequence, error: .sequence) { execution in
                let pid = execution.processIdentifier.value
                processGroup.withLock { $0 = pid }
                onStart(pid)
                return try await withThrowingTaskGroup(of: Data.self, returning: Data.self) { group in
                    group.addTask {
                        if capture {
                            var collected = Data()
                            for try await buffer in execution.standardOutput {
                                guard collected.count + buffer.count <= limit else {
                                    throw TerraformError.io(path: request.commandLine, detail: "standard output larger than \(limit) bytes")
                                }
                                buffer.withUnsafeBytes { collected.append(contentsOf: $0) }
                            }
                            return collected
                        }
                        for try await line in execution.standardOutput.strings(bufferingPolicy: .unbounded) {
                            sink.write(LogLine(stream: .stdout, text: redactor.redact(line)))
                        }
                        return Data()
                    }
                    group.addTask {
                        for try await line in execution.standardError.strings(bufferingPolicy: .unbounded) {
                            errorLine(line, sink: sink, redactor: redactor, tail: stderrTail)
                        }
                        return Data()
                    }
                    var stdout = Data()
                    for try await part in group where !part.isEmpty { stdout = part }
                    return stdout
                }
            }
            return .finished(result.terminationStatus, result.closureResult)
        }

        sink.write(LogLine(stream: .system, text: "$ " + redactor.redact(request.commandLine)))
        let race: Race
        do {
            race = try await withThrowingTaskGroup(of: Race.self, returning: Race.self) { group in
                group.addTask(operation: work)
                if let timeout = request.timeout {
                    group.addTask {
                        try await Task.sleep(for: timeout)
                        return .timedOut
                    }
                }
                let first = try await group.next()!
                group.cancelAll()
                if case .timedOut = first {
                    // Wait for the run to finish its teardown (SIGINT, grace, SIGKILL).
                    while let _ = try? await group.next() {}
                }
                return first
            }
        } catch let error as TerraformError {
            await stop(processGroup.withLock { $0 }, confined: request.confinement != nil, grace: request.gracePeriod)
            throw error
        } catch {
            await stop(processGroup.withLock { $0 }, confined: request.confinement != nil, grace: request.gracePeriod)
            if Task.isCancelled || error is CancellationError {
                sink.write(LogLine(stream: .system, text: "cancelled: \(request.commandLine)"))
                throw .cancelled(command: request.commandLine)
            }
            throw .launchFailed(executable: launch.executable, detail: redactor.redact(String(describing: error)))
        }
        if case .timedOut = race {
            await stop(processGroup.withLock { $0 }, confined: request.confinement != nil, grace: request.gracePeriod)
        } else {
            sweep(processGroup.withLock { $0 })
        }
        if Task.isCancelled {
            sink.write(LogLine(stream: .system, text: "cancelled: \(request.commandLine)"))
            throw .cancelled(command: request.commandLine)
        }
        switch race {
        case .timedOut:
            let timeout = request.timeout ?? .zero
            sink.write(LogLine(stream: .system, text: "timed out after \(timeout): \(request.commandLine)"))
            throw .timedOut(command: request.commandLine, after: timeout)
        case .finished(let status, let stdout):
            let code: Int32
            switch status {
            case .exited(let value): code = value
            case .signaled(let signal): code = 128 + signal
            }
            let duration = clock.now - start
            sink.write(LogLine(stream: .system, text: "exit \(code) after \(duration.formatted(.units(allowed: [.seconds, .milliseconds])))"))
            return Outcome(exitCode: code, standardOutput: stdout,
                           standardErrorTail: stderrTail.withLock { $0 }, duration: duration)
        }
    }

    /// One stderr line: redacted into the sink, and kept among the last 20 for error messages.
    private static func errorLine(_ line: String, sink: any LogSink, redactor: Redactor, tail: Locked<[String]>) {
        let clean = redactor.redact(line)
        sink.write(LogLine(stream: .stderr, text: clean))
        guard !clean.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        tail.withLock { tail in
            tail.append(clean)
            if tail.count > 20 { tail.removeFirst(tail.count - 20) }
        }
    }

    /// Runs with stdout and stderr in files, following them into `sink` while it runs and
    /// draining them after it exits.
    private static func runWithOutputFiles(
        _ configuration: Configuration, base: String, sink: any LogSink, redactor: Redactor,
        stderrTail: Locked<[String]>, started: @escaping @Sendable (Int32) -> Void
    ) async throws -> Race {
        let paths = (out: base + ".out", err: base + ".err")
        let open: (String) throws -> FileDescriptor = {
            try FileDescriptor.open(FilePath($0), .writeOnly, options: [.create, .truncate, .append], permissions: [.ownerReadWrite])
        }
        let outFD = try open(paths.out)
        let errFD: FileDescriptor
        do { errFD = try open(paths.err) } catch {
            try? outFD.close()
            throw error
        }
        let finished = Locked(false)
        let followers = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await follow(paths.out, until: finished) { sink.write(LogLine(stream: .stdout, text: redactor.redact($0))) }
                }
                group.addTask {
                    await follow(paths.err, until: finished) { errorLine($0, sink: sink, redactor: redactor, tail: stderrTail) }
                }
            }
        }
        defer {
            finished.withLock { $0 = true }
        }
        let result: ExecutionResult<Void, FileDescriptorOutput, FileDescriptorOutput>
        do {
            result = try await Subprocess.run(configuration, input: .none,
                                              output: .fileDescriptor(outFD, closeAfterSpawningProcess: true),
                                              error: .fileDescriptor(errFD, closeAfterSpawningProcess: true)) { execution in
                started(execution.processIdentifier.value)
            }
        } catch {
            finished.withLock { $0 = true }
            await followers.value
            throw error
        }
        finished.withLock { $0 = true }
        await followers.value
        return .finished(result.terminationStatus, Data())
    }

    /// Reads the lines appended to `path` until `finished` is set and everything is read.
    private static func follow(_ path: String, until finished: Locked<Bool>, _ line: @Sendable (String) -> Void) async {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        var pending = Data()
        while true {
            let done = finished.value
            let chunk = (try? handle.readToEnd()) ?? nil
            if let chunk, !chunk.isEmpty {
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    line(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            } else if done {
                if !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
                return
            } else {
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Ends a stopped run's process group. Unconfined, terraform led the group and has exited
    /// by now. Confined, the group's leader is bubblewrap's monitor, which the SIGINT of the
    /// teardown ends at once while terraform, inside, is still stopping cleanly (writing its
    /// state): so wait, up to `grace`, for the group to empty before the SIGKILL sweep. The
    /// wait is not cancellable: a cancelled run must still not leave a half-written state.
    static func stop(_ group: Int32?, confined: Bool, grace: Duration) async {
        if confined, let group, group > 1 {
            await Task.detached {
                let deadline = ContinuousClock.now + grace
                while ContinuousClock.now < deadline, hasLiveMembers(group) {
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }.value
        }
        sweep(group)
    }

    /// Whether a process of `group` is still running (zombies, which an init process that is
    /// not ours has yet to reap, do not count).
    static func hasLiveMembers(_ group: Int32) -> Bool {
        !RunRecord.processes(inGroup: group).isEmpty
    }

    /// Kills whatever is left in the process group `group` (provider plugins, their children).
    static func sweep(_ group: Int32?) {
        guard let group, group > 1 else { return }
        if kill(-group, 0) == 0 {
            _ = kill(-group, SIGKILL)
        }
    }
}
