import EZBuiltConfiguration
import Foundation
import Logging
import Sandbox
import Store
import Testing
@testable import Reconciler

/// One repository, two accounts: `aws.stacks` sends the stacks under `prod/` to another role
/// and region, and every configured role is verified (pending → connected or failed).
struct StackAccountsTests {
    static let yaml = """
        dataDir: DATA
        terraform: { binary: /usr/local/bin/terraform, pluginDir: /opt/tf-plugins }
        sandbox: { endpoint: "SANDBOX" }
        repositories:
          - id: acme
            url: /srv/acme.git
            aws:
              region: us-east-1
              roleArn: arn:aws:iam::111111111111:role/ezbuilt-staging
              externalId: staging-external-id-0123456789abcdef
              allowedRegions: [us-east-1, eu-west-1]
              stacks:
                "prod/**": { roleArn: "arn:aws:iam::222222222222:role/ezbuilt-prod", externalIdEnv: EZBUILT_TEST_PROD_EXTERNAL_ID, region: eu-west-1 }
                "shared/*": { region: eu-west-1 }
        """

    static func config(data: String = "/tmp/unused", sandbox: String = "http://127.0.0.1:1") throws -> EZBuiltConfig {
        try EZBuiltConfig.parse(yaml: yaml.replacingOccurrences(of: "DATA", with: data).replacingOccurrences(of: "SANDBOX", with: sandbox))
    }

    @Test func prodStacksGoToTheirOwnAccountAndRegion() async throws {
        let config = try Self.config()
        let repository = try #require(config.repositories.first)
        #expect(repository.aws.stacks.map(\.pattern) == ["prod/**", "shared/*"])

        let staging = repository.aws(forStackID: "acme/staging/web")
        #expect(staging.roleArn == "arn:aws:iam::111111111111:role/ezbuilt-staging" && staging.region == "us-east-1")
        let prod = repository.aws(forStackID: "acme/prod/eu/web")
        #expect(prod.roleArn == "arn:aws:iam::222222222222:role/ezbuilt-prod" && prod.region == "eu-west-1")
        // A role never borrows another role's external id.
        #expect(prod.externalId == nil && prod.externalIdEnv == "EZBUILT_TEST_PROD_EXTERNAL_ID")
        // Only a region: the repository's role, in that region.
        let shared = repository.aws(forStackID: "acme/shared/dns")
        #expect(shared.roleArn == staging.roleArn && shared.externalId == staging.externalId && shared.region == "eu-west-1")
        #expect(repository.aws(forStackID: "acme/shared/dns/deeper").region == "us-east-1")
        #expect(repository.aws(forStackID: "acme/.").region == "us-east-1")

        // What terraform is given for each: the runtime override of its run.
        let temp = try TemporaryDirectory("accounts")
        let setup = try await DaemonSetup.terraform(config: try Self.config(data: temp.path("data").path), sandboxEndpoint: nil, logger: Logger(label: "test"))
        let prodRuntime = setup.runtime(for: repository, stackID: "acme/prod/web")
        #expect(prodRuntime.region == "eu-west-1")
        #expect(prodRuntime.assumeRole?.roleARN == "arn:aws:iam::222222222222:role/ezbuilt-prod")
        let stagingRuntime = setup.runtime(for: repository, stackID: "acme/staging/web")
        #expect(stagingRuntime.region == "us-east-1")
        #expect(stagingRuntime.assumeRole?.roleARN == "arn:aws:iam::111111111111:role/ezbuilt-staging")
        #expect(stagingRuntime.assumeRole?.externalID == "staging-external-id-0123456789abcdef")
        // The stack's own region is still refused outside the allowed ones.
        #expect(throws: StackRun.Refusal.self) { try StackRun.resolveRegion("ap-south-1", repository: prod) }
    }

    @Test(arguments: [
        ("\"/prod\": { region: eu-west-1 }", "must be a relative glob"),
        ("\"prod/**\": { region: ap-south-1 }", "ap-south-1 is not in aws.allowedRegions"),
        ("\"prod/**\": { externalId: abcdef }", "is required when an external id is given"),
        ("\"prod/**\": { roleArn: nope }", "is not an IAM role ARN"),
        ("\"prod/**\": { regoin: eu-west-1 }", "unknown key"),
    ])
    func badStackAccountsNameTheirKey(entry: String, error: String) {
        let yaml = """
            repositories:
              - id: acme
                url: /srv/acme.git
                aws:
                  region: us-east-1
                  allowedRegions: [us-east-1, eu-west-1]
                  stacks:
                    \(entry)
            """
        do {
            _ = try EZBuiltConfig.parse(yaml: yaml)
            Issue.record("accepted: \(entry)")
        } catch let problems {
            let text = "\(problems)"
            #expect(text.contains("repositories[0].aws.stacks."), "\(text)")
            #expect(text.contains(error), "\(text)")
        }
    }

    /// Each configured role is pending until checked, then connected (with the account the
    /// assumed session is in) or failed with the reason.
    @Test(.timeLimit(.minutes(15)))
    func everyConfiguredRoleIsVerified() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        let temp = try TemporaryDirectory("connections")
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#
        for name in ["ezbuilt-staging", "ezbuilt-prod"] {
            _ = try aws(moto.endpoint, ["iam", "create-role", "--role-name", name, "--assume-role-policy-document", trust])
        }
        let config = try Self.config(data: temp.path("data").path, sandbox: moto.endpoint.absoluteString)
        let logger = Logger(label: "test")
        let setup = try await DaemonSetup.terraform(config: config, sandboxEndpoint: moto.endpoint, logger: logger)
        let connections = AWSConnections(config: config, setup: setup, logger: logger)
        let before = await connections.statuses()
        // The repository's role, the prod role, and the repository's role again in eu-west-1 for shared/*.
        #expect(before.map(\.stacks) == ["*", "prod/**", "shared/*"])
        #expect(before.allSatisfy { $0.state == .pending })

        await connections.verifyAll()
        let after = await connections.statuses()
        for status in after {
            #expect(status.state == .connected, "\(status)")
            #expect(status.checkedAt != nil)
        }
        // moto answers an assumed role's session in the role's own account.
        #expect(after.first { $0.stacks == "prod/**" }?.account == "222222222222")
        #expect(after.first { $0.stacks == "*" }?.account == "111111111111")

        // Nothing answers at this endpoint: failed, with terraform's reason.
        let dead = try Self.config(data: temp.path("dead").path, sandbox: "http://127.0.0.1:9")
        let deadSetup = try await DaemonSetup.terraform(config: dead, sandboxEndpoint: URL(string: "http://127.0.0.1:9")!, logger: logger)
        let failing = AWSConnections(config: dead, setup: deadSetup, checkTimeout: .seconds(20), logger: logger)
        await failing.verifyAll()
        for status in await failing.statuses() {
            #expect(status.state == .failed)
            #expect(status.reason?.isEmpty == false, "\(status)")
            #expect(status.reason?.contains("staging-external-id-0123456789abcdef") != true)
        }
    }
}
