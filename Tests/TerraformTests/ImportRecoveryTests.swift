import Foundation
import PlanModel
import Testing
@testable import Terraform

/// The pure rules of recovering an apply whose state was lost: which objects are imported, by
/// which id, and which stay failed with a reason (no terraform needed).
struct ImportRecoveryTests {
    static func create(_ address: String, _ after: [String: JSONValue], unknown: [String] = []) -> PlanModel.ResourceChange {
        let parts = address.split(separator: ".")
        return PlanModel.ResourceChange(address: address, type: String(parts[0]), name: String(parts[1]), action: .create,
                                        after: .object(after), afterUnknownPaths: unknown)
    }

    static let plan = PlanDocument(changes: [
        create("aws_s3_bucket.data", ["bucket": .string("acme-data")]),
        create("aws_s3_bucket_versioning.data", ["bucket": .string("acme-data")]),
        create("aws_dynamodb_table.index", ["name": .string("acme-index")]),
        create("aws_iam_role_policy_attachment.fn", ["role": .string("fn"), "policy_arn": .string("arn:aws:iam::aws:policy/ReadOnly")]),
        create("aws_sqs_queue.jobs", ["name": .string("acme-jobs")]),
        create("aws_iam_role.later", [:], unknown: ["name"]),
        create("aws_ssm_parameter.secret", ["name": .string(Redaction.placeholder)]),
        PlanModel.ResourceChange(address: "aws_kms_alias.k", type: "aws_kms_alias", name: "k", action: .update,
                                 after: .object(["name": .string("alias/k")])),
    ])

    static let created: Set<ImportRecovery.Target> = [
        .init(address: "aws_s3_bucket.data", id: "acme-data"),
        .init(address: "aws_dynamodb_table.index", id: "acme-index"),
        .init(address: "aws_iam_role_policy_attachment.fn", id: "fn/arn:aws:iam::aws:policy/ReadOnly"),
    ]

    static func failure(_ address: String, _ message: String = "Error: creating it: EntityAlreadyExists: already exists") -> ResourceFailure {
        ResourceFailure(address: address, message: message)
    }

    @Test(arguments: [
        ("Error: creating S3 Bucket (acme-data): BucketAlreadyExists", true),
        ("Error: creating S3 Bucket (acme-data): BucketAlreadyOwnedByYou", true),
        ("ResourceInUseException: Table already exists: acme-index", true),
        ("EntityAlreadyExists: Role with name fn already exists.", true),
        ("ResourceAlreadyExistsException: The specified log group already exists", true),
        ("AccessDenied: not authorized to perform s3:CreateBucket", false),
        ("InvalidParameterValue: name is too long", false),
    ])
    func alreadyExistsIsReadFromTheProvidersWords(message: String, expected: Bool) {
        #expect(ImportRecovery.saysAlreadyExists(message) == expected)
    }

    @Test(arguments: [
        // (failed addresses, expected decision rendered as "import a=id,…" or "refuse a,…" or "none")
        (["aws_s3_bucket.data"], "import aws_s3_bucket.data=acme-data"),
        (["aws_s3_bucket.data", "aws_dynamodb_table.index"], "import aws_dynamodb_table.index=acme-index,aws_s3_bucket.data=acme-data"),
        (["aws_iam_role_policy_attachment.fn"], "import aws_iam_role_policy_attachment.fn=fn/arn:aws:iam::aws:policy/ReadOnly"),
        (["aws_sqs_queue.jobs"], "refuse aws_sqs_queue.jobs"),                                // its id is a URL AWS assigns
        (["aws_s3_bucket.data", "aws_sqs_queue.jobs"], "refuse aws_sqs_queue.jobs"),          // all or nothing
        (["aws_iam_role.later"], "refuse aws_iam_role.later"),                                // name known only after apply
        (["aws_ssm_parameter.secret"], "refuse aws_ssm_parameter.secret"),                    // hidden as sensitive
        (["aws_s3_bucket_versioning.data"], "refuse aws_s3_bucket_versioning.data"),          // never created by this stack
        (["aws_kms_alias.k"], "refuse aws_kms_alias.k"),                                      // not a create
        (["aws_lambda_function.gone"], "refuse aws_lambda_function.gone"),                    // not in the plan
    ])
    func onlyWhatThisStackCreatedIsImportedByItsPlannedId(failed: [String], expected: String) {
        let decision = ImportRecovery.decide(failures: failed.map { Self.failure($0) }, plan: Self.plan, created: Self.created)
        #expect(Self.render(decision) == expected)
    }

