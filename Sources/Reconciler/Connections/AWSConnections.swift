import EZBuiltConfiguration
import Foundation
import Logging
import Store
import Terraform

/// Verifies every configured deployer role (each repository's, and each `aws.stacks`
/// entry's) at start and every `interval`, by assuming it the way deployments do
/// (`AWSVerify`). What it found is `pending`, `connected` or `failed (reason)`.
public actor AWSConnections {
    /// One role to check, and where it was configured.
    struct Target: Sendable {
        var repository: String
        var stacks: String
        var settings: AWSSettings
    }

    private let targets: [Target]
    private var current: [AWSConnectionStatus]
    private let setup: TerraformSetup
    private let interval: Duration
    /// How long one check may take: an endpoint that does not answer is retried by the
    /// provider for many minutes, and a role that cannot be reached is failed, not pending.
    private let checkTimeout: Duration
    private let logger: Logger

    /// The roles of `config`; nothing to check when no repository names one.
    public init(config: EZBuiltConfig, setup: TerraformSetup, interval: Duration = .seconds(3600), checkTimeout: Duration = .seconds(120), logger: Logger) {
        var targets: [Target] = []
        for repository in config.repositories {
            let entries = [("*", repository.aws)] + repository.aws.stacks.map { ($0.pattern, repository.aws.overlaid(with: $0)) }
            for (stacks, settings) in entries where settings.roleArn != nil {
                // A stacks entry that only changes the region checks the same role again, in its region.
                targets.append(Target(repository: repository.id, stacks: stacks, settings: settings))
            }
        }
        self.targets = targets
        current = targets.map {
            AWSConnectionStatus(repository: $0.repository, stacks: $0.stacks, roleArn: $0.settings.roleArn ?? "", region: $0.settings.region)
        }
        self.setup = setup
        self.interval = interval
        self.checkTimeout = checkTimeout
        self.logger = logger
    }

    /// What was found so far, in configuration order.
    public func statuses() -> [AWSConnectionStatus] { current }

    /// Checks every role now and then every `interval`, until cancelled.
    public func run() async {
        guard !targets.isEmpty else { return }
        while !Task.isCancelled {
            await verifyAll()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// Checks every role once, one after the other (each is a small terraform run).
    public func verifyAll() async {
        var options = setup.options
        options.timeouts.plan = checkTimeout
        for (index, target) in targets.enumerated() {
            guard !Task.isCancelled, let role = target.settings.assumeRole(sessionName: "ezbuilt-verify") else { continue }
            var status = current[index]
            do {
                let root = setup.dataDirectory.appendingPathComponent("verify", isDirectory: true)
                    .appendingPathComponent("\(index)", isDirectory: true)
                let identity = try await AWSVerify.verify(role: role, region: target.settings.region, sandboxEndpoint: setup.sandboxEndpoint,
                                                          options: options, workspaceRoot: root, sink: MemoryLogSink(), logger: logger)
                status.state = .connected
                status.reason = nil
                status.account = identity.accountID
            } catch {
                if Task.isCancelled { return }
                status.state = .failed
                status.reason = String(setup.redactor.redact(String(describing: error)).prefix(600))
                status.account = nil
                logger.warning("deployer role cannot be assumed", metadata: [
                    "repository": "\(target.repository)", "stacks": "\(target.stacks)", "role": "\(role.roleARN)", "error": "\(status.reason ?? "")",
                ])
            }
            status.checkedAt = Date()
            current[index] = status
        }
    }
}
