import Foundation
import GeneratorCorpus
import PlanFixtures
import PlanModel
import Requirements
import Testing

@testable import Cost

/// Every resource type the generator can emit is priced or declared free. The set of types is
/// not a list kept by hand: it is what the generator writes for every example and every
/// practice-corpus document (`GeneratorCorpus`).
@Suite struct GeneratedTypesPricingTests {
    static func emittedTypes() throws -> [String: String] {
        try #require(!GeneratorCorpus.emitted.resources.isEmpty, "no document generated any resource")
        return GeneratorCorpus.emitted.resources
    }

    @Test func theGeneratorEmitsAWideSetOfTypes() throws {
        #expect(GeneratorCorpus.documents.count >= 10, "documents: \(GeneratorCorpus.documents.map(\.path))")
        let types = try Self.emittedTypes()
        // Not a list to keep up to date: a floor that fails if the collection itself broke.
        #expect(types.count >= 20, "types: \(types.keys.sorted())")
        #expect(types["aws_s3_bucket"] != nil)
    }

    @Test(arguments: PriceTable.regions)
    func everyEmittedTypeIsPricedOrFree(region: String) throws {
        let types = try Self.emittedTypes()
        // Each type alone with no attributes: a priced type may still need an attribute to be
        // priced (that is a different reason); a type nobody prices says "no price for resource type".
        let resources = types.keys.sorted().map { PlanFixture.Resource($0, "x", "{}") }
        let report = CostEstimator.estimate(try PlanFixture(resources, region: region).document())
        for line in report.lines {
            if case .notPriced(let reason) = line.status, reason.hasPrefix("no price for resource type") {
                Issue.record("\(line.type) (emitted for \(types[line.type] ?? "?")) is neither priced nor free in \(region)")
            }
        }
        #expect(report.lines.count == types.count)
    }
}
