import Foundation
import HCL

/// An `aws` provider configuration found in a stack's code, read with the shared HCL reader.
public struct AWSProviderConfiguration: Sendable, Hashable {
    /// The alias, nil for the default configuration.
    public var alias: String?
    /// The code's literal region, when it sets one (an alias's explicit region is kept: it is
    /// how a stack reaches us-east-1 for CloudFront certificates).
    public var region: String?
    /// The code's default tags, literal keys and values only (copied as values, re-escaped).
    public var tags: [String: String]
    /// File the block was found in.
    public var file: String

    /// Creates a description (tests build them directly).
    public init(alias: String?, region: String? = nil, tags: [String: String] = [:], file: String) {
        self.alias = alias
        self.region = region
        self.tags = tags
        self.file = file
    }
}

/// Writes the runtime files of a workspace: `ezbuilt_override.tf` (a Terraform override file,
/// merged into the code's own `terraform` and `provider "aws"` blocks) and, when the code has
/// no default aws provider block to override, `ezbuilt_provider.tf` holding one.
///
/// The override file is the daemon's alone: nothing in it is copied from the stack as code.
/// Override files replace nested blocks wholesale, so for every aws provider configuration of
/// the code (default and each alias) one override block is written with the injected role,
/// endpoints and tags; an alias's literal region is kept; the code's default tags, which the
/// guard allows only as literal strings, are merged in as re-escaped values (the daemon's win).
/// The code is read with the same strict HCL reader as the guard's, so the two cannot disagree:
/// anything it cannot read with certainty (JSON syntax, a computed alias, region or tags, a
/// module that could declare its own providers) throws, and terraform does not run.
public enum OverrideWriter {
    /// Name of the override file in a workspace.
    public static let overrideFileName = "ezbuilt_override.tf"
    /// Name of the provider file written when the code has no default aws provider block.
    public static let providerFileName = "ezbuilt_provider.tf"

