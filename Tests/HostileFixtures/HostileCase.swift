import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One case of the hostile suite kept as data in `Tests/Fixtures/hostile/<case>/`: the files of
/// a stack's `terraform/` directory and `expected.json` (the outcome, and for a refusal the
/// rule, file, line and a substring of the reason). `{{MARKER}}` in a file stands for a marker
/// file outside the stack whose content must never reach any output.
public struct HostileCase: Sendable, CustomStringConvertible {
    /// What the case expects.
    public struct Expected: Decodable, Sendable {
        /// `refused` (the guard refuses it), `allowed` (it passes), or `skipped` (the reader
        /// never reads it: a symlink).
        public var outcome: String
        /// The guard rule (`GuardRule` raw value) for a refusal.
        public var rule: String?
        /// The refused file, relative to `terraform/`.
        public var file: String?
        /// The line of the refusal.
        public var line: Int?
        /// A substring of the refusal's message.
        public var reason: String?
        /// Why the case is there.
        public var why: String?
        /// Whether the heavy pass also runs it through `ezbuilt plan`.
        public var heavy: Bool?
        /// Symlinks to create in `terraform/` (name → target, `{{MARKER}}` replaced).
        public var symlinks: [String: String]?
        /// A file generated at run time (too large to keep in git).
        public var generate: Generated?
    }

    /// A file written at run time: `bytes` bytes of valid HCL comment lines.
    public struct Generated: Decodable, Sendable {
        /// Its name in `terraform/`.
        public var file: String
        /// Its size, at least.
        public var bytes: Int
    }

    /// The case's directory name.
    public let name: String
    /// The case's directory.
    public let directory: URL
    /// Its expected outcome.
    public let expected: Expected

    /// The case's name, for test output.
    public var description: String { name }

    /// `Tests/Fixtures/hostile`.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hostile", isDirectory: true)

    /// Every case, sorted by name. A case that cannot be read is a programming error of the
    /// suite, reported by the caller as a failed expectation (an empty list fails the count).
    public static func all() -> [HostileCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().compactMap { name in
            let directory = root.appendingPathComponent(name, isDirectory: true)
            guard let data = try? Data(contentsOf: directory.appendingPathComponent("expected.json")),
                  let expected = try? JSONDecoder().decode(Expected.self, from: data) else { return nil }
            return HostileCase(name: name, directory: directory, expected: expected)
        }
    }

    /// Writes the case as a stack directory `stack/terraform/…`, with `{{MARKER}}` replaced by
    /// `marker`, generated files written and symlinks created.
    public func materialize(into stack: URL, marker: String) throws {
        let source = directory.appendingPathComponent("terraform", isDirectory: true)
        let target = stack.appendingPathComponent("terraform", isDirectory: true)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for relative in Self.files(under: source) {
            let data = try Data(contentsOf: source.appendingPathComponent(relative))
            let replaced = Data(data.split(separator: Array("{{MARKER}}".utf8), including: Array(marker.utf8)))
            let destination = target.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try replaced.write(to: destination)
        }
        if let generate = expected.generate {
            let line = Array("# padding line of a file too large for the guard to read\n".utf8)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(generate.bytes + line.count)
            while bytes.count < generate.bytes { bytes += line }
            try Data(bytes).write(to: target.appendingPathComponent(generate.file))
        }
        for (name, destination) in expected.symlinks ?? [:] {
            try FileManager.default.createSymbolicLink(
                atPath: target.appendingPathComponent(name).path,
                withDestinationPath: destination.replacingOccurrences(of: "{{MARKER}}", with: marker))
        }
    }

    /// Regular files below `directory`, relative paths, sorted (symlinks are not followed).
    public static func files(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            guard lstat(directory.appendingPathComponent(relative).path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFREG { result.append(relative) }
        }
        return result.sorted()
    }

    /// Symlinks below `directory`, relative paths, sorted.
    public static func symlinks(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            guard lstat(directory.appendingPathComponent(relative).path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK { result.append(relative) }
        }
        return result.sorted()
    }
}

extension Data {
    /// Splits on a byte sequence and joins with another (Foundation's Data has no replace).
    fileprivate init(_ parts: [[UInt8]]) {
        self.init(parts.joined())
    }
}

extension Sequence where Element == UInt8 {
    fileprivate func split(separator: [UInt8], including replacement: [UInt8]) -> [[UInt8]] {
        let bytes = Array(self)
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if !separator.isEmpty, index + separator.count <= bytes.count, Array(bytes[index..<index + separator.count]) == separator {
                result.append(current)
                result.append(replacement)
                current = []
                index += separator.count
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        result.append(current)
        return result
    }
}
