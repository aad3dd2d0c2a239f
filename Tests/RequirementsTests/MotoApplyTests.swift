import Foundation
import HCL
import Sandbox
import Terraform
import Testing
@testable import Requirements

extension MotoServer {
    /// Whether `moto_server` is on PATH.
    static var available: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/moto_server") }
    }

    /// The override file the daemon would inject: endpoints, test credentials, no real AWS.
    func overrideFile() -> String { provider() }

    /// A provider configuration with every endpoint at this server and test credentials;
    /// `alias` and `region` when given. One attempt per request when `maxRetries` is 1 (moto
    /// answers what it lacks with a 500 the provider would otherwise retry for minutes).
    func provider(alias: String? = nil, region: String? = nil, maxRetries: Int? = nil) -> String {
        let endpoint = endpoint.absoluteString
        var settings = [("alias", alias.map(HCLText.quoted)), ("region", region.map(HCLText.quoted)),
                        ("access_key", "\"test\""), ("secret_key", "\"test\""), ("s3_use_path_style", "true"),
                        ("skip_credentials_validation", "true"), ("skip_metadata_api_check", "true"),
                        ("skip_requesting_account_id", "true"), ("max_retries", maxRetries.map(String.init))]
            .compactMap { name, value in value.map { "  \(name) = \($0)" } }
        settings.append("  endpoints {\n" + RuntimeSettings.sandboxServices.map { "    \($0) = \"\(endpoint)\"" }.joined(separator: "\n") + "\n  }")
        return "provider \"aws\" {\n" + settings.joined(separator: "\n") + "\n}\n"
    }
}

/// A multi-block stack applies against moto and destroys cleanly.
@Suite(.enabled(if: TerraformCLI.available && MotoServer.available, "terraform, /opt/tf-plugins and moto_server are needed"))
struct MotoApplyTests {
    static let document = """
    # moto apply check
    - region: us-east-1
    - private bucket `ezbuilt-moto-check`, versioning on, delete objects after 30 days
    - DynamoDB table `ezbuilt-moto-table`, partition key `id` (S), on-demand
    - a customer-managed KMS key with rotation, alias `alias/ezbuilt-moto`
    - secret name: `ezbuilt/moto/check`, recovery window 7 days
    - SNS topic `ezbuilt-moto-alerts`
    - tags: team=platform
    """

    @Test func multiBlockStackAppliesAndDestroysAgainstMoto() async throws {
        let result = Generator.generate(Self.document)
        #expect(!result.refused)
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-moto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in result.files where f.name.hasSuffix(".tf") { try Data(f.content.utf8).write(to: dir.appendingPathComponent(f.name)) }
        try Data(moto.overrideFile().utf8).write(to: dir.appendingPathComponent("ezbuilt_override.tf"))
        _ = try TerraformCLI.run(["init", "-backend=false", "-plugin-dir=\(TerraformCLI.pluginDir)", "-input=false", "-no-color"], in: dir)
        _ = try TerraformCLI.run(["apply", "-auto-approve", "-input=false", "-no-color"], in: dir)
        let state = try TerraformCLI.run(["state", "list"], in: dir)
        for r in result.resources { #expect(state.contains("\(r.type).\(r.name)"), "\(r.type).\(r.name) not in state") }
        _ = try TerraformCLI.run(["destroy", "-auto-approve", "-input=false", "-no-color"], in: dir)
        let after = try TerraformCLI.run(["state", "list"], in: dir)
        #expect(after.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
