import Foundation
import Testing
@testable import Terraform

#if canImport(Glibc)
import Glibc
#endif

struct RunnerTests {
    @Test func bothStreamsAreStreamedLineByLineAndRedacted() async throws {
        let sink = MemoryLogSink()
        let redactor = Redactor(secrets: ["s3cr3t-value"])
        let request = ProcessRunner.Request(
            executable: "/bin/sh",
            arguments: ["-c", "for i in 1 2 3; do echo out $i; echo err $i s3cr3t-value >&2; done; exit 3"],
            environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/tmp", timeout: .seconds(20))
        let outcome = try await ProcessRunner.run(request, sink: sink, redactor: redactor)
        #expect(outcome.exitCode == 3)
        let lines = sink.lines
        #expect(lines.filter { $0.stream == .stdout }.map(\.text) == ["out 1", "out 2", "out 3"])
        #expect(lines.filter { $0.stream == .stderr }.map(\.text) == (1...3).map { "err \($0) (sensitive)" })
        #expect(!lines.contains { $0.text.contains("s3cr3t-value") })
        #expect(outcome.standardErrorTail.count == 3)
    }

    @Test func environmentIsExactlyTheOneGiven() async throws {
        let request = ProcessRunner.Request(executable: "/usr/bin/env", arguments: [], environment: ["ONLY": "this"],
                                            workingDirectory: "/tmp", timeout: .seconds(10), captureStandardOutput: true)
        let outcome = try await ProcessRunner.run(request, sink: MemoryLogSink(), redactor: Redactor())
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "ONLY=this\n")
    }

    /// A configuration whose apply runs a provisioner that sleeps: a stand-in for a slow
    /// provider call, with a grandchild process that must die with the group.
    static func slowStack(seconds: Int) -> String {
        """
        resource "terraform_data" "first" { input = "a" }
        resource "terraform_data" "slow" {
          input = terraform_data.first.output
          provisioner "local-exec" { command = "sleep \(seconds)" }
        }
        output "first" { value = terraform_data.first.output }

        """
    }

