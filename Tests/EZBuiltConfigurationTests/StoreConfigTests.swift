import Testing
@testable import EZBuiltConfiguration

/// `store:` chooses SQLite (the default) or PostgreSQL, which needs remote state everywhere.
@Suite struct StoreConfigTests {
    @Test func sqliteIsTheDefaultAndPostgresIsNamedByAnEnvironmentVariable() throws {
        #expect(try EZBuiltConfig.parse(yaml: "repositories: []").store == .sqlite)
        let config = try EZBuiltConfig.parse(yaml: """
            store: { postgres: { urlEnv: EZBUILT_DATABASE_URL } }
            repositories:
              - id: r
                url: file:///srv/r.git
                state: { backend: s3, bucket: acme-state, dynamodbTable: acme-locks }
            """)
        #expect(config.store == .postgres(urlEnv: "EZBUILT_DATABASE_URL", leaseDuration: .seconds(60)))
        let short = try EZBuiltConfig.parse(yaml: """
            store: { postgres: { urlEnv: EZBUILT_DATABASE_URL, leaseDuration: 10s } }
            repositories: []
            """)
        #expect(short.store == .postgres(urlEnv: "EZBUILT_DATABASE_URL", leaseDuration: .seconds(10)))
    }

    @Test func postgresWithLocalStateIsRefusedNamingTheRepositoryAndLine() {
        #expect {
            try EZBuiltConfig.parse(yaml: """
                store:
                  postgres: { urlEnv: EZBUILT_DATABASE_URL }
                repositories:
                  - id: remote
                    url: file:///srv/a.git
                    state: { backend: s3, bucket: acme-state, dynamodbTable: acme-locks }
                  - id: local
                    url: file:///srv/b.git
                """)
        } throws: { error in
            let errors = (error as? ConfigErrors)?.errors ?? []
            return errors.count == 1 && errors[0].path == "repositories[1].state" && errors[0].line == 7
                && errors[0].message.contains("backend: s3")
        }
    }

    @Test func postgresWithS3StateWithoutALockTableIsRefused() {
        #expect {
            try EZBuiltConfig.parse(yaml: """
                store:
                  postgres: { urlEnv: EZBUILT_DATABASE_URL }
                repositories:
                  - id: unlocked
                    url: file:///srv/a.git
                    state: { backend: s3, bucket: acme-state }
                """)
        } throws: { error in
            let errors = (error as? ConfigErrors)?.errors ?? []
            return errors.count == 1 && errors[0].path == "repositories[0].state" && errors[0].line == 6
                && errors[0].message.contains("dynamodbTable")
        }
        // Without a shared store a lock table stays optional.
        #expect(throws: Never.self) {
            try EZBuiltConfig.parse(yaml: """
                repositories:
                  - id: unlocked
                    url: file:///srv/a.git
                    state: { backend: s3, bucket: acme-state }
                """)
        }
    }

    @Test(arguments: [
        ("store: { postgres: { url: postgres://u:p@h/d } }", "store.postgres.url"),
        ("store: { postgres: {} }", "store.postgres.urlEnv"),
        ("store: { postgres: { urlEnv: 'not a name' } }", "store.postgres.urlEnv"),
        ("store: { mysql: {} }", "store.mysql"),
        ("store: { postgres: { urlEnv: DB, leaseDuration: 1s } }", "store.postgres.leaseDuration"),
        ("store: { postgres: { urlEnv: DB, leaseDuration: soon } }", "store.postgres.leaseDuration"),
    ])
    func badStoreSettingsNameTheirKey(yaml: String, key: String) {
        #expect {
            try EZBuiltConfig.parse(yaml: yaml + "\nrepositories: []")
        } throws: { error in
            ((error as? ConfigErrors)?.errors ?? []).contains { $0.path == key }
        }
    }
}
