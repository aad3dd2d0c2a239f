import EZBuiltConfiguration
import Foundation
import Store
import Testing
@testable import Reconciler

/// The pure rules behind "apply exactly what was reviewed, where it was asked".
struct ReviewRulesTests {
    static func changes(_ text: String) -> [ResourceChangeEntry] {
        text.split(separator: ",").map {
            let parts = $0.split(separator: " ")
            return ResourceChangeEntry(address: String(parts[1]), action: String(parts[0]))
        }
    }

    @Test(arguments: [
        // (planned at merge, reviewed, unreviewed changes or "")
        ("create a.b,create a.c", "create a.b,create a.c", ""),
        ("create a.c", "create a.b,create a.c", ""),                     // an interrupted apply resumed: less than reviewed
        ("create a.b,create a.d", "create a.b,create a.c", "create a.d"), // something nobody saw
        ("update a.b", "create a.b", "update a.b"),                       // same resource, another action
        ("delete a.b,create a.c", "create a.c", "delete a.b"),
        ("replace a.b", "update a.b", "replace a.b"),
    ])
    func aPlanMayDoLessThanItsReviewButNothingElse(planned: String, reviewed: String, expected: String) {
        let extra = Deployer.unreviewedChanges(planned: Self.changes(planned), reviewed: Self.changes(reviewed))
        #expect(extra == (expected.isEmpty ? nil : Self.changes(expected)))
    }

    @Test func anEmptyPlanNeedsNoApproval() {
        #expect(Deployer.unreviewedChanges(planned: [], reviewed: Self.changes("create a.b")) == nil)
        #expect(Deployer.unreviewedChanges(planned: [], reviewed: []) == nil)
    }

    @Test(arguments: [
        // (requested, repository region, allowed, resolved or nil when refused)
        (String?.none, "us-east-1", [String]?.none, String?.some("us-east-1")),
        ("eu-west-1", "us-east-1", nil, "eu-west-1"),
        ("eu-west-1", "us-east-1", ["us-east-1", "eu-west-1"], "eu-west-1"),
        ("ap-south-1", "us-east-1", ["us-east-1", "eu-west-1"], nil),
        (nil, "us-east-1", ["us-east-1"], "us-east-1"),
        ("eu-west-1", "us-east-1", [], "eu-west-1"),
    ])
    func theStacksRegionWinsWithinTheAllowedOnes(requested: String?, repository: String, allowed: [String]?, expected: String?) {
        let settings = AWSSettings(region: repository, allowedRegions: allowed)
        let resolved = try? StackRun.resolveRegion(requested, repository: settings)
        #expect(resolved == expected)
        if expected == nil {
            #expect(throws: StackRun.Refusal.self) { try StackRun.resolveRegion(requested, repository: settings) }
        }
    }

