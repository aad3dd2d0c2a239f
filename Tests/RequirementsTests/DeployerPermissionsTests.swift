import Foundation
import GeneratorCorpus
import PlanModel
import Testing
@testable import Requirements
@testable import Terraform

/// The deployer role covers everything the generator can emit: every resource and data
/// source type written for the examples, the practice corpus and every registered block's
/// cases is declared by some building block, and the role's actions include that type's AWS
/// service. The service of a type is this test's own knowledge of the aws provider (an
/// oracle independent of the declarations), so a declaration that names the wrong service
/// fails here.
struct DeployerPermissionsTests {
    /// Terraform type prefix → the IAM namespace its API calls are in; the longest prefix wins.
    /// Types that make no AWS call (documents, the provider's own region) map to nil.
    static let namespaces: [(prefix: String, namespace: String?)] = [
        ("aws_iam_policy_document", nil), ("aws_region", nil), ("aws_partition", nil),
        ("aws_caller_identity", "sts"), ("aws_iam_", "iam"), ("aws_s3_", "s3"), ("aws_lb", "elasticloadbalancing"),
        ("aws_autoscaling_", "autoscaling"), ("aws_appautoscaling_", "application-autoscaling"),
        ("aws_cloudwatch_log_", "logs"), ("aws_cloudwatch_metric_alarm", "cloudwatch"), ("aws_cloudwatch_dashboard", "cloudwatch"),
        ("aws_cloudwatch_event_", "events"), ("aws_db_", "rds"), ("aws_rds_", "rds"), ("aws_elasticache_", "elasticache"),
        ("aws_efs_", "elasticfilesystem"), ("aws_api_gateway_", "apigateway"), ("aws_apigatewayv2_", "apigateway"),
        ("aws_cloudfront_", "cloudfront"), ("aws_route53_", "route53"), ("aws_acm_", "acm"), ("aws_kms_", "kms"),
        ("aws_sqs_", "sqs"), ("aws_sns_", "sns"), ("aws_lambda_", "lambda"), ("aws_ecr_", "ecr"), ("aws_ecs_", "ecs"),
        ("aws_secretsmanager_", "secretsmanager"), ("aws_dynamodb_", "dynamodb"), ("aws_ssm_", "ssm"),
        ("aws_kinesis_firehose_", "firehose"), ("aws_kinesis_", "kinesis"), ("aws_sfn_", "states"), ("aws_cognito_", "cognito-idp"),
        ("aws_sesv2_", "ses"), ("aws_wafv2_", "wafv2"), ("aws_opensearch_", "es"), ("aws_redshiftserverless_", "redshift-serverless"),
        ("aws_glue_", "glue"), ("aws_athena_", "athena"), ("aws_backup_", "backup"), ("aws_scheduler_", "scheduler"),
        ("aws_pipes_", "pipes"), ("aws_memorydb_", "memorydb"),
        // EC2's many nouns.
        ("aws_instance", "ec2"), ("aws_ebs_volume", "ec2"), ("aws_volume_attachment", "ec2"), ("aws_key_pair", "ec2"), ("aws_launch_template", "ec2"), ("aws_vpc", "ec2"), ("aws_subnet", "ec2"), ("aws_eip", "ec2"),
        ("aws_nat_gateway", "ec2"), ("aws_internet_gateway", "ec2"), ("aws_route_table", "ec2"), ("aws_route", "ec2"),
        ("aws_security_group", "ec2"), ("aws_default_security_group", "ec2"), ("aws_flow_log", "ec2"), ("aws_availability_zones", "ec2"),
        ("aws_network_acl", "ec2"), ("aws_ami", "ec2"), ("aws_ec2_", "ec2"), ("aws_egress_only_internet_gateway", "ec2"),
    ]

    /// The IAM namespace of a Terraform type; `.none` when it makes no AWS call; nil when this
    /// oracle does not know the type (the test then names it).
    static func namespace(of type: String) -> String?? {
        guard let match = namespaces.filter({ type.hasPrefix($0.prefix) }).max(by: { $0.prefix.count < $1.prefix.count }) else { return nil }
        return .some(match.namespace)
    }

