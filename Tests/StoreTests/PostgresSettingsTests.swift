import Testing
import Store

/// The PostgreSQL URL the daemon reads from its environment.
@Suite struct PostgresSettingsTests {
    @Test func aURLGivesHostPortUserPasswordDatabaseAndTLS() throws {
        let settings = try PostgresSettings(url: "postgres://ez%40built:p%2Fss@db.internal:6432/ezbuilt?sslmode=require")
        #expect(settings == PostgresSettings(host: "db.internal", port: 6432, username: "ez@built", password: "p/ss", database: "ezbuilt", requireTLS: true))
        let plain = try PostgresSettings(url: "postgresql://ezbuilt@127.0.0.1/ezbuilt")
        #expect(plain.port == 5432 && plain.password == nil && !plain.requireTLS)
    }

    @Test(arguments: [
        ("mysql://u@h/d", "postgres://"),
        ("postgres://h/d", "no user"),
        ("postgres://u@h", "no database"),
        ("postgres://u:secret@h/d?sslmode=maybe&x=1", "unknown option"),
    ])
    func badURLsAreRefusedWithoutRepeatingThem(url: String, problem: String) {
        #expect {
            try PostgresSettings(url: url)
        } throws: { error in
            let text = "\(error)"
            return text.contains(problem) && !text.contains("secret")
        }
    }
}
