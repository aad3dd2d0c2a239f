import Foundation
import Requirements

/// The requirements documents the tests generate to learn what the generator can emit:
/// `Examples/*/requirements.md` and the shared practice corpus (when present on this machine).
/// Shared by the pricing and the deployer-role coverage tests, so both read the same output.
public enum GeneratorCorpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The documents, sorted by path.
    public static var documents: [URL] {
        let manager = FileManager.default
        let examples = (try? manager.contentsOfDirectory(at: root.appendingPathComponent("Examples"), includingPropertiesForKeys: nil)) ?? []
        // shared/ stands beside the checkout (as CI lays it out).
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/practice-corpus")
        let corpus = (try? manager.contentsOfDirectory(at: shared, includingPropertiesForKeys: nil)) ?? []
        return (examples.map { $0.appendingPathComponent("requirements.md") } + corpus.filter { $0.pathExtension == "md" })
            .filter { manager.fileExists(atPath: $0.path) }
            .sorted { $0.path < $1.path }
    }

    /// What the generator wrote for every document: type → the first document it was
    /// generated for, for `resource "TYPE"` and `data "TYPE"` blocks at the start of a line in
    /// any generated file (so it holds whatever the generator's inside looks like). Generated
    /// once per test process.
    public static let emitted: (resources: [String: String], dataSources: [String: String]) = {
        var resources: [String: String] = [:]
        var dataSources: [String: String] = [:]
        for document in documents {
            let name = document.lastPathComponent == "requirements.md" ? document.deletingLastPathComponent().lastPathComponent : document.lastPathComponent
            guard let text = try? String(contentsOf: document, encoding: .utf8) else { continue }
            let found = types(generatedFrom: text)
            for type in found.resources where resources[type] == nil { resources[type] = name }
            for type in found.dataSources where dataSources[type] == nil { dataSources[type] = name }
        }
        return (resources, dataSources)
    }()

    /// The `resource "TYPE"` and `data "TYPE"` types at the start of a line in the files
    /// generated from `requirements`.
    public static func types(generatedFrom requirements: String) -> (resources: Set<String>, dataSources: Set<String>) {
        var resources: Set<String> = []
        var dataSources: Set<String> = []
        for file in Generator.generate(requirements).files {
            for line in file.content.split(separator: "\n") {
                guard let match = line.firstMatch(of: /^(resource|data)\s+"([a-z0-9_]+)"/) else { continue }
                if match.1 == "resource" { resources.insert(String(match.2)) } else { dataSources.insert(String(match.2)) }
            }
        }
        return (resources, dataSources)
    }
}
