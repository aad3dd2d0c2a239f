import EZBuiltConfiguration
import Foundation
import Terraform

extension RepositoryConfig {
    /// The AWS settings a stack runs with: the repository's, with the first `aws.stacks`
    /// entry whose pattern matches the stack's directory laid over them.
    public func aws(forStackID stackID: String) -> AWSSettings {
        let path = stackID.hasPrefix(id + "/") ? String(stackID.dropFirst(id.count + 1)) : stackID
        return aws(forStackPath: path == "." ? "" : path)
    }

    /// The AWS settings of the stack in directory `path` (see `aws(forStackID:)`).
    public func aws(forStackPath path: String) -> AWSSettings {
        guard let account = aws.stacks.first(where: { PathGlob($0.pattern).matches(path) }) else { return aws }
        return aws.overlaid(with: account)
    }
}

extension AWSSettings {
    /// The role to assume with its external id (read from `externalIdEnv` now), nil when
    /// the daemon's own credentials are used.
    public func assumeRole(sessionName: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> RuntimeSettings.AssumeRole? {
        roleArn.map { arn in
            RuntimeSettings.AssumeRole(roleARN: arn, externalID: externalId ?? externalIdEnv.flatMap { environment[$0] }, sessionName: sessionName)
        }
    }

    /// Every account these settings name: the repository's own, then each `stacks` entry's.
    public var accounts: [AWSSettings] { [self] + stacks.map(overlaid) }
}
