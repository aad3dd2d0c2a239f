import Foundation
import GRDB

/// A stack with its newest proposal, deployment and drift check: one row of the stack list
/// and of the status page.
public struct StackSummaryRecord: Sendable, Equatable {
    public var stack: StackRecord
    public var lastProposal: ProposalRecord?
    public var lastDeployment: DeploymentRecord?
    public var lastDriftCheck: DriftCheckRecord?

    public init(stack: StackRecord, lastProposal: ProposalRecord? = nil, lastDeployment: DeploymentRecord? = nil, lastDriftCheck: DriftCheckRecord? = nil) {
        self.stack = stack
        self.lastProposal = lastProposal
        self.lastDeployment = lastDeployment
        self.lastDriftCheck = lastDriftCheck
    }
}

/// One page of stack summaries, ordered by stack id, and how many stacks match in all.
public struct StackSummaryPage: Sendable, Equatable {
    public var summaries: [StackSummaryRecord]
    /// Stacks matching the filter, on every page.
    public var total: Int
}

/// How many stacks there are in each status, and how many drifted at their last check: the
/// status page's summary line and filter counts, without reading every stack.
public struct StackCounts: Sendable, Equatable {
    public var total: Int
    public var byStatus: [StackStatus: Int]
    /// Stacks whose newest drift check found drift.
    public var drifted: Int

    /// The number of stacks in `status`.
    public func count(_ status: StackStatus) -> Int { byStatus[status] ?? 0 }
}

extension SQLiteBackend {
    func stackSummaries(repositoryId: String?, statuses: Set<StackStatus>?, limit: Int, offset: Int) async throws -> StackSummaryPage {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let repositoryId {
            conditions.append(#""repositoryId" = ?"#)
            _ = arguments.append(contentsOf: [repositoryId])
        }
        if let statuses, !statuses.isEmpty {
            let sorted = statuses.map(\.rawValue).sorted()
            conditions.append(#""status" IN (\#(sorted.map { _ in "?" }.joined(separator: ", ")))"#)
            _ = arguments.append(contentsOf: StatementArguments(sorted))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let countArguments = arguments
        _ = arguments.append(contentsOf: [max(0, limit), max(0, offset)])
        let pageArguments = arguments
        return try await pool.read { db in
            let total = try Int.fetchOne(db, sql: #"SELECT COUNT(*) FROM "stack" \#(filter)"#, arguments: countArguments) ?? 0
            let page = try StackSummaryQuery.fetch(db, pageSQL: #"SELECT * FROM "stack" \#(filter) ORDER BY "id" LIMIT ? OFFSET ?"#, arguments: pageArguments)
            return StackSummaryPage(summaries: page, total: total)
        }
    }

    func stackSummary(id: String) async throws -> StackSummaryRecord? {
        try await pool.read { db in
            try StackSummaryQuery.fetch(db, pageSQL: #"SELECT * FROM "stack" WHERE "id" = ?"#, arguments: [id]).first
        }
    }

    func stackCounts() async throws -> StackCounts {
        try await pool.read { db in
            var byStatus: [StackStatus: Int] = [:]
            let rows = try Row.fetchAll(db, sql: #"SELECT "status", COUNT(*) AS "n" FROM "stack" GROUP BY "status""#)
            for row in rows {
                if let status = StackStatus(rawValue: row["status"]) { byStatus[status, default: 0] += row["n"] as Int }
            }
            let drifted = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM "stack" WHERE (
                    SELECT c."status" FROM "driftCheck" c WHERE c."stackId" = "stack"."id"
                    ORDER BY c."checkedAt" DESC, c."id" DESC LIMIT 1) = 'drifted'
                """) ?? 0
            return StackCounts(total: byStatus.values.reduce(0, +), byStatus: byStatus, drifted: drifted)
        }
    }
}

/// The SQL behind `stackSummaries`: the page of stacks is chosen first, so the newest
/// proposal, deployment and drift check are looked up (by index) only for the rows returned.
enum StackSummaryQuery {
    static func fetch(_ db: Database, pageSQL: String, arguments: StatementArguments) throws -> [StackSummaryRecord] {
        // Column counts come from the schema, so a migration adding a column keeps this working.
        let counts = try ["stack", "proposal", "deployment", "driftCheck"].map { try db.columns(in: $0).count }
        let sql = """
            SELECT "stack".*, "proposal".*, "deployment".*, "driftCheck".*
            FROM (\(pageSQL)) AS "stack"
            LEFT JOIN "proposal" ON "proposal"."id" = (
                SELECT p."id" FROM "proposal" p WHERE p."stackId" = "stack"."id" ORDER BY p."createdAt" DESC, p."id" DESC LIMIT 1)
            LEFT JOIN "deployment" ON "deployment"."id" = (
                SELECT d."id" FROM "deployment" d WHERE d."stackId" = "stack"."id" ORDER BY d."queuedAt" DESC, d."id" DESC LIMIT 1)
            LEFT JOIN "driftCheck" ON "driftCheck"."id" = (
                SELECT c."id" FROM "driftCheck" c WHERE c."stackId" = "stack"."id" ORDER BY c."checkedAt" DESC, c."id" DESC LIMIT 1)
            ORDER BY "stack"."id"
            """
        let parts = splittingRowAdapters(columnCounts: counts)
        let adapter = ScopeAdapter(base: parts[0], scopes: ["proposal": parts[1], "deployment": parts[2], "drift": parts[3]])
        var result: [StackSummaryRecord] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments, adapter: adapter)
        while let row = try rows.next() {
            result.append(StackSummaryRecord(
                stack: try StackRecord(row: row),
                lastProposal: try record(row, "proposal"),
                lastDeployment: try record(row, "deployment"),
                lastDriftCheck: try record(row, "drift")))
        }
        return result
    }

    /// The record in a scope of a LEFT JOIN, nil when the join found nothing (all NULL).
    private static func record<R: FetchableRecord>(_ row: Row, _ scope: String) throws -> R? {
        guard let scoped = row.scopes[scope], scoped.containsNonNullValue else { return nil }
        return try R(row: scoped)
    }
}