    @Test(arguments: [
        (#"{"settings":{"region":{"line":3,"value":"eu-west-1"}}}"#, String?.some("eu-west-1")),
        (#"{"settings":{"region":"ap-southeast-2"}}"#, "ap-southeast-2"),
        (#"{"settings":{}}"#, nil),
        (#"not json"#, nil),
        (#"{"settings":{"region":{"value":7}}}"#, nil),
    ])
    func theRegionIsReadFromTheSpec(spec: String, expected: String?) {
        #expect(StackRun.region(inSpec: Data(spec.utf8)) == expected)
    }
}

/// When the deploy branch calls for a deployment or a destroy, and when drift is reported.
struct DeploymentAndDriftRulesTests {
    static func deployment(_ status: DeploymentStatus, at commit: String = "c1") -> DeploymentRecord {
        DeploymentRecord(stackId: "r/s", commit: commit, status: status)
    }

    @Test(arguments: [
        // (last deployment, deployed commit, expected baseline)
        (DeploymentRecord?.none, String?.none, DeploymentRules.Baseline.none),
        (nil, "d1", .commit("d1")),
        (deployment(.queued), "d1", .busy),
        (deployment(.running), nil, .busy),
        (deployment(.succeeded), "c1", .commit("c1")),
        (deployment(.failed), "d1", .commit("c1")),        // a failed attempt is not repeated until files change
        (deployment(.stale), nil, .commit("c1")),
        (deployment(.unreviewed), "d1", .commit("c1")),
        (deployment(.needsApproval), "d1", .commit("c1")),
        (deployment(.interrupted), "d1", .commit("d1")),   // resumed: compare with what is applied
        (deployment(.superseded), nil, .none),
    ])
    func theBaselineIsTheLastFinishedAttempt(last: DeploymentRecord?, deployed: String?, expected: DeploymentRules.Baseline) {
        #expect(DeploymentRules.baseline(last: last, deployedCommit: deployed) == expected)
    }

    @Test(arguments: [
        (DeploymentRules.Baseline.busy, "t", true, false),
        (.none, "t", false, true),
        (.commit("t"), "t", true, false),
        (.commit("c"), "t", true, true),
        (.commit("c"), "t", false, false),
    ])
    func aDeploymentIsNeededWhenTheStacksFilesChanged(baseline: DeploymentRules.Baseline, tip: String, changed: Bool, expected: Bool) {
        #expect(DeploymentRules.needsDeployment(baseline: baseline, tip: tip) { _ in changed } == expected)
    }

    @Test(arguments: [
        (DeploymentRecord?.none, false, "t", true),
        (deployment(.destroyPending), false, "t", false),   // reported once, not again
        (deployment(.destroyPending), true, "t", true),     // allowed since: go ahead
        (deployment(.destroyFailed, at: "t"), true, "t", false),
        (deployment(.destroyFailed, at: "old"), true, "t", true),
        (deployment(.running), true, "t", false),
        (deployment(.succeeded), false, "t", true),
    ])
    func aRemovedStackIsDestroyedOnlyByTheRules(last: DeploymentRecord?, allowDestroy: Bool, tip: String, expected: Bool) {
        #expect(DeploymentRules.shouldQueueDestroy(last: last, allowDestroy: allowDestroy, tip: tip) == expected)
    }

    static func check(_ status: DriftStatus, _ addresses: [String] = []) -> DriftCheckRecord {
        DriftCheckRecord(stackId: "r/s", commit: "c", status: status,
                         resources: addresses.map { DriftedResource(address: $0, change: "update", attributes: []) }, checkedAt: Date())
    }

    @Test(arguments: [
        // (this check, previous non-failed check, last check of any kind, report)
        (check(.drifted, ["a"]), DriftCheckRecord?.none, DriftCheckRecord?.none, DriftChecker.Report?.some(.newDrift)),
        (check(.drifted, ["a"]), check(.clean), check(.clean), .newDrift),
        (check(.drifted, ["a"]), check(.drifted, ["a"]), check(.drifted, ["a"]), nil),     // the same drift: never again
        (check(.drifted, ["a", "b"]), check(.drifted, ["a"]), check(.drifted, ["a"]), .newDrift),
        (check(.clean), check(.drifted, ["a"]), check(.drifted, ["a"]), .resolved),
        (check(.clean), check(.clean), check(.clean), nil),
        (check(.failed), check(.clean), check(.clean), .checkFailed),
        (check(.failed), check(.clean), check(.failed), nil),                               // reported once
    ])
    func driftIsReportedOnceUntilItChanges(current: DriftCheckRecord, previous: DriftCheckRecord?, lastAny: DriftCheckRecord?, expected: DriftChecker.Report?) {
        #expect(DriftChecker.report(current, previous: previous, lastAny: lastAny) == expected)
    }
}

/// Verification before an apply: the committed generated files must be what the committed
/// requirements generate, and PLAN.md's fingerprint must be one the daemon proposed.
struct ReviewVerificationTests {
    static let stack = StackLayout(repositoryID: "acme", path: "web")
    static let spec = Data(#"{"inputHash":"h1"}"#.utf8)
    static let main = Data("# generated by EZBuilt\nresource \"aws_s3_bucket\" \"b\" {}\n".utf8)

    static func committed(_ files: [String: Data]) -> StackFiles {
        var result = StackFiles()
        result.generated = files
        return result
    }

    static func generated(hash: String = "h1", refused: Bool = false, files: [String: Data]? = nil) -> GeneratedStack {
        GeneratedStack(inputHash: hash, refused: refused, files: files ?? ["spec.json": spec, "main.tf": main],
                       diagnostics: [], understood: [], resources: [])
    }

    @Test(arguments: [
        // (committed generated files, generation, reason starts with, or "" when verified)
        (["spec.json": spec, "main.tf": main], generated(), ""),
        ([:], generated(), "no generated Terraform at this commit"),
        (["spec.json": spec, "main.tf": main], generated(refused: true), "requirements.md is refused"),
        (["spec.json": spec, "main.tf": main], generated(hash: "h2"), "stale: spec.json records requirements h1 but requirements.md is h2"),
        (["spec.json": spec, "main.tf": Data("# generated by EZBuilt\n# edited\n".utf8)], generated(), "stale: web/terraform/main.tf is not what requirements.md generates"),
        (["spec.json": spec], generated(), "stale: web/terraform/main.tf is missing"),
        (["spec.json": spec, "main.tf": main, "extra.tf": main], generated(), "stale: web/terraform/extra.tf is not what"),
    ])
    func committedTerraformMustBeWhatTheRequirementsGenerate(files: [String: Data], generation: GeneratedStack, expected: String) {
        let problem = ReviewVerification.generation(committed: Self.committed(files), generated: generation, stack: Self.stack)
        if expected.isEmpty {
            #expect(problem == nil)
        } else {
            #expect(problem?.reason.hasPrefix(expected) == true, "\(String(describing: problem))")
        }
    }

    @Test(arguments: [
        // (PLAN.md's fingerprint, expected fingerprint, proposed by the daemon, custom files, reason starts with, or "")
        (String?.some("f1"), "f1", true, [String](), ""),
        (nil, "f1", true, [], "unreviewed: web/PLAN.md is missing at c0ffee"),
        ("f0", "f1", true, [], "unreviewed: c0ffee changes what web/PLAN.md reviewed; push"),
        ("f0", "f1", true, ["b.custom.tf", "a.custom.tf"], "unreviewed: c0ffee changes what web/PLAN.md reviewed (hand-written files: web/terraform/a.custom.tf, web/terraform/b.custom.tf)"),
        ("f1", "f1", false, [], "unreviewed: EZBuilt never proposed web/PLAN.md's fingerprint f1"), // a PLAN.md pushed by hand
    ])
    func onlyAFingerprintTheDaemonProposedIsReviewed(recorded: String?, expected: String, proposed: Bool, custom: [String], reason: String) {
        let problem = ReviewVerification.review(recorded: recorded, expected: expected, proposed: proposed, stack: Self.stack,
                                                commit: "c0ffee", customFiles: custom)
        if reason.isEmpty {
            #expect(problem == nil)
        } else {
            #expect(problem?.reason.hasPrefix(reason) == true, "\(String(describing: problem))")
        }
    }
}
