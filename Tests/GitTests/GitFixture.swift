import Foundation
import TestProcesses
import Git
#if canImport(Glibc)
import Glibc
#endif

/// A unique temporary directory holding the bare remotes, clones and work trees of one test,
/// with helpers that drive the real `git` command line to build and inspect them independently
/// of the code under test. Call `remove()` when the test ends.
final class GitFixture: Sendable {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ezbuilt-git-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    func path(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// The signature the tests write commits with.
    static let author = Signature(name: "EZBuilt Test", email: "test@ezbuilt.invalid", date: Date(timeIntervalSince1970: 1_700_000_000))

    /// Runs `git` with a hermetic environment; throws with its stderr when it fails.
    @discardableResult
    func git(_ arguments: [String], in directory: URL? = nil, input: Data? = nil) throws -> String {
        let result = try run(["git"] + arguments, in: directory ?? root, input: input)
        guard result.status == 0 else {
            throw FixtureError.commandFailed("git \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }

    /// A hermetic environment for git: no user or system config, a fixed identity.
    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_AUTHOR_NAME": "Fixture", "GIT_AUTHOR_EMAIL": "fixture@ezbuilt.invalid",
            "GIT_COMMITTER_NAME": "Fixture", "GIT_COMMITTER_EMAIL": "fixture@ezbuilt.invalid",
            "LC_ALL": "C.UTF-8",
        ]
    }

    /// Runs a command (no shell) and returns its exit status and output.
    func run(_ command: [String], in directory: URL, input: Data? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.currentDirectoryURL = directory
        process.environment = environment
        // Files, not pipes: a full pipe would block the child while we wait for it.
        let id = UUID().uuidString
        let outURL = root.appendingPathComponent(".out-\(id)")
        let errURL = root.appendingPathComponent(".err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return (process.terminationStatus, stdout, stderr)
    }

    /// Makes a bare repository `name` whose branch `branch` has one commit with `files`,
    /// `symlinks` (path → target) and `submodules` (path → commit id).
    @discardableResult
    func makeRemote(
        _ name: String = "remote.git",
        branch: String = "main",
        files: [String: String],
        executables: Set<String> = [],
        symlinks: [String: String] = [:],
        submodules: [String: String] = [:]
    ) throws -> URL {
        let remote = path(name)
        try git(["init", "--quiet", "--bare", "-b", branch, remote.path])
        let work = path("seed-\(UUID().uuidString)")
        try git(["init", "--quiet", "-b", branch, work.path])
        try write(files, in: work, executables: executables)
        for (link, target) in symlinks {
            let url = work.appendingPathComponent(link)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }
        try git(["add", "-A"], in: work)
        for (path, commit) in submodules {
            try git(["update-index", "--add", "--cacheinfo", "160000,\(commit),\(path)"], in: work)
        }
        try git(["commit", "--quiet", "-m", "seed"], in: work)
        try git(["push", "--quiet", remote.path, branch], in: work)
        try FileManager.default.removeItem(at: work)
        return remote
    }

    /// Commits `files` (and removes `deletions`) on `branch` of `remote` the way a person would:
    /// clone, edit, commit, push with the git command line. Returns the new tip.
    @discardableResult
    func pushWithGit(to remote: URL, branch: String, files: [String: String], deletions: [String] = [], from base: String? = nil) throws -> String {
        let work = path("work-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try git(["clone", "--quiet", remote.path, work.path])
        if (try? git(["rev-parse", "--verify", "--quiet", "origin/\(branch)"], in: work)) != nil {
            try git(["checkout", "--quiet", "-B", branch, base ?? "origin/\(branch)"], in: work)
        } else {
            try git(["checkout", "--quiet", "-b", branch] + (base.map { [$0] } ?? []), in: work)
        }
        try write(files, in: work)
        for path in deletions { try git(["rm", "--quiet", path], in: work) }
        try git(["add", "-A"], in: work)
        try git(["commit", "--quiet", "-m", "change on \(branch)"], in: work)
        try git(["push", "--quiet", "origin", "HEAD:refs/heads/\(branch)"], in: work)
        return try git(["rev-parse", "HEAD"], in: work).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func write(_ files: [String: String], in directory: URL, executables: Set<String> = []) throws {
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            if executables.contains(path) {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        }
    }

    /// The commit `ref` points at in `repository`, read with the git command line.
    func revParse(_ ref: String, in repository: URL) throws -> ObjectID {
        let text = try git(["--git-dir", repository.path, "rev-parse", "--verify", ref]).trimmingCharacters(in: .whitespacesAndNewlines)
        return try ObjectID(parsing: text)
    }

    /// `git ls-tree -r` of `ref` as path → (mode, type).
    func lsTree(_ ref: String, in repository: URL) throws -> [String: String] {
        let output = try git(["--git-dir", repository.path, "ls-tree", "-r", "-z", ref])
        var result: [String: String] = [:]
        for record in output.split(separator: "\0") {
            let parts = record.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let meta = parts[0].split(separator: " ")
            result[String(parts[1])] = "\(meta[0]) \(meta[1])"
        }
        return result
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case commandFailed(String)
    case serverDidNotStart(String)

    var description: String {
        switch self {
        case .commandFailed(let text), .serverDidNotStart(let text): text
        }
    }
}

/// A loopback TCP port nothing listens on: bound to learn a free number, then closed.
func closedLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FixtureError.commandFailed("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    guard bound else { throw FixtureError.commandFailed("bind() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// An HTTP server on 127.0.0.1 that answers every request with 401 and records the Authorization
/// headers it was sent, so tests can see how often and with what a client tried to log in.
final class RefusingHTTPServer {
    let port: Int
    let headersFile: URL
    private let process: BackgroundProcess

    init(in fixture: GitFixture) async throws {
        headersFile = fixture.path("auth-headers-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: headersFile.path, contents: nil)
        let script = """
        import http.server, os, signal, sys
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        class Handler(http.server.BaseHTTPRequestHandler):
            def refuse(self):
                auth = self.headers.get('Authorization')
                if auth:
                    with open(sys.argv[1], 'a') as f:
                        f.write(auth + '\\n')
                self.send_response(401)
                self.send_header('WWW-Authenticate', 'Basic realm="ezbuilt-test"')
                self.send_header('Content-Length', '0')
                self.end_headers()
            do_GET = refuse
            do_POST = refuse
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        with open(sys.argv[2] + '.tmp', 'w') as f:
            f.write(str(server.server_address[1]))
        os.rename(sys.argv[2] + '.tmp', sys.argv[2])
        server.serve_forever()
        """
        let portFile = fixture.path("auth-port-\(UUID().uuidString)")
        process = try await BackgroundProcess.start("/usr/bin/python3", ["-c", script, headersFile.path, portFile.path])
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: portFile.path), process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) else {
            await process.stop()
            throw FixtureError.serverDidNotStart("python3 http server wrote no port")
        }
        self.port = port
    }

    /// The Authorization headers received so far.
    func authorizationHeaders() throws -> [String] {
        try String(contentsOf: headersFile, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Stops the server (by its own pid, in the background).
    func stop() { process.requestStop() }
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
func isListening(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}

/// `git daemon` serving the fixture's directory over git:// on a free loopback port, with pushes
/// enabled, so tests exercise libgit2's network push path (negotiation, per-ref status from the
/// server's receive-pack) rather than its local transport.
final class GitDaemon {
    let port: Int
    private let process: BackgroundProcess

    init(serving fixture: GitFixture) async throws {
        let daemonPath = try fixture.git(["--exec-path"]).trimmingCharacters(in: .whitespacesAndNewlines) + "/git-daemon"
        var lastError = "not started"
        for _ in 0..<5 {
            let port = try closedLoopbackPort()
            // The daemon itself, not the `git` wrapper, so the pid we stop is the one listening.
            // Children of the test process inherit its blocked-signal mask (SIGCHLD and SIGTERM
            // blocked), so a tiny exec shim clears it: the daemon then reaps its connection
            // handlers and stops on SIGTERM.
            let process = try await BackgroundProcess.start("/usr/bin/python3", [
                "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, set()); os.execv(sys.argv[1], sys.argv[1:])",
                daemonPath, "--reuseaddr", "--export-all", "--enable=receive-pack",
                "--base-path=\(fixture.root.path)", "--listen=127.0.0.1", "--port=\(port)", fixture.root.path,
            ], environment: fixture.environment)
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning, ContinuousClock.now < deadline, !isListening(port: port) {
                try await Task.sleep(for: .milliseconds(20))
            }
            if process.isRunning, isListening(port: port) {
                self.port = port
                self.process = process
                return
            }
            await process.stop()
            lastError = "git daemon did not listen on port \(port)"
        }
        throw FixtureError.serverDidNotStart(lastError)
    }

    /// The git:// URL of `repository` (a path under the fixture root).
    func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }

    /// Stops the daemon (by its own pid, in the background).
    func stop() { process.requestStop() }
}
