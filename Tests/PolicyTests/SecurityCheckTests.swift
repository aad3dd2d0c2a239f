import PlanFixtures
import Foundation
import PlanModel
import Testing

@testable import Policy

@Suite struct SecurityCheckTests {
    private func findings(_ resources: [PlanFixture.Resource], settings: PolicySettings = PolicySettings()) throws -> PolicyReport {
        try Policy.evaluate(plan: PlanFixture(resources).document(), settings: settings)
    }

    @Test func catalogueHasAtLeastThirtyWellFormedChecksWithUniqueIDs() {
        let definitions = SecurityChecks.definitions
        #expect(definitions.count >= 30)
        #expect(Set(definitions.map(\.id)).count == definitions.count)
        for check in definitions {
            #expect(check.id.wholeMatch(of: /EZB-[A-Z0-9]+-\d{3}/) != nil, "\(check.id)")
            if let trivy = check.trivyID {
                #expect(trivy.wholeMatch(of: /AWS-\d{4}/) != nil, "\(check.id) \(trivy)")
                #expect(check.trivyAlias == "AVD-" + trivy)
            }
            if let checkov = check.checkovID {
                #expect(checkov.wholeMatch(of: /CKV2?_(AWS|SECRET)_\d+/) != nil, "\(check.id) \(checkov)")
            }
            #expect(!check.rationale.isEmpty && !check.rationale.contains("\n"))
            #expect(!check.remediation.isEmpty && !check.remediation.contains("\n"))
        }
    }

    @Test func everyCheckHasAFailingAndAPassingFixture() {
        let covered = Set(CheckCases.all.map(\.id))
        for check in SecurityChecks.definitions {
            #expect(covered.contains(check.id), "no fixture for \(check.id)")
        }
    }

    @Test(arguments: CheckCases.all)
    func checkFailsOnTheFailingFixtureAndPassesOnThePassingOne(testCase: CheckCase) throws {
        let failing = try findings(testCase.failing).findings.filter { $0.check.id == testCase.id }
        #expect(failing.count == 1, "expected one \(testCase.id) finding on the failing fixture")
        if let finding = failing.first {
            #expect(!finding.message.isEmpty)
            #expect(testCase.failing.map(\.address).contains(finding.address))
        }
        let passing = try findings(testCase.passing).findings.filter { $0.check.id == testCase.id }
        #expect(passing.isEmpty, "unexpected \(passing.map(\.message))")
    }

