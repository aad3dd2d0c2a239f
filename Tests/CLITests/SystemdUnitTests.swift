import Foundation
import Testing

/// The shipped unit (`systemd/ezbuilt.service`) creates its own user and passes
/// `systemd-analyze verify` without a warning. The binary path is pointed at the one built
/// here (verify checks that `ExecStart=` is executable); nothing else is changed.
struct SystemdUnitTests {
    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let unit = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd/ezbuilt.service")

    static func verify(_ text: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("ezbuilt.service")
        try text.replacingOccurrences(of: "/usr/local/bin/ezbuilt", with: ezbuiltBinary.path).write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(analyze))
        process.arguments = ["verify", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The unit's settings (`Key=value` lines), comments left out.
    static func settings(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("[") }
    }

    @Test func everythingTheDaemonCreatesIsItsOwnAndBubblewrapCanMakeNamespaces() throws {
        let settings = Self.settings(try String(contentsOf: Self.unit, encoding: .utf8))
        #expect(settings.contains("StateDirectory=ezbuilt"))
        #expect(settings.contains("StateDirectoryMode=0700"), "the data directory is the daemon's alone: \(settings)")
        #expect(settings.contains("UMask=0077"), "every file the daemon creates is its own: \(settings)")
        #expect(!settings.contains { $0.hasPrefix("RestrictNamespaces=") }, "bubblewrap needs user, pid and mount namespaces")
        // The reader sees a setting that is there, and skips one that is only a comment.
        #expect(Self.settings("# UMask=0022\nUMask=0077\n") == ["UMask=0077"])
    }

    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed here (Debian: systemd); the unit is not verified"))
    func theUnitCreatesItsUserAndVerifiesCleanly() throws {
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        #expect(text.contains("\nDynamicUser=yes\n"), "the unit makes its own user")
        #expect(!text.contains("ReadWritePaths=/var/lib/ezbuilt"), "StateDirectory= gives the dynamic user its directory")
        let result = try Self.verify(text)
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("ezbuilt.service"), "warnings: \(result.output)")
        // The check notices a mistake: an unknown key is a warning about the unit.
        let broken = try Self.verify(text.replacingOccurrences(of: "DynamicUser=yes", with: "DynamicUser=yes\nDynamicUsr=yes"))
        #expect(broken.output.contains("Unknown key"), "\(broken.output)")
    }
}
