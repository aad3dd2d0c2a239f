import Foundation
import Logging
import PostgresNIO

/// The store in PostgreSQL, for several replicas sharing one database.
///
/// Records go in as JSON through `json_populate_record` and come out through `row_to_json`,
/// so each table's columns are named once, by the record type, exactly as in SQLite. Ids are
/// compared with the "C" collation, so lists come in the same order as from SQLite.
final class PostgresBackend: StoreBackend {
    private let connections: PostgresConnections
    /// Each table's columns in schema order, read after migrating.
    private let columns: [String: [String]]

    private init(connections: PostgresConnections, columns: [String: [String]]) {
        self.connections = connections
        self.columns = columns
    }

    /// Connects, migrates, and reads each table's columns.
    static func open(settings: PostgresSettings, logger: Logger) async throws -> PostgresBackend {
        let connections = try PostgresConnections(settings: settings, logger: logger)
        try await PostgresMigrations.migrate(connections)
        var columns: [String: [String]] = [:]
        let rows = try await connections.query("""
            SELECT "table_name"::text, "column_name"::text FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """)
        for row in rows {
            let (table, column) = try row.decode((String, String).self, context: .default)
            columns[table, default: []].append(column)
        }
        return PostgresBackend(connections: connections, columns: columns)
    }

    func close() async { await connections.close() }

    func appliedMigrations() async throws -> [String] { try await PostgresMigrations.applied(connections) }

    // MARK: Generic record SQL

    private func quoted(_ name: String) -> String { "\"\(name)\"" }

    private func columnList(_ table: String, withoutID: Bool) -> [String] {
        (columns[table] ?? []).filter { !withoutID || $0 != "id" }
    }

    /// Inserts a record, returning its new id (`id` comes from the table's sequence).
    private func insert<R: Encodable>(_ record: R, into table: String) async throws -> Int64 {
        let names = columnList(table, withoutID: true).map(quoted).joined(separator: ", ")
        let json = try PostgresJSON.encode(record)
        let query: PostgresQuery = """
            INSERT INTO \(unescaped: quoted(table)) (\(unescaped: names))
            SELECT \(unescaped: names) FROM json_populate_record(NULL::\(unescaped: quoted(table)), \(json)::json)
            RETURNING "id"
            """
        let result = try await connections.query(query)
        guard let id = try result.first?.decode(Int64.self) else { throw StoreError("inserting into \(table) returned no id") }
        return id
    }

    /// Replaces every column of the row with the record's id.
    private func update<R: Encodable>(_ record: R, id: Int64, in table: String) async throws {
        let names = columnList(table, withoutID: true).map(quoted).joined(separator: ", ")
        let json = try PostgresJSON.encode(record)
        let query: PostgresQuery = """
            UPDATE \(unescaped: quoted(table)) SET (\(unescaped: names)) =
            (SELECT \(unescaped: names) FROM json_populate_record(NULL::\(unescaped: quoted(table)), \(json)::json))
            WHERE "id" = \(id)
            """
        try await connections.query(query)
    }

    /// The records in the rows of `query`, whose one column is `row_to_json(…)::text`.
    private func select<R: Decodable>(_ type: R.Type, _ query: PostgresQuery) async throws -> [R] {
        try PostgresJSON.records(type, try await connections.query(query))
    }

    // MARK: Webhook deliveries