    /// Every type the generator can emit: what the corpus and every block case generate.
    static let emitted: [String: String] = {
        var types: [String: String] = [:]
        for (type, document) in GeneratorCorpus.emitted.resources.merging(GeneratorCorpus.emitted.dataSources, uniquingKeysWith: { a, _ in a }) {
            types[type] = document
        }
        for c in BlockCases.all {
            let found = GeneratorCorpus.types(generatedFrom: c.text)
            for type in found.resources.union(found.dataSources) where types[type] == nil { types[type] = "the \(c.kind) case" }
        }
        return types
    }()

    @Test func everyTypeTheGeneratorCanEmitIsDeclaredAndItsServiceAllowed() throws {
        try #require(Self.emitted.count >= 40, "the collection broke: \(Self.emitted.keys.sorted())")
        let actions = DeployerPermissions.actions
        let types = Set(Self.emitted.keys).union(DeployerPermissions.declaredTypes)
        for type in types.sorted() {
            if let source = Self.emitted[type] {
                #expect(DeployerPermissions.declaredTypes.contains(type), "\(type) (generated for \(source)) is declared by no building block")
            }
            guard let namespace = Self.namespace(of: type) else {
                Issue.record("this test does not know the AWS service of \(type): add it to DeployerPermissionsTests.namespaces")
                continue
            }
            guard let namespace else { continue }
            #expect(actions.contains { $0.hasPrefix(namespace + ":") }, "\(type): no \(namespace):… action in the deployer role")
        }
    }

    @Test func eachDeclarationNamesTheServicesOfItsOwnTypes() {
        // What the shared helpers render is covered by their own declaration.
        let shared = DeployerPermissions.declarations.first { $0.source == "shared" }
        let sharedTypes = Set((shared?.resourceTypes ?? []) + (shared?.dataSources ?? []))
        #expect(!sharedTypes.isEmpty)
        for declaration in DeployerPermissions.declarations {
            for type in declaration.resourceTypes + declaration.dataSources where declaration.source == "shared" || !sharedTypes.contains(type) {
                guard case .some(.some(let namespace)) = Self.namespace(of: type) else { continue }
                #expect(declaration.actions.contains { $0.hasPrefix(namespace + ":") },
                        "\(declaration.source) declares \(type) but no \(namespace):… action")
            }
        }
    }

    @Test func whatTheOldTemplateLackedIsThere() {
        let actions = DeployerPermissions.actions
        #expect(actions.contains("application-autoscaling:*"))
        #expect(actions.contains("ssm:GetParameter"))
        #expect(actions.contains("iam:TagRole") && actions.contains("iam:TagInstanceProfile"))
        #expect(actions == actions.sorted() && Set(actions).count == actions.count)
        // A service allowed whole is not listed action by action too.
        #expect(!actions.contains("ec2:CreateVpcPeeringConnection") && actions.contains("ec2:*"))
    }

    /// The template made from the declarations is valid CloudFormation (cfn-lint) and its
    /// inline policy holds exactly the declared actions, within AWS's size limit.
    @Test func theRoleTemplateHoldsTheDeclaredActionsAndPassesCfnLint() throws {
        let template = try RoleTemplate.cloudFormation(trustedAccount: "123456789012", externalId: RoleTemplate.newExternalID(),
                                                       permissions: .init(statements: [.init(actions: DeployerPermissions.actions)]))
        let document = try JSONValue.decode(Data(template.utf8), what: "template")
        let policy = document["Resources"]?[RoleTemplate.logicalID]?["Properties"]?["Policies"]?[0]?["PolicyDocument"]
        let listed = try #require(policy?["Statement"]?[0]?["Action"]?.arrayValue).compactMap(\.stringValue)
        #expect(listed == DeployerPermissions.actions)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-role-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
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
    }

    @Test func generatedExternalIdsAreLongAndDifferent() {
        let ids = (0..<64).map { _ in RoleTemplate.newExternalID() }
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(id.count >= 32 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }) }
    }
}
