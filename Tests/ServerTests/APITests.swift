import Foundation
import Testing
import Store

@Suite("JSON API over loopback")
struct APITests {
    @Test func repositoriesListEveryConfiguredRepositoryWithItsFetchState() async throws {
        try await TestDaemon.with(config: Fixture.config(), environment: ["DEMO_WEBHOOK_SECRET": "s3cret-value"]) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let response = try await daemon.get("/api/v1/repositories")
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
            let list = try #require(try response.json()["repositories"] as? [[String: Any]])
            #expect(list.map { $0["id"] as? String } == ["demo", "other", "nosecret"])
            let demo = list[0]
            #expect(demo["everReachable"] as? Bool == true)
            #expect(demo["stackCount"] as? Int == 3)
            #expect(demo["webhooksEnabled"] as? Bool == true)
            #expect(list[1]["everReachable"] as? Bool == false)
            #expect(list[1]["webhooksEnabled"] as? Bool == false, "OTHER_WEBHOOK_SECRET is not set")

            let one = try await daemon.get("/api/v1/repositories/demo")
            #expect(try one.json()["url"] as? String == Fixture.repositoryURL)
            #expect(try await daemon.get("/api/v1/repositories/nope").errorMessage().contains("nope"))
        }
    }

    @Test func stacksCarryStatusLastProposalLastDeploymentAndDrift() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let stacks = try #require(try await daemon.get("/api/v1/stacks").json()["stacks"] as? [[String: Any]])
            #expect(stacks.map { $0["id"] as? String } == [Fixture.app, Fixture.db, Fixture.web])
            let web = try #require(stacks.first { $0["id"] as? String == Fixture.web })
            #expect(web["status"] as? String == "deployed")
            #expect(web["deployedCommit"] as? String == "c0ffee1234567890")
            let proposal = try #require(web["lastProposal"] as? [String: Any])
            #expect(proposal["branch"] as? String == "feature/2")
            let deployment = try #require(web["lastDeployment"] as? [String: Any])
            #expect(deployment["commit"] as? String == "d2000000")
            #expect(deployment["durationMs"] as? Int == 180_000)
            let drift = try #require(web["drift"] as? [String: Any])
            #expect(drift["status"] as? String == "drifted")
            #expect((drift["resources"] as? [Any])?.count == 1)

            let one = try await daemon.get("/api/v1/stacks/\(Fixture.web.pathSegment)")
            #expect(one.status == 200)
            #expect(try one.json()["path"] as? String == "infra/web")

            let failed = try #require(try await daemon.get("/api/v1/stacks?status=failed,refused").json()["stacks"] as? [[String: Any]])
            #expect(failed.map { $0["id"] as? String } == [Fixture.db])
            let ofDemo = try #require(try await daemon.get("/api/v1/stacks?repository=demo").json()["stacks"] as? [[String: Any]])
            #expect(ofDemo.count == 3)
        }
    }

    @Test func theStackListIsPagedInIdOrderWithTheTotal() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let page = try await daemon.get("/api/v1/stacks?limit=2&offset=1").json()
            let stacks = try #require(page["stacks"] as? [[String: Any]])
            #expect(stacks.map { $0["id"] as? String } == [Fixture.db, Fixture.web])
            #expect(page["total"] as? Int == 3)
            #expect(page["limit"] as? Int == 2 && page["offset"] as? Int == 1)
            // The newest rows come with each stack on every page, not only on the first.
            #expect((stacks.last?["drift"] as? [String: Any])?["status"] as? String == "drifted")
            let beyond = try await daemon.get("/api/v1/stacks?offset=3").json()
            #expect((beyond["stacks"] as? [Any])?.isEmpty == true && beyond["total"] as? Int == 3)
            let defaults = try await daemon.get("/api/v1/stacks?status=failed").json()
            #expect(defaults["limit"] as? Int == 50 && defaults["offset"] as? Int == 0 && defaults["total"] as? Int == 1)
        }
    }

    @Test func historyFiltersSortsAndPaginatesProposalsAndDeployments() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let path = "/api/v1/stacks/\(Fixture.web.pathSegment)/history"

            let all = try await daemon.get(path).json()
            #expect(all["total"] as? Int == 6)
            let items = try #require(all["items"] as? [[String: Any]])
            let times = items.compactMap { $0["at"] as? String }
            #expect(times == times.sorted(by: >), "newest first by default")
            #expect(Set(items.compactMap { $0["kind"] as? String }) == ["proposal", "deployment"])

            let oldest = try #require(try await daemon.get(path + "?sort=oldest").json()["items"] as? [[String: Any]])
            #expect(oldest.compactMap { $0["at"] as? String } == times.reversed())

            let longest = try #require(try await daemon.get(path + "?sort=longest&kind=deployment").json()["items"] as? [[String: Any]])
            #expect(longest.compactMap { $0["durationMs"] as? Int } == [180_000, 120_000, 60_000])

            let succeeded = try await daemon.get(path + "?status=succeeded").json()
            #expect(succeeded["total"] as? Int == 2)
            #expect((succeeded["items"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "succeeded" } == true)

            let refusedOrFailed = try await daemon.get(path + "?status=refused,failed").json()
            #expect(refusedOrFailed["total"] as? Int == 2)

            let page1 = try #require(try await daemon.get(path + "?limit=4").json()["items"] as? [[String: Any]])
            let page2 = try await daemon.get(path + "?limit=4&offset=4").json()
            let page2Items = try #require(page2["items"] as? [[String: Any]])
            #expect(page1.count == 4)
            #expect(page2Items.count == 2)
            #expect(page2["offset"] as? Int == 4)
            let ids = (page1 + page2Items).map { "\($0["kind"] ?? "")-\($0["id"] ?? "")" }
            #expect(Set(ids).count == 6, "pages neither overlap nor skip")
        }
    }

    @Test(arguments: [
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?limit=0", "limit"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?limit=abc", "limit"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?limit=201", "limit"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?offset=-1", "offset"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?sort=sideways", "sort"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?status=exploded", "status"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?kind=apply", "kind"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?limit=1&limit=2", "limit"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/history?stauts=failed", "stauts"),
        ("/api/v1/stacks?status=happy", "status"),
        ("/api/v1/stacks?repository=unknown", "repository"),
        ("/api/v1/stacks?limit=0", "limit"),
        ("/api/v1/stacks?limit=201", "limit"),
        ("/api/v1/stacks?offset=-1", "offset"),
        ("/?offset=x", "offset"),
        ("/api/v1/deployments?sort=random", "sort"),
        ("/api/v1/deployments?status=done", "status"),
        ("/api/v1/runs/1/log?follow=maybe", "follow"),
        ("/api/v1/runs/1/log?after=x", "after"),
        ("/api/v1/stacks/demo%2Finfra%2Fweb/drift?limit=1000", "limit"),
    ])
    func badQueryParametersAreA400NamingTheParameter(path: String, parameter: String) async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let response = try await daemon.get(path)
            #expect(response.status == 400, "\(path): \(response.text)")
            #expect(try response.errorMessage().contains("'\(parameter)'"), "\(path): \(response.text)")
        }
    }

    @Test func aDeploymentComesWithItsLogAndDuration() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            let written = try await Fixture.fill(daemon.store)
            let body = try await daemon.get("/api/v1/deployments/\(written.deploymentWithLog)").json()
            let deployment = try #require(body["deployment"] as? [String: Any])
            #expect(deployment["status"] as? String == "succeeded")
            #expect(deployment["durationMs"] as? Int == 180_000)
            #expect(deployment["runId"] as? Int == Int(written.deploymentRun))
            let log = try #require(body["log"] as? [[String: Any]])
            #expect(log.compactMap { $0["text"] as? String } == written.logLineTexts)
            #expect(body["logTruncated"] as? Bool == false)

            let list = try #require(try await daemon.get("/api/v1/deployments?stack=\(Fixture.web.pathSegment)&status=failed").json()["deployments"] as? [[String: Any]])
            #expect(list.count == 1)
            #expect((list.first?["error"] as? String)?.contains("hunter2") == false, "credentials in URLs are redacted")

            #expect(try await daemon.get("/api/v1/deployments/999999").status == 404)
            let bad = try await daemon.get("/api/v1/deployments/abc")
            #expect(bad.status == 400)
            #expect(try bad.errorMessage().contains("'id'"))
        }
    }

    @Test func driftChecksAreListedNewestFirst() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let checks = try #require(try await daemon.get("/api/v1/stacks/\(Fixture.web.pathSegment)/drift").json()["driftChecks"] as? [[String: Any]])
            #expect(checks.compactMap { $0["status"] as? String } == ["drifted", "clean"])
            let resource = try #require((checks.first?["resources"] as? [[String: Any]])?.first)
            #expect(resource["address"] as? String == "aws_s3_bucket.site")
            let limited = try #require(try await daemon.get("/api/v1/stacks/\(Fixture.web.pathSegment)/drift?limit=1").json()["driftChecks"] as? [Any])
            #expect(limited.count == 1)
        }
    }

    @Test func aRunsStoredLogPagesWithAfter() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            let written = try await Fixture.fill(daemon.store)
            let run = try await daemon.get("/api/v1/runs/\(written.deploymentRun)").json()
            #expect(run["status"] as? String == "finished")
            #expect(run["kind"] as? String == "deployment")

            let log = try await daemon.get("/api/v1/runs/\(written.deploymentRun)/log").json()
            let lines = try #require(log["lines"] as? [[String: Any]])
            #expect(lines.compactMap { $0["text"] as? String } == written.logLineTexts)
            let firstId = try #require(lines.first?["id"] as? Int)
            let rest = try #require(try await daemon.get("/api/v1/runs/\(written.deploymentRun)/log?after=\(firstId)&limit=1").json()["lines"] as? [[String: Any]])
            #expect(rest.compactMap { $0["text"] as? String } == [written.logLineTexts[1]])
            #expect(try await daemon.get("/api/v1/runs/424242/log").status == 404)
        }
    }

    @Test func unknownThingsAreJSON404s() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            for path in ["/api/v1/stacks/demo%2Fnowhere", "/api/v1/stacks/demo%2Fnowhere/history", "/api/v1/runs/999", "/api/v1/nothing-here", "/no/such/page"] {
                let response = try await daemon.get(path)
                #expect(response.status == 404, "\(path)")
                #expect(!(try response.errorMessage()).isEmpty)
            }
            // A stack id with its slashes not encoded does not reach a stack route.
            #expect(try await daemon.get("/api/v1/stacks/demo/infra/web").status == 404)
        }
    }

    @Test func actionsAnswer202AndReachTheReconciler() async throws {
        let backend = RecordingBackend(repositories: ["demo"], stacks: [Fixture.web])
        try await TestDaemon.with(config: Fixture.config(), backend: backend) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let auth = ["Authorization": "Bearer \(Fixture.token)"]
            let sync = try await daemon.request("POST", "/api/v1/repositories/demo/sync", headers: auth)
            #expect(sync.status == 202)
            #expect(backend.syncs == ["demo"])
            let drift = try await daemon.request("POST", "/api/v1/stacks/\(Fixture.web.pathSegment)/drift-check", headers: auth)
            #expect(drift.status == 202)
            #expect(backend.driftChecks == [Fixture.web])

            #expect(try await daemon.request("POST", "/api/v1/repositories/nope/sync", headers: auth).status == 404)
            #expect(try await daemon.request("POST", "/api/v1/stacks/demo%2Fnope/drift-check", headers: auth).status == 404)
            // Configured but unknown to the reconciler.
            #expect(try await daemon.request("POST", "/api/v1/repositories/other/sync", headers: auth).status == 404)
        }
    }

    @Test func approvalNeedsAuthAFingerprintAndTheWaitingPlanAndRecordsWhoApproved() async throws {
        let waiting = String(repeating: "a", count: 64)
        let backend = RecordingBackend(repositories: ["demo"], stacks: [Fixture.web], waitingPlans: [Fixture.web: waiting])
        try await TestDaemon.with(config: Fixture.config(), backend: backend) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            // The waiting deployment shows what to approve and what that plan changes.
            _ = try await daemon.store.insertDeployment(DeploymentRecord(
                stackId: Fixture.web, commit: String(repeating: "c", count: 40), status: .needsApproval, pendingPlan: waiting,
                pendingChanges: [ResourceChangeEntry(address: "aws_s3_bucket.site", action: "replace")]))
            let listed = try #require(try await daemon.get("/api/v1/deployments?stack=\(Fixture.web.pathSegment)&status=needsApproval").json()["deployments"] as? [[String: Any]])
            #expect(listed.count == 1)
            #expect(listed.first?["pendingPlan"] as? String == waiting)
            let changes = try #require(listed.first?["pendingChanges"] as? [[String: Any]])
            #expect(changes.first?["address"] as? String == "aws_s3_bucket.site" && changes.first?["action"] as? String == "replace")
            let path = "/api/v1/stacks/\(Fixture.web.pathSegment)/approve"
            let auth = ["Authorization": "Bearer \(Fixture.token)"]
            #expect(try await daemon.request("POST", path, body: Data("{\"plan\":\"\(waiting)\"}".utf8)).status == 401)
            #expect(try await daemon.request("POST", path, headers: auth, body: Data("{\"plan\":\"nope\"}".utf8)).status == 400)
            #expect(try await daemon.request("POST", path, headers: auth, body: Data("not json".utf8)).status == 400)
            let other = String(repeating: "b", count: 64)
            let conflict = try await daemon.request("POST", path, headers: auth, body: Data("{\"plan\":\"\(other)\"}".utf8))
            #expect(conflict.status == 409)
            #expect(conflict.text.contains(waiting))
            let approved = try await daemon.request("POST", path, headers: auth, body: Data("{\"plan\":\"\(waiting)\"}".utf8))
            #expect(approved.status == 202)
            let approval = try #require(backend.approvals.last)
            #expect(approval.stack == Fixture.web && approval.plan == waiting)
            #expect(approval.by.hasPrefix("token:") && !approval.by.contains(Fixture.token))
            #expect(try await daemon.request("POST", "/api/v1/stacks/demo%2Fnope/approve", headers: auth, body: Data("{\"plan\":\"\(waiting)\"}".utf8)).status == 404)
        }
    }
}
