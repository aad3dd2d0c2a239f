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
