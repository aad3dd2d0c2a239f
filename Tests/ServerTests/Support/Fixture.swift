import Crypto
import Foundation
import EZBuiltConfiguration
import Store

/// A small, realistic daemon state written through the store's public API.
enum Fixture {
    static let repository = "demo"
    static let repositoryURL = "https://github.com/acme/infra.git"
    static let web = "demo/infra/web"
    static let db = "demo/infra/db"
    static let app = "demo/app"
    /// A status detail that would run script if the page forgot to escape it.
    static let hostileDetail = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>"

    static let token = "test-token-\(UUID().uuidString)"
    static var tokenDigest: String {
        "sha256:" + SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func config(publicRead: Bool = true, tokens: [String]? = nil, oidc: OIDCSettings? = nil, secretEnv: String? = "DEMO_WEBHOOK_SECRET") -> EZBuiltConfig {
        var config = EZBuiltConfig(repositories: [
            RepositoryConfig(id: repository, url: repositoryURL, webhookSecretEnv: secretEnv),
            RepositoryConfig(id: "other", url: "git@gitlab.example.com:platform/network.git", webhookSecretEnv: "OTHER_WEBHOOK_SECRET"),
            RepositoryConfig(id: "nosecret", url: "https://gitea.example.com/ops/dns"),
        ])
        config.auth = AuthSettings(
            tokens: (tokens ?? [tokenDigest]).compactMap { digest($0).map { APIToken(digest: $0) } },
            publicRead: publicRead,
            oidc: oidc
        )
        return config
    }

    private static func digest(_ text: String) -> [UInt8]? {
        let hex = Array(text.dropFirst("sha256:".count).utf8)
        guard hex.count == 64 else { return nil }
        return stride(from: 0, to: 64, by: 2).compactMap { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16) }
    }

    /// Ids of what `fill` wrote, for the tests to ask for.
    struct Written {
        var deploymentWithLog: Int64 = 0
        var deploymentRun: Int64 = 0
        var logLineTexts: [String] = []
    }

    @discardableResult
    static func fill(_ store: Store, now: Date = Date()) async throws -> Written {
        var written = Written()
        try await store.upsertRepository(id: repository, url: repositoryURL)
        try await store.recordFetch(repositoryId: repository, at: now.addingTimeInterval(-60), error: nil)
        try await store.upsertRepository(id: "other", url: "git@gitlab.example.com:platform/network.git")

        try await store.setStackStatus(id: web, repositoryId: repository, path: "infra/web", status: .deployed, deployedCommit: "c0ffee1234567890", at: now.addingTimeInterval(-7200))
        try await store.setStackStatus(id: db, repositoryId: repository, path: "infra/db", status: .failed, detail: hostileDetail, at: now.addingTimeInterval(-300))
        try await store.setStackStatus(id: app, repositoryId: repository, path: "app", status: .proposed, at: now.addingTimeInterval(-30))

        // web: three proposals and three deployments, spread over three days.
        for (index, status) in [ProposalStatus.proposed, .refused, .proposed].enumerated() {
            try await store.insertProposal(ProposalRecord(
                stackId: web, branch: "feature/\(index)", sourceCommit: "p\(index)000000", inputHash: "h\(index)",
                status: status, plan: PlanCounts(add: index + 1), createdAt: now.addingTimeInterval(Double(-86_400 * 3 + index * 86_400)),
                durationMs: 1000 * (index + 1)
            ))
        }
        let run = try await store.startRun(stackId: web, kind: .deployment, at: now.addingTimeInterval(-7300))
        let runId = try requireId(run.id)
        written.deploymentRun = runId
        written.logLineTexts = ["Initializing the backend...", "aws_s3_bucket.site: Creating...", "Apply complete! Resources: 1 added, 0 changed, 0 destroyed."]
        for text in written.logLineTexts {
            try await store.appendLogLine(runId: runId, stream: .stdout, text: text, at: now.addingTimeInterval(-7250))
        }
        try await store.finishRun(id: runId, at: now.addingTimeInterval(-7200))
        let statuses: [(DeploymentStatus, Double)] = [(.succeeded, -86_400 * 2.5), (.failed, -86_400 * 1.5), (.succeeded, -7300)]
        for (index, (status, offset)) in statuses.enumerated() {
            let start = now.addingTimeInterval(offset)
            let record = try await store.insertDeployment(DeploymentRecord(
                runId: index == 2 ? runId : nil, stackId: web, commit: "d\(index)000000", status: status,
                queuedAt: start.addingTimeInterval(-5), startedAt: start, finishedAt: start.addingTimeInterval(Double(60 * (index + 1))),
                error: status == .failed ? "apply failed: https://bot:hunter2@github.com/acme/infra.git refused" : nil,
                counts: PlanCounts(add: 1)
            ))
            if index == 2 { written.deploymentWithLog = try requireId(record.id) }
        }
        try await store.insertDriftCheck(DriftCheckRecord(stackId: web, commit: "d2000000", status: .clean, checkedAt: now.addingTimeInterval(-3600), durationMs: 4000))
        try await store.insertDriftCheck(DriftCheckRecord(
            stackId: web, commit: "d2000000", status: .drifted,
            resources: [DriftedResource(address: "aws_s3_bucket.site", change: "update", attributes: [DriftedAttribute(path: "tags.env", expected: "prod", actual: "dev")])],
            checkedAt: now.addingTimeInterval(-600), durationMs: 5000, reported: true
        ))
        return written
    }

    private static func requireId(_ id: Int64?) throws -> Int64 {
        guard let id else { throw TestFailure("the store returned a record without an id") }
        return id
    }
}
