import Foundation
import PlanModel
import Testing
@testable import Terraform

struct AWSConnectionTests {
    /// A small policy (the building blocks' own is tested with the generator, in RequirementsTests).
    static let permissions = RoleTemplate.Permissions(statements: [.init(actions: ["s3:*", "sts:GetCallerIdentity"])])

    @Test func roleTemplatePassesCfnLintAndTrustsOnlyTheAccountWithTheExternalId() throws {
        let temp = try TemporaryDirectory("cfn")
        defer { temp.cleanup() }
        let template = try RoleTemplate.cloudFormation(trustedAccount: "123456789012", externalId: "ext-Id_42", permissions: Self.permissions)
        let path = temp.path("role.json")
        try template.write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cfn-lint", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")

        let document = try JSONValue.decode(Data(template.utf8), what: "template")
        let role = try #require(document["Resources"]?[RoleTemplate.logicalID]?["Properties"])
        let statements = try #require(role["AssumeRolePolicyDocument"]?["Statement"]?.arrayValue)
        #expect(statements.count == 1)
        #expect(statements[0]["Principal"]?["AWS"] == .string("arn:aws:iam::123456789012:root"))
        #expect(statements[0]["Action"] == .string("sts:AssumeRole"))
        #expect(statements[0]["Condition"]?["StringEquals"]?["sts:ExternalId"] == .string("ext-Id_42"))
    }

    @Test func roleTemplateWithManagedPoliciesOnlyIsValidToo() throws {
        let template = try RoleTemplate.cloudFormation(
            trustedAccount: "210987654321", externalId: "abc",
            permissions: .init(managedPolicyARNs: ["arn:aws:iam::aws:policy/ReadOnlyAccess"]))
        let document = try JSONValue.decode(Data(template.utf8), what: "template")
        let properties = document["Resources"]?[RoleTemplate.logicalID]?["Properties"]
        #expect(properties?["ManagedPolicyArns"] == .array([.string("arn:aws:iam::aws:policy/ReadOnlyAccess")]))
        #expect(properties?["Policies"] == nil)
    }

    @Test func aPolicyOverTheInlineLimitIsRefusedBeforeAWSWould() {
        let actions = (0..<800).map { "service:ActionNumber\($0)" }
        #expect(throws: TerraformError.self) {
            try RoleTemplate.cloudFormation(trustedAccount: "123456789012", externalId: "ext-id", permissions: .init(statements: [.init(actions: actions)]))
        }
    }

    @Test(arguments: [
        ("12345", "ext-id"),
        ("12345678901a", "ext-id"),
        ("123456789012", "x"),
        ("123456789012", "has space"),
        ("123456789012", "quote\"injection"),
    ])
    func roleTemplateRejectsInvalidInput(account: String, externalId: String) {
        #expect(throws: TerraformError.self) {
            try RoleTemplate.cloudFormation(trustedAccount: account, externalId: externalId, permissions: Self.permissions)
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func verifyAssumesARoleCreatedInMoto() async throws {
        let temp = try TemporaryDirectory("verify")
        defer { temp.cleanup() }
        try await withMoto { moto in
            let trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},\
                "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"verify-ext-id-77"}}}]}
                """
            let created = try moto.aws(["iam", "create-role", "--role-name", "ezbuilt-deployer",
                                        "--assume-role-policy-document", trust])
            let roleARN = try #require(try JSONValue.decode(Data(created.utf8), what: "create-role")["Role"]?["Arn"]?.stringValue)
            let sink = MemoryLogSink()
            let identity = try await AWSVerify.verify(
                role: .init(roleARN: roleARN, externalID: "verify-ext-id-77", sessionName: "ezbuilt-verify"),
                region: "us-east-1", sandboxEndpoint: moto.endpoint,
                options: try await testOptions(root: temp.url),
                workspaceRoot: temp.url.appendingPathComponent("workspaces"), sink: sink, logger: testLogger)
            #expect(identity.accountID == "123456789012")
            #expect(identity.arn.contains(":assumed-role/ezbuilt-deployer/ezbuilt-verify"))
            #expect(!sink.lines.contains { $0.text.contains("verify-ext-id-77") })
            let left = (try? FileManager.default.contentsOfDirectory(atPath: temp.path("workspaces"))) ?? []
            #expect(left.isEmpty)
        }
    }
}
