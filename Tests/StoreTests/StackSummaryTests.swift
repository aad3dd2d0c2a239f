import Foundation
import Testing
import PostgresFixture
import Store

/// The stack list's one-query read: newest proposal, deployment and drift check per stack,
/// paging, filters and counts, against a real SQLite file and a real PostgreSQL.
@Suite struct StackSummaryTests {
    @Test(arguments: StoreKind.allCases)
    func eachStackComesWithItsNewestProposalDeploymentAndDriftCheck(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let now = Date()
            try await store.setStackStatus(id: "a/web", repositoryId: "a", path: "web", status: .deployed, deployedCommit: "c1")
            try await store.setStackStatus(id: "a/db", repositoryId: "a", path: "db", status: .new)
            // Older rows first, and a row of another stack, so "newest of this stack" is tested.
            try await store.insertProposal(ProposalRecord(stackId: "a/web", branch: "old", sourceCommit: "p1", inputHash: "h", status: .failed, createdAt: now.addingTimeInterval(-100)))
            try await store.insertProposal(ProposalRecord(stackId: "a/web", branch: "new", sourceCommit: "p2", inputHash: "h", status: .proposed, createdAt: now.addingTimeInterval(-10)))
            try await store.insertProposal(ProposalRecord(stackId: "a/db", branch: "other", sourceCommit: "p3", inputHash: "h", status: .refused, createdAt: now))
            try await store.insertDeployment(DeploymentRecord(stackId: "a/web", commit: "d1", status: .failed, queuedAt: now.addingTimeInterval(-50)))
            try await store.insertDeployment(DeploymentRecord(stackId: "a/web", commit: "d2", status: .succeeded, queuedAt: now.addingTimeInterval(-5)))
            try await store.insertDriftCheck(DriftCheckRecord(stackId: "a/web", commit: "d2", status: .drifted, checkedAt: now.addingTimeInterval(-20)))
            try await store.insertDriftCheck(DriftCheckRecord(stackId: "a/web", commit: "d2", status: .clean, checkedAt: now.addingTimeInterval(-2)))

            let page = try await store.stackSummaries()
            #expect(page.total == 2)
            #expect(page.summaries.map(\.stack.id) == ["a/db", "a/web"])
            let web = try #require(page.summaries.last)
            #expect(web.stack.deployedCommit == "c1")
            #expect(web.lastProposal?.branch == "new")
            #expect(web.lastDeployment?.commit == "d2")
            #expect(web.lastDriftCheck?.status == .clean)
            let db = try #require(page.summaries.first)
            #expect(db.lastProposal?.branch == "other")
            #expect(db.lastDeployment == nil)
            #expect(db.lastDriftCheck == nil)
            // The same rows as reading each stack's history one query at a time.
            #expect(web.lastProposal == (try await store.proposals(stackId: "a/web", limit: 1).first))
            #expect(web.lastDeployment == (try await store.deployments(stackId: "a/web", limit: 1).first))
            #expect(try await store.stackSummary(id: "a/web") == web)
            #expect(try await store.stackSummary(id: "a/none") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pagesAreOrderedByIdAndCountEveryMatch(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            for index in 0..<25 {
                let status: StackStatus = index % 5 == 0 ? .failed : .deployed
                try await store.setStackStatus(id: String(format: "r%d/s%02d", index % 2, index), repositoryId: "r\(index % 2)", path: "s\(index)", status: status)
            }
            let all = try await store.stackSummaries(limit: 100).summaries.map(\.stack.id)
            #expect(all == all.sorted() && all.count == 25)
            let first = try await store.stackSummaries(limit: 10, offset: 0)
            let second = try await store.stackSummaries(limit: 10, offset: 10)
            let last = try await store.stackSummaries(limit: 10, offset: 20)
            #expect(first.total == 25 && second.total == 25 && last.total == 25)
            #expect((first.summaries + second.summaries + last.summaries).map(\.stack.id) == all)
            #expect(last.summaries.count == 5)
            #expect(try await store.stackSummaries(limit: 10, offset: 30).summaries.isEmpty)

            let failed = try await store.stackSummaries(statuses: [.failed], limit: 2)
            #expect(failed.total == 5)
            #expect(failed.summaries.count == 2 && failed.summaries.allSatisfy { $0.stack.status == .failed })
            let ofR1 = try await store.stackSummaries(repositoryId: "r1", statuses: [.failed, .deployed], limit: 100)
            #expect(ofR1.total == 12 && ofR1.summaries.allSatisfy { $0.stack.repositoryId == "r1" })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func countsAreByStatusAndByNewestDriftCheck(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.setStackStatus(id: "a/1", repositoryId: "a", path: "1", status: .deployed)
            try await store.setStackStatus(id: "a/2", repositoryId: "a", path: "2", status: .deployed)
            try await store.setStackStatus(id: "a/3", repositoryId: "a", path: "3", status: .failed)
            let now = Date()
            // a/1 drifted, then was clean again: not drifted. a/2 drifted last.
            try await store.insertDriftCheck(DriftCheckRecord(stackId: "a/1", commit: "c", status: .drifted, checkedAt: now.addingTimeInterval(-60)))
            try await store.insertDriftCheck(DriftCheckRecord(stackId: "a/1", commit: "c", status: .clean, checkedAt: now))
            try await store.insertDriftCheck(DriftCheckRecord(stackId: "a/2", commit: "c", status: .clean, checkedAt: now.addingTimeInterval(-60)))
            try await store.insertDriftCheck(DriftCheckRecord(stackId: "a/2", commit: "c", status: .drifted, checkedAt: now))
            let counts = try await store.stackCounts()
            #expect(counts.total == 3)
            #expect(counts.count(.deployed) == 2 && counts.count(.failed) == 1 && counts.count(.new) == 0)
            #expect(counts.drifted == 1)
        }
    }
}
