import Foundation
import PlanModel
import Testing
@testable import Terraform

struct RemoteStateTests {
    @Test(.timeLimit(.minutes(3)))
    func s3BackendWithLockfileStoresStateAndSnapshotsBeforeApply() async throws {
        let temp = try TemporaryDirectory("s3state")
        defer { temp.cleanup() }
        try await withMoto { moto in
            try moto.python("""
                import os, boto3
                boto3.client("s3", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1").create_bucket(Bucket="ezbuilt-state")
                """)
            let options = try await testOptions(root: temp.url)
            let manager = WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
            let runtime = RuntimeSettings(
                region: "us-east-1", sandboxEndpoint: moto.endpoint,
                backend: .s3(.init(bucket: "ezbuilt-state", key: "stacks/web.tfstate", region: "us-east-1", useLockfile: true)))
            let snapshots = temp.url.appendingPathComponent("snapshots")
            func apply(_ input: String, deployment: String) async throws -> ApplyResult {
                let code = "resource \"terraform_data\" \"a\" { input = \"\(input)\" }\noutput \"a\" { value = terraform_data.a.output }\n"
                let workspace = try manager.create(stack: "repo/web", from: .files([(path: "main.tf", contents: Data(code.utf8))]))
                defer { manager.finish(workspace, succeeded: true) }
                let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: MemoryLogSink(),
                                             logger: testLogger, remoteSnapshotDirectory: snapshots)
                try runner.prepare()
                try await runner.initialize()
                return try await runner.apply(try await runner.plan(), deployment: deployment)
            }
            let first = try await apply("one", deployment: "d1")
            #expect(first.outputs["a"]?.value == .string("one"))
            let second = try await apply("two", deployment: "d2")
            #expect(second.outputs["a"]?.value == .string("two"))
            let snapshot = try JSONValue.decode(try Data(contentsOf: URL(fileURLWithPath: try #require(second.snapshot))), what: "snapshot")
            #expect(snapshot["outputs"]?["a"]?["value"] == .string("one"))
            let objects = try moto.python("""
                import os, boto3
                s3 = boto3.client("s3", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
                print(sorted(o["Key"] for o in s3.list_objects_v2(Bucket="ezbuilt-state").get("Contents", [])))
                """)
            // The state is in the bucket and the lock file is gone.
            #expect(objects.trimmingCharacters(in: .whitespacesAndNewlines) == "['stacks/web.tfstate']")
        }
    }
}
