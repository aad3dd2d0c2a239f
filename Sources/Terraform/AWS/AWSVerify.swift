import Foundation
import Logging

/// Proves that the deployer role can be assumed, by running a tiny Terraform configuration
/// that reads `aws_caller_identity` through the provider's `assume_role` (the same code path
/// every deployment uses).
public enum AWSVerify {
    /// Who the provider is once the role is assumed.
    public struct CallerIdentity: Sendable, Hashable {
        /// Account id.
        public var accountID: String
        /// ARN of the assumed-role session.
        public var arn: String
        /// User id of the session.
        public var userID: String
    }

    static let configuration = """
        terraform {
          required_providers {
            aws = { source = "hashicorp/aws" }
          }
        }
        provider "aws" {}
        data "aws_caller_identity" "current" {}
        output "account_id" { value = data.aws_caller_identity.current.account_id }
        output "arn" { value = data.aws_caller_identity.current.arn }
        output "user_id" { value = data.aws_caller_identity.current.user_id }

        """

    /// Assumes `role` in `region` (through `sandboxEndpoint` when set) and returns the
    /// caller identity; the workspace lives under `workspaceRoot` and is removed afterwards.
    public static func verify(role: RuntimeSettings.AssumeRole, region: String, sandboxEndpoint: URL? = nil,
                              options: TerraformOptions, workspaceRoot: URL, sink: any LogSink,
                              logger: Logger) async throws(TerraformError) -> CallerIdentity {
        let manager = WorkspaceManager(root: workspaceRoot)
        let workspace = try manager.create(stack: "aws-verify", from: .files([("main.tf", Data(configuration.utf8))]))
        let runtime = RuntimeSettings(
            region: region, assumeRole: role, sandboxEndpoint: sandboxEndpoint,
            backend: .local(path: workspace.path("verify.tfstate")))
        let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: sink, logger: logger)
        var succeeded = false
        defer { manager.finish(workspace, succeeded: succeeded) }
        let plan: SavedPlan
        do {
            try runner.prepare()
            try await runner.initialize()
            plan = try await runner.plan()
        } catch let error {
            if case .commandFailed(_, _, let tail) = error {
                throw .roleNotAssumable(roleARN: role.roleARN, detail: tail)
            }
            throw error
        }
        let document = plan.document
        guard let account = document.output("account_id")?.value?.stringValue, let arn = document.output("arn")?.value?.stringValue else {
            throw .roleNotAssumable(roleARN: role.roleARN, detail: "no caller identity in the plan")
        }
        succeeded = true
        return CallerIdentity(accountID: account, arn: arn, userID: document.output("user_id")?.value?.stringValue ?? "")
    }
}
