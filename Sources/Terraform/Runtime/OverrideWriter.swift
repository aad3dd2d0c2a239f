import Foundation

/// Writes the runtime files of a workspace: `ezbuilt_override.tf` (a Terraform override file,
/// merged into the code's own `terraform` and `provider "aws"` blocks) and, when the code has
/// no default aws provider block to override, `ezbuilt_provider.tf` holding one.
///
/// Override files replace nested blocks wholesale, so for every aws provider configuration of
/// the code (default and each alias) one override block is written: endpoints and the role
/// apply to aliased providers too, an alias's explicit region is kept, and `default_tags`
/// becomes `merge(<the code's tags expression>, <runtime tags>)` so generated tags survive.
public enum OverrideWriter {
    /// Name of the override file in a workspace.
    public static let overrideFileName = "ezbuilt_override.tf"
    /// Name of the provider file written when the code has no default aws provider block.
    public static let providerFileName = "ezbuilt_provider.tf"

    /// Renders and writes the runtime files into `workspace`; returns their names.
    @discardableResult
    public static func write(_ settings: RuntimeSettings, into workspace: Workspace) throws(TerraformError) -> [String] {
        let sources = try workspace.stackFileContents()
        let rendered = render(settings, providers: ProviderScanner.awsProviders(in: sources),
                              usesAWS: ProviderScanner.usesAWS(sources))
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
                + providerBlock(settings, configuration: AWSProviderConfiguration(
                    alias: nil, hasExplicitRegion: false, defaultTagsExpression: nil, file: providerFileName))
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
        if configuration.alias == nil || !configuration.hasExplicitRegion {
            lines.append("region = \(HCLText.quoted(settings.region))")
        }
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
        if !settings.defaultTags.isEmpty {
            let runtimeTags = HCLText.map(settings.defaultTags)
            let tags = configuration.defaultTagsExpression.map { "merge(\($0), \(runtimeTags))" } ?? runtimeTags
            lines.append("default_tags {\n  tags = \(tags)\n}")
        }
        return "provider \"aws\" {\n" + indent(lines.joined(separator: "\n") + "\n", by: 2) + "}\n"
    }

    private static func indent(_ text: String, by spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
            .joined(separator: "\n")
    }
}
