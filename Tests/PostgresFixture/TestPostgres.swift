import Foundation
import Store

/// A PostgreSQL cluster of its own for one test: `initdb` into a temporary directory, started
/// on a free loopback port (its socket in that directory too), stopped and removed afterwards.
///
/// `initdb` refuses to run as root, so as root the cluster belongs to Debian's `postgres` user
/// and its programs run through `runuser -u postgres --`. The cluster trusts local logins and
/// listens on 127.0.0.1 only.
public struct TestPostgres: Sendable {
    /// Debian's PostgreSQL programs, newest first (`scripts/setup` installs `postgresql`).
    public static let binDirectory: String? = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }()

    public let directory: URL
    public let port: Int

    /// The `postgres://` URL of the cluster's `postgres` database (what `store.postgres.urlEnv` names).
    public var url: String { "postgres://ezbuilt@127.0.0.1:\(port)/postgres" }

    /// Settings for the cluster's `postgres` database as the `ezbuilt` superuser.
    public var settings: PostgresSettings {
        PostgresSettings(host: "127.0.0.1", port: port, username: "ezbuilt", database: "postgres")
    }

    /// Starts a cluster, runs `body`, then stops the cluster and removes its files, whatever
    /// `body` did.
    public static func with<T>(_ body: (TestPostgres) async throws -> T) async throws -> T {
        guard let bin = binDirectory else {
            throw TestPostgresError("PostgreSQL is not installed (scripts/setup installs Debian's postgresql)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let owner = getuid() == 0 ? getpwnam("postgres") : nil
        if getuid() == 0 {
            guard let owner else { throw TestPostgresError("running as root, but there is no 'postgres' user to run initdb as") }
            guard chown(directory.path, owner.pointee.pw_uid, owner.pointee.pw_gid) == 0 else {
                throw TestPostgresError("cannot give \(directory.path) to the postgres user")
            }
        }
        let data = directory.appendingPathComponent("data").path
        try await run(["\(bin)/initdb", "-D", data, "-U", "ezbuilt", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"], in: directory)
        var lastError: Error?
        for _ in 0..<3 {
            let port = try freeLoopbackPort()
            let options = "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory.path) -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
            do {
                try await run(["\(bin)/pg_ctl", "-D", data, "-l", directory.appendingPathComponent("server.log").path,
                               "-o", options, "-w", "-t", "60", "start"], in: directory)
            } catch {
                lastError = error  // the port was taken meanwhile: try another
                continue
            }
            let cluster = TestPostgres(directory: directory, port: port)
            do {
                let value = try await body(cluster)
                try? await run(["\(bin)/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"], in: directory)
                return value
            } catch {
                try? await run(["\(bin)/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"], in: directory)
                throw error
            }
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        throw TestPostgresError("PostgreSQL did not start: \(lastError.map { "\($0)" } ?? "")\n\(log.suffix(2000))")
    }

    /// Runs a PostgreSQL program (as `postgres` when we are root) in `directory` and waits for
    /// it by polling `waitpid`, without holding a thread. Not Foundation's `Process`: `pg_ctl
    /// start` leaves the server running with the descriptors it inherited, and Process would
    /// wait for those to close. Output goes to a file in the cluster's directory.
    private static func run(_ arguments: [String], in directory: URL) async throws {
        let output = directory.appendingPathComponent("\(URL(fileURLWithPath: arguments[0]).lastPathComponent)-\(UUID().uuidString).out")
        let argv = (getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + ["/usr/bin/env", "-C", directory.path] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw TestPostgresError("cannot start \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 { throw TestPostgresError("waitpid failed for \(arguments[0])") }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let exitedNormally = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exitedNormally, code == 0 else {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw TestPostgresError("\(arguments.joined(separator: " ")) failed (status \(status)): \(text.suffix(2000))")
        }
    }

    private static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestPostgresError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestPostgresError("cannot find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
