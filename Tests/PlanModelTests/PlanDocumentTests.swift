import PlanFixtures
import Foundation
import Testing

@testable import PlanModel

@Suite struct PlanDocumentTests {
    private func realPlan() throws -> PlanDocument {
        try PlanDocument.decode(showJSON: Data(RealPlanFixture.json.utf8))
    }

    @Test func decodesEveryResourceOfARealPlanIncludingChildModules() throws {
        let plan = try realPlan()
        #expect(plan.formatVersion.hasPrefix("1."))
        #expect(plan.terraformVersion?.hasPrefix("1.11") == true)
        let addresses = Set(plan.resources.map(\.address))
        #expect(addresses.contains("aws_s3_bucket.data[0]"))
        #expect(addresses.contains("aws_s3_bucket.data[1]"))
        #expect(addresses.contains("module.child.aws_security_group.sg"))
        let group = try #require(plan.resources.first { $0.type == "aws_security_group" })
        #expect(group.moduleAddress == "module.child")
        #expect(group.configAddress == "module.child.aws_security_group.sg")
        #expect(group.value(at: "ingress.0.from_port") == .number(22))
        #expect(group.value(at: "ingress.0.cidr_blocks.0") == .string("0.0.0.0/0"))
        let bucket = try #require(plan.resources.first { $0.address == "aws_s3_bucket.data[1]" })
        #expect(bucket.index == .number(1))
        #expect(bucket.configAddress == "aws_s3_bucket.data")
        #expect(bucket.string("bucket") == "ezb-data-1")
        #expect(bucket.isUnknown("id"))
        #expect(bucket.isUnknown("arn"))
        #expect(!bucket.isUnknown("bucket"))
    }

    @Test func decodesChangesWithActionsAndUnknownPaths() throws {
        let plan = try realPlan()
        #expect(plan.changes.count == plan.resources.count)
        #expect(plan.changes.allSatisfy { $0.action == .create })
        let change = try #require(plan.change(for: "aws_instance.web"))
        #expect(change.before == nil)
        #expect(change.after?["instance_type"] == .string("t3.micro"))
        #expect(change.afterUnknownPaths.contains("id"))
    }

    @Test func keepsConfigurationReferencesButNotLiterals() throws {
        let plan = try realPlan()
        let versioning = try #require(plan.configuration["aws_s3_bucket_versioning.data"])
        #expect(versioning.referencedResources("bucket") == ["aws_s3_bucket.data"])
        #expect(versioning.references["bucket"]?.contains("aws_s3_bucket.data[0].id") == true)
        let database = try #require(plan.configuration["aws_db_instance.db"])
        #expect(database.isConstant("password"))
        #expect(database.isConstant("engine"))
        let child = try #require(plan.configuration["module.child.aws_security_group.sg"])
        #expect(child.modulePath == "module.child")
        #expect(plan.region == "eu-west-1")
    }

    @Test func sensitiveValuesNeverLeaveDecoding() throws {
        let plan = try realPlan()
        let everything = String(reflecting: plan)
        for secret in RealPlanFixture.secrets {
            #expect(RealPlanFixture.json.contains(secret), "the fixture must contain the secret for this test to mean anything")
            #expect(!everything.contains(secret))
        }
        let database = try #require(plan.resources.first { $0.type == "aws_db_instance" })
        #expect(database.string("password") == Redaction.placeholder)
        #expect(database.isSensitive("password"))
        let instance = try #require(plan.resources.first { $0.type == "aws_instance" })
        #expect(instance.string("user_data") == Redaction.placeholder)
        let output = try #require(plan.outputs.first { $0.name == "pw" })
        #expect(output.sensitive)
        #expect(output.value == .string(Redaction.placeholder))
        let names = try #require(plan.outputs.first { $0.name == "bucket_names" })
        #expect(names.value == .array([.string("ezb-data-0"), .string("ezb-data-1")]))
        let change = try #require(plan.change(for: "aws_db_instance.db"))
        #expect(change.after?["password"] == .string(Redaction.placeholder))
    }

    @Test(arguments: [
        ("not json", PlanDecodingError.Kind.invalidJSON, ""),
        ("[1,2]", .unexpectedType, ""),
        ("{}", .missingField, "format_version"),
        (#"{"format_version":"2.0"}"#, .unsupportedFormatVersion, "format_version"),
        (#"{"format_version":"1.2","resource_changes":{}}"#, .unexpectedType, "resource_changes"),
        (#"{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["explode"]}}]}"#,
         .unexpectedType, "resource_changes[0].change.actions"),
        (#"{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"type":"a","name":"b"}]}}}"#,
         .missingField, "planned_values.root_module.resources[0].address"),
    ])
    func malformedPlansNameTheFailingPath(json: String, kind: PlanDecodingError.Kind, path: String) {
        #expect {
            try PlanDocument.decode(showJSON: Data(json.utf8))
        } throws: { error in
            guard let error = error as? PlanDecodingError else { return false }
            return error.kind == kind && error.path == path && error.description.contains(kind.rawValue)
        }
    }

    @Test(arguments: [
        (["create"], ResourceChange.Action.create),
        (["update"], .update),
        (["delete"], .delete),
        (["read"], .read),
        (["no-op"], .noOp),
        (["delete", "create"], .replace),
        (["create", "delete"], .replace),
    ])
    func actionListsMapToOneAction(actions: [String], expected: ResourceChange.Action) {
        #expect(ResourceChange.action(from: actions) == expected)
    }

    @Test func unknownActionListsAreRejected() {
        #expect(ResourceChange.action(from: ["create", "update"]) == nil)
        #expect(ResourceChange.action(from: []) == nil)
    }

    @Test func priorStateIsDecodedAsDeployedResources() throws {
        let json = #"""
        {"format_version":"1.2","prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[
          {"address":"aws_instance.old","mode":"managed","type":"aws_instance","name":"old",
           "provider_name":"registry.terraform.io/hashicorp/aws","values":{"instance_type":"t3.small","secret":"x"},
           "sensitive_values":{"secret":true}}]}}}}
        """#
        let plan = try PlanDocument.decode(showJSON: Data(json.utf8))
        #expect(plan.resources.isEmpty)
        let old = try #require(plan.priorResources.first)
        #expect(old.string("instance_type") == "t3.small")
        #expect(old.string("secret") == Redaction.placeholder)
    }
}
