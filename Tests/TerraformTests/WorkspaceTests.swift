import Foundation
import Testing
@testable import Terraform

struct WorkspaceTests {
    @Test(arguments: [
        ("main.tf", nil),
        ("network.tf.json", nil),
        ("extra.custom.tf", nil),
        ("sub/main.tf", StackFileFilter.Rejection.notDirectlyInTerraformDirectory),
        ("../escape.tf", .notDirectlyInTerraformDirectory),
        ("/etc/passwd.tf", .notDirectlyInTerraformDirectory),
        (".terraform.lock.hcl", .terraformInternal),
        (".terraformrc", .terraformInternal),
        (".hidden.tf", .hidden),
        ("terraform.tfstate", .stateFile),
        ("terraform.tfstate.backup", .stateFile),
        ("prod.tfstate.tf", .stateFile),
        ("cli.tfrc", .cliConfiguration),
        ("terraform.rc", .cliConfiguration),
        ("override.tf", .overrideFile),
        ("override.tf.json", .overrideFile),
        ("evil_override.tf", .overrideFile),
        ("x_override.tf.json", .overrideFile),
        ("ezbuilt_provider.tf", .reservedName),
        ("README.md", .notTerraform),
        ("spec.json", .notTerraform),
        ("terraform.tfvars", .notTerraform),
    ] as [(String, StackFileFilter.Rejection?)])
    func filterAcceptsOnlyStackTerraformFiles(path: String, expected: StackFileFilter.Rejection?) {
        #expect(StackFileFilter.rejection(forRelativePath: path) == expected)
    }

    @Test func directoryWorkspaceSkipsSymlinksStateAndOverrides() throws {
        let temp = try TemporaryDirectory("ws")
        defer { temp.cleanup() }
        let stack = temp.url.appendingPathComponent("stack/terraform")
        try temp.write("stack/terraform/main.tf", "resource \"terraform_data\" \"a\" {}\n")
        try temp.write("stack/terraform/vars.tf.json", "{}")
        try temp.write("stack/terraform/override.tf", "# hostile\n")
        try temp.write("stack/terraform/terraform.tfstate", "{}")
        try temp.write("stack/terraform/.terraform/providers/x.tf", "x")
        try temp.write("stack/terraform/modules/m.tf", "x")
        try temp.write("outside.tf", "resource \"terraform_data\" \"secret\" {}\n")
        try FileManager.default.createSymbolicLink(atPath: stack.appendingPathComponent("link.tf").path,
                                                   withDestinationPath: temp.path("outside.tf"))
        let manager = WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
        let workspace = try manager.create(stack: "repo/stack", from: .directory(stack))
        #expect(workspace.files == ["main.tf", "vars.tf.json"])
        let skipped = Dictionary(uniqueKeysWithValues: workspace.skipped.map { ($0.path, $0.reason) })
        #expect(skipped["link.tf"] == .symlink)
        #expect(skipped["override.tf"] == .overrideFile)
        #expect(skipped["terraform.tfstate"] == .stateFile)
        #expect(skipped["modules"] == .notDirectlyInTerraformDirectory)
        let copied = try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path).sorted()
        #expect(copied == ["main.tf", "vars.tf.json"])
        manager.finish(workspace, succeeded: true)
        #expect(!FileManager.default.fileExists(atPath: workspace.directory.path))
    }

    @Test func symlinkedStackDirectoryIsRefused() throws {
        let temp = try TemporaryDirectory("ws")
        defer { temp.cleanup() }
        try temp.write("real/main.tf", "")
        try FileManager.default.createSymbolicLink(atPath: temp.path("terraform"), withDestinationPath: temp.path("real"))
        let manager = WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
        #expect(throws: TerraformError.self) {
            try manager.create(stack: "s", from: .directory(temp.url.appendingPathComponent("terraform")))
        }
    }

    @Test func inMemoryFilesPassTheSameFilter() throws {
        let temp = try TemporaryDirectory("ws")
        defer { temp.cleanup() }
        let manager = WorkspaceManager(root: temp.url)
        let files: [StackFile] = [
            (path: "main.tf", contents: Data("a".utf8)),
            (path: "../x.tf", contents: Data()),
            (path: "override.tf", contents: Data()),
            (path: "terraform.tfstate", contents: Data()),
            (path: "dir/y.tf", contents: Data()),
        ]
        let workspace = try manager.create(stack: "r/s", from: .files(files))
        #expect(workspace.files == ["main.tf"])
        #expect(workspace.skipped.count == 4)
        manager.finish(workspace, succeeded: true)
    }

    @Test func failedWorkspacesAreKeptButBounded() throws {
        let temp = try TemporaryDirectory("ws")
        defer { temp.cleanup() }
        let manager = WorkspaceManager(root: temp.url, keepFailed: 2)
        for _ in 0..<4 {
            let workspace = try manager.create(stack: "r/s", from: .files([(path: "main.tf", contents: Data("x".utf8))]))
            manager.finish(workspace, succeeded: false)
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: temp.path("failed"))
        #expect(kept.count == 2)
    }

    @Test func localStateDirectoryIsPerStackAndCollisionFree() {
        let data = URL(fileURLWithPath: "/data")
        let a = RuntimeSettings.stateDirectory(dataDirectory: data, stack: "repo/a/b")
        let b = RuntimeSettings.stateDirectory(dataDirectory: data, stack: "repo/a_b")
        #expect(a != b)
        #expect(a.path.hasPrefix("/data/state/repo_a_b-"))
        #expect(!a.lastPathComponent.contains("/"))
    }
}

