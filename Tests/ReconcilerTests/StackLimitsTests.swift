import EZBuiltConfiguration
import Foundation
import Git
import Logging
import Store
import Terraform
import Testing
@testable import Reconciler

/// Inputs the daemon refuses whole, with a reason, instead of silently trimming them.
struct StackLimitsTests {
    @Test func aPushWithMoreStacksThanTheLimitSchedulesNothingAndSaysWhy() async throws {
        let directory = try TemporaryDirectory("stack-limit")
        var files: [String: String] = [:]
        for index in 0..<4 { files["infra/s\(index)/requirements.md"] = "An S3 bucket.\n" }
        let remote = try GitRemote(in: directory, files: files)
        let git = try await GitRepository.cloneOrOpen(url: remote.bare.path, into: directory.path("mirror"))
        let hex = try #require(remote.tip("main"))
        let tip = try #require(ObjectID(hex))
        var config = RepositoryConfig(id: "demo", url: remote.bare.path)
        config.maxStacksPerPush = 3
        let limited = RepositoryContext(config: config, git: git, author: CommitAuthor())
        let error = await #expect(throws: ReconcileFailure.self) { _ = try await limited.stacks(at: tip) }
        guard case .stalled(let message)? = error else {
            Issue.record("not stalled: \(String(describing: error))")
            return
        }
        #expect(message.contains("4 stacks") && message.contains("3") && message.contains("maxStacksPerPush"))
        config.maxStacksPerPush = 4
        let enough = RepositoryContext(config: config, git: git, author: CommitAuthor())
        #expect(try await enough.stacks(at: tip).count == 4)
    }

    @Test func anOversizedStackFileRefusesTheRunNamingTheFile() async throws {
        let directory = try TemporaryDirectory("oversized")
        let store = try await Store(path: directory.path("db.sqlite").path)
        let setup = TerraformSetup(
            options: TerraformOptions(binary: TerraformBinary(path: "/usr/local/bin/terraform", version: "1.11.4", flavor: .terraform),
                                      cli: CLIConfiguration(providerSource: .filesystemMirror(path: "/opt/tf-plugins"),
                                                            directory: directory.path("terraform"))),
            workspaces: WorkspaceManager(root: directory.path("workspaces")), dataDirectory: directory.url, sandboxEndpoint: nil)
        let run = try await store.startRun(stackId: "demo/web", kind: .proposal)
        let log = RunLog(runId: run.id!, store: store, live: LiveLogs(), logger: Logger(label: "test"))
        let big = Data(repeating: UInt8(ascii: "#"), count: StackFileFilter.maximumFileSize + 1)
        // Through the one stack pipeline: the guard or the workspace refuses it, naming the file,
        // and nothing runs.
        let error = await #expect(throws: (any Error).self) {
            _ = try await StackRun.with(
                StackRun.Target(stackID: "demo/web", files: [("main.tf", Data("# ok\n".utf8)), ("big.custom.tf", big)], region: nil),
                setup: setup, repository: RepositoryConfig(id: "demo", url: "/srv/demo.git"), policy: StandardPolicy(),
                sink: log, logger: Logger(label: "test")) { _ in 0 }
        }
        let text = "\(try #require(error))"
        #expect(text.contains("big.custom.tf"), "\(text)")
        #expect(!text.contains("main.tf:"), "only the refused file is named")
    }
}