    /// Renders and writes the runtime files into `workspace`; returns their names.
    @discardableResult
    public static func write(_ settings: RuntimeSettings, into workspace: Workspace) throws(TerraformError) -> [String] {
        let sources = try workspace.stackFileContents()
        let scanned = try awsProviders(in: sources)
        let rendered = render(settings, providers: scanned.providers, usesAWS: scanned.usesAWS)
        var written: [String] = []
        for (name, text) in [(overrideFileName, rendered.override), (providerFileName, rendered.provider)] {
            guard let text else { continue }
            let path = workspace.path(name)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .io(path: path, detail: "cannot write runtime file: \(error)")
            }
            written.append(name)
        }
        return written
    }

    /// Every aws provider configuration of the code, in file order, and whether the code uses
    /// the aws provider at all. Throws ``TerraformError/codeRefused(file:line:reason:)`` for
    /// anything that could run without the injected configuration.
    public static func awsProviders(in files: [(name: String, text: String)]) throws(TerraformError)
        -> (providers: [AWSProviderConfiguration], usesAWS: Bool)
    {
        var providers: [AWSProviderConfiguration] = []
        var usesAWS = false
        for file in files {
            guard file.name.hasSuffix(".tf") else {
                throw .codeRefused(file: file.name, line: 1, reason: "only native HCL .tf files can be given the injected configuration")
            }
            let parsed: HCLFile
            do {
                parsed = try HCLFile.parse(file.text)
            } catch {
                throw .codeRefused(file: file.name, line: error.line, reason: "cannot read HCL: \(error.message)")
            }
            for block in parsed.body.blocks {
                switch block.type {
                case "provider" where block.labels == ["aws"]:
                    usesAWS = true
                    providers.append(try configuration(block, file: file.name))
                case "resource", "data", "ephemeral":
                    if block.labels.first?.hasPrefix("aws_") == true { usesAWS = true }
                case "module":
                    throw .codeRefused(file: file.name, line: block.line, reason: "a module could configure providers the injected role never reaches")
                case "terraform":
                    try checkRequiredProviders(block, file: file.name)
                default:
                    break
                }
            }
        }
        return (providers, usesAWS)
    }

    private static func configuration(_ block: HCLBlock, file: String) throws(TerraformError) -> AWSProviderConfiguration {
        var alias: String?
        var region: String?
        var tags: [String: String] = [:]
        for attribute in block.body.attributes {
            switch attribute.name {
            case "alias":
                guard let literal = attribute.literalString, !literal.isEmpty else {
                    throw .codeRefused(file: file, line: attribute.line, reason: "provider aws alias is not a literal string")
                }
                alias = literal
            case "region":
                guard let literal = attribute.literalString else {
                    throw .codeRefused(file: file, line: attribute.line, reason: "provider aws region is not a literal string")
                }
                region = literal
            default:
                break
            }
        }
        for nested in block.body.blocks where nested.type == "default_tags" {
            for attribute in nested.body.attributes where attribute.name == "tags" {
                guard let entries = attribute.objectLiteral else {
                    throw .codeRefused(file: file, line: attribute.line, reason: "default_tags tags is not a map of literal strings")
                }
                for entry in entries {
                    guard let value = entry.literalString else {
                        throw .codeRefused(file: file, line: entry.line, reason: "default tag \(entry.key) is not a literal string")
                    }
                    tags[entry.key] = value
                }
            }
        }
        return AWSProviderConfiguration(alias: alias, region: region, tags: tags, file: file)
    }

    /// A provider installed from the aws source under another local name would be configured
    /// by a `provider "<name>"` block the override never reaches: refused.
    private static func checkRequiredProviders(_ block: HCLBlock, file: String) throws(TerraformError) {
        for nested in block.body.blocks where nested.type == "required_providers" {
            for attribute in nested.body.attributes where attribute.name != "aws" {
                for token in attribute.expression {
                    if let text = token.template?.literalValue?.lowercased(), text.hasSuffix("/aws") {
                        throw .codeRefused(file: file, line: attribute.line, reason: "the aws provider under the local name \(attribute.name) would escape the injected configuration")
                    }
                }
            }
        }
    }

    /// Renders the override file and, when needed, the extra provider file.
    public static func render(_ settings: RuntimeSettings, providers: [AWSProviderConfiguration],
                              usesAWS: Bool) -> (override: String, provider: String?) {
        var text = "# Written by EZBuilt for this run only; never committed.\n"
        text += "terraform {\n" + indent(backendBlock(settings), by: 2) + "}\n"
        var seenAliases = Set<String>()
        for provider in providers {
            let key = provider.alias ?? ""
            guard seenAliases.insert(key).inserted else { continue }
            text += "\n" + providerBlock(settings, configuration: provider)
        }
        var providerFile: String?
        if !seenAliases.contains(""), usesAWS {
            providerFile = "# Written by EZBuilt for this run only; never committed.\n"
                + providerBlock(settings, configuration: AWSProviderConfiguration(alias: nil, file: providerFileName))
        }
        return (text, providerFile)
    }

    static func backendBlock(_ settings: RuntimeSettings) -> String {
        switch settings.backend {
        case .local(let path):
            return "backend \"local\" {\n  path = \(HCLText.quoted(path))\n}\n"
        case .s3(let s3):
            var lines = [
                "bucket = \(HCLText.quoted(s3.bucket))",
                "key    = \(HCLText.quoted(s3.key))",
                "region = \(HCLText.quoted(s3.region))",
            ]
            if let table = s3.dynamoDBTable {
                lines.append("dynamodb_table = \(HCLText.quoted(table))")
            } else if s3.useLockfile {
                lines.append("use_lockfile = true")
            }
            if let role = settings.assumeRole {
                // Backend settings are attributes only: objects are written `name = { ... }`.
                lines.append("assume_role = {\n" + indent(roleLines(role).joined(separator: "\n") + "\n", by: 2) + "}")
            }
            if let endpoint = settings.sandboxEndpoint?.absoluteString {
                lines += [
                    "use_path_style = true",
                    "skip_credentials_validation = true",
                    "skip_requesting_account_id = true",
                    "skip_metadata_api_check = true",
                    "skip_region_validation = true",
                    "access_key = \"test\"",
                    "secret_key = \"test\"",
                    "endpoints = {\n  s3 = \(HCLText.quoted(endpoint))\n  dynamodb = \(HCLText.quoted(endpoint))\n  sts = \(HCLText.quoted(endpoint))\n  iam = \(HCLText.quoted(endpoint))\n}",
                ]
            }
            return "backend \"s3\" {\n" + indent(lines.joined(separator: "\n") + "\n", by: 2) + "}\n"
        }
    }

    static func roleLines(_ role: RuntimeSettings.AssumeRole) -> [String] {
        var lines = ["role_arn     = \(HCLText.quoted(role.roleARN))", "session_name = \(HCLText.quoted(role.sessionName))"]
        if let externalID = role.externalID { lines.append("external_id  = \(HCLText.quoted(externalID))") }
        return lines
    }

    static func providerBlock(_ settings: RuntimeSettings, configuration: AWSProviderConfiguration) -> String {
        var lines: [String] = []
        if let alias = configuration.alias { lines.append("alias = \(HCLText.quoted(alias))") }
        let region = configuration.alias == nil ? settings.region : (configuration.region ?? settings.region)
        lines.append("region = \(HCLText.quoted(region))")
        if let role = settings.assumeRole {
            lines.append("assume_role {\n" + indent(roleLines(role).joined(separator: "\n") + "\n", by: 2) + "}")
        }
        if let endpoint = settings.sandboxEndpoint?.absoluteString {
            lines += [
                "access_key                  = \"test\"",
                "secret_key                  = \"test\"",
                "s3_use_path_style           = true",
                "skip_credentials_validation = true",
                "skip_metadata_api_check     = true",
                "skip_requesting_account_id  = true",
            ]
            let endpoints = RuntimeSettings.sandboxServices.map { "\($0) = \(HCLText.quoted(endpoint))" }
            lines.append("endpoints {\n" + indent(endpoints.joined(separator: "\n") + "\n", by: 2) + "}")
        }
        let tags = configuration.tags.merging(settings.defaultTags) { _, daemon in daemon }
        if !tags.isEmpty {
            lines.append("default_tags {\n  tags = \(HCLText.map(tags))\n}")
        }
        return "provider \"aws\" {\n" + indent(lines.joined(separator: "\n") + "\n", by: 2) + "}\n"
    }

    private static func indent(_ text: String, by spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
            .joined(separator: "\n")
    }
}
