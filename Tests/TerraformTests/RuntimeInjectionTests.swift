import Foundation
import Testing
import HCL
@testable import Terraform

struct RuntimeInjectionTests {
    @Test func readerFindsDefaultAndAliasedProvidersWithTheirLiteralTags() throws {
        let code = """
            # provider "aws" { alias = "commented" }
            locals {
              escaped = "$${upper("x")} and %%{ if }"
              doc = <<EOT
            provider "aws" { alias = "in_heredoc" }
            EOT
            }
            provider "aws" {
              region = "eu-west-1" // the default
              default_tags {
                tags = {
                  Stack = "web"
                  Note  = "braces } in \\"strings\\""
                }
              }
            }
            provider "aws" {
              alias  = "us_east_1"
              region = "us-east-1"
            }
            provider "aws" {
              alias = "after_escape"
            }
            """
        let found = try OverrideWriter.awsProviders(in: [("main.tf", code)])
        #expect(found.usesAWS)
        #expect(found.providers.map(\.alias) == [nil, "us_east_1", "after_escape"])
        #expect(found.providers[0].region == "eu-west-1")
        #expect(found.providers[0].tags == ["Stack": "web", "Note": "braces } in \"strings\""])
        #expect(found.providers[1].region == "us-east-1")
        #expect(found.providers[2].region == nil)
        let dataOnly = try OverrideWriter.awsProviders(in: [("x.custom.tf", "data \"aws_caller_identity\" \"me\" {}\n")])
        #expect(dataOnly.usesAWS && dataOnly.providers.isEmpty)
    }

    /// The writer reads with the guard's reader and refuses what it cannot inject into with
    /// certainty, naming the file and line.
    @Test(arguments: [
        ("main.tf.json", #"{"provider":{"aws":[{"alias":"base"}]}}"#, 1, "native HCL"),
        ("main.tf", "provider \"aws\" {\n  alias = local.name\n}\n", 2, "alias"),
        ("main.tf", "provider \"aws\" {\n  region = var.region\n}\n", 2, "region"),
        ("main.tf", "provider \"aws\" {\n  default_tags {\n    tags = merge(local.a, {})\n  }\n}\n", 3, "default_tags"),
        ("main.tf", "provider \"aws\" {\n  default_tags {\n    tags = { A = \"${file(\"/etc/passwd\")}\" }\n  }\n}\n", 3, "default tag A"),
        ("main.tf", "module \"m\" {\n  source = \"./m\"\n}\n", 1, "module"),
        ("main.tf", "terraform {\n  required_providers {\n    cloud = { source = \"hashicorp/aws\" }\n  }\n}\n", 3, "local name cloud"),
        ("main.tf", "provider \"aws\" {\n  alias = \"x\"\n  note = \"unterminated\n}\n", 3, "cannot read HCL"),
    ])
    func writerRefusesWhatItCannotInjectInto(name: String, code: String, line: Int, reason: String) {
        #expect {
            _ = try OverrideWriter.awsProviders(in: [(name, code)])
        } throws: { error in
            guard case .codeRefused(let file, let errorLine, let message) = error as? TerraformError else { return false }
            return file == name && errorLine == line && message.contains(reason)
        }
    }

    @Test func overrideCoversEveryProviderKeepsAliasRegionAndCopiesNoExpression() {
        let settings = RuntimeSettings(
            region: "eu-central-1",
            assumeRole: .init(roleARN: "arn:aws:iam::123456789012:role/deployer", externalID: "ext-123", sessionName: "ezbuilt"),
            defaultTags: ["ManagedBy": "ezbuilt"],
            sandboxEndpoint: URL(string: "http://127.0.0.1:5000"),
            backend: .local(path: "/data/state/s/terraform.tfstate"))
        let providers = [
            AWSProviderConfiguration(alias: nil, region: "us-west-2", tags: ["Stack": "web", "ManagedBy": "stack", "Odd": "${x}"], file: "main.tf"),
            AWSProviderConfiguration(alias: "us_east_1", region: "us-east-1", file: "main.tf"),
            AWSProviderConfiguration(alias: "plain", file: "main.tf"),
        ]
        let rendered = OverrideWriter.render(settings, providers: providers, usesAWS: true)
        let text = rendered.override
        #expect(rendered.provider == nil)
        #expect(!text.contains("merge("))
        #expect(text.contains("backend \"local\" {\n    path = \"/data/state/s/terraform.tfstate\""))
        let blocks = text.components(separatedBy: "provider \"aws\" {").dropFirst()
        #expect(blocks.count == 3)
        let defaultBlock = blocks[blocks.startIndex]
        #expect(defaultBlock.contains("region = \"eu-central-1\""))
        // The stack's literal tags are values re-escaped by the daemon; the daemon's win.
        #expect(defaultBlock.contains("tags = { \"ManagedBy\" = \"ezbuilt\", \"Odd\" = \"$${x}\", \"Stack\" = \"web\" }"))
        let aliased = blocks[blocks.startIndex + 1]
        #expect(aliased.contains("alias = \"us_east_1\""))
        #expect(aliased.contains("region = \"us-east-1\""))
        #expect(aliased.contains("role_arn"))
        #expect(aliased.contains("tags = { \"ManagedBy\" = \"ezbuilt\" }"))
        #expect(aliased.contains("s3 = \"http://127.0.0.1:5000\""))
        let plain = blocks[blocks.startIndex + 2]
        #expect(plain.contains("region = \"eu-central-1\""))
        #expect(plain.contains("role_arn"))
        for service in RuntimeSettings.sandboxServices {
            #expect(plain.contains("  \(service) = \"http://127.0.0.1:5000\""))
        }
    }