    static func makeRunner(_ temp: TemporaryDirectory, code: String, sink: any LogSink,
                           onStart: @escaping @Sendable (Int32) -> Void = { _ in },
                           gracePeriod: Duration = .seconds(3), applyTimeout: Duration? = nil) async throws -> TerraformRunner {
        var options = try await testOptions(root: temp.url, gracePeriod: gracePeriod, shell: true)
        if let applyTimeout { options.timeouts.apply = applyTimeout }
        let workspace = try WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
            .create(stack: "repo/slow", from: .files([(path: "main.tf", contents: Data(code.utf8))]))
        let runtime = RuntimeSettings(region: "us-east-1",
                                      backend: RuntimeSettings.localBackend(dataDirectory: temp.url, stack: "repo/slow"))
        let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: sink,
                                     logger: testLogger, onProcessStart: onStart)
        try runner.prepare()
        return runner
    }

    @Test func validateReportsDiagnosticsWithFileAndLine() async throws {
        let temp = try TemporaryDirectory("validate")
        defer { temp.cleanup() }
        let code = """
            resource "terraform_data" "ok" { input = "a" }

            resource "terraform_data" "bad" {
              bogus = "x"
            }

            """
        let runner = try await Self.makeRunner(temp, code: code, sink: MemoryLogSink())
        try await runner.initialize()
        let result = try await runner.validate()
        #expect(!result.valid)
        let error = try #require(result.errors.first)
        #expect(error.file == "main.tf")
        #expect(error.line == 4)
        #expect(error.summary == "Unsupported argument")
    }

    @Test func timeoutStopsTheWholeProcessGroup() async throws {
        let temp = try TemporaryDirectory("timeout")
        defer { temp.cleanup() }
        let groups = Locked<[Int32]>([])
        let sink = MemoryLogSink()
        let runner = try await Self.makeRunner(temp, code: Self.slowStack(seconds: 300), sink: sink,
                                               onStart: { pid in groups.withLock { $0.append(pid) } },
                                               gracePeriod: .seconds(2), applyTimeout: .seconds(6))
        try await runner.initialize()
        let plan = try await runner.plan()
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: TerraformError.self) { _ = try await runner.apply(plan, deployment: "d1") }
        #expect(clock.now - start < .seconds(30))
        // The error says what it was stuck on.
        #expect(error?.description.contains("stuck on terraform_data.slow") == true, "\(String(describing: error))")
        let applyGroup = try #require(groups.value.last)
        #expect(processesInGroup(applyGroup).isEmpty)
        #expect(sink.lines.contains { $0.stream == .system && $0.text.hasPrefix("timed out") })
        // Whatever Terraform managed to write before it was stopped, the state is readable
        // and the next run proceeds.
        try #require(runner.stateGuard).verifyReadable()
        _ = try await runner.plan()
    }

    @Test func cancellationStopsTheWholeProcessGroup() async throws {
        let temp = try TemporaryDirectory("cancel")
        defer { temp.cleanup() }
        let groups = Locked<[Int32]>([])
        let sink = MemoryLogSink()
        let runner = try await Self.makeRunner(temp, code: Self.slowStack(seconds: 300), sink: sink,
                                               onStart: { pid in groups.withLock { $0.append(pid) } },
                                               gracePeriod: .seconds(2))
        try await runner.initialize()
        let plan = try await runner.plan()
        let task = Task { try await runner.apply(plan, deployment: "d1") }
        try await waitFor { sink.lines.contains { $0.text.contains("Provisioning with 'local-exec'") } }
        task.cancel()
        let result = await task.result
        #expect(throws: TerraformError.self) { try result.get() }
        let applyGroup = try #require(groups.value.last)
        #expect(processesInGroup(applyGroup).isEmpty)
    }

    @Test func runKilledMidApplyLeavesReadableStateAndTheNextRunProceeds() async throws {
        let temp = try TemporaryDirectory("killed")
        defer { temp.cleanup() }
        let groups = Locked<[Int32]>([])
        let sink = MemoryLogSink()
        let runner = try await Self.makeRunner(temp, code: Self.slowStack(seconds: 300), sink: sink,
                                               onStart: { pid in groups.withLock { $0.append(pid) } })
        let stateGuard = try #require(runner.stateGuard)
        try await runner.initialize()
        let plan = try await runner.plan()
        let task = Task { try await runner.apply(plan, deployment: "killed") }
        try await waitFor { sink.lines.contains { $0.text.contains("Provisioning with 'local-exec'") } }
        // While the apply is alive its lock is live and must never be cleared. The holder is
        // terraform, inside the confinement, in the group the runner started.
        let holder = try #require(stateGuard.lockHolder())
        #expect(processesInGroup(try #require(groups.value.last)).contains(holder))
        #expect(throws: TerraformError.self) { try stateGuard.recoverStaleLock() }
        #expect(FileManager.default.fileExists(atPath: stateGuard.lockInfoPath))
        // Crash: SIGKILL to Terraform and everything it started, no chance to clean up.
        let group = try #require(groups.value.last)
        kill(-group, SIGKILL)
        _ = await task.result
        // The kernel ends a killed pid namespace's members asynchronously: allow a loaded machine a moment.
        for _ in 0..<100 where !processesInGroup(group).isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        #expect(processesInGroup(group).isEmpty)
        #expect(FileManager.default.fileExists(atPath: stateGuard.lockInfoPath))
        try stateGuard.verifyReadable()
        #expect(stateGuard.lockHolder() == nil)

        // The next run (fast code now) clears the stale lock and applies.
        let next = try await Self.makeRunner(temp, code: Self.slowStack(seconds: 0), sink: sink)
        try await next.initialize()
        let nextPlan = try await next.plan()
        let result = try await next.apply(nextPlan, deployment: "next")
        #expect(result.outputs["first"]?.value == .string("a"))
        #expect(try await next.stateResources() == ["terraform_data.first", "terraform_data.slow"])
        #expect(!FileManager.default.fileExists(atPath: stateGuard.lockInfoPath))
        #expect(sink.lines.contains { $0.text.hasPrefix("cleared a stale state lock") })
        #expect(stateGuard.snapshots().count == 1)
    }
}

/// Polls `condition` every 100 ms for up to `timeout`.
func waitFor(timeout: Duration = .seconds(60), _ condition: () -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while !condition() {
        guard clock.now < deadline else { throw POSIXError(.ETIMEDOUT) }
        try await Task.sleep(for: .milliseconds(100))
    }
}

/// Keeps the lines and the progress a run reports.
final class ProgressSink: LogSink, @unchecked Sendable {
    let lines = MemoryLogSink()
    private let lock = NSLock()
    private var updates: [TerraformProgress] = []

    var progress: [TerraformProgress] { lock.withLock { updates } }
    func write(_ line: LogLine) { lines.write(line) }
    func progress(_ update: TerraformProgress) { lock.withLock { updates.append(update) } }
}

