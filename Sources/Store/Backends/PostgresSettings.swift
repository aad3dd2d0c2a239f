import Foundation

/// Where a PostgreSQL database is and how to log in to it, read from a `postgres://` URL
/// (given through an environment variable, since it holds the password).
public struct PostgresSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// `sslmode=require` (or `verify-full`): TLS, with the server's certificate verified.
    public var requireTLS: Bool

    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String, requireTLS: Bool = false) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.requireTLS = requireTLS
    }

    /// Reads `postgres://user[:password]@host[:port]/database[?sslmode=disable|require|verify-full]`
    /// (`postgresql://` too). Errors never repeat the URL: it may hold a password.
    public init(url: String) throws(StoreError) {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else { throw StoreError("the PostgreSQL URL must look like postgres://user:password@host:5432/database") }
        guard let host = components.host, !host.isEmpty else { throw StoreError("the PostgreSQL URL names no host") }
        guard let user = components.user, !user.isEmpty else { throw StoreError("the PostgreSQL URL names no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw StoreError("the PostgreSQL URL names no database (…/database at its end)") }
        var requireTLS = false
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", "disable"), ("sslmode", "prefer"), ("sslmode", "allow"): requireTLS = false
            case ("sslmode", "require"), ("sslmode", "verify-full"), ("sslmode", "verify-ca"): requireTLS = true
            default: throw StoreError("the PostgreSQL URL has an unknown option '\(item.name)' (only sslmode=disable|require|verify-full)")
            }
        }
        self.init(host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
                  password: components.password.map { $0.removingPercentEncoding ?? $0 },
                  database: database.removingPercentEncoding ?? database, requireTLS: requireTLS)
    }
}

/// A store problem that is not the database's own error: a bad setting, a schema from a newer
/// version, a backend that cannot do what was asked.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