    func rememberWebhookDelivery(provider: String, id: String, at date: Date, forgettingBefore cutoff: Date) async throws -> Bool {
        try await connections.transaction { connection in
            let logger = connections.logger
            try await connection.query(#"DELETE FROM "webhookDelivery" WHERE "receivedAt" < \#(cutoff.timeIntervalSince1970)"#, logger: logger)
            // The primary key decides between two replicas receiving the same delivery at once.
            let inserted = try await connection.rows("""
                INSERT INTO "webhookDelivery" ("provider", "id", "receivedAt") VALUES (\(provider), \(id), \(date.timeIntervalSince1970))
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: logger)
            return inserted.first != nil
        }
    }

    func webhookDeliveryCount() async throws -> Int {
        Int(try await connections.query(#"SELECT COUNT(*) FROM "webhookDelivery""#).first?.decode(Int64.self) ?? 0)
    }

    // MARK: Repositories

    func upsertRepository(id: String, url: String) async throws {
        try await connections.query("""
            INSERT INTO "repository" ("id", "url") VALUES (\(id), \(url))
            ON CONFLICT ("id") DO UPDATE SET "url" = EXCLUDED."url"
            """)
    }

    func recordFetch(repositoryId: String, at date: Date, error: String?) async throws {
        try await connections.query("""
            UPDATE "repository" SET "lastFetchAt" = \(date.timeIntervalSince1970), "lastFetchError" = \(error),
                "everReachable" = "everReachable" OR \(error == nil)
            WHERE "id" = \(repositoryId)
            """)
    }

    func repositories() async throws -> [RepositoryRecord] {
        try await select(RepositoryRecord.self, #"SELECT row_to_json(t)::text FROM "repository" t ORDER BY "id" COLLATE "C""#)
    }

    func repository(id: String) async throws -> RepositoryRecord? {
        try await select(RepositoryRecord.self, #"SELECT row_to_json(t)::text FROM "repository" t WHERE "id" = \#(id)"#).first
    }

    // MARK: Stacks

    func saveStack(_ stack: StackRecord) async throws {
        let all = columnList("stack", withoutID: false)
        let names = all.map(quoted).joined(separator: ", ")
        let updates = all.filter { $0 != "id" }.map { "\(quoted($0)) = EXCLUDED.\(quoted($0))" }.joined(separator: ", ")
        let json = try PostgresJSON.encode(stack)
        try await connections.query("""
            INSERT INTO "stack" (\(unescaped: names))
            SELECT \(unescaped: names) FROM json_populate_record(NULL::"stack", \(json)::json)
            ON CONFLICT ("id") DO UPDATE SET \(unescaped: updates)
            """)
    }

    func setStackStatus(id: String, repositoryId: String, path: String, status: StackStatus, detail: String?, deployedCommit: String??, at date: Date) async throws -> StackRecord {
        var setsCommit = false
        var commit: String?
        if case .some(let value) = deployedCommit {
            setsCommit = true
            commit = value
        }
        // One statement, so two replicas setting one stack's status never lose an update.
        let rows = try await connections.query("""
            INSERT INTO "stack" ("id", "repositoryId", "path", "status", "statusDetail", "deployedCommit", "updatedAt")
            VALUES (\(id), \(repositoryId), \(path), \(status.rawValue), \(detail), \(commit), \(date.timeIntervalSince1970))
            ON CONFLICT ("id") DO UPDATE SET "status" = EXCLUDED."status", "statusDetail" = EXCLUDED."statusDetail",
                "deployedCommit" = CASE WHEN \(setsCommit) THEN EXCLUDED."deployedCommit" ELSE "stack"."deployedCommit" END,
                "updatedAt" = EXCLUDED."updatedAt"
            RETURNING row_to_json("stack".*)::text
            """)
        guard let record = try PostgresJSON.records(StackRecord.self, rows).first else { throw StoreError("saving stack \(id) returned nothing") }
        return record
    }

    func stack(id: String) async throws -> StackRecord? {
        try await select(StackRecord.self, #"SELECT row_to_json(t)::text FROM "stack" t WHERE "id" = \#(id)"#).first
    }

    func stacks(repositoryId: String?) async throws -> [StackRecord] {
        if let repositoryId {
            return try await select(StackRecord.self, #"SELECT row_to_json(t)::text FROM "stack" t WHERE "repositoryId" = \#(repositoryId) ORDER BY "id" COLLATE "C""#)
        }
        return try await select(StackRecord.self, #"SELECT row_to_json(t)::text FROM "stack" t ORDER BY "id" COLLATE "C""#)
    }

    // MARK: Runs and logs

    func startRun(stackId: String, kind: RunKind, owner: String?, at date: Date) async throws -> RunRecord {
        var run = RunRecord(stackId: stackId, kind: kind, startedAt: date, owner: owner)
        run.id = try await insert(run, into: "run")
        return run
    }

    func finishRun(id: Int64, status: RunStatus, at date: Date) async throws {
        try await connections.query(#"UPDATE "run" SET "status" = \#(status.rawValue), "finishedAt" = \#(date.timeIntervalSince1970) WHERE "id" = \#(id)"#)
    }

    func run(id: Int64) async throws -> RunRecord? {
        try await select(RunRecord.self, #"SELECT row_to_json(t)::text FROM "run" t WHERE "id" = \#(id)"#).first
    }

    func appendLog(runId: Int64, _ lines: [(stream: LogStream, text: String, at: Date)]) async throws -> [LogLineRecord] {
        // One statement for the whole batch: arrays unnested into rows, in order.
        let rows = try await connections.query("""
            INSERT INTO "logLine" ("runId", "at", "stream", "text")
            SELECT \(runId), "at", "stream", "text"
            FROM unnest(\(lines.map { $0.at.timeIntervalSince1970 })::double precision[], \(lines.map { $0.stream.rawValue })::text[], \(lines.map { $0.text })::text[])
                WITH ORDINALITY AS l("at", "stream", "text", "n")
            ORDER BY "n"
            RETURNING row_to_json("logLine".*)::text
            """)
        // Ids come from the sequence in insertion order.
        return try PostgresJSON.records(LogLineRecord.self, rows).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    func logLines(runId: Int64, afterId: Int64?, limit: Int) async throws -> [LogLineRecord] {
        try await select(LogLineRecord.self, """
            SELECT row_to_json(t)::text FROM "logLine" t WHERE "runId" = \(runId) AND "id" > \(afterId ?? 0)
            ORDER BY "id" LIMIT \(limit)
            """)
    }

    // MARK: Proposals

    func insertProposal(_ proposal: ProposalRecord) async throws -> ProposalRecord {
        var record = proposal
        record.id = try await insert(record, into: "proposal")
        return record
    }

    func proposals(stackId: String, branch: String?, limit: Int) async throws -> [ProposalRecord] {
        try await select(ProposalRecord.self, """
            SELECT row_to_json(t)::text FROM "proposal" t
            WHERE "stackId" = \(stackId) AND (\(branch)::text IS NULL OR "branch" = \(branch))
            ORDER BY "createdAt" DESC, "id" DESC LIMIT \(limit)
            """)
    }

    func reviewedProposal(stackId: String, fingerprint: String) async throws -> ProposalRecord? {
        try await select(ProposalRecord.self, """
            SELECT row_to_json(t)::text FROM "proposal" t
            WHERE "stackId" = \(stackId) AND "fingerprint" = \(fingerprint)
                AND "status" IN (\(ProposalStatus.proposed.rawValue), \(ProposalStatus.blocked.rawValue)) AND "changes" IS NOT NULL
            ORDER BY "createdAt" DESC, "id" DESC LIMIT 1
            """).first
    }

    // MARK: Audit

    func recordAudit(_ event: AuditRecord) async throws -> AuditRecord {
        var record = event
        record.id = try await insert(record, into: "auditEvent")
        return record
    }

    func auditEvents(actor: String?, action: String?, limit: Int, offset: Int) async throws -> (events: [AuditRecord], total: Int) {
        try await connections.transaction { connection in
            let logger = connections.logger
            let total = try await connection.rows("""
                SELECT COUNT(*) FROM "auditEvent"
                WHERE (\(actor)::text IS NULL OR "actor" = \(actor)) AND (\(action)::text IS NULL OR "action" = \(action))
                """, logger: logger).first?.decode(Int64.self) ?? 0
            let events = try PostgresJSON.records(AuditRecord.self, try await connection.rows("""
                SELECT row_to_json(t)::text FROM "auditEvent" t
                WHERE (\(actor)::text IS NULL OR "actor" = \(actor)) AND (\(action)::text IS NULL OR "action" = \(action))
                ORDER BY "at" DESC, "id" DESC LIMIT \(limit) OFFSET \(offset)
                """, logger: logger))
            return (events, Int(total))
        }
    }

    // MARK: Deployments

    func insertDeployment(_ deployment: DeploymentRecord) async throws -> DeploymentRecord {
        var record = deployment
        record.id = try await insert(record, into: "deployment")
        return record
    }

    func insertDeploymentUnlessBusy(_ deployment: DeploymentRecord) async throws -> DeploymentRecord? {
        let names = columnList("deployment", withoutID: true).map(quoted).joined(separator: ", ")
        let json = try PostgresJSON.encode(deployment)
        return try await connections.transaction { connection in
            let logger = connections.logger
            // Replicas inserting for one stack take turns (the lock ends with the transaction).
            try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(deployment.stackId), 0))", logger: logger)
            let rows = try await connection.rows("""
                INSERT INTO "deployment" (\(unescaped: names))
                SELECT \(unescaped: names) FROM json_populate_record(NULL::"deployment", \(json)::json)
                WHERE NOT EXISTS (SELECT 1 FROM "deployment" WHERE "stackId" = \(deployment.stackId) AND "status" IN ('queued', 'running'))
                RETURNING "id"
                """, logger: logger)
            guard let id = try rows.first?.decode(Int64.self) else { return nil }
            var record = deployment
            record.id = id
            return record
        }
    }

    func updateDeployment(_ deployment: DeploymentRecord) async throws {
        guard let id = deployment.id else { throw StoreError("a deployment without an id cannot be updated") }
        try await update(deployment, id: id, in: "deployment")
    }

    func deployment(id: Int64) async throws -> DeploymentRecord? {
        try await select(DeploymentRecord.self, #"SELECT row_to_json(t)::text FROM "deployment" t WHERE "id" = \#(id)"#).first
    }

    func deployments(stackId: String?, status: DeploymentStatus?, ascending: Bool, limit: Int, offset: Int) async throws -> [DeploymentRecord] {
        let order = ascending ? #""queuedAt" ASC, "id" ASC"# : #""queuedAt" DESC, "id" DESC"#
        return try await select(DeploymentRecord.self, """
            SELECT row_to_json(t)::text FROM "deployment" t
            WHERE (\(stackId)::text IS NULL OR "stackId" = \(stackId)) AND (\(status?.rawValue)::text IS NULL OR "status" = \(status?.rawValue))
            ORDER BY \(unescaped: order) LIMIT \(limit) OFFSET \(offset)
            """)
    }

    // MARK: Drift

    func insertDriftCheck(_ check: DriftCheckRecord) async throws -> DriftCheckRecord {
        var record = check
        record.id = try await insert(record, into: "driftCheck")
        return record
    }

    func driftChecks(stackId: String, limit: Int) async throws -> [DriftCheckRecord] {
        try await select(DriftCheckRecord.self, """
            SELECT row_to_json(t)::text FROM "driftCheck" t WHERE "stackId" = \(stackId)
            ORDER BY "checkedAt" DESC, "id" DESC LIMIT \(limit)
            """)
    }

    // MARK: Crash recovery

    func recoverInterruptedWork(at date: Date, currentPid: Int32) async throws -> Store.Recovery {
        let logger = connections.logger
        let at = date.timeIntervalSince1970
        return try await connections.transaction { connection in
            let runs = try PostgresJSON.records(RunRecord.self, try await connection.rows("""
                UPDATE "run" SET "status" = 'interrupted', "finishedAt" = \(at)
                WHERE "status" = 'running' AND "ownerPid" <> \(currentPid)
                RETURNING row_to_json("run".*)::text
                """, logger: logger)).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
            let runIds = runs.compactMap(\.id)
            let running = try PostgresJSON.records(DeploymentRecord.self, try await connection.rows("""
                UPDATE "deployment" SET "status" = 'interrupted', "finishedAt" = \(at),
                    "error" = 'the daemon stopped while this deployment was running'
                WHERE "status" = 'running' AND ("runId" IS NULL OR "runId" = ANY(\(runIds)::bigint[]))
                RETURNING row_to_json("deployment".*)::text
                """, logger: logger))
            let queued = try PostgresJSON.records(DeploymentRecord.self, try await connection.rows("""
                UPDATE "deployment" SET "status" = 'interrupted', "finishedAt" = \(at),
                    "error" = 'the daemon stopped before this deployment ran'
                WHERE "status" = 'queued'
                RETURNING row_to_json("deployment".*)::text
                """, logger: logger))
            let byID: ([DeploymentRecord]) -> [DeploymentRecord] = { list in list.sorted { ($0.id ?? 0) < ($1.id ?? 0) } }
            return Store.Recovery(runs: runs, deployments: byID(running) + byID(queued))
        }
    }

    func recoverWorkOfDeadReplicas(me: String, at date: Date) async throws -> Store.Recovery {
        let logger = connections.logger
        let at = date.timeIntervalSince1970
        let dead = #"""
            t."owner" IS NOT NULL AND t."owner" <> $1 AND NOT EXISTS (
                SELECT 1 FROM "lease" l WHERE l."key" = 'replica:' || t."owner" AND l."expiresAt" > $2)
            """#
        return try await connections.transaction { connection in
            var bindings = PostgresBindings()
            bindings.append(me)
            bindings.append(at)
            let runs = try PostgresJSON.records(RunRecord.self, try await connection.rows(PostgresQuery(unsafeSQL: """
                UPDATE "run" AS t SET "status" = 'interrupted', "finishedAt" = $2
                WHERE t."status" = 'running' AND \(dead)
                RETURNING row_to_json(t.*)::text
                """, binds: bindings), logger: logger))
            let deployments = try PostgresJSON.records(DeploymentRecord.self, try await connection.rows(PostgresQuery(unsafeSQL: """
                UPDATE "deployment" AS t SET "finishedAt" = $2, "error" = CASE WHEN "status" = 'running'
                    THEN 'the replica running this deployment stopped'
                    ELSE 'the replica that queued this deployment stopped before it ran' END,
                    "status" = 'interrupted'
                WHERE t."status" IN ('queued', 'running') AND \(dead)
                RETURNING row_to_json(t.*)::text
                """, binds: bindings), logger: logger))
            let byID = { (a: RunRecord, b: RunRecord) in (a.id ?? 0) < (b.id ?? 0) }
            return Store.Recovery(runs: runs.sorted(by: byID), deployments: deployments.sorted { ($0.id ?? 0) < ($1.id ?? 0) })
        }
    }

    // MARK: Leases

    func claimLease(_ key: String, owner: String, until expiresAt: Date, at now: Date) async throws -> LeaseRecord? {
        // One statement: the row lock taken by ON CONFLICT makes concurrent claims take turns,
        // and the WHERE lets a claim through only when the lease is free, expired or its own.
        let rows = try await connections.query("""
            INSERT INTO "lease" ("key", "owner", "acquiredAt", "expiresAt")
            VALUES (\(key), \(owner), \(now.timeIntervalSince1970), \(expiresAt.timeIntervalSince1970))
            ON CONFLICT ("key") DO UPDATE SET "owner" = EXCLUDED."owner", "expiresAt" = EXCLUDED."expiresAt",
                "acquiredAt" = CASE WHEN "lease"."owner" = EXCLUDED."owner" THEN "lease"."acquiredAt" ELSE EXCLUDED."acquiredAt" END
            WHERE "lease"."owner" = EXCLUDED."owner" OR "lease"."expiresAt" <= EXCLUDED."acquiredAt"
            RETURNING row_to_json("lease".*)::text
            """)
        return try PostgresJSON.records(LeaseRecord.self, rows).first
    }

    func releaseLease(_ key: String, owner: String) async throws {
        try await connections.query(#"DELETE FROM "lease" WHERE "key" = \#(key) AND "owner" = \#(owner)"#)
    }

    func lease(_ key: String) async throws -> LeaseRecord? {
        try await select(LeaseRecord.self, #"SELECT row_to_json(t)::text FROM "lease" t WHERE "key" = \#(key)"#).first
    }

    // MARK: Stack summaries

    func stackSummaries(repositoryId: String?, statuses: Set<StackStatus>?, limit: Int, offset: Int) async throws -> StackSummaryPage {
        let wanted = (statuses ?? []).map(\.rawValue).sorted()
        let total = try await connections.query("""
            SELECT COUNT(*) FROM "stack"
            WHERE (\(repositoryId)::text IS NULL OR "repositoryId" = \(repositoryId))
                AND (cardinality(\(wanted)::text[]) = 0 OR "status" = ANY(\(wanted)::text[]))
            """).first?.decode(Int64.self) ?? 0
        let page = try await summaries(id: nil, repositoryId: repositoryId, statuses: wanted, limit: limit, offset: offset)
        return StackSummaryPage(summaries: page, total: Int(total))
    }

    func stackSummary(id: String) async throws -> StackSummaryRecord? {
        try await summaries(id: id, repositoryId: nil, statuses: [], limit: 1, offset: 0).first
    }

    func stackCounts() async throws -> StackCounts {
        var byStatus: [StackStatus: Int] = [:]
        for row in try await connections.query(#"SELECT "status", COUNT(*) FROM "stack" GROUP BY "status""#) {
            let (status, count) = try row.decode((String, Int64).self, context: .default)
            if let status = StackStatus(rawValue: status) { byStatus[status, default: 0] += Int(count) }
        }
        let drifted = try await connections.query("""
            SELECT COUNT(*) FROM "stack" WHERE (
                SELECT c."status" FROM "driftCheck" c WHERE c."stackId" = "stack"."id"
                ORDER BY c."checkedAt" DESC, c."id" DESC LIMIT 1) = 'drifted'
            """).first?.decode(Int64.self) ?? 0
        return StackCounts(total: byStatus.values.reduce(0, +), byStatus: byStatus, drifted: Int(drifted))
    }

    /// The page of stacks is chosen first, so the newest rows are looked up only for it.
    private func summaries(id: String?, repositoryId: String?, statuses: [String], limit: Int, offset: Int) async throws -> [StackSummaryRecord] {
        let rows = try await connections.query("""
            SELECT row_to_json(s)::text, row_to_json(p)::text, row_to_json(d)::text, row_to_json(c)::text
            FROM (
                SELECT * FROM "stack"
                WHERE (\(id)::text IS NULL OR "id" = \(id)) AND (\(repositoryId)::text IS NULL OR "repositoryId" = \(repositoryId))
                    AND (cardinality(\(statuses)::text[]) = 0 OR "status" = ANY(\(statuses)::text[]))
                ORDER BY "id" COLLATE "C" LIMIT \(limit) OFFSET \(offset)
            ) AS s
            LEFT JOIN "proposal" p ON p."id" = (
                SELECT x."id" FROM "proposal" x WHERE x."stackId" = s."id" ORDER BY x."createdAt" DESC, x."id" DESC LIMIT 1)
            LEFT JOIN "deployment" d ON d."id" = (
                SELECT x."id" FROM "deployment" x WHERE x."stackId" = s."id" ORDER BY x."queuedAt" DESC, x."id" DESC LIMIT 1)
            LEFT JOIN "driftCheck" c ON c."id" = (
                SELECT x."id" FROM "driftCheck" x WHERE x."stackId" = s."id" ORDER BY x."checkedAt" DESC, x."id" DESC LIMIT 1)
            ORDER BY s."id" COLLATE "C"
            """)
        return try rows.map { row in
            let (stack, proposal, deployment, drift) = try row.decode((String, String?, String?, String?).self, context: .default)
            func record<R: Decodable>(_ type: R.Type, _ json: String?) throws -> R? {
                guard let json, !PostgresJSON.isEmptyRow(json) else { return nil }
                return try PostgresJSON.decode(type, json)
            }
            return StackSummaryRecord(
                stack: try PostgresJSON.decode(StackRecord.self, stack),
                lastProposal: try record(ProposalRecord.self, proposal),
                lastDeployment: try record(DeploymentRecord.self, deployment),
                lastDriftCheck: try record(DriftCheckRecord.self, drift))
        }
    }
}
