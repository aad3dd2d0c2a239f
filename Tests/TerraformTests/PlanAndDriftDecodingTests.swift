import Foundation
import PlanModel
import Testing
@testable import Terraform

struct PlanAndDriftDecodingTests {
    static let secret = "hunter2-very-secret"

    /// The one plan model, decoded once: every sensitive value redacted, and handed to the log
    /// redactor on the side.
    @Test func thePlanIsDecodedOnceWithEverySensitiveValueRedacted() throws {
        let document = """
            {
              "format_version": "1.2", "terraform_version": "1.11.4",
              "variables": {"db_password": {"value": "\(Self.secret)"}, "name": {"value": "web"}},
              "configuration": {"root_module": {"variables": {"db_password": {"sensitive": true}, "name": {}}}},
              "planned_values": {
                "outputs": {"pw": {"sensitive": true, "value": "\(Self.secret)"}, "name": {"sensitive": false, "value": "web"}},
                "root_module": {"resources": [{"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db", "values": {"password": "\(Self.secret)", "instance_class": "db.t3.micro"}, "sensitive_values": {"password": true}}]}
              },
              "resource_changes": [
                {"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db", "provider_name": "registry.terraform.io/hashicorp/aws",
                 "change": {"actions": ["create"], "before": null, "after": {"password": "\(Self.secret)", "instance_class": "db.t3.micro", "tags": {"k": "v"}},
                            "after_unknown": {"id": true, "arn": true}, "before_sensitive": false, "after_sensitive": {"password": true, "tags": {}}}},
                {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "provider_name": "p",
                 "change": {"actions": ["delete", "create"], "before": {"bucket": "x"}, "after": {"bucket": "y"}, "replace_paths": [["bucket"]]}},
                {"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "provider_name": "p",
                 "change": {"actions": ["no-op"], "before": {}, "after": {}}},
                {"address": "data.aws_caller_identity.c", "mode": "data", "type": "aws_caller_identity", "name": "c", "provider_name": "p",
                 "change": {"actions": ["read"], "before": null, "after": {}}}
              ],
              "output_changes": {"pw": {"actions": ["create"], "before": null, "after": "\(Self.secret)", "after_sensitive": true, "before_sensitive": false},
                                 "name": {"actions": ["create"], "before": null, "after": "web", "after_sensitive": false}}
            }
            """
        var secrets: [String] = []
        let plan = try PlanDocument.decode(showJSON: Data(document.utf8), secrets: &secrets)
        #expect(plan.counts == ChangeCounts(create: 1, update: 0, delete: 0, replace: 1, noOp: 1))
        #expect(plan.changes.map(\.action) == [.create, .replace, .noOp, .read])
        #expect(plan.changes[0].after?["password"] == .sensitive)
        #expect(plan.changes[0].after?["instance_class"] == .string("db.t3.micro"))
        #expect(plan.changes[0].afterUnknownPaths == ["arn", "id"])
        #expect(plan.changes[1].replacePaths == ["bucket"])
        #expect(plan.output("pw")?.value == .sensitive)
        #expect(plan.output("name")?.value == .string("web"))
        #expect(plan.resource("aws_db_instance.db")?.values["password"] == .sensitive)
        #expect(!String(describing: plan).contains(Self.secret))
        #expect(secrets.contains(Self.secret))
    }

    @Test func redactorHidesSecretsInLinesIncludingJSONEscapedForms() {
        let redactor = Redactor(secrets: ["abc\"def", "x"])
        #expect(redactor.redact("value abc\"def here") == "value (sensitive) here")
        #expect(redactor.redact("json \"abc\\\"def\"") == "json \"(sensitive)\"")
        #expect(redactor.redact("x marks") == "x marks")
    }

    static func driftDocument(before: String, after: String, type: String = "aws_instance",
                              expressions: String = "{}", actions: String = "[\"update\"]",
                              beforeSensitive: String = "{}", afterSensitive: String = "{}") -> Data {
        Data("""
            {"format_version": "1.2",
             "configuration": {"root_module": {"resources": [{"address": "\(type).r", "type": "\(type)", "name": "r", "expressions": \(expressions)}]}},
             "resource_drift": [{"address": "\(type).r", "mode": "managed", "type": "\(type)", "name": "r",
               "change": {"actions": \(actions), "before": \(before), "after": \(after),
                          "before_sensitive": \(beforeSensitive), "after_sensitive": \(afterSensitive)}}]}
            """.utf8)
    }

    @Test(arguments: [
        // null, "", [] and {} are equal
        ("{\"tags\": null, \"layers\": null, \"name\": \"\"}", "{\"tags\": {}, \"layers\": [], \"name\": null}"),
        // server-side values of attributes the configuration does not set
        ("{\"versioning\": [{\"enabled\": false}]}", "{\"versioning\": [{\"enabled\": true}]}"),
        ("{\"domain_dns_ips\": null}", "{\"domain_dns_ips\": []}"),
        // sets compare without order; JSON documents in strings compare parsed
        ("{\"cidr_blocks\": [\"a\", \"b\"]}", "{\"cidr_blocks\": [\"b\", \"a\"]}"),
        ("{\"policy\": \"{\\\"a\\\": 1, \\\"b\\\": [1]}\"}", "{\"policy\": \"{\\n \\\"b\\\": [1], \\\"a\\\": 1}\"}"),
    ])
    func noiseIsNotDrift(before: String, after: String) throws {
        let expressions = "{\"cidr_blocks\": {\"constant_value\": [\"a\", \"b\"]}, \"policy\": {\"references\": [\"x\"]}}"
        let report = try DriftDetector.decode(Self.driftDocument(before: before, after: after, expressions: expressions)).report
        #expect(!report.hasDrift)
    }

