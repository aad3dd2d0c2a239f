import Foundation
import Testing

@testable import Policy

@Suite struct GuardTests {
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
        ("functions with similar names", """
            locals {
              a = filemd5sum
              b = format("%s", "file")
              c = "pathexpand(x)"
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
            """
        #expect(Guard.check(files: [("main.tf", source)]).violations.map(\.rule) == [.providerNotAllowed, .providerNotAllowed])
        let configuration = GuardConfiguration(allowedProviders: ["aws", "random"])
        let report = Guard.check(files: [("main.tf", source)], configuration: configuration)
        #expect(report.isApproved, "\(report.violations)")
        // The daemon's blocks stay the daemon's whatever the allowlist says.
        let custom = Guard.check(files: [("x.custom.tf", source)], configuration: configuration)
        #expect(custom.violations.map(\.rule) == [.blockNotAllowed])
    }

    @Test func modulesAreRefusedWhateverTheirSource() {
        let configuration = GuardConfiguration(allowedModuleRegistries: ["terraform-aws-modules"])
        for source in ["./modules/net", "terraform-aws-modules/vpc/aws", "git::https://example.com/x.git"] {
            let report = Guard.check(files: [("main.tf", "module \"n\" {\n  source = \"\(source)\"\n}\n")], configuration: configuration)
            #expect(report.violations.map(\.rule) == [.moduleSource], "\(source)")
        }
    }

    @Test func notUTF8IsRefusedByName() {
        let report = Guard.check(bytes: [("x.custom.tf", [0x6C, 0x6F, 0xFF, 0x0A]), ("notes.bin", [0xFF])])
        #expect(report.violations.map(\.description) == ["x.custom.tf:1: [syntax] not UTF-8 text"])
    }

    @Test func reportsEveryViolationSortedByFileAndLine() {
        let report = Guard.check(files: [
            ("b.tf", "data \"external\" \"x\" {\n  program = [\"true\"]\n}\n"),
            ("a.tf", "locals {\n  x = file(\"/etc/hosts\")\n}\nprovider \"google\" {}\n"),
        ])
        #expect(report.violations.map(\.description) == [
            "a.tf:2: [file-function] file() reads files on the machine running terraform; put the content in the code or in AWS",
            "a.tf:4: [provider-not-allowed] provider block \"google\" is not in the allowed providers (aws)",
            "b.tf:1: [external-data] data \"external\" runs a program during plan",
        ])
    }

    @Test func filesTerraformNeverLoadsAreIgnoredAndTheRestRefusedByName() {
        let report = Guard.check(files: [
            ("README.md", "provisioner \"local-exec\" { command = \"x\" }"),
            ("requirements.md", "data \"external\""),
            ("spec.json", "{}"),
            ("terraform.tfvars", "x = \"y\""),
            ("a.tf.json", "{}"),
        ])
        #expect(report.violations.map(\.file) == ["a.tf.json", "terraform.tfvars"])
        #expect(report.violations.allSatisfy { $0.rule == .fileType })
    }
}
