/// A line diff of two texts, as edits and as unified-diff hunks (`@@ -a,b +c,d @@`).
///
/// The edit script is a longest common subsequence of lines (dynamic programming), which is
/// exact and plenty for requirements and generated Terraform (hundreds of lines). Texts whose
/// product of line counts exceeds `cellLimit` are compared as a whole: every old line removed,
/// every new line added.
struct LineDiff: Sendable, Equatable {
    /// One line of the edit script.
    enum Edit: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// One hunk of a unified diff.
    struct Hunk: Sendable, Equatable {
        /// 1-based first line and line count in the old and new text (a count of 0 has the
        /// line before, as `diff -u` writes it).
        var oldStart: Int
        var oldCount: Int
        var newStart: Int
        var newCount: Int
        var edits: [Edit]

        var header: String { "@@ -\(Self.range(oldStart, oldCount)) +\(Self.range(newStart, newCount)) @@" }

        private static func range(_ start: Int, _ count: Int) -> String {
            count == 1 ? "\(start)" : "\(start),\(count)"
        }
    }

    static let cellLimit = 4_000_000

    let edits: [Edit]

    /// The diff from `old` to `new`, line by line (a final newline ends the last line; it
    /// does not start an empty one).
    init(_ old: String, _ new: String) {
        edits = Self.script(Self.lines(old), Self.lines(new))
    }

    /// Whether the texts differ at all.
    var hasChanges: Bool { edits.contains { if case .same = $0 { false } else { true } } }

    var added: Int { edits.filter { if case .added = $0 { true } else { false } }.count }
    var removed: Int { edits.filter { if case .removed = $0 { true } else { false } }.count }

    /// The changes with `context` unchanged lines around each, grouped into hunks.
    func hunks(context: Int = 3) -> [Hunk] {
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard !changed.isEmpty else { return [] }
        // Ranges of edit indices to show, merged when their context overlaps or touches.
        var ranges: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(edits.count - 1, index + context)
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        // Line numbers before each edit index.
        var oldLine = [Int](repeating: 0, count: edits.count + 1)
        var newLine = [Int](repeating: 0, count: edits.count + 1)
        for (index, edit) in edits.enumerated() {
            oldLine[index + 1] = oldLine[index] + (edit.isNew ? 0 : 1)
            newLine[index + 1] = newLine[index] + (edit.isOld ? 0 : 1)
        }
        return ranges.map { range in
            let slice = Array(edits[range])
            let oldCount = slice.filter { !$0.isNew }.count
            let newCount = slice.filter { !$0.isOld }.count
            return Hunk(oldStart: oldLine[range.lowerBound] + (oldCount == 0 ? 0 : 1), oldCount: oldCount,
                        newStart: newLine[range.lowerBound] + (newCount == 0 ? 0 : 1), newCount: newCount, edits: slice)
        }
    }

    /// The unified diff (`--- a/path`, `+++ b/path`, hunks), empty when nothing changed.
    func unified(oldName: String, newName: String, context: Int = 3) -> String {
        let hunks = hunks(context: context)
        guard !hunks.isEmpty else { return "" }
        var lines = ["--- \(oldName)", "+++ \(newName)"]
        for hunk in hunks {
            lines.append(hunk.header)
            for edit in hunk.edits {
                switch edit {
                case .same(let text): lines.append(" " + text)
                case .removed(let text): lines.append("-" + text)
                case .added(let text): lines.append("+" + text)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    /// A shortest edit script by longest common subsequence.
    static func script(_ old: [String], _ new: [String]) -> [Edit] {
        // Common head and tail first: most edits touch a few lines in the middle.
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let a = Array(old[head..<(old.count - tail)])
        let b = Array(new[head..<(new.count - tail)])
        var middle: [Edit]
        if a.isEmpty || b.isEmpty || a.count * b.count > cellLimit {
            middle = a.map(Edit.removed) + b.map(Edit.added)
        } else {
            // lengths[i][j]: LCS length of a[i...] and b[j...], in one flat array.
            let width = b.count + 1
            var lengths = [Int](repeating: 0, count: (a.count + 1) * width)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    lengths[i * width + j] = a[i] == b[j]
                        ? lengths[(i + 1) * width + j + 1] + 1
                        : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
                }
            }
            middle = []
            var i = 0
            var j = 0
            while i < a.count, j < b.count {
                if a[i] == b[j] {
                    middle.append(.same(a[i])); i += 1; j += 1
                } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                    middle.append(.removed(a[i])); i += 1
                } else {
                    middle.append(.added(b[j])); j += 1
                }
            }
            middle += a[i...].map(Edit.removed) + b[j...].map(Edit.added)
        }
        return old[..<head].map(Edit.same) + middle + old[(old.count - tail)...].map(Edit.same)
    }
}

extension LineDiff.Edit {
    /// Only in the new text.
    var isNew: Bool { if case .added = self { true } else { false } }
    /// Only in the old text.
    var isOld: Bool { if case .removed = self { true } else { false } }
}
