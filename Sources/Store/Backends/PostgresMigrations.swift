import Logging
import PostgresNIO

/// The numbered schema migrations for PostgreSQL: the same identifiers, in the same order, as
/// SQLite's (`Migrations`), each making the same tables and columns. Append new ones; never
/// edit one that has shipped.
///
/// Replicas starting together take a transaction-scoped advisory lock, so one migrates and the
/// others find the work done.
enum PostgresMigrations {
    static let all: [(identifier: String, sql: [String])] = [
        ("1-initial", [
            """
            CREATE TABLE "repository" (
                "id" text PRIMARY KEY, "url" text NOT NULL, "lastFetchAt" double precision,
                "lastFetchError" text, "everReachable" boolean NOT NULL DEFAULT false)
            """,
            """
            CREATE TABLE "stack" (
                "id" text PRIMARY KEY, "repositoryId" text NOT NULL, "path" text NOT NULL, "status" text NOT NULL,
                "statusDetail" text, "deployedCommit" text, "updatedAt" double precision NOT NULL)
            """,
            #"CREATE INDEX "stack_on_repositoryId" ON "stack" ("repositoryId")"#,
            """
            CREATE TABLE "run" (
                "id" bigserial PRIMARY KEY, "stackId" text NOT NULL, "kind" text NOT NULL, "status" text NOT NULL,
                "startedAt" double precision NOT NULL, "finishedAt" double precision, "ownerPid" integer NOT NULL)
            """,
            #"CREATE INDEX "run_on_stackId" ON "run" ("stackId")"#,
            #"CREATE INDEX "run_on_status" ON "run" ("status")"#,
            """
            CREATE TABLE "logLine" (
                "id" bigserial PRIMARY KEY, "runId" bigint NOT NULL REFERENCES "run" ("id") ON DELETE CASCADE,
                "at" double precision NOT NULL, "stream" text NOT NULL, "text" text NOT NULL)
            """,
            #"CREATE INDEX "logLine_runId_id" ON "logLine" ("runId", "id")"#,
            """
            CREATE TABLE "proposal" (
                "id" bigserial PRIMARY KEY, "runId" bigint REFERENCES "run" ("id") ON DELETE SET NULL,
                "stackId" text NOT NULL, "branch" text NOT NULL, "sourceCommit" text NOT NULL, "generatedCommit" text,
                "inputHash" text NOT NULL, "status" text NOT NULL, "diagnostics" jsonb NOT NULL, "validationPassed" boolean,
                "plan" jsonb, "error" text, "createdAt" double precision NOT NULL, "durationMs" integer)
            """,
            #"CREATE INDEX "proposal_stack_branch" ON "proposal" ("stackId", "branch", "createdAt")"#,
            """
            CREATE TABLE "deployment" (
                "id" bigserial PRIMARY KEY, "runId" bigint REFERENCES "run" ("id") ON DELETE SET NULL,
                "stackId" text NOT NULL, "commit" text NOT NULL, "action" text NOT NULL, "status" text NOT NULL,
                "queuedAt" double precision NOT NULL, "startedAt" double precision, "finishedAt" double precision,
                "error" text, "counts" jsonb, "snapshotPath" text)
            """,
            #"CREATE INDEX "deployment_on_stackId" ON "deployment" ("stackId")"#,
            #"CREATE INDEX "deployment_on_status" ON "deployment" ("status")"#,
            """
            CREATE TABLE "driftCheck" (
                "id" bigserial PRIMARY KEY, "runId" bigint REFERENCES "run" ("id") ON DELETE SET NULL,
                "stackId" text NOT NULL, "commit" text NOT NULL, "status" text NOT NULL, "resources" jsonb NOT NULL,
                "error" text, "checkedAt" double precision NOT NULL, "durationMs" integer,
                "reported" boolean NOT NULL DEFAULT false)
            """,
            #"CREATE INDEX "driftCheck_on_stackId" ON "driftCheck" ("stackId")"#,
        ]),
        ("2-review", [
            #"ALTER TABLE "proposal" ADD COLUMN "fingerprint" text, ADD COLUMN "changes" jsonb"#,
            #"CREATE INDEX "proposal_stack_fingerprint" ON "proposal" ("stackId", "fingerprint")"#,
            """
            ALTER TABLE "deployment" ADD COLUMN "pendingPlan" text, ADD COLUMN "pendingChanges" jsonb,
                ADD COLUMN "approvedBy" text, ADD COLUMN "trigger" text
            """,
        ]),
        ("2-webhook-deliveries", [
            """
            CREATE TABLE "webhookDelivery" (
                "provider" text NOT NULL, "id" text NOT NULL, "receivedAt" double precision NOT NULL,
                PRIMARY KEY ("provider", "id"))
            """,
            #"CREATE INDEX "webhookDelivery_on_receivedAt" ON "webhookDelivery" ("receivedAt")"#,
        ]),
        ("3-audit", [
            """
            CREATE TABLE "auditEvent" (
                "id" bigserial PRIMARY KEY, "at" double precision NOT NULL, "actor" text NOT NULL,
                "action" text NOT NULL, "target" text NOT NULL, "outcome" integer NOT NULL, "detail" text)
            """,
            #"CREATE INDEX "auditEvent_on_at" ON "auditEvent" ("at")"#,
            #"CREATE INDEX "auditEvent_on_actor" ON "auditEvent" ("actor")"#,
        ]),
        ("4-leases", [
            """
            CREATE TABLE "lease" (
                "key" text PRIMARY KEY, "owner" text NOT NULL,
                "acquiredAt" double precision NOT NULL, "expiresAt" double precision NOT NULL)
            """,
        ]),
        ("5-replicas", [
            #"ALTER TABLE "run" ADD COLUMN "owner" text"#,
            #"ALTER TABLE "deployment" ADD COLUMN "owner" text"#,
        ]),
    ]

    /// Applies the migrations not applied yet, all in one transaction.
    static func migrate(_ connections: PostgresConnections) async throws {
        try await connections.transaction { connection in
            let logger = Logger(label: "ezbuilt.store.migrations")
            // One replica migrates at a time (the key is arbitrary but fixed: "ezbuilt").
            try await connection.query("SELECT pg_advisory_xact_lock(7310575183440979316)", logger: logger)
            try await connection.query(#"CREATE TABLE IF NOT EXISTS "ezbuilt_migrations" ("identifier" text PRIMARY KEY, "appliedAt" double precision NOT NULL)"#, logger: logger)
            let applied = Set(try await connection.rows(#"SELECT "identifier" FROM "ezbuilt_migrations""#, logger: logger)
                .map { try $0.decode(String.self) })
            let known = Set(all.map(\.identifier))
            if let unknown = applied.subtracting(known).sorted().first {
                throw StoreError("the database has migration '\(unknown)', which this version does not know: it was made by a newer EZBuilt")
            }
            for migration in all where !applied.contains(migration.identifier) {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(#"INSERT INTO "ezbuilt_migrations" ("identifier", "appliedAt") VALUES (\#(migration.identifier), extract(epoch from clock_timestamp()))"#, logger: logger)
            }
        }
    }

    static func applied(_ connections: PostgresConnections) async throws -> [String] {
        let rows = try await connections.query(#"SELECT "identifier" FROM "ezbuilt_migrations""#)
        let applied = Set(try rows.map { try $0.decode(String.self) })
        return all.map(\.identifier).filter(applied.contains)
    }
}
