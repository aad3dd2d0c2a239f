import Foundation
import HostileFixtures
import Testing

@testable import Policy

/// Runs real terraform (1.11 at /usr/local/bin, aws provider from /opt/tf-plugins): guard-approved
/// code still initialises and validates, and the provisioner payload the guard refuses really
/// would leave its marker, so the marker tests above are about a live payload.
@Suite(.serialized) struct GuardTerraformTests {
    static let terraform = "/usr/local/bin/terraform"

    /// Runs terraform in `directory` with a private data dir and no user CLI config; returns
    /// the exit status and combined output. No shell: an argument vector only.
    private func run(_ arguments: [String], in directory: TestDirectory) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.terraform)
        process.arguments = arguments
        process.currentDirectoryURL = directory.url
        var environment = ProcessInfo.processInfo.environment
        environment["TF_CLI_CONFIG_FILE"] = directory.path("empty.tfrc.cli")
        environment["TF_IN_AUTOMATION"] = "1"
        environment["TF_INPUT"] = "0"
        environment["CHECKPOINT_DISABLE"] = "1"
        environment.removeValue(forKey: "TF_PLUGIN_CACHE_DIR")
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // A hung terraform must not hang the suite: terminate this pid after three minutes.
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { if process.isRunning && process.processIdentifier == pid { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 180, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: terraform)))
    func guardApprovedStackInitialisesAndValidatesWithRealTerraform() throws {
        let directory = try TestDirectory("approved")
        defer { directory.remove() }
        let files: [(path: String, contents: String)] = [
            ("main.tf", """
                terraform {
                  required_providers {
                    aws = {
                      source  = "hashicorp/aws"
                      version = "5.100.0"
                    }
                  }
                }

                provider "aws" {
                  region = "us-east-1"
                  default_tags {
                    tags = { managed_by = "ezbuilt" }
                  }
                }

                # provisioner "local-exec" { command = "touch /tmp/never" } is only a comment
                """),
            ("site.custom.tf", """
                locals {
                  prefix = "demo"
                  policy = jsonencode({
                    Version = "2012-10-17"
                    Statement = [for action in ["s3:*"] : {
                      Effect    = "Deny"
                      Principal = "*"
                      Action    = action
                      Resource  = "${aws_s3_bucket.site.arn}/*"
                      Condition = { Bool = { "aws:SecureTransport" = "false" } }
                    }]
                  })
                }

                resource "aws_s3_bucket" "site" {
                  bucket = "${local.prefix}-site"
                  tags = {
                    note = <<-EOT
                      provisioner "local-exec" {}
                    EOT
                  }
                }

                resource "aws_s3_bucket_policy" "site" {
                  bucket = aws_s3_bucket.site.id
                  policy = local.policy
                }

                moved {
                  from = aws_s3_bucket.old
                  to   = aws_s3_bucket.site
                }
                """),
        ]
        let report = Guard.check(files: files)
        #expect(report.isApproved, "\(report.violations)")
        for file in files { try directory.write(file.path, file.contents) }
        try directory.write("empty.tfrc.cli", "")

        let initialised = try run(["init", "-backend=false", "-plugin-dir", "/opt/tf-plugins", "-input=false", "-no-color"], in: directory)
        #expect(initialised.status == 0, "\(initialised.output)")
        let validated = try run(["validate", "-no-color"], in: directory)
        #expect(validated.status == 0, "\(validated.output)")
        #expect(validated.output.contains("The configuration is valid"))
    }

    /// Control experiment: the refused provisioner payload, run by real terraform (only the
    /// built-in terraform_data resource, no provider), does create its marker — so "the
    /// marker never appears" in the guard tests is evidence, not a tautology.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: terraform)))
    func refusedPayloadWouldLeaveItsMarkerIfTerraformRanIt() throws {
        let directory = try TestDirectory("control")
        defer { directory.remove() }
        let marker = directory.path("MARKER")
        let hostile = try #require(HostileCase.all().first { $0.name == "terraform-data-provisioner" })
        try hostile.materialize(into: directory.url, marker: marker)
        let terraform = directory.url.appendingPathComponent("terraform")
        let files = try HostileCase.files(under: terraform).map { relative in
            (path: relative, contents: try String(contentsOf: terraform.appendingPathComponent(relative), encoding: .utf8))
        }
        #expect(!Guard.check(files: files).isApproved)
        #expect(!FileManager.default.fileExists(atPath: marker))

        for file in files { try directory.write(file.path, file.contents) }
        try directory.write("empty.tfrc.cli", "")
        let initialised = try run(["init", "-input=false", "-no-color"], in: directory)
        #expect(initialised.status == 0, "\(initialised.output)")
        let applied = try run(["apply", "-auto-approve", "-input=false", "-no-color"], in: directory)
        #expect(applied.status == 0, "\(applied.output)")
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    /// Control experiment for the first escape class: in JSON syntax Terraform evaluates the
    /// value of a `//` key inside an expression object, so a file's content reaches the plan
    /// output. The guard refuses every `.tf.json`; unconfined terraform really reads the file.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: terraform)))
    func jsonCommentKeyReallyReadsAFileWhenTerraformRunsIt() throws {
        let directory = try TestDirectory("json-control")
        defer { directory.remove() }
        let token = "control-\(UUID().uuidString)"
        try directory.write("outside/MARKER", token)
        let code = #"{"locals":{"x":{"//":"${file(\"MARKER_PATH\")}"}},"output":{"leak":{"value":"${local.x}"}}}"#
            .replacingOccurrences(of: "MARKER_PATH", with: directory.path("outside/MARKER"))
        let report = Guard.check(files: [("evil.custom.tf.json", code)])
        #expect(report.violations.map(\.rule) == [.fileType])

        let stack = try TestDirectory("json-control-stack")
        defer { stack.remove() }
        try stack.write("main.tf.json", code)
        try stack.write("empty.tfrc.cli", "")
        let initialised = try run(["init", "-backend=false", "-input=false", "-no-color"], in: stack)
        #expect(initialised.status == 0, "\(initialised.output)")
        let planned = try run(["plan", "-input=false", "-no-color"], in: stack)
        #expect(planned.output.contains(token), "\(planned.output)")
    }
}