/// The stack's own workspace: emptied between runs but for what `init` made, and `init` run
/// again only when what it depends on changed.
struct PersistentWorkspaceTests {
    static func files(_ extra: String = "") -> [StackFile] {
        [(path: "versions.tf", contents: Data(awsRequirement.utf8)),
         (path: "main.tf", contents: Data("resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"persistent-a\"\n}\n\(extra)".utf8))]
    }

    func initCount(_ sink: MemoryLogSink) -> Int {
        sink.lines.filter { $0.stream == .system && $0.text.hasPrefix("$ terraform init") }.count
    }

    @Test func aSecondRunWithUnchangedProvidersRunsNoInit() async throws {
        let temp = try TemporaryDirectory("ws-reuse")
        defer { temp.cleanup() }
        let options = try await testOptions(root: temp.url)
        let manager = WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
        let runtime = RuntimeSettings(region: "us-east-1", backend: RuntimeSettings.localBackend(dataDirectory: temp.url, stack: "repo/web"))
        func run(_ files: [StackFile]) async throws -> (MemoryLogSink, Workspace) {
            let workspace = try manager.reuse(stack: "repo/web", from: .files(files))
            let sink = MemoryLogSink()
            let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: sink, logger: testLogger)
            try runner.prepare()
            try await runner.initialize()
            manager.finish(workspace, succeeded: true)
            return (sink, workspace)
        }

        let (first, workspace) = try await run(Self.files())
        #expect(initCount(first) == 1)
        #expect(FileManager.default.fileExists(atPath: workspace.path(".terraform.lock.hcl")))
        try Data("stale".utf8).write(to: URL(fileURLWithPath: workspace.path("old.custom.tf")))

        // Only a resource changed: the providers are reused, stale files are gone.
        let (second, again) = try await run(Self.files("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"persistent-b\"\n}\n"))
        #expect(again.directory == workspace.directory)
        #expect(initCount(second) == 0, "\(second.lines.map(\.text))")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("old.custom.tf")))
        #expect(try String(contentsOfFile: workspace.path("main.tf"), encoding: .utf8).contains("persistent-b"))

        // A resource of another provider implies another requirement: init runs again.
        let (third, _) = try await run(Self.files("resource \"terraform_data\" \"c\" {}\n"))
        #expect(initCount(third) == 1)
        // A different stack has its own directory.
        let other = try manager.reuse(stack: "repo/other", from: .files(Self.files()))
        #expect(other.directory != workspace.directory)
    }
}
