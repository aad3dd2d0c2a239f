import Foundation
import Testing
import Store
import Telemetry

@Suite("Health, readiness and metrics")
struct HealthAndMetricsTests {
    @Test func healthzAnswersAndReadyzWaitsForEveryRepositoryToBeFetched() async throws {
        var config = Fixture.config()
        config.repositories = Array(config.repositories.prefix(2))
        try await TestDaemon.with(config: config) { (daemon: TestDaemon) async throws in
            #expect(try await daemon.get("/healthz").status == 200)
            let before = try await daemon.get("/readyz")
            #expect(before.status == 503)
            #expect(try before.json()["status"] as? String == "not ready")

            try await daemon.store.upsertRepository(id: "demo", url: Fixture.repositoryURL)
            try await daemon.store.upsertRepository(id: "other", url: "git@gitlab.example.com:platform/network.git")
            try await daemon.store.recordFetch(repositoryId: "demo", error: nil)
            try await daemon.store.recordFetch(repositoryId: "other", error: "could not resolve host")
            #expect(try await daemon.get("/readyz").status == 503, "a failing repository is not reachable yet")

            try await daemon.store.recordFetch(repositoryId: "other", error: nil)
            try await daemon.store.recordFetch(repositoryId: "other", error: "timed out")
            let after = try await daemon.get("/readyz")
            #expect(after.status == 200, "reachable once is enough: \(after.text)")
            #expect(try after.json()["status"] as? String == "ready")
        }
    }

    @Test func metricsExposeReconcilesQueueDepthTerraformGitDriftAndRequests() async throws {
        let backend = RecordingBackend(depth: (queued: 7, running: 2))
        try await TestDaemon.with(config: Fixture.config(), backend: backend) { (daemon: TestDaemon) async throws in
            daemon.metrics.recordReconcile(kind: "deployment", outcome: "succeeded", duration: .seconds(42))
            daemon.metrics.recordReconcile(kind: "deployment", outcome: "succeeded", duration: .seconds(2))
            daemon.metrics.recordReconcile(kind: "proposal", outcome: "failed", duration: .milliseconds(900))
            daemon.metrics.recordGitFetch(repository: "demo", duration: .milliseconds(120), success: true)
            daemon.metrics.recordTerraformRun(command: "apply", duration: .seconds(75))
            daemon.metrics.setDriftedStacks(3)
            _ = try await daemon.get("/api/v1/stacks")

            let response = try await daemon.get("/metrics")
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/plain") == true)
            let text = response.text
            let lines = Set(text.split(separator: "\n").map(String.init))
            #expect(lines.contains(#"ezbuilt_reconciles_total{kind="deployment",outcome="succeeded"} 2"#), "\(text)")
            #expect(lines.contains(#"ezbuilt_reconciles_total{kind="proposal",outcome="failed"} 1"#))
            #expect(lines.contains(#"ezbuilt_reconcile_duration_seconds_count{kind="deployment"} 2"#))
            #expect(lines.contains(#"ezbuilt_queue_jobs{state="queued"} 7.0"#) || lines.contains(#"ezbuilt_queue_jobs{state="queued"} 7"#))
            #expect(lines.contains(#"ezbuilt_drifted_stacks 3.0"#) || lines.contains(#"ezbuilt_drifted_stacks 3"#))
            #expect(text.contains(#"ezbuilt_terraform_run_duration_seconds_bucket{command="apply",le="120.0"} 1"#))
            #expect(text.contains(#"ezbuilt_git_fetches_total{repository="demo",outcome="succeeded"} 1"#))
            #expect(text.contains(#"ezbuilt_git_fetch_duration_seconds_count{repository="demo"} 1"#))
            #expect(text.contains(#"ezbuilt_http_requests_total{method="GET",route="/api/v1/stacks",status="200"} 1"#))
        }
    }

    @Test func twoDaemonsInOneProcessKeepTheirOwnMetrics() {
        let first = EZBuiltMetrics()
        let second = EZBuiltMetrics()
        first.recordReconcile(kind: "poll", outcome: "succeeded", duration: .milliseconds(5))
        #expect(first.render().contains(#"ezbuilt_reconciles_total{kind="poll",outcome="succeeded"} 1"#))
        #expect(!second.render().contains("ezbuilt_reconciles_total{kind=\"poll\""))
    }

    /// Each configured deployer role's check: in the API with the reason, on the status page,
    /// and counted (never named: it is unauthenticated) in /readyz.
    @Test func awsConnectionsAreListedShownAndCountedInReadiness() async throws {
        let connections = [
            AWSConnectionStatus(repository: "acme", stacks: "*", roleArn: "arn:aws:iam::111111111111:role/staging", region: "us-east-1",
                                state: .connected, account: "111111111111", checkedAt: Date()),
            AWSConnectionStatus(repository: "acme", stacks: "prod/**", roleArn: "arn:aws:iam::222222222222:role/prod", region: "eu-west-1",
                                state: .failed, reason: "role arn:aws:iam::222222222222:role/prod could not be assumed: AccessDenied <b>", checkedAt: Date()),
            AWSConnectionStatus(repository: "other", stacks: "*", roleArn: "arn:aws:iam::333333333333:role/x", region: "us-east-1"),
        ]
        try await TestDaemon.with(config: Fixture.config(), backend: RecordingBackend(connections: connections)) { daemon in
            let list = try await daemon.get("/api/v1/connections").json()
            let items = try #require(list["connections"] as? [[String: Any]])
            #expect(items.map { $0["state"] as? String } == ["connected", "failed", "pending"])
            #expect((items[1]["reason"] as? String)?.contains("AccessDenied") == true)
            #expect(items[0]["account"] as? String == "111111111111")

            let ready = try await daemon.get("/readyz").json()
            let checks = try #require(ready["checks"] as? [String: String])
            #expect(checks["aws"] == "1 pending, 1 connected, 1 failed")
            let readyText = try await daemon.get("/readyz").text
            #expect(!readyText.contains("arn:aws"))

            let page = try await daemon.get("/").text
            #expect(page.contains("<span class=\"badge bad\">failed</span> <code>arn:aws:iam::222222222222:role/prod</code> in eu-west-1 for acme stacks <code>prod/**</code>"), "\(page)")
            #expect(page.contains("AccessDenied &lt;b&gt;"))
            #expect(page.contains("<span class=\"badge busy\">pending</span>"))
        }
    }
}
