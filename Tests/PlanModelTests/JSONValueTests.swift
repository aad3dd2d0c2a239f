import Foundation
import Testing

@testable import PlanModel

@Suite struct JSONValueTests {
    private let sample: JSONValue = .object([
        "metadata_options": .array([.object(["http_tokens": .string("required")])]),
        "tags": .object(["Name": .string("web")]),
        "count": .number(3),
        "flag": .bool(false),
        "nothing": .null,
    ])

    @Test(arguments: [
        ("metadata_options.0.http_tokens", JSONValue?.some(.string("required"))),
        ("tags.Name", .some(.string("web"))),
        ("count", .some(.number(3))),
        ("flag", .some(.bool(false))),
        ("nothing", .some(.null)),
        ("metadata_options.1.http_tokens", nil),
        ("tags.Missing", nil),
        ("count.0", nil),
    ])
    func pathLookupFollowsObjectsAndArrays(path: String, expected: JSONValue?) {
        #expect(sample.value(at: path) == expected)
    }

    @Test func roundTripsThroughCodable() throws {
        let data = try JSONEncoder().encode(sample)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == sample)
    }

    @Test func blocksTreatArraysAndObjectsAlike() {
        #expect(sample["metadata_options"]?.firstBlock?["http_tokens"]?.stringValue == "required")
        #expect(sample["tags"]?.blocks.count == 1)
        #expect(sample["nothing"]?.blocks.isEmpty == true)
        #expect(sample["count"]?.intValue == 3)
        #expect(JSONValue.number(2.5).intValue == nil)
    }

    @Test func allStringsListsEveryStringWithItsPath() {
        let strings = sample.allStrings().map { "\($0.path)=\($0.value)" }
        #expect(strings == ["metadata_options.0.http_tokens=required", "tags.Name=web"])
    }

    @Test(arguments: [
        (JSONValue.object(["a": .string("x"), "b": .object(["c": .string("y"), "d": .string("z")])]),
         JSONValue.object(["b": .object(["c": .bool(true)])]),
         JSONValue.object(["a": .string("x"), "b": .object(["c": .string(Redaction.placeholder), "d": .string("z")])]),
         ["b.c"]),
        (.array([.string("p"), .string("q")]), .array([.bool(false), .bool(true)]),
         .array([.string("p"), .string(Redaction.placeholder)]), ["1"]),
        (.object(["whole": .object(["k": .number(1)])]), .object(["whole": .bool(true)]),
         .object(["whole": .string(Redaction.placeholder)]), ["whole"]),
        (.object(["n": .null]), .object(["n": .bool(true)]), .object(["n": .null]), []),
    ])
    func redactionReplacesEveryMarkedValue(value: JSONValue, marks: JSONValue, expected: JSONValue, paths: [String]) {
        let result = Redaction.redact(value, marks: marks)
        #expect(result.value == expected)
        #expect(result.paths == paths)
    }

    @Test(arguments: [
        ("aws_s3_bucket.logs.id", "aws_s3_bucket.logs"),
        ("aws_s3_bucket.logs[0].id", "aws_s3_bucket.logs"),
        ("module.net.aws_vpc.main.id", "module.net.aws_vpc.main"),
        (#"module.net["a"].aws_vpc.main"#, "module.net.aws_vpc.main"),
        ("data.aws_iam_policy_document.x.json", "data.aws_iam_policy_document.x"),
    ])
    func referencesResolveToBlockAddresses(reference: String, expected: String) {
        #expect(ResourceConfiguration.resourceAddress(inReference: reference) == expected)
    }

    @Test(arguments: ["var.name", "local.x", "module.net.vpc_id", "each.key", "count.index", "path.module"])
    func nonResourceReferencesResolveToNothing(reference: String) {
        #expect(ResourceConfiguration.resourceAddress(inReference: reference) == nil)
    }
}