    @Test func roleInlinePoliciesAndPolicyDocumentsAreRead() throws {
        let role = PlanFixture.Resource(
            "aws_iam_role", "app",
            #"{"name":"app","assume_role_policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:*\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}}]}","inline_policy":[{"name":"all","policy":"{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"}]}"#)
        let document = PlanFixture.Resource(
            "aws_iam_policy_document", "d",
            #"{"statement":[{"effect":"Allow","actions":["dynamodb:*"],"resources":["arn:aws:dynamodb:us-east-1:1:table/t"]},{"effect":"Deny","actions":["*"],"resources":["*"]}]}"#,
            mode: "data")
        let report = try findings([role, document])
        let wildcard = report.findings.filter { $0.check.id == "EZB-IAM-001" }.map(\.address).sorted()
        #expect(wildcard == ["aws_iam_role.app", "data.aws_iam_policy_document.d"])
        let trustOnly = PlanFixture.Resource(
            "aws_iam_role", "trust",
            #"{"name":"t","assume_role_policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:*\"}]}","inline_policy":[]}"#)
        #expect(try findings([trustOnly]).findings.filter { $0.check.id.hasPrefix("EZB-IAM") }.isEmpty)
    }

    /// for_each on both sides (`each.key`), and an explicit index in the reference.
    @Test(arguments: [
        // Companions keyed like the buckets: each.key pattern, no explicit index.
        ([("\"a\"", ["aws_s3_bucket.b[each.key].id", "aws_s3_bucket.b", "each.key"])], ["aws_s3_bucket.b[\"b\"]"]),
        // One companion pointing explicitly at b["b"].
        ([("nil", [#"aws_s3_bucket.b["b"].id"#, #"aws_s3_bucket.b["b"]"#])], [#"aws_s3_bucket.b["a"]"#]),
        // Both keys covered.
        ([("\"a\"", ["aws_s3_bucket.b[each.key].id", "aws_s3_bucket.b"]), ("\"b\"", ["aws_s3_bucket.b[each.key].id", "aws_s3_bucket.b"])], []),
    ])
    func companionsMatchTheRightInstanceOfMultiInstanceBuckets(companions: [(index: String, references: [String])], unversioned: [String]) throws {
        var resources = ["a", "b"].map { key in
            PlanFixture.Resource("aws_s3_bucket", "b", #"{"bucket":"bucket-\#(key)"}"#, index: "\"\(key)\"", unknown: #"{"id":true}"#)
        }
        for companion in companions {
            resources.append(PlanFixture.Resource(
                "aws_s3_bucket_versioning", "v", #"{"versioning_configuration":[{"status":"Enabled"}]}"#,
                references: ["bucket": companion.references], index: companion.index == "nil" ? nil : companion.index,
                unknown: #"{"bucket":true}"#))
        }
        let report = try findings(resources)
        #expect(report.findings.filter { $0.check.id == "EZB-S3-007" }.map(\.address).sorted() == unversioned)
    }

    /// Unknown because computed from another resource: undecidable, not reported. Unknown
    /// only because the configuration leaves it unset: AWS's default applies and is judged.
    @Test func unknownValuesAreJudgedByWhetherTheConfigurationSetsThem() throws {
        let computed = PlanFixture.Resource(
            "aws_ebs_volume", "v", #"{"size":20}"#, references: ["encrypted": ["var.encrypt"]], unknown: #"{"encrypted":true}"#)
        #expect(try findings([computed]).findings.filter { $0.check.id == "EZB-EC2-001" }.isEmpty)
        let unset = PlanFixture.Resource("aws_ebs_volume", "v", #"{"size":20}"#, unknown: #"{"encrypted":true}"#)
        #expect(try findings([unset]).findings.filter { $0.check.id == "EZB-EC2-001" }.count == 1)
        let instance = PlanFixture.Resource(
            "aws_instance", "i", #"{"instance_type":"t3.micro"}"#, constants: ["instance_type"],
            unknown: #"{"metadata_options":true,"root_block_device":true}"#)
        let ids = Set(try findings([instance]).findings.map(\.check.id))
        #expect(ids.isSuperset(of: ["EZB-EC2-002", "EZB-EC2-003"]))
    }

    @Test func productionDatabasesGetAHigherSeverityForMissingDeletionProtection() throws {
        let dev = CheckCases.db(["deletion_protection": "false", "tags": #"{"Environment":"dev"}"#])
        let prod = CheckCases.db(["deletion_protection": "false", "tags": #"{"Environment":"Production"}"#])
        #expect(try findings([dev]).findings.first { $0.check.id == "EZB-RDS-005" }?.severity == .low)
        #expect(try findings([prod]).findings.first { $0.check.id == "EZB-RDS-005" }?.severity == .medium)
    }

    @Test func secretsAreNeverCopiedIntoFindings() throws {
        let failing = try findings(CheckCases.all.first { $0.id == "EZB-SEC-001" }!.failing)
        #expect(failing.findings.contains { $0.check.id == "EZB-SEC-001" })
        #expect(!failing.reportedText.contains("AKIAIOSFODNN7EXAMPLE"))
        let lambda = try findings(CheckCases.all.first { $0.id == "EZB-LAMBDA-002" }!.failing)
        #expect(lambda.findings.contains { $0.check.id == "EZB-LAMBDA-002" })
        #expect(!lambda.reportedText.contains("hunter2"))
    }

    /// Relationships in a real plan: companions refer to buckets whose ids are unknown, with
    /// `count` on both sides; versioning exists for data[0] only and restrict_public_buckets
    /// is false for data[1] only.
    @Test func companionsAreMatchedThroughConfigurationReferencesInARealPlan() throws {
        let plan = try PlanDocument.decode(showJSON: Data(RealPlanFixture.json.utf8))
        let report = try Policy.evaluate(plan: plan)
        func addresses(_ id: String) -> [String] {
            report.findings.filter { $0.check.id == id }.map(\.address).sorted()
        }
        #expect(addresses("EZB-S3-007") == ["aws_s3_bucket.data[1]"])
        #expect(addresses("EZB-S3-004") == ["aws_s3_bucket.data[1]"])
        #expect(addresses("EZB-S3-005").isEmpty)
        #expect(addresses("EZB-S3-006") == ["aws_s3_bucket.data[0]", "aws_s3_bucket.data[1]"])
        #expect(addresses("EZB-SG-001") == ["module.child.aws_security_group.sg"])
        #expect(addresses("EZB-SEC-002") == ["aws_db_instance.db"])
        #expect(addresses("EZB-IAM-001") == ["aws_iam_policy.wide"])
        #expect(addresses("EZB-IAM-002") == ["aws_iam_policy.wide"])
        #expect(addresses("EZB-VPC-001") == ["aws_vpc.main"])
        #expect(addresses("EZB-EC2-002").isEmpty)
        #expect(addresses("EZB-EC2-003").isEmpty)
        #expect(report.findings.first { $0.check.id == "EZB-RDS-005" }?.severity == .medium)
        for secret in RealPlanFixture.secrets { #expect(!report.reportedText.contains(secret)) }
    }
}

/// Real plans: the checks see what terraform really writes (unknown computed attributes,
/// block lists, string booleans in launch templates).
@Suite struct CapturedPlanTests {
    @Test func insecureConfigurationFailsTheExpectedChecks() throws {
        let plan = try PlanDocument.decode(showJSON: Data(CapturedPlans.insecure.utf8))
        let report = try Policy.evaluate(plan: plan, sources: [("main.tf", CapturedPlans.insecureConfiguration)])
        let found = report.findings.map { "\($0.check.id) \($0.address)" }.sorted()
        #expect(found == [
            "EZB-CF-001 aws_cloudfront_distribution.cdn", "EZB-CF-002 aws_cloudfront_distribution.cdn",
            "EZB-CT-001 aws_cloudtrail.t", "EZB-CT-002 aws_cloudtrail.t", "EZB-CT-003 aws_cloudtrail.t",
            "EZB-DDB-001 aws_dynamodb_table.d", "EZB-EC-001 aws_elasticache_replication_group.c",
            "EZB-EC-002 aws_elasticache_replication_group.c", "EZB-EC2-001 aws_ebs_volume.v",
            "EZB-EC2-002 aws_instance.i", "EZB-EC2-002 aws_launch_template.lt", "EZB-EC2-003 aws_instance.i",
            "EZB-EC2-004 aws_launch_template.lt", "EZB-ECR-001 aws_ecr_repository.r", "EZB-ECR-002 aws_ecr_repository.r",
            "EZB-ELB-001 aws_lb_listener.http", "EZB-ELB-002 aws_lb_listener.tls_old", "EZB-KMS-001 aws_kms_key.k",
            "EZB-LAMBDA-001 aws_lambda_function.f", "EZB-LAMBDA-002 aws_lambda_function.f", "EZB-RDS-003 aws_rds_cluster.a",
            "EZB-RDS-005 aws_rds_cluster.a", "EZB-SEC-002 aws_rds_cluster.a", "EZB-SG-003 aws_security_group_rule.all",
            "EZB-SNS-001 aws_sns_topic.t", "EZB-SQS-001 aws_sqs_queue.q",
        ])
        #expect(!report.reportedText.contains("p4ssw0rd-literal"))
        #expect(CapturedPlans.insecure.contains("p4ssw0rd-literal"))
    }

    @Test func secureConfigurationOfTheSameResourcesHasNoFindings() throws {
        let plan = try PlanDocument.decode(showJSON: Data(CapturedPlans.secure.utf8))
        let report = try Policy.evaluate(plan: plan, sources: [("main.tf", CapturedPlans.secureConfiguration)])
        #expect(report.findings.map { "\($0.check.id) \($0.address): \($0.message)" } == [])
        #expect(plan.resources.count == 16)
    }
}

extension PolicyReport {
    /// Every text of the report that PLAN.md shows from the plan (addresses, messages, skip
    /// reasons): where a secret could leak into a rendered report.
    var reportedText: String {
        (findings + skipped).flatMap { [$0.address, $0.message, $0.skip?.reason ?? ""] }.joined(separator: "\n")
    }
}
