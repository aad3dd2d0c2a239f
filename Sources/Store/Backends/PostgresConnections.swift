import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A few open connections to one PostgreSQL database, handed out one caller at a time.
///
/// Everything is asynchronous: a task waiting for a connection or a query suspends while NIO's
/// event loops do the I/O, so no thread of the cooperative pool is ever held by the database.
final class PostgresConnections: Sendable {
    private let configuration: PostgresConnection.Configuration
    let logger: Logger
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Atomic<Int>(1)
    /// Connections kept open when idle; more are opened under load and closed after use.
    private let keepIdle = 4

    init(settings: PostgresSettings, logger: Logger) throws {
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password,
            database: settings.database, tls: .disable)
        if settings.requireTLS {
            configuration.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        self.configuration = configuration
        self.logger = logger
    }

    /// A store dropped without `close()` (a daemon stopping) still closes its connections.
    deinit {
        let connections = idle.withLock { $0 }
        for connection in connections { Self.closeInBackground(connection) }
    }

    /// Runs `body` with a connection of its own.
    func with<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        defer { release(connection) }
        return try await body(connection)
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws).
    func transaction<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await with { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Runs one query and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await with { try await $0.rows(query, logger: logger) }
    }

    /// Closes every idle connection.
    func close() async {
        let connections = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle
        }
        for connection in connections { try? await connection.close() }
    }

    private func takeIdle() -> PostgresConnection? {
        idle.withLock { idle in
            while let connection = idle.popLast() {
                if !connection.isClosed { return connection }
            }
            return nil
        }
    }

    private func acquire() async throws -> PostgresConnection {
        if let connection = takeIdle() { return connection }
        return try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
            id: nextID.add(1, ordering: .relaxed).oldValue, logger: logger)
    }

    /// Closes without waiting; the closure keeps the connection alive until it is closed
    /// (PostgresNIO requires a connection to be closed before it goes away).
    private static func closeInBackground(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func release(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let kept = idle.withLock { idle in
            guard idle.count < keepIdle else { return false }
            idle.append(connection)
            return true
        }
        if !kept { Self.closeInBackground(connection) }
    }
}

extension PostgresConnection {
    /// Runs one query and collects its rows (PostgresNIO's async API: the task suspends, no
    /// thread waits).
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }
}

/// Records travel to and from PostgreSQL as JSON: `json_populate_record` reads a record's JSON
/// into a row, `row_to_json` writes a row as the record's JSON. Column names are the records'
/// property names, as in SQLite. Dates are stored as seconds since 1970 (double precision).
enum PostgresJSON {
    static func encode<R: Encodable>(_ record: R) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    static func decode<R: Decodable>(_ type: R.Type, _ json: String) throws -> R {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: Data(json.utf8))
    }

    /// The records in rows whose first column is `row_to_json(…)::text`.
    static func records<R: Decodable>(_ type: R.Type, _ result: [PostgresRow]) throws -> [R] {
        try result.map { row in try decode(type, try row.decode(String.self)) }
    }

    /// A JSON object whose every value is null: what `row_to_json` makes of a LEFT JOIN's
    /// missing side when PostgreSQL does not make it NULL itself.
    static func isEmptyRow(_ json: String) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return false }
        return object.values.allSatisfy { $0 is NSNull }
    }
}
