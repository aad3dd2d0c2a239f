import Foundation
import PlanModel
import Testing
@testable import Terraform

struct ParallelRunsTests {
    static let code = awsRequirement + """
        provider "aws" {
          region = "us-east-1"
        }
        provider "aws" {
          alias  = "us_west_2"
          region = "us-west-2"
        }
        data "aws_region" "west" { provider = aws.us_west_2 }
        data "aws_region" "default" {}
        resource "aws_s3_bucket" "b" { bucket = "parallel-bucket" }
        resource "aws_sqs_queue" "q" {
          provider = aws.us_west_2
          name     = "parallel-queue"
        }
        output "west" { value = data.aws_region.west.name }
        output "default" { value = data.aws_region.default.name }

        """

    /// Bytes used by a directory tree, not following symlinks (what `du` counts).
    static func diskUsage(_ url: URL) -> Int {
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isSymbolicLinkKey, .fileSizeKey],
                                                              options: []) else { return 0 }
        var total = 0
        for case let file as URL in enumerator {
            let values = try? file.resourceValues(forKeys: [.isSymbolicLinkKey, .fileSizeKey])
            if values?.isSymbolicLink == true {
                enumerator.skipDescendants()
                continue
            }
            total += values?.fileSize ?? 0
        }
        return total
    }

    @Test(.timeLimit(.minutes(5)))
    func eightParallelRunsShareTheProviderMirror() async throws {
        let temp = try TemporaryDirectory("parallel")
        defer { temp.cleanup() }
        try await withMoto { moto in
            let options = try await testOptions(root: temp.url)
            let manager = WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
            let results = try await withThrowingTaskGroup(of: (PlanDocument, Int).self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let stack = "repo/parallel-\(index)"
                        let workspace = try manager.create(stack: stack, from: .files([(path: "main.tf", contents: Data(Self.code.utf8))]))
                        let runtime = RuntimeSettings(region: "eu-west-1", defaultTags: ["Run": "\(index)"], sandboxEndpoint: moto.endpoint,
                                                      backend: RuntimeSettings.localBackend(dataDirectory: temp.url, stack: stack))
                        let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace,
                                                     sink: MemoryLogSink(), logger: testLogger)
                        try runner.prepare()
                        try await runner.initialize()
                        let size = Self.diskUsage(workspace.directory)
                        let plan = try await runner.plan()
                        manager.finish(workspace, succeeded: true)
                        return (plan.document, size)
                    }
                }
                var collected: [(PlanDocument, Int)] = []
                for try await result in group { collected.append(result) }
                return collected
            }
            #expect(results.count == 8)
            for (summary, size) in results {
                #expect(summary.counts.create == 2)
                // The runtime region replaces the default's; the alias keeps its own.
                #expect(summary.output("default")?.value == .string("eu-west-1"))
                #expect(summary.output("west")?.value == .string("us-west-2"))
                #expect(size < 1_000_000, "workspace uses \(size) bytes")
            }
            let leftover = try FileManager.default.contentsOfDirectory(atPath: temp.path("workspaces"))
            #expect(leftover.isEmpty)
        }
    }
}