/// Terraform's machine-readable messages tell what is in flight and how far a run has got,
/// and are logged as the text terraform would have printed.
struct RunProgressTests {
    static func message(_ type: String, _ text: String, addr: String? = nil, action: String = "create") -> String {
        let hook = addr.map { #","hook":{"resource":{"addr":"\#($0)","resource_type":"x"},"action":"\#(action)"}"# } ?? ""
        return #"{"@level":"info","@message":"\#(text)","@module":"terraform.ui","type":"\#(type)"\#(hook)}"#
    }

    @Test func applyMessagesTellProgressAndWhatIsInFlight() {
        let sink = ProgressSink()
        let progress = RunProgress(forwardingTo: sink, applyTotal: 3)
        for line in [
            #"{"@level":"info","@message":"Terraform 1.11.4","type":"version","terraform":"1.11.4","ui":"1.2"}"#,
            Self.message("apply_start", "aws_s3_bucket.assets: Creating...", addr: "aws_s3_bucket.assets"),
            Self.message("apply_start", "aws_sqs_queue.jobs: Creating...", addr: "aws_sqs_queue.jobs"),
            Self.message("apply_complete", "aws_s3_bucket.assets: Creation complete after 2s [id=assets]", addr: "aws_s3_bucket.assets"),
            Self.message("apply_progress", "aws_sqs_queue.jobs: Still creating... [10s elapsed]", addr: "aws_sqs_queue.jobs"),
            Self.message("apply_start", "aws_iam_role.old: Destroying... [id=old]", addr: "aws_iam_role.old", action: "delete"),
            Self.message("apply_complete", "aws_iam_role.old: Destruction complete after 1s", addr: "aws_iam_role.old", action: "delete"),
            #"{"@level":"info","@message":"Apply complete! Resources: 1 added, 0 changed, 1 destroyed.","type":"change_summary","changes":{"add":1,"change":0,"remove":1,"operation":"apply"}}"#,
        ] {
            progress.write(LogLine(stream: .stdout, text: line))
        }
        progress.write(LogLine(stream: .stderr, text: "plain stderr stays as it is"))
        #expect(progress.inFlight == ["aws_sqs_queue.jobs"])
        #expect(progress.completed == 2)
        #expect(sink.lines.lines.map(\.text) == [
            "Terraform 1.11.4", "aws_s3_bucket.assets: Creating...", "aws_sqs_queue.jobs: Creating...",
            "aws_s3_bucket.assets: Creation complete after 2s [id=assets]", "aws_sqs_queue.jobs: Still creating... [10s elapsed]",
            "aws_iam_role.old: Destroying... [id=old]", "aws_iam_role.old: Destruction complete after 1s",
            "Apply complete! Resources: 1 added, 0 changed, 1 destroyed.", "plain stderr stays as it is",
        ])
        let updates = sink.progress
        #expect(updates.first == TerraformProgress(phase: .apply, done: 0, total: 3, current: "aws_s3_bucket.assets"))
        #expect(updates.last == TerraformProgress(phase: .apply, done: 2, total: 3, current: "aws_sqs_queue.jobs"))
        #expect(updates.map(\.done) == updates.map(\.done).sorted())
    }

    @Test func errorDiagnosticsAreLoggedWithTheirFileAndKeptForTheError() {
        let sink = ProgressSink()
        let progress = RunProgress(forwardingTo: sink)
        let diagnostic = #"{"@level":"error","@message":"Error: Unsupported argument","type":"diagnostic","diagnostic":{"severity":"error","summary":"Unsupported argument","detail":"An argument named \"bogus\" is not expected here.","range":{"filename":"main.tf","start":{"line":4,"column":3}}}}"#
        progress.write(LogLine(stream: .stdout, text: diagnostic))
        #expect(progress.errors == ["Error: Unsupported argument (main.tf:4)\nAn argument named \"bogus\" is not expected here."])
        #expect(sink.lines.lines.map(\.stream) == [.stderr])
        // Not JSON, or JSON that is not terraform's: unchanged.
        progress.write(LogLine(stream: .stdout, text: "{not json"))
        #expect(sink.lines.lines.last?.text == "{not json")
    }

    /// A real plan and apply: the apply counts up to the plan's changes, the next plan refreshes
    /// what the state holds, and a failing plan's error names the file and line.
    @Test(.timeLimit(.minutes(5)))
    func realPlansAndAppliesReportProgress() async throws {
        let temp = try TemporaryDirectory("progress")
        defer { temp.cleanup() }
        let code = (1...3).map { "resource \"terraform_data\" \"r\($0)\" { input = \"v\($0)\" }\n" }.joined()
        let sink = ProgressSink()
        let runner = try await RunnerTests.makeRunner(temp, code: code, sink: sink)
        try await runner.initialize()
        let plan = try await runner.plan()
        #expect(sink.progress.filter { $0.phase == .plan }.last?.done == 3)
        _ = try await runner.apply(plan, deployment: "d1")
        let applied = sink.progress.filter { $0.phase == .apply }
        #expect(applied.last?.done == 3 && applied.last?.total == 3, "\(applied)")
        #expect(sink.lines.lines.contains { $0.text.hasPrefix("Apply complete!") })
        #expect(!sink.lines.lines.contains { $0.text.hasPrefix("{") })

        let again = try await runner.plan()
        let refreshed = sink.progress.filter { $0.phase == .refresh }
        #expect(refreshed.last?.done == 3 && refreshed.last?.total == 3, "\(refreshed)")
        #expect(again.document.counts.create == 0)

        let other = try TemporaryDirectory("progress-broken")
        defer { other.cleanup() }
        let broken = try await RunnerTests.makeRunner(other, code: "resource \"terraform_data\" \"x\" {\n  bogus = 1\n}\n", sink: ProgressSink())
        try await broken.initialize()
        let error = await #expect(throws: TerraformError.self) { _ = try await broken.plan() }
        #expect(String(describing: error).contains("Unsupported argument (main.tf:2)"), "\(String(describing: error))")
    }
}
