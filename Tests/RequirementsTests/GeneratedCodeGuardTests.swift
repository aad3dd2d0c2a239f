import Foundation
import Policy
import Requirements
import Testing

/// Generated Terraform reaches the guard like hand-written code (with its own allowance for
/// the terraform, provider and variable blocks the generator writes): everything the generator
/// produces for the examples and for every catalog block passes it. Pure and fast: the heavy
/// suites plan the same documents against moto.
@Suite struct GeneratedCodeGuardTests {
    @Test func everythingTheGeneratorWritesPassesTheGuard() throws {
        var documents: [(name: String, text: String)] = []
        for name in ExampleFiles.names {
            documents.append((name, String(decoding: try ExampleFiles.requirements(name), as: UTF8.self)))
        }
        documents += TerraformValidationTests.extraDocuments.map { ($0.0, $0.1) }
        documents += SecureDefaultsTests.moreBlocks
        var guarded = 0
        for document in documents {
            let result = Generator.generate(document.text)
            guard !result.refused else { continue }
            let files = result.files.filter { $0.name.hasSuffix(".tf") }.map { ($0.name, $0.content) }
            let report = Policy.guardStack(files: files)
            #expect(report.isApproved, "\(document.name): \(report.violations.map(\.description))")
            guarded += 1
        }
        #expect(guarded >= 20, "only \(guarded) documents generated")
    }
}
