import Foundation
import Testing

@testable import Policy

@Suite struct GuardTests {
    /// Every rule has at least one fixture.
    @Test func everyRuleHasAFixture() {
        let covered = Set(GuardFixtures.refused.map(\.rule))
        for rule in GuardRule.allCases {
            #expect(covered.contains(rule.rawValue), "no fixture for \(rule.rawValue)")
        }
    }

    /// The guard refuses each fixture with the right rule, file and line; the payload's marker
    /// never appears (the guard is the only thing run: terraform is not), and a planted secret
    /// file's content never reaches the report.
    @Test(arguments: GuardFixtures.refused)
    func refusesPayloadAndTheMarkerNeverAppears(fixture: GuardFixture) throws {
        let directory = try TestDirectory("guard")
        defer { directory.remove() }
        let marker = directory.path("MARKER")
        let secret = directory.path("secret.txt")
        let secretContent = "planted-secret-\(UUID().uuidString)"
        try directory.write("secret.txt", secretContent)
        try directory.write("MARKER.config", "[profile pwn]\ncredential_process = touch \(marker)\n")
        let files = fixture.files.map { file in
            (path: file.path, contents: file.contents
                .replacingOccurrences(of: "{{MARKER}}", with: marker)
                .replacingOccurrences(of: "{{SECRET}}", with: secret))
        }

        let report = Guard.check(files: files)

        #expect(!report.isApproved)
        let match = report.violations.first { $0.rule.rawValue == fixture.rule }
        let violation = try #require(match, "expected \(fixture.rule), got \(report.violations)")
        #expect(violation.file == fixture.file)
        #expect(violation.line == fixture.line)
        #expect(!FileManager.default.fileExists(atPath: marker))
        let rendered = GuardSection.markdown(report) + report.violations.map(\.description).joined()
        #expect(!rendered.contains(secretContent))
        #expect(rendered.contains(fixture.rule))
    }

    @Test(arguments: [
        ("provisioner text inside a heredoc", """
            resource "aws_instance" "web" {
              user_data = <<-EOT
                provisioner "local-exec" {
                  command = "touch /tmp/x"
                }
                data "external" "x" {}
              EOT
            }
            """),
        ("provisioner and file() in comments", """
            # provisioner "local-exec" { command = "touch /tmp/x" }
            // data "external" "x" {}
            /* backend "local" {}
               file("/etc/passwd") */
            resource "aws_s3_bucket" "b" { bucket = "x" }
            """),
        ("escaped interpolation is literal text", """
            locals {
              text = "$${file("/etc/passwd")}"
              more = "%%{if true}x%%{endif}"
            }
            """),
        ("file() with a literal path inside the stack", """
            locals {
              policy = file("files/policy.json")
              hash   = filesha256("./files/policy.json")
              all    = fileset("files", "*.json")
            }
            """),
        ("a string mentioning provisioner", """
            resource "aws_s3_bucket" "b" {
              bucket = "provisioner-backend-external"
              tags = {
                provisioner = "local-exec"
                backend     = "cloud"
              }
            }
            """),
        ("aws provider with region and default tags", """
            terraform {
              required_version = ">= 1.5"
              required_providers {
                aws = {
                  source  = "hashicorp/aws"
                  version = "~> 5.0"
                }
              }
            }
            provider "aws" {
              region = "eu-west-1"
              default_tags {
                tags = { team = "web" }
              }
            }
            """),
        ("local module inside the stack", """
            module "net" {
              source = "./modules/net"
              cidr   = "10.0.0.0/16"
            }
            """),
        ("functions with similar names", """
            locals {
              a = filemd5sum
              b = format("%s", "file")
              c = pathexpand("x")
              d = { file = "x" }
            }
            """),
        ("interpolation with nested braces and strings", """
            locals {
              x = "${jsonencode({ a = "}", b = "${upper("{")}" })}"
            }
            """),
        ("aws_s3_object with a literal relative source", """
            resource "aws_s3_object" "o" {
              bucket = "b"
              key    = "index.html"
              source = "site/index.html"
            }
            """),
        ("terraform_data without provisioners", """
            resource "terraform_data" "marker" {
              input = "value"
            }
            """),
    ])
    func approvesSafeCodeWithoutFalsePositives(name: String, source: String) {
        let report = Guard.check(files: [("main.tf", source)])
        #expect(report.isApproved, "\(name): \(report.violations)")
    }

