import Foundation

/// What changed in a stack between two deployments: its requirements, its Terraform file by
/// file, and the resources those files declare. Pure: built from the two sets of files.
struct StackComparison: Sendable, Equatable {
    /// One file's change.
    struct FileChange: Sendable, Equatable, Encodable {
        enum Status: String, Sendable, Encodable { case added, removed, modified, unchanged }
        /// Relative to the stack: `requirements.md`, `terraform/main.tf`.
        var path: String
        var status: Status
        var linesAdded: Int
        var linesRemoved: Int
        /// The unified diff (`--- a/…`, `+++ b/…`), empty when unchanged.
        var diff: String
    }

    /// One resource block's change.
    struct ResourceChange: Sendable, Equatable, Encodable {
        enum Change: String, Sendable, Encodable { case added, removed, changed }
        /// `aws_s3_bucket.assets`.
        var address: String
        var change: Change
    }

    var requirements: FileChange
    /// Terraform files that differ (`spec.json` is left out: it records hashes, not meaning).
    var terraform: [FileChange]
    var resources: [ResourceChange]

    static let requirementsPath = "requirements.md"

    /// Compares the files of a stack at two commits (paths relative to the stack).
    init(from old: [String: Data], to new: [String: Data]) {
        requirements = Self.change(Self.requirementsPath, old[Self.requirementsPath], new[Self.requirementsPath])
        let terraformPaths = Set(old.keys).union(new.keys)
            .filter { $0.hasPrefix("terraform/") && $0 != "terraform/spec.json" }
            .sorted()
        terraform = terraformPaths.map { Self.change($0, old[$0], new[$0]) }.filter { $0.status != .unchanged }
        let before = Self.resourceBlocks(old)
        let after = Self.resourceBlocks(new)
        resources = Set(before.keys).union(after.keys).sorted().compactMap { address in
            switch (before[address], after[address]) {
            case (nil, .some): ResourceChange(address: address, change: .added)
            case (.some, nil): ResourceChange(address: address, change: .removed)
            case (let a?, let b?) where a != b: ResourceChange(address: address, change: .changed)
            default: nil
            }
        }
    }

    private static func change(_ path: String, _ old: Data?, _ new: Data?) -> FileChange {
        let oldText = old.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let newText = new.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let diff = LineDiff(oldText, newText)
        let status: FileChange.Status = switch (old, new) {
        case (nil, .some): .added
        case (.some, nil): .removed
        default: diff.hasChanges ? .modified : .unchanged
        }
        return FileChange(path: path, status: status, linesAdded: diff.added, linesRemoved: diff.removed,
                          diff: diff.unified(oldName: old == nil ? "/dev/null" : "a/\(path)", newName: new == nil ? "/dev/null" : "b/\(path)"))
    }

    /// `resource "TYPE" "NAME" {` … `}` blocks of every `.tf` file, by address, as text with
    /// blank lines and surrounding spaces dropped (a reformatting is not a change). Terraform
    /// written by EZBuilt closes each top-level block with a `}` alone at the start of a line;
    /// hand-written files that do not are read up to the next top-level block.
    static func resourceBlocks(_ files: [String: Data]) -> [String: String] {
        var blocks: [String: String] = [:]
        for (path, data) in files where path.hasSuffix(".tf") {
            var current: (address: String, lines: [String])?
            func close() {
                if let block = current { blocks[block.address] = block.lines.joined(separator: "\n") }
                current = nil
            }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                if let match = line.firstMatch(of: /^resource\s+"([A-Za-z0-9_-]+)"\s+"([A-Za-z0-9_-]+)"/) {
                    close()
                    current = ("\(match.1).\(match.2)", [])
                } else if line.first.map({ !$0.isWhitespace && $0 != "}" && $0 != "#" }) == true {
                    close()
                    continue
                }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if current != nil, !trimmed.isEmpty { current?.lines.append(trimmed) }
                if line == "}" { close() }
            }
            close()
        }
        return blocks
    }
}
