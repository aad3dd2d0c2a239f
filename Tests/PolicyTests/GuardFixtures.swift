import Testing

/// Guard fixtures: each holds a payload that would leave a marker file (or read a planted
/// secret file) if Terraform ever ran it. `{{MARKER}}` is replaced by a unique path in a
/// temporary directory per test; `{{SECRET}}` by a planted file whose content must never
/// show up anywhere.
struct GuardFixture: CustomTestStringConvertible, Sendable {
    let name: String
    let files: [(path: String, contents: String)]
    let rule: GuardRuleName
    let line: Int
    let file: String

    var testDescription: String { name }
}

/// The rule's raw value (kept as a string so fixtures read like the report).
typealias GuardRuleName = String

enum GuardFixtures {
    static let refused: [GuardFixture] = [
        GuardFixture(
            name: "local-exec provisioner in null_resource",
            files: [("main.tf", """
                resource "null_resource" "x" {
                  provisioner "local-exec" {
                    command = "touch {{MARKER}}"
                  }
                }
                """)],
            rule: "provisioner", line: 2, file: "main.tf"),
        GuardFixture(
            name: "provisioner in terraform_data written over many lines with a heredoc command",
            files: [("main.tf", """
                resource "terraform_data" "x" {
                  input = "a"

                  provisioner "local-exec" {
                    when    = create
                    command = <<-EOT
                      touch {{MARKER}}
                    EOT
                  }
                }
                """)],
            rule: "provisioner", line: 4, file: "main.tf"),
        GuardFixture(
            name: "remote-exec provisioner in an aws_instance, one-line block",
            files: [("main.tf", """
                resource "aws_instance" "web" { provisioner "local-exec" { command = "touch {{MARKER}}" } }
                """)],
            rule: "provisioner", line: 1, file: "main.tf"),
        GuardFixture(
            name: "destroy-time provisioner in a removed block",
            files: [("main.tf", """
                removed {
                  from = aws_instance.old
                  provisioner "local-exec" {
                    when    = destroy
                    command = "touch {{MARKER}}"
                  }
                }
                """)],
            rule: "provisioner", line: 3, file: "main.tf"),
        GuardFixture(
            name: "provisioner in JSON syntax",
            files: [("main.tf.json", """
                {
                  "resource": {
                    "terraform_data": {
                      "x": {
                        "provisioner": [{ "local-exec": { "command": "touch {{MARKER}}" } }]
                      }
                    }
                  }
                }
                """)],
            rule: "provisioner", line: 5, file: "main.tf.json"),
        GuardFixture(
            name: "external data source",
            files: [("data.tf", """
                data "external" "x" {
                  program = ["sh", "-c", "touch {{MARKER}}; echo {}"]
                }
                """)],
            rule: "external-data", line: 1, file: "data.tf"),
        GuardFixture(
            name: "external data source inside a check block",
            files: [("checks.tf", """
                check "health" {
                  data "external" "probe" {
                    program = ["sh", "-c", "touch {{MARKER}}; echo {}"]
                  }
                  assert {
                    condition     = true
                    error_message = "x"
                  }
                }
                """)],
            rule: "external-data", line: 2, file: "checks.tf"),
        GuardFixture(
            name: "external data source in JSON syntax",
            files: [("x.tf.json", """
                {"data": {"external": {"x": {"program": ["sh", "-c", "touch {{MARKER}}"]}}}}
                """)],
            rule: "external-data", line: 1, file: "x.tf.json"),
        GuardFixture(
            name: "provider outside the allowlist (local writes files)",
            files: [("main.tf", """
                provider "local" {}
                """), ("files.tf", """
                resource "aws_s3_bucket" "ok" {
                  bucket = "fine"
                }
                """)],
            rule: "provider-not-allowed", line: 1, file: "main.tf"),
        GuardFixture(
            name: "resource type of another provider",
            files: [("main.tf", """
                resource "local_file" "x" {
                  filename = "{{MARKER}}"
                  content  = "pwned"
                }
                """)],
            rule: "provider-not-allowed", line: 1, file: "main.tf"),
        GuardFixture(
            name: "aws provider name from a foreign source",
            files: [("versions.tf", """
                terraform {
                  required_providers {
                    aws = {
                      source  = "evil-corp/aws"
                      version = "1.0.0"
                    }
                  }
                }
                """)],
            rule: "provider-not-allowed", line: 3, file: "versions.tf"),
        GuardFixture(
            name: "required_providers entry in JSON syntax",
            files: [("versions.tf.json", """
                {
                  "terraform": {
                    "required_providers": {
                      "shell": { "source": "scottwinkler/shell" }
                    }
                  }
                }
                """)],
            rule: "provider-not-allowed", line: 4, file: "versions.tf.json"),
        GuardFixture(
            name: "aws provider pointed at a shared config whose credential_process runs a command",
            files: [("provider.tf", """
                provider "aws" {
                  region              = "us-east-1"
                  shared_config_files = ["{{MARKER}}.config"]
                  profile             = "pwn"
                }
                """)],
            rule: "provider-configuration", line: 3, file: "provider.tf"),
        GuardFixture(
            name: "aws provider endpoints redirecting signed requests",
            files: [("provider.tf", """
                provider "aws" {
                  endpoints {
                    sts = "http://127.0.0.1:9/{{MARKER}}"
                  }
                }
                """)],
            rule: "provider-configuration", line: 2, file: "provider.tf"),
        GuardFixture(
            name: "module from a git repository",
            files: [("main.tf", """
                module "evil" {
                  source = "git::file://{{MARKER}}-repo"
                }
                """)],
            rule: "module-source", line: 2, file: "main.tf"),
        GuardFixture(
            name: "local module path leaving the stack",
            files: [("main.tf", """
                module "outside" {
                  source = "../../{{MARKER}}"
                }
                """)],
            rule: "module-source", line: 2, file: "main.tf"),
        GuardFixture(
            name: "registry module not in the allowlist",
            files: [("main.tf", """
                module "vpc" {
                  source  = "someone/vpc/aws"
                  version = "1.0.0"
                }
                """)],
            rule: "module-source", line: 2, file: "main.tf"),
        GuardFixture(
            name: "local backend writing state to the marker path",
            files: [("backend.tf", """
                terraform {
                  backend "local" {
                    path = "{{MARKER}}"
                  }
                }
                """)],
            rule: "backend", line: 2, file: "backend.tf"),
        GuardFixture(
            name: "cloud block",
            files: [("backend.tf", """
                terraform {
                  cloud {
                    organization = "{{MARKER}}"
                  }
                }
                """)],
            rule: "backend", line: 2, file: "backend.tf"),
        GuardFixture(
            name: "remote state data source reading a local state file",
            files: [("state.tf", """
                data "terraform_remote_state" "x" {
                  backend = "local"
                  config  = { path = "{{SECRET}}" }
                }
                """)],
            rule: "backend", line: 1, file: "state.tf"),
        GuardFixture(
            name: "backend in JSON syntax",
            files: [("b.tf.json", """
                {"terraform": [{"backend": {"local": {"path": "{{MARKER}}"}}}]}
                """)],
            rule: "backend", line: 1, file: "b.tf.json"),
        GuardFixture(
            name: "file() with an absolute path",
            files: [("main.tf", """
                resource "aws_s3_bucket" "b" {
                  bucket = "x"
                  tags   = { leak = file("{{SECRET}}") }
                }
                """)],
            rule: "file-function", line: 3, file: "main.tf"),
        GuardFixture(
            name: "file() inside a string interpolation",
            files: [("main.tf", """
                locals {
                  text = "prefix ${file("{{SECRET}}")} suffix"
                }
                """)],
            rule: "file-function", line: 2, file: "main.tf"),
        GuardFixture(
            name: "templatefile() inside a heredoc interpolation",
            files: [("main.tf", """
                locals {
                  doc = <<EOF
                line one
                ${templatefile("{{SECRET}}", {})}
                EOF
                }
                """)],
            rule: "file-function", line: 4, file: "main.tf"),
        GuardFixture(
            name: "filebase64 with a path climbing out of the stack",
            files: [("main.tf", """
                locals {
                  x = filebase64("../../../{{SECRET}}")
                }
                """)],
            rule: "file-function", line: 2, file: "main.tf"),
        GuardFixture(
            name: "file() with the home directory",
            files: [("main.tf", """
                locals {
                  x = file("~/.aws/credentials")
                }
                """)],
            rule: "file-function", line: 2, file: "main.tf"),
        GuardFixture(
            name: "file() with a computed path",
            files: [("main.tf", """
                variable "p" {
                  default = "{{SECRET}}"
                }
                locals {
                  x = file(var.p)
                }
                """)],
            rule: "file-function", line: 5, file: "main.tf"),
        GuardFixture(
            name: "file() with path.module interpolation",
            files: [("main.tf", """
                locals {
                  x = file("${path.module}/../../{{SECRET}}")
                }
                """)],
            rule: "file-function", line: 2, file: "main.tf"),
        GuardFixture(
            name: "core::file namespaced call",
            files: [("main.tf", """
                locals {
                  x = core::file("{{SECRET}}")
                }
                """)],
            rule: "file-function", line: 2, file: "main.tf"),
        GuardFixture(
            name: "fileset pattern climbing out",
            files: [("main.tf", """
                locals {
                  x = fileset(".", "../../**")
                }
                """)],
            rule: "file-function", line: 2, file: "main.tf"),
        GuardFixture(
            name: "file() in a JSON string template",
            files: [("main.tf.json", """
                {
                  "locals": {
                    "x": "${file(\\"{{SECRET}}\\")}"
                  }
                }
                """)],
            rule: "file-function", line: 3, file: "main.tf.json"),
        GuardFixture(
            name: "templatefile() whose template reads a server file",
            files: [("main.tf", """
                locals {
                  rendered = templatefile("templates/user_data.tftpl", { name = "web" })
                }
                """), ("templates/user_data.tftpl", """
                #!/bin/sh
                echo ${name}
                echo '${file("{{SECRET}}")}'
                """)],
            rule: "file-function", line: 2, file: "main.tf"),
        GuardFixture(
            name: "templatefile() with a template the guard was not given",
            files: [("main.tf", """
                locals {
                  rendered = templatefile("templates/missing.tftpl", {})
                }
                """)],
            rule: "file-function", line: 2, file: "main.tf"),
        GuardFixture(
            name: "provisioner key spelled with a JSON unicode escape",
            files: [("main.tf.json", """
                {"resource": {"terraform_data": {"x": {"provisi\\u006fner": {"local-exec": {"command": "touch {{MARKER}}"}}}}}}
                """)],
            rule: "provisioner", line: 1, file: "main.tf.json"),
        GuardFixture(
            name: "aws_s3_object uploading a server file",
            files: [("main.tf", """
                resource "aws_s3_object" "o" {
                  bucket = "b"
                  key    = "k"
                  source = "{{SECRET}}"
                }
                """)],
            rule: "local-file-argument", line: 4, file: "main.tf"),
        GuardFixture(
            name: "lambda filename computed",
            files: [("main.tf", """
                resource "aws_lambda_function" "f" {
                  function_name = "f"
                  role          = "arn:aws:iam::123456789012:role/x"
                  filename      = "${path.root}/../{{SECRET}}"
                }
                """)],
            rule: "local-file-argument", line: 4, file: "main.tf"),
        GuardFixture(
            name: ".terraformrc in the stack",
            files: [(".terraformrc", """
                provider_installation {
                  filesystem_mirror { path = "{{MARKER}}" }
                }
                """)],
            rule: "cli-config-file", line: 1, file: ".terraformrc"),
        GuardFixture(
            name: "terraform.rc in a subdirectory",
            files: [("cfg/terraform.rc", "plugin_cache_dir = \"{{MARKER}}\"\n")],
            rule: "cli-config-file", line: 1, file: "cfg/terraform.rc"),
        GuardFixture(
            name: "*.tfrc file",
            files: [("dev.tfrc", "plugin_cache_dir = \"{{MARKER}}\"\n")],
            rule: "cli-config-file", line: 1, file: "dev.tfrc"),
        GuardFixture(
            name: "override file replacing the injected provider",
            files: [("provider_override.tf", """
                provider "aws" {
                  region = "us-east-1"
                }
                resource "terraform_data" "x" {
                  input = "{{MARKER}}"
                }
                """)],
            rule: "override-file", line: 1, file: "provider_override.tf"),
        GuardFixture(
            name: "override.tf.json",
            files: [("override.tf.json", #"{"locals": {"m": "{{MARKER}}"}}"#)],
            rule: "override-file", line: 1, file: "override.tf.json"),
        GuardFixture(
            name: "pre-populated .terraform directory",
            files: [(".terraform/providers/registry.terraform.io/hashicorp/aws/terraform-provider-aws", "#!/bin/sh\ntouch {{MARKER}}\n")],
            rule: "forbidden-path", line: 1, file: ".terraform/providers/registry.terraform.io/hashicorp/aws/terraform-provider-aws"),
        GuardFixture(
            name: "file path leaving the stack",
            files: [("../evil.tf", "resource \"terraform_data\" \"x\" { input = \"{{MARKER}}\" }\n")],
            rule: "forbidden-path", line: 1, file: "../evil.tf"),
        GuardFixture(
            name: "unparseable file hiding a provisioner",
            files: [("main.tf", """
                resource "null_resource" "x" {
                  triggers = { a = "unterminated }
                  provisioner "local-exec" { command = "touch {{MARKER}}" }
                }
                """)],
            rule: "syntax", line: 2, file: "main.tf"),
        GuardFixture(
            name: "malformed JSON",
            files: [("main.tf.json", "{\"resource\": {\"terraform_data\": {\"x\": {\"provisioner\": \"touch {{MARKER}}\"\n")],
            rule: "syntax", line: 2, file: "main.tf.json"),
    ]
}
