import Foundation
import Testing
@testable import Terraform

#if canImport(Glibc)
import Glibc
#endif

/// Terraform under bubblewrap: the code of a stack reads only its workspace. These tests call
/// the runner directly, bypassing the guard, as a stack that slipped past it would.
struct ConfinementTests {
    /// A runner for `code` whose workspace lives under `temp`, confined unless `confined` is false.
    static func runner(_ temp: TemporaryDirectory, code: String, sink: MemoryLogSink, confined: Bool = true) async throws -> TerraformRunner {
        var options = try await testOptions(root: temp.url)
        if !confined { options.confinement = nil }
        let workspace = try WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
            .create(stack: "repo/hostile", from: .files([(path: "main.tf", contents: Data(code.utf8))]))
        let runtime = RuntimeSettings(region: "us-east-1",
                                      backend: RuntimeSettings.localBackend(dataDirectory: temp.url, stack: "repo/hostile"))
        let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: sink, logger: testLogger)
        try runner.prepare()
        return runner
    }

    static func reading(_ path: String) -> String {
        """
        terraform {
          required_providers {
            aws = { source = "hashicorp/aws" }
          }
        }
        output "leak" { value = file("\(path)") }

        """
    }

    /// Plans `code` and returns everything it printed or raised, and whether the plan succeeded.
    static func plan(_ temp: TemporaryDirectory, code: String, confined: Bool = true) async throws -> (succeeded: Bool, text: String) {
        try await plans(temp, codes: [code], confined: confined)[0]
    }

    /// Plans each of `codes` in turn in one workspace, initialised once (init is most of a
    /// plan's time on a loaded machine), and returns each plan's outcome.
    static func plans(_ temp: TemporaryDirectory, codes: [String], confined: Bool = true) async throws -> [(succeeded: Bool, text: String)] {
        let sink = MemoryLogSink()
        let runner = try await runner(temp, code: codes[0], sink: sink, confined: confined)
        try await runner.initialize()
        var outcomes: [(succeeded: Bool, text: String)] = []
        for code in codes {
            try Data(code.utf8).write(to: runner.workspace.directory.appendingPathComponent("main.tf"))
            let seen = sink.lines.count
            var text = ""
            var succeeded = false
            do {
                let plan = try await runner.plan()
                text += "\(plan.document)"
                succeeded = true
            } catch {
                text += "\(error)"
            }
            text += sink.lines.dropFirst(seen).map(\.text).joined(separator: "\n")
            outcomes.append((succeeded, text))
        }
        return outcomes
    }

    @Test(.timeLimit(.minutes(3)))
    func aHostFileOutsideTheWorkspaceCannotBeRead() async throws {
        let temp = try TemporaryDirectory("confine-marker")
        defer { temp.cleanup() }
        let token = "MARKER-\(UUID().uuidString)"
        try temp.write("outside/marker.txt", token)
        let outcome = try await Self.plan(temp, code: Self.reading(temp.path("outside/marker.txt")))
        #expect(!outcome.succeeded)
        #expect(!outcome.text.contains(token))
        #expect(outcome.text.contains("no file exists") || outcome.text.contains("Invalid function argument"))
    }

    @Test(.timeLimit(.minutes(3)))
    func theSameFileIsReadWithoutConfinementSoTheTestCanFail() async throws {
        let temp = try TemporaryDirectory("confine-control")
        defer { temp.cleanup() }
        let token = "MARKER-\(UUID().uuidString)"
        try temp.write("outside/marker.txt", token)
        let outcome = try await Self.plan(temp, code: Self.reading(temp.path("outside/marker.txt")), confined: false)
        #expect(outcome.succeeded)
        #expect(outcome.text.contains(token))
    }

    @Test(.timeLimit(.minutes(3)))
    func aFileInTheWorkspaceIsStillReadable() async throws {
        let temp = try TemporaryDirectory("confine-inside")
        defer { temp.cleanup() }
        let code = Self.reading("${path.module}/notes.txt")
        let sink = MemoryLogSink()
        var options = try await testOptions(root: temp.url)
        options.timeouts.plan = .seconds(120)
        let workspace = try WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
            .create(stack: "repo/inside", from: .files([(path: "main.tf", contents: Data(code.utf8))]))
        // Written straight into the workspace: the stack filter copies only Terraform files.
        try Data("inside-the-workspace".utf8).write(to: workspace.directory.appendingPathComponent("notes.txt"))
        let runtime = RuntimeSettings(region: "us-east-1",
                                      backend: RuntimeSettings.localBackend(dataDirectory: temp.url, stack: "repo/inside"))
        let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: sink, logger: testLogger)
        try runner.prepare()
        try await runner.initialize()
        let plan = try await runner.plan()
        #expect(plan.document.output("leak")?.value == .string("inside-the-workspace"))
    }

    @Test(.timeLimit(.minutes(6)))
    func theDaemonsProcessesAndOtherStacksAreInvisible() async throws {
        let temp = try TemporaryDirectory("confine-proc")
        defer { temp.cleanup() }
        // Another stack's state beside this one, and the daemon's (here: the test's) environment.
        let otherState = RuntimeSettings.stateDirectory(dataDirectory: temp.url, stack: "repo/other")
            .appendingPathComponent("terraform.tfstate")
        try FileManager.default.createDirectory(at: otherState.deletingLastPathComponent(), withIntermediateDirectories: true)
        let token = "OTHER-STACK-\(UUID().uuidString)"
        try Data(token.utf8).write(to: otherState)
        let paths = [otherState.path, "/proc/\(getpid())/environ", "/proc/\(getpid())/cmdline"]
        for (path, outcome) in zip(paths, try await Self.plans(temp, codes: paths.map(Self.reading))) {
            #expect(!outcome.succeeded, "\(path) was readable")
            #expect(!outcome.text.contains(token))
            #expect(!outcome.text.contains("swiftpm-testing-helper") && !outcome.text.contains("EZBuiltPackageTests"))
        }
    }

    @Test func missingBubblewrapIsRefusedWithWhatToDo() async throws {
        let confinement = Confinement(bubblewrap: "/nonexistent/bwrap")
        let error = await #expect(throws: TerraformError.self) {
            try await confinement.probe(terraform: "/usr/local/bin/terraform")
        }
        let text = try #require(error).description
        #expect(text.contains("/nonexistent/bwrap"))
        #expect(text.contains("not installed"))
        #expect(text.contains("apt-get install bubblewrap"))
        #expect(text.contains("terraform.confine: false"))
    }

    @Test func bubblewrapThatCannotCreateNamespacesIsReportedWithItsMessage() async throws {
        let temp = try TemporaryDirectory("confine-probe")
        defer { temp.cleanup() }
        // A stand-in with bubblewrap's real message on a kernel without user namespaces.
        let message = "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces."
        try temp.write("bwrap", "#!/bin/sh\necho '\(message)' >&2\nexit 1\n")
        chmod(temp.path("bwrap"), 0o755)
        let error = await #expect(throws: TerraformError.self) {
            try await Confinement(bubblewrap: temp.path("bwrap")).probe(terraform: "/usr/local/bin/terraform")
        }
        let text = try #require(error).description
        #expect(text.contains(message))
        #expect(text.contains("unprivileged_userns_clone"))
        #expect(text.contains("terraform.confine: false"))
    }

    /// The probe is also how the daemon reads terraform's version: no terraform process, not
    /// even `version`, runs unconfined.
    @Test func theRealBubblewrapConfinesTerraformHereAndReadsItsVersion() async throws {
        let binary = try await Confinement().probe(terraform: "/usr/local/bin/terraform")
        let unconfined = try await TerraformBinary.detect(configuredPath: "/usr/local/bin/terraform")
        #expect(binary.version == unconfined.version)
        #expect(binary.version.hasPrefix("1."))
    }

    @Test func viewBindsParentsBeforeChildrenAndSkipsMissingPaths() {
        let view = ConfinementView(readOnly: ["/data/state/s/snapshots", "/missing", "/opt/plugins"],
                                   readWrite: ["/data/state/s", "/data/workspaces/w"],
                                   privateDirectories: ["/data/terraform/home"])
        let existing: Set<String> = ["/data/state/s/snapshots", "/opt/plugins", "/data/state/s", "/data/workspaces/w"]
        let arguments = view.mountArguments(exists: { existing.contains($0) })
        #expect(arguments == [
            "--ro-bind", "/opt/plugins", "/opt/plugins",
            "--bind", "/data/state/s", "/data/state/s",
            "--bind", "/data/workspaces/w", "/data/workspaces/w",
            "--tmpfs", "/data/terraform/home",
            "--ro-bind", "/data/state/s/snapshots", "/data/state/s/snapshots",
        ])
    }

    @Test func terraformAndItsProviderAreStaticSoNoLibraryIsBound() {
        #expect(!Confinement.isDynamicallyLinked("/usr/local/bin/terraform"))
        #expect(Confinement.isDynamicallyLinked("/bin/sh"))
    }
}