    @Test func anyOtherFailureLeavesTheApplyFailedAsItIs() {
        let failures = [Self.failure("aws_s3_bucket.data"), Self.failure("aws_dynamodb_table.index", "AccessDenied: no")]
        #expect(ImportRecovery.decide(failures: failures, plan: Self.plan, created: Self.created) == .notApplicable)
        #expect(ImportRecovery.decide(failures: [], plan: Self.plan, created: Self.created) == .notApplicable)
    }

    @Test func aRefusalNamesTheAddressAndWhy() throws {
        let decision = ImportRecovery.decide(failures: [Self.failure("aws_sqs_queue.jobs"), Self.failure("aws_s3_bucket_versioning.data")],
                                             plan: Self.plan, created: Self.created)
        guard case .refused(let refusals) = decision else { Issue.record("expected a refusal, got \(decision)"); return }
        let text = TerraformError.existingNotImported(refusals).description
        #expect(text.contains("aws_sqs_queue.jobs: already exists and cannot be imported (the import id of aws_sqs_queue is assigned by AWS"))
        #expect(text.contains("aws_s3_bucket_versioning.data: acme-data already exists, and no earlier apply of this stack created it"))
    }

    @Test(arguments: [
        ("aws_s3_bucket.data", true),
        ("aws_s3_bucket.data[0]", true),
        (#"aws_s3_bucket.data["logs"]"#, true),
        (#"module.web["a"].aws_s3_bucket.data"#, true),
        (#"aws_s3_bucket.data["x\"] }\nresource"]"#, false),
        ("aws_s3_bucket.data\n}", false),
        (#"aws_s3_bucket.data["${file("/etc/passwd")}"]"#, false),
    ])
    func onlyPlainAddressesAreWrittenAsImportTargets(address: String, expected: Bool) {
        #expect(ImportRecovery.isWritableAddress(address) == expected)
    }

    @Test func importBlocksQuoteTheirIds() {
        let text = ImportRecovery.importBlocks([.init(address: "aws_s3_bucket.b", id: "a\"b${x}")])
        #expect(text.contains("import {\n  to = aws_s3_bucket.b\n  id = \"a\\\"b$${x}\"\n}\n"))
    }

    @Test(arguments: [
        // (recovery plan changes, imported, unexpected)
        ("no-op aws_s3_bucket.data,create aws_s3_bucket_versioning.data", "aws_s3_bucket.data", ""),
        ("update aws_s3_bucket.data", "aws_s3_bucket.data", ""),                        // imported, brought to the reviewed values
        ("update aws_dynamodb_table.index", "aws_s3_bucket.data", "update aws_dynamodb_table.index"),
        ("delete aws_s3_bucket.data", "aws_s3_bucket.data", "delete aws_s3_bucket.data"),
        ("create aws_sqs_queue.other", "", "create aws_sqs_queue.other"),
    ])
    func theRecoveryPlanDoesNothingTheFailedPlanDidNot(recovery: String, imported: String, expected: String) {
        let changes = recovery.split(separator: ",").map { entry in
            let parts = entry.split(separator: " ")
            let address = String(parts[1])
            return PlanModel.ResourceChange(address: address, type: String(address.split(separator: ".")[0]), name: "x",
                                            action: PlanModel.ResourceChange.Action(rawValue: String(parts[0]))!)
        }
        let unexpected = ImportRecovery.unexpectedChanges(recovery: changes, original: Self.plan.changes,
                                                          imported: Set(imported.split(separator: ",").map(String.init)))
        #expect(unexpected == expected.split(separator: ",").map(String.init))
    }

    @Test func theLedgerKeepsWhatWasCreatedUntilItIsDeleted() throws {
        let temp = try TemporaryDirectory("ledger")
        defer { temp.cleanup() }
        let ledger = CreationLedger(directory: temp.url.path)
        #expect(ledger.entries.isEmpty)
        try ledger.record(ImportRecovery.creations(in: Self.plan))
        #expect(ledger.entries.contains(.init(address: "aws_s3_bucket.data", id: "acme-data")))
        #expect(!ledger.entries.contains { $0.address == "aws_iam_role.later" || $0.address == "aws_sqs_queue.jobs" })
        try ledger.record([.init(address: "aws_s3_bucket.logs", id: "acme-logs")])
        try ledger.forget(addresses: ["aws_s3_bucket.data"])
        #expect(!ledger.entries.contains { $0.address == "aws_s3_bucket.data" })
        #expect(ledger.entries.contains(.init(address: "aws_s3_bucket.logs", id: "acme-logs")))
    }

    static func render(_ decision: ImportRecovery.Decision) -> String {
        switch decision {
        case .notApplicable: "none"
        case .importing(let targets): "import " + targets.map { "\($0.address)=\($0.id)" }.joined(separator: ",")
        case .refused(let refusals): "refuse " + refusals.map(\.address).joined(separator: ",")
        }
    }
}
