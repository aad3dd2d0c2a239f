import Foundation
import Testing
@testable import Requirements

/// Examples/*/terraform are golden files: regenerated only by `scripts/update-golden`.
@Suite struct GoldenTests {
    @Test func thereAreAtLeastTwelveExamples() {
        #expect(ExampleFiles.names.count >= 12)
    }

    @Test(arguments: ExampleFiles.names)
    func exampleRegeneratesByteForByte(_ name: String) throws {
        let result = Generator.generate(bytes: try ExampleFiles.requirements(name), fileName: "requirements.md", options: GenerationOptions(defaultRegion: "us-east-1"))
        #expect(!result.refused, "\(name) was refused: \(result.diagnostics.map(\.formatted))")
        let dir = ExampleFiles.examples.appendingPathComponent(name).appendingPathComponent("terraform")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(onDisk == result.files.map(\.name).sorted(), "run scripts/update-golden")
        for file in result.files {
            let golden = try Data(contentsOf: dir.appendingPathComponent(file.name))
            #expect(golden == Data(file.content.utf8), "\(name)/terraform/\(file.name) differs; run scripts/update-golden")
        }
    }

    @Test func embeddedTemplatesMatchTheExamples() throws {
        #expect(Templates.all.map(\.name) == ExampleFiles.names)
        for template in Templates.all {
            let onDisk = String(decoding: try ExampleFiles.requirements(template.name), as: UTF8.self)
            #expect(template.requirements == onDisk, "\(template.name) differs; run scripts/update-golden")
        }
    }
}