/// A secret the daemon holds never leaves a terraform run: not in its log lines, not in the
/// error that reaches PLAN.md, the status branch, the API and the store.
struct RunRedactionTests {
    @Test(.timeLimit(.minutes(3)))
    func aDaemonSecretInTerraformsErrorIsRedactedInTheLogAndTheError() async throws {
        let temp = try TemporaryDirectory("redact-run")
        defer { temp.cleanup() }
        let secret = "whsec-\(UUID().uuidString)"
        let code = ConfinementTests.reading("/nowhere/\(secret)")
        let sink = MemoryLogSink()
        let options = try await testOptions(root: temp.url)
        let workspace = try WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
            .create(stack: "repo/redact", from: .files([(path: "main.tf", contents: Data(code.utf8))]))
        let runtime = RuntimeSettings(region: "us-east-1",
                                      backend: RuntimeSettings.localBackend(dataDirectory: temp.url, stack: "repo/redact"))
        let daemon = Redactor(secrets: [secret])
        let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: sink,
                                     redactor: Redactor(parent: daemon), logger: testLogger)
        try runner.prepare()
        try await runner.initialize()
        let error = await #expect(throws: TerraformError.self) { _ = try await runner.plan() }
        let text = "\(try #require(error))\n" + sink.lines.map(\.text).joined(separator: "\n")
        #expect(!text.contains(secret))
        #expect(text.contains("/nowhere/\(Redactor.replacement)"), "the message still says what failed")
    }
}
