import Foundation
import Sandbox
import Testing

/// The single-stack commands, run as a person would: generate, plan, apply, drift, destroy
/// against moto; and the guard stopping hostile code before terraform ever runs.
@Suite struct StackCommandTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func generatePlanApplyDriftDestroyOneStack() async throws {
        let moto = try await MotoServer.start()
        let directory = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: directory)
        }
        let requirements = directory.appendingPathComponent("requirements.md")
        try "# Logs\n\n- Region: us-east-1\n- A private S3 bucket named `cli-logs-bucket` with versioning.\n".write(to: requirements, atomically: true, encoding: .utf8)
        let terraform = directory.appendingPathComponent("terraform").path
        #expect(try await runEZBuilt(["generate", requirements.path, "--out", terraform]).status == 0)
        let common = [directory.path, "--sandbox", moto.endpoint.absoluteString, "--plugin-dir", "/opt/tf-plugins"]

        let plan = try await runEZBuilt(["plan"] + common)
        #expect(plan.status == 0, "\(plan.stderr.suffix(2000))")
        #expect(plan.stdout.contains("create aws_s3_bucket.cli_logs_bucket"))
        #expect(plan.stdout.contains("Estimated monthly cost"))

        let apply = try await runEZBuilt(["apply"] + common)
        #expect(apply.status == 0, "\(apply.stderr.suffix(2000))")
        #expect(try await runEZBuilt(["drift"] + common).status == 0)

        let aws = Process()
        aws.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        aws.arguments = ["aws", "--endpoint-url", moto.endpoint.absoluteString, "--region", "us-east-1", "s3api", "put-bucket-versioning",
                         "--bucket", "cli-logs-bucket", "--versioning-configuration", "Status=Suspended"]
        aws.environment = ["AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        try aws.run()
        aws.waitUntilExit()
        #expect(aws.terminationStatus == 0)

        let drift = try await runEZBuilt(["drift"] + common)
        #expect(drift.status == 2, "\(drift.stderr.suffix(2000))")
        #expect(drift.stdout.contains("Suspended"))

        #expect(try await runEZBuilt(["destroy"] + common).status == 0)
        await moto.stop()
    }

    @Test func theGuardStopsHostileCodeBeforeTerraformRuns() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = directory.appendingPathComponent("PWNED")
        let code = """
            resource "terraform_data" "x" {
              provisioner "local-exec" {
                command = "touch \(marker.path)"
              }
            }
            data "external" "y" {
              program = ["sh", "-c", "touch \(marker.path); echo {}"]
            }
            """
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("terraform"), withIntermediateDirectories: true)
        try code.write(to: directory.appendingPathComponent("terraform/main.tf"), atomically: true, encoding: .utf8)
        for command in ["plan", "apply", "cost"] {
            let result = try await runEZBuilt([command, directory.path, "--plugin-dir", "/opt/tf-plugins"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("refused by the guard: nothing was run"), "\(result.stderr)")
            #expect(result.stderr.contains("main.tf:2"))
        }
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func roleTemplateTrustsOneAccountWithTheExternalId() async throws {
        let result = try await runEZBuilt(["aws", "role-template", "--trusted-account", "111122223333", "--external-id", "ext-1234"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("arn:aws:iam::111122223333:root"))
        #expect(result.stdout.contains("sts:ExternalId"))
        #expect(result.stdout.contains("ext-1234"))
        // Without --external-id one is made (40 characters from the system's secure generator),
        // printed on standard error and written into the template on standard output.
        let generated = try await runEZBuilt(["aws", "role-template", "--trusted-account", "111122223333"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let id = try #require(generated.stderr.firstMatch(of: /external id[^:]*: ([A-Za-z0-9]+)/)?.1)
        #expect(id.count >= 32)
        #expect(generated.stdout.contains("\"\(id)\""))
        #expect(generated.stdout.contains("application-autoscaling:*"))
        let again = try await runEZBuilt(["aws", "role-template", "--trusted-account", "111122223333"])
        #expect(!again.stderr.contains(String(id)))
        let bad = try await runEZBuilt(["aws", "role-template", "--trusted-account", "12", "--external-id", "ext-1234"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("12-digit"))
    }
}