    @Test func approvesSafeJSONSyntax() {
        let source = """
            {
              "//": "file(\\"/etc/passwd\\") in a comment is not evaluated",
              "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws" } } },
              "provider": { "aws": [{ "region": "us-east-1" }] },
              "resource": { "aws_s3_bucket": { "b": { "bucket": "x", "tags": { "provisioner": "no" } } } },
              "locals": { "p": "${file(\\"files/p.json\\")}", "t": "$${file(\\"/etc/passwd\\")}" },
              "module": { "m": { "source": "./modules/m" } }
            }
            """
        let report = Guard.check(files: [("main.tf.json", source)])
        #expect(report.isApproved, "\(report.violations)")
    }

    @Test func templatesReadByTemplatefileAreCheckedToo() {
        let files: [(path: String, contents: String)] = [
            ("main.tf", "locals {\n  x = templatefile(\"t/ok.tftpl\", { a = 1 })\n}\n"),
            ("t/ok.tftpl", "value ${a} and ${file(\"t/data.txt\")} %{ if a > 0 }yes%{ endif }\n"),
            ("t/data.txt", "plain"),
        ]
        #expect(Guard.check(files: files).isApproved)
    }

    @Test func allowlistsAreConfigurable() {
        let source = """
            terraform {
              required_providers {
                random = { source = "hashicorp/random" }
              }
            }
            resource "random_id" "x" {
              byte_length = 4
            }
            module "vpc" {
              source  = "terraform-aws-modules/vpc/aws"
              version = "5.0.0"
            }
            module "sub" {
              source = "app.terraform.io/acme/net/aws//modules/sub"
            }
            """
        #expect(!Guard.check(files: [("main.tf", source)]).isApproved)
        let configuration = GuardConfiguration(
            allowedProviders: ["aws", "random"],
            allowedModuleRegistries: ["terraform-aws-modules", "app.terraform.io/acme"])
        let report = Guard.check(files: [("main.tf", source)], configuration: configuration)
        #expect(report.isApproved, "\(report.violations)")
        let partial = Guard.check(
            files: [("main.tf", source)],
            configuration: GuardConfiguration(allowedProviders: ["aws", "random"], allowedModuleRegistries: ["terraform-aws-modules/vpc"]))
        #expect(partial.violations.map(\.rule) == [.moduleSource])
        #expect(partial.violations.first?.line == 14)
    }

    @Test func moduleSourcesAreResolvedFromTheFileDirectory() {
        let inside = Guard.check(files: [("modules/app/main.tf", "module \"n\" {\n  source = \"../net\"\n}\n")])
        #expect(inside.isApproved)
        let outside = Guard.check(files: [("modules/app/main.tf", "module \"n\" {\n  source = \"../../../net\"\n}\n")])
        #expect(outside.violations.map(\.rule) == [.moduleSource])
    }

    @Test func reportsEveryViolationSortedByFileAndLine() {
        let report = Guard.check(files: [
            ("b.tf", "data \"external\" \"x\" {\n  program = [\"true\"]\n}\n"),
            ("a.tf", "locals {\n  x = file(\"/etc/hosts\")\n}\nprovider \"google\" {}\n"),
        ])
        #expect(report.violations.map(\.description) == [
            "a.tf:2: [file-function] file(\"/etc/hosts\") reads outside the stack",
            "a.tf:4: [provider-not-allowed] provider block \"google\" is not in the allowed providers (aws)",
            "b.tf:1: [external-data] data \"external\" runs a program during plan",
        ])
        let markdown = GuardSection.markdown(report)
        #expect(markdown.contains("**Refused:**"))
        #expect(markdown.contains("`a.tf:2` **file-function**"))
    }

    @Test func nonTerraformFilesAreOnlyCheckedByName() {
        let report = Guard.check(files: [
            ("README.md", "provisioner \"local-exec\" { command = \"x\" }"),
            ("requirements.md", "data \"external\""),
            ("terraform.tfvars", "x = \"y\""),
        ])
        #expect(report.isApproved)
    }
}
