import ArgumentParser
import Foundation
import Requirements

/// `ezbuilt generate FILE [--out DIR] [--json]`: compiles a requirements document into Terraform.
/// Exit 0 generated (warnings allowed), 3 refused (nothing written), 1 usage or I/O error.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Terraform and spec.json from a requirements.md",
        discussion: "Exit codes: 0 generated (warnings allowed), 3 refused (nothing written), 1 usage or I/O error.")

    @Argument(help: "The requirements document (Markdown).")
    var file: String?

    @Option(name: .long, help: "Directory for the generated files (default: terraform/ next to FILE).")
    var out: String?

    @Flag(name: .long, help: "Print resources and diagnostics as JSON on stdout.")
    var json = false

    @Option(name: .long, help: "Region used when the document names none.")
    var defaultRegion = "us-east-1"

    func run() throws {
        guard let file else {
            FileHandle.standardError.write(Data("error: missing FILE\n\(GenerateCommand.helpMessage())\n".utf8))
            throw ExitCode(1)
        }
        let url = URL(fileURLWithPath: file)
        let bytes: [UInt8]
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > Generator.maxDocumentBytes {
                // Refuse before reading a huge file into memory.
                try report(Generator.oversized(byteCount: size, fileName: url.lastPathComponent))
                throw ExitCode(3)
            }
            bytes = Array(try Data(contentsOf: url))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("error: cannot read \(file): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let result = Generator.generate(bytes: bytes, fileName: url.lastPathComponent, options: GenerationOptions(defaultRegion: defaultRegion))
        if ProcessInfo.processInfo.environment["EZBUILT_DEBUG_SPEC"] != nil {
            FileHandle.standardError.write(Data(Generator.encode(result.spec).utf8))
        }
        if result.refused {
            try report(result)
            throw ExitCode(3)
        }
        let dir = URL(fileURLWithPath: out ?? url.deletingLastPathComponent().appendingPathComponent("terraform").path)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for f in result.files {
                // Names are generator-chosen constants; never let one leave the directory.
                guard !f.name.contains("/"), !f.name.hasPrefix(".") else { continue }
                try Data(f.content.utf8).write(to: dir.appendingPathComponent(f.name), options: .atomic)
            }
        } catch {
            FileHandle.standardError.write(Data("error: cannot write to \(dir.path): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        try report(result)
    }

    func report(_ result: GenerationResult) throws {
        if json {
            struct Out: Encodable {
                struct Resource: Encodable { var type: String; var name: String }
                var resources: [Resource]
                var diagnostics: [Diagnostic]
                var refused: Bool
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(Out(resources: result.resources.map { .init(type: $0.type, name: $0.name) }, diagnostics: result.diagnostics, refused: result.refused))
            print(String(decoding: data, as: UTF8.self))
        } else {
            for d in result.diagnostics {
                FileHandle.standardError.write(Data("\(d.severity.rawValue): \(d.formatted)\n".utf8))
            }
            if !result.refused {
                print("generated \(result.resources.count) resources")
            }
        }
    }
}
