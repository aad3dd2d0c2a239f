import Foundation
import PlanFixtures
import PlanModel
import Requirements
import Testing

@testable import Cost

/// Every resource type the generator can emit is priced or declared free. The set of types is
/// not a list kept by hand: it is what the generator writes for every example and every
/// practice-corpus document, read back from the `resource "TYPE"` blocks of its output (so it
/// holds whatever the generator's inside looks like).
@Suite struct GeneratedTypesPricingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The requirements documents to generate: `Examples/*/requirements.md` and the shared
    /// practice corpus (when present on this machine).
    static var documents: [URL] {
        let manager = FileManager.default
        let examples = (try? manager.contentsOfDirectory(at: root.appendingPathComponent("Examples"), includingPropertiesForKeys: nil)) ?? []
        // shared/ stands beside the checkout (as CI lays it out).
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/practice-corpus")
        let corpus = (try? manager.contentsOfDirectory(at: shared, includingPropertiesForKeys: nil)) ?? []
        return (examples.map { $0.appendingPathComponent("requirements.md") } + corpus.filter { $0.pathExtension == "md" })
            .filter { manager.fileExists(atPath: $0.path) }
            .sorted { $0.path < $1.path }
    }

    /// Type → the first document it was generated for (generated once for all the tests).
    static let emitted = collectEmittedTypes()

    static func emittedTypes() throws -> [String: String] {
        try #require(!emitted.isEmpty, "no document generated any resource")
        return emitted
    }

    /// Type → the first document it was generated for, from `resource "TYPE" "NAME"` at the
    /// start of a line in any generated file. A document that cannot be read generates nothing
    /// (and `theGeneratorEmitsAWideSetOfTypes` notices).
    static func collectEmittedTypes() -> [String: String] {
        var types: [String: String] = [:]
        for document in documents {
            let name = document.lastPathComponent == "requirements.md" ? document.deletingLastPathComponent().lastPathComponent : document.lastPathComponent
            guard let text = try? String(contentsOf: document, encoding: .utf8) else { continue }
            for file in Generator.generate(text).files {
                for line in file.content.split(separator: "\n") {
                    guard let match = line.firstMatch(of: /^resource\s+"([a-z0-9_]+)"/) else { continue }
                    if types[String(match.1)] == nil { types[String(match.1)] = name }
                }
            }
        }
        return types
    }

    @Test func theGeneratorEmitsAWideSetOfTypes() throws {
        #expect(Self.documents.count >= 10, "documents: \(Self.documents.map(\.path))")
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