    @Test(arguments: [
        ("aws_db_instance", "latest_restorable_time"),
        ("aws_db_instance", "status"),
        ("aws_lambda_function", "last_modified"),
        ("aws_instance", "public_ip"),
        ("aws_s3_bucket", "last_modified_date"),
    ])
    func volatileAttributesAreIgnoredEvenWhenConfigured(type: String, attribute: String) throws {
        #expect(VolatileAttributes.isVolatile(type: type, attribute: attribute))
        let expressions = "{\"\(attribute)\": {\"constant_value\": \"a\"}}"
        let report = try DriftDetector.decode(Self.driftDocument(
            before: "{\"\(attribute)\": \"2026-01-01\"}", after: "{\"\(attribute)\": \"2026-01-02\"}",
            type: type, expressions: expressions)).report
        #expect(!report.hasDrift)
        #expect(report.ignoredDifferences == 1)
    }

    @Test func configuredAttributeChangeIsReportedWithOldAndNew() throws {
        let report = try DriftDetector.decode(Self.driftDocument(
            before: "{\"instance_type\": \"t3.micro\", \"tags\": {\"Name\": \"app\"}, \"tags_all\": {\"Name\": \"app\"}}",
            after: "{\"instance_type\": \"t3.small\", \"tags\": {\"Name\": \"app\", \"Env\": \"x\"}, \"tags_all\": {\"Name\": \"app\", \"Env\": \"x\"}}",
            expressions: "{\"instance_type\": {\"constant_value\": \"t3.micro\"}}")).report
        let attributes = try #require(report.resources.first).attributes
        #expect(attributes.map(\.path) == ["instance_type", "tags.Env"])
        #expect(attributes[0].old == .string("t3.micro"))
        #expect(attributes[0].new == .string("t3.small"))
        #expect(attributes[1].old == .null)
        #expect(attributes[1].new == .string("x"))
    }

    @Test func ruleAddedToAConfiguredSetIsReportedAsTheAddedElement() throws {
        let rule443 = "{\"from_port\": 443, \"to_port\": 443, \"protocol\": \"tcp\", \"cidr_blocks\": [\"0.0.0.0/0\"]}"
        let rule22 = "{\"from_port\": 22, \"to_port\": 22, \"protocol\": \"tcp\", \"cidr_blocks\": [\"10.0.0.0/8\"]}"
        let report = try DriftDetector.decode(Self.driftDocument(
            before: "{\"ingress\": [\(rule443)]}", after: "{\"ingress\": [\(rule22), \(rule443)]}",
            type: "aws_security_group",
            expressions: "{\"ingress\": [{\"from_port\": {\"constant_value\": 443}}]}")).report
        let drift = try #require(report.resources.first?.attributes.first)
        #expect(drift.path == "ingress")
        #expect(drift.old == .array([]))
        #expect(drift.new.arrayValue?.first?["from_port"] == .number(22))
    }

    @Test func sensitiveDriftIsRedactedButStillDetected() throws {
        let decoded = try DriftDetector.decode(Self.driftDocument(
            before: "{\"password\": \"old-secret-1\"}", after: "{\"password\": \"new-secret-2\"}",
            type: "aws_db_instance", expressions: "{\"password\": {\"references\": [\"var.pw\"]}}",
            beforeSensitive: "{\"password\": true}", afterSensitive: "{\"password\": true}"))
        let drift = try #require(decoded.report.resources.first?.attributes.first)
        #expect(drift.path == "password")
        #expect(drift.old == .sensitive && drift.new == .sensitive)
        #expect(!decoded.report.lines.joined().contains("secret-"))
        #expect(decoded.secrets.contains("new-secret-2"))
    }

    @Test func deletedResourceIsDrift() throws {
        let report = try DriftDetector.decode(Self.driftDocument(
            before: "{\"bucket\": \"b\"}", after: "null", type: "aws_s3_bucket", actions: "[\"delete\"]")).report
        #expect(report.resources.first?.kind == .deleted)
    }

    @Test func validateDiagnosticsCarryFileAndLine() throws {
        let json = """
            {"valid": false, "error_count": 1, "diagnostics": [{"severity": "error", "summary": "Unsupported argument",
              "detail": "An argument named \\"bogus\\" is not expected here.",
              "range": {"filename": "main.tf", "start": {"line": 3, "column": 5}, "end": {"line": 3, "column": 10}}}]}
            """
        let result = try ValidationResult.decode(Data(json.utf8))
        #expect(!result.valid)
        #expect(result.errors.first?.file == "main.tf")
        #expect(result.errors.first?.line == 3)
        #expect(result.errors.first?.description.hasPrefix("main.tf:3:5: error: Unsupported argument") == true)
    }
}
