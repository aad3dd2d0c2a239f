import ArgumentParser
import EZBuiltConfiguration
import Foundation
import Logging
import Reconciler
import Requirements
import Terraform

/// `ezbuilt aws …`: connecting an AWS account.
struct AWSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws",
        abstract: "Connect an AWS account: the deployer role's template, and a check that it can be assumed.",
        subcommands: [RoleTemplateCommand.self, VerifyCommand.self]
    )
}

struct RoleTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role-template",
        abstract: "Print a CloudFormation template for the cross-account deployer role (trust limited to one account and external id).",
        discussion: "The role may do what the building blocks declare they need. Without --external-id a random one is made and printed on standard error."
    )
    @Option(name: .customLong("trusted-account"), help: "The 12-digit account the daemon runs in.")
    var trustedAccount: String
    @Option(name: .customLong("external-id"), help: "The external id the daemon will present (default: a new random one, printed on standard error).")
    var externalId: String?
    @Option(name: .customLong("role-name"), help: "The role's name.")
    var roleName = "ezbuilt-deployer"
    @Option(name: .customLong("managed-policy"), help: "Attach this managed policy ARN instead of the building blocks' permissions (repeatable).")
    var managedPolicies: [String] = []

    func run() throws {
        let permissions = managedPolicies.isEmpty
            ? RoleTemplate.Permissions(statements: [.init(actions: DeployerPermissions.actions)])
            : RoleTemplate.Permissions(managedPolicyARNs: managedPolicies)
        let externalId = self.externalId ?? RoleTemplate.newExternalID()
        do {
            let template = try RoleTemplate.cloudFormation(trustedAccount: trustedAccount, externalId: externalId, permissions: permissions, roleName: roleName)
            print(template)
        } catch {
            printError("error: \(error)")
            throw ExitCode.validationFailure
        }
        if self.externalId == nil {
            // Standard output stays the template alone (ready for `> role.json`).
            printError("external id (generated; give it to EZBuilt as aws.externalIdEnv): \(externalId)")
        }
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Prove the deployer role can be assumed: prints the assumed identity."
    )
    @Option(name: .customLong("role-arn")) var roleArn: String
    @Option(name: .customLong("external-id"), help: "The external id (or set it in EZBUILT_EXTERNAL_ID).") var externalId: String?
    @Option(name: .long) var region = "us-east-1"
    @Option(name: .long, help: "An AWS emulator at this loopback URL.") var sandbox: String?
    @Option(name: .customLong("plugin-dir")) var pluginDir: String?

    func run() async throws {
        guard Validate.roleARN(roleArn) else {
            printError("--role-arn: \"\(roleArn)\" is not an IAM role ARN")
            throw ExitCode.validationFailure
        }
        var endpoint: URL?
        if let sandbox {
            guard let url = Validate.loopbackURL(sandbox) else {
                printError("--sandbox: \"\(sandbox)\" is not an http URL on a loopback address")
                throw ExitCode.validationFailure
            }
            endpoint = url
        }
        var settings = EZBuiltConfig()
        settings.dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-verify-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: settings.dataDir) }
        settings.terraform.pluginDir = pluginDir
        let logger = Logger(label: "ezbuilt")
        let setup = try await DaemonSetup.terraform(config: settings, sandboxEndpoint: endpoint, logger: logger)
        let role = RuntimeSettings.AssumeRole(roleARN: roleArn, externalID: externalId ?? ProcessInfo.processInfo.environment["EZBUILT_EXTERNAL_ID"], sessionName: "ezbuilt-verify")
        do {
            let identity = try await AWSVerify.verify(role: role, region: region, sandboxEndpoint: endpoint, options: setup.options,
                                                      workspaceRoot: setup.workspaces.root, sink: StandardErrorSink(), logger: logger)
            print("ok: assumed \(identity.arn) (account \(identity.accountID))")
        } catch {
            printError("could not assume \(roleArn): \(error)")
            throw ExitCode.failure
        }
    }
}