    @Test func codeWithoutADefaultProviderGetsAProviderFile() {
        let settings = RuntimeSettings(region: "us-east-1", backend: .local(path: "/s/terraform.tfstate"))
        let rendered = OverrideWriter.render(settings, providers: [], usesAWS: true)
        #expect(rendered.provider?.contains("provider \"aws\"") == true)
        #expect(!rendered.override.contains("provider \"aws\""))
        #expect(OverrideWriter.render(settings, providers: [], usesAWS: false).provider == nil)
    }

    @Test func s3BackendWithLockfileOrDynamoDB() {
        var settings = RuntimeSettings(region: "us-east-1",
                                       backend: .s3(.init(bucket: "b", key: "stacks/s.tfstate", region: "eu-west-1")))
        #expect(OverrideWriter.render(settings, providers: [], usesAWS: false).override.contains("use_lockfile = true"))
        settings.backend = .s3(.init(bucket: "b", key: "k", region: "eu-west-1", dynamoDBTable: "locks"))
        settings.assumeRole = .init(roleARN: "arn:aws:iam::123456789012:role/state", externalID: "e-1")
        let text = OverrideWriter.render(settings, providers: [], usesAWS: false).override
        #expect(text.contains("dynamodb_table = \"locks\""))
        // Backend settings take attributes only: the role is an object attribute, not a block.
        #expect(text.contains("assume_role = {"))
        #expect(!text.contains("use_lockfile"))
    }

    @Test func runEnvironmentIsExplicitAndInheritsNothingUnlisted() {
        let cli = CLIConfiguration(providerSource: .filesystemMirror(path: "/opt/tf-plugins"),
                                   directory: URL(fileURLWithPath: "/data/terraform"),
                                   passthroughEnvironment: ["AWS_REGION"])
        let inherited = ["TF_LOG": "TRACE", "TF_CLI_CONFIG_FILE": "/root/.terraformrc", "AWS_PROFILE": "admin",
                         "AWS_REGION": "eu-west-1", "HOME": "/root"]
        let environment = cli.environment(sandbox: false, inherited: inherited)
        #expect(environment["TF_LOG"] == nil)
        #expect(environment["AWS_PROFILE"] == nil)
        #expect(environment["AWS_REGION"] == "eu-west-1")
        #expect(environment["TF_CLI_CONFIG_FILE"] == "/data/terraform/cli.tfrc")
        #expect(environment["HOME"] == "/data/terraform/home")
        #expect(environment["TF_IN_AUTOMATION"] == "1")
        #expect(environment["TF_INPUT"] == "0")
        #expect(environment["CHECKPOINT_DISABLE"] == "1")
        #expect(cli.render().contains("filesystem_mirror"))
        let sandbox = cli.environment(sandbox: true, inherited: inherited)
        #expect(sandbox["AWS_ACCESS_KEY_ID"] == "test")
        let cached = CLIConfiguration(providerSource: .registryWithCache(cacheDirectory: "/data/plugin-cache"),
                                      directory: URL(fileURLWithPath: "/data/terraform"))
        #expect(cached.render().contains("plugin_cache_dir = \"/data/plugin-cache\""))
        #expect(cached.serializesInit)
    }

    @Test func binaryLookupFindsTerraformAndFailsClearly() async throws {
        let binary = try await TerraformBinary.detect(searchPath: "/nonexistent:/usr/local/bin")
        #expect(binary.path == "/usr/local/bin/terraform")
        #expect(binary.version.hasPrefix("1."))
        #expect(binary.flavor == .terraform)
        #expect(throws: TerraformError.self) { try TerraformBinary.locate(searchPath: "/nonexistent") }
        #expect(throws: TerraformError.self) { try TerraformBinary.locate(configuredPath: "/nonexistent/terraform") }
        let tofu = try TerraformBinary.parseVersion(json: "{\"terraform_version\":\"1.9.0\"}", path: "/usr/bin/tofu")
        #expect(tofu.flavor == .opentofu)
    }
}
