import GRDB

/// The numbered schema migrations. Append new ones; never edit one that has shipped.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-initial") { db in
            try db.create(table: "repository") { t in
                t.primaryKey("id", .text)
                t.column("url", .text).notNull()
                t.column("lastFetchAt", .datetime)
                t.column("lastFetchError", .text)
                t.column("everReachable", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "stack") { t in
                t.primaryKey("id", .text)
                t.column("repositoryId", .text).notNull().indexed()
                t.column("path", .text).notNull()
                t.column("status", .text).notNull()
                t.column("statusDetail", .text)
                t.column("deployedCommit", .text)
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("stackId", .text).notNull().indexed()
                t.column("kind", .text).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("startedAt", .datetime).notNull()
                t.column("finishedAt", .datetime)
                t.column("ownerPid", .integer).notNull()
            }
            try db.create(table: "logLine") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("stream", .text).notNull()
                t.column("text", .text).notNull()
            }
            try db.create(index: "logLine_runId_id", on: "logLine", columns: ["runId", "id"])
            try db.create(table: "proposal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runId", .integer).references("run", onDelete: .setNull)
                t.column("stackId", .text).notNull()
                t.column("branch", .text).notNull()
                t.column("sourceCommit", .text).notNull()
                t.column("generatedCommit", .text)
                t.column("inputHash", .text).notNull()
                t.column("status", .text).notNull()
                t.column("diagnostics", .jsonText).notNull()
                t.column("validationPassed", .boolean)
                t.column("plan", .jsonText)
                t.column("error", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("durationMs", .integer)
            }
            try db.create(index: "proposal_stack_branch", on: "proposal", columns: ["stackId", "branch", "createdAt"])
            try db.create(table: "deployment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runId", .integer).references("run", onDelete: .setNull)
                t.column("stackId", .text).notNull().indexed()
                t.column("commit", .text).notNull()
                t.column("action", .text).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("queuedAt", .datetime).notNull()
                t.column("startedAt", .datetime)
                t.column("finishedAt", .datetime)
                t.column("error", .text)
                t.column("counts", .jsonText)
                t.column("snapshotPath", .text)
            }
            try db.create(table: "driftCheck") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runId", .integer).references("run", onDelete: .setNull)
                t.column("stackId", .text).notNull().indexed()
                t.column("commit", .text).notNull()
                t.column("status", .text).notNull()
                t.column("resources", .jsonText).notNull()
                t.column("error", .text)
                t.column("checkedAt", .datetime).notNull()
                t.column("durationMs", .integer)
                t.column("reported", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("2-review") { db in
            // What a proposal reviewed: its fingerprint and the planned changes, so a merge can
            // be checked against what people actually saw.
            try db.alter(table: "proposal") { t in
                t.add(column: "fingerprint", .text)
                t.add(column: "changes", .jsonText)
            }
            try db.create(index: "proposal_stack_fingerprint", on: "proposal", columns: ["stackId", "fingerprint"])
            // A plan that changed after review waits here for an approval of exactly this plan.
            try db.alter(table: "deployment") { t in
                t.add(column: "pendingPlan", .text)
                t.add(column: "pendingChanges", .jsonText)
                t.add(column: "approvedBy", .text)
                t.add(column: "trigger", .text)
            }
        }
        migrator.registerMigration("2-webhook-deliveries") { db in
            try db.create(table: "webhookDelivery") { t in
                t.column("provider", .text).notNull()
                t.column("id", .text).notNull()
                t.column("receivedAt", .datetime).notNull().indexed()
                t.primaryKey(["provider", "id"])
            }
        }
        migrator.registerMigration("3-audit") { db in
            // Every action taken through the API, with who took it: an append-only record.
            try db.create(table: "auditEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull().indexed()
                t.column("actor", .text).notNull().indexed()
                t.column("action", .text).notNull()
                t.column("target", .text).notNull()
                t.column("outcome", .integer).notNull()
                t.column("detail", .text)
            }
        }
        migrator.registerMigration("4-leases") { db in
            // Work claimed by one replica until it expires (renewed while the work runs).
            try db.create(table: "lease") { t in
                t.primaryKey("key", .text)
                t.column("owner", .text).notNull()
                t.column("acquiredAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("5-replicas") { db in
            // Which replica runs a run or a deployment, so the others can tell when it died.
            try db.alter(table: "run") { t in t.add(column: "owner", .text) }
            try db.alter(table: "deployment") { t in t.add(column: "owner", .text) }
        }
        return migrator
    }
}
