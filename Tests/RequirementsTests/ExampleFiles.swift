import Foundation

/// Locates the package's Examples/ directory from this source file.
enum ExampleFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = root.appendingPathComponent("Examples")

    /// Names of the example directories that hold a requirements.md, sorted.
    static var names: [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return all.filter { FileManager.default.fileExists(atPath: examples.appendingPathComponent($0).appendingPathComponent("requirements.md").path) }.sorted()
    }

    static func requirements(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: examples.appendingPathComponent(name).appendingPathComponent("requirements.md")))
    }
}
