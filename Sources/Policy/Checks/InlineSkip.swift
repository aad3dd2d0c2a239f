import HCL
/// A skip comment in the `.tf` sources: `# ezbuilt:ignore:<id> <reason>`,
/// `#checkov:skip=<CKV id>:<reason>`, `#trivy:ignore:<id>` or `#tfsec:ignore:<id>`.
/// It applies to the resource block it is inside or directly precedes (comment lines right
/// above the block, no blank line in between).
public struct InlineSkip: Sendable, Hashable, Codable {
    /// The id as written (any of ours, Trivy, AVD alias, Checkov).
    public var checkID: String
    /// The reason given, or `(no reason given)`.
    public var reason: String
    /// File and line of the comment.
    public var file: String
    /// 1-based line of the comment.
    public var line: Int

    /// Creates a skip.
    public init(checkID: String, reason: String, file: String, line: Int) {
        self.checkID = checkID
        self.reason = reason
        self.file = file
        self.line = line
    }

    static let noReason = "(no reason given)"

    /// Parses one comment's text (without `#`/`//`); nil when it is not a skip.
    static func parse(comment: String, file: String, line: Int) -> InlineSkip? {
        let text = comment.trimming(" \t*")
        for (prefix, separator) in [("ezbuilt:ignore:", " "), ("checkov:skip=", ":"), ("trivy:ignore:", " "), ("tfsec:ignore:", " ")] {
            guard text.lowercased().hasPrefix(prefix) else { continue }
            let rest = String(text.dropFirst(prefix.count))
            var id: String
            var reason: String
            if separator == ":" {
                let pieces = rest.split(separator: ":", maxSplits: 1).map(String.init)
                id = pieces.first ?? ""
                reason = pieces.count > 1 ? pieces[1] : ""
            } else {
                let pieces = rest.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                id = pieces.first ?? ""
                reason = pieces.count > 1 ? pieces[1] : ""
                // trivy:ignore:AVD-AWS-0086:exp:2026-01-01 and [attr=value] selectors.
                if let colon = id.firstIndex(of: ":") { id = String(id[..<colon]) }
                if let bracket = id.firstIndex(of: "[") { id = String(id[..<bracket]) }
            }
            id = id.trimming(" \t")
            reason = reason.trimming(" \t-—:")
            guard !id.isEmpty else { return nil }
            return InlineSkip(checkID: id, reason: reason.isEmpty ? noReason : reason, file: file, line: line)
        }
        return nil
    }

    /// Finds every skip in the stack's `.tf` files, keyed by the module-qualified block
    /// address it applies to (`aws_s3_bucket.logs`, `module.net.aws_vpc.main`). Local
    /// modules are located through `module` blocks with relative sources.
    public static func collect(from files: [(path: String, contents: String)]) -> [String: [InlineSkip]] {
        var parsed: [(path: String, directory: String, file: HCLFile)] = []
        for file in files where file.path.hasSuffix(".tf") {
            guard let normalized = StackPath.normalize(file.path), let hcl = try? HCLFile.parse(file.contents) else {
                continue
            }
            parsed.append((file.path, StackPath.directory(of: normalized), hcl))
        }
        var prefixes: [String: String] = ["": ""]
        for _ in 0..<8 {
            var changed = false
            for entry in parsed {
                guard let prefix = prefixes[entry.directory] else { continue }
                for block in entry.file.body.blocks(ofType: "module") {
                    guard let name = block.labels.first, let source = block.body.attribute("source")?.literalString,
                        source.hasPrefix("./") || source.hasPrefix("../"),
                        let child = StackPath.normalize(entry.directory.isEmpty ? source : entry.directory + "/" + source),
                        prefixes[child] == nil
                    else { continue }
                    prefixes[child] = prefix + "module.\(name)."
                    changed = true
                }
            }
            if !changed { break }
        }
        var result: [String: [InlineSkip]] = [:]
        for entry in parsed {
            guard let prefix = prefixes[entry.directory] else { continue }
            for block in entry.file.body.blocks where ["resource", "data"].contains(block.type) && block.labels.count >= 2 {
                let local = (block.type == "data" ? "data." : "") + block.labels[0] + "." + block.labels[1]
                let skips = comments(for: block, in: entry.file).compactMap {
                    InlineSkip.parse(comment: $0.text, file: entry.path, line: $0.line)
                }
                if !skips.isEmpty { result[prefix + local, default: []] += skips }
            }
        }
        return result
    }

    /// Comments inside the block's lines, plus the run of comments directly above it.
    private static func comments(for block: HCLBlock, in file: HCLFile) -> [(text: String, line: Int)] {
        var found: [(text: String, line: Int)] = []
        for token in file.comments where token.line >= block.line && token.line <= block.endLine {
            if case .comment(let text) = token.kind { found.append((text, token.line)) }
        }
        guard let start = file.tokens.firstIndex(where: { $0.line == block.line && $0.identifier == block.type }) else {
            return found
        }
        var index = start - 1
        var newlines = 0
        while index >= 0 {
            let token = file.tokens[index]
            if token.kind == .newline {
                newlines += 1
                if newlines > 1 { break }
            } else if case .comment(let text) = token.kind {
                found.append((text, token.line))
                newlines = 0
            } else {
                break
            }
            index -= 1
        }
        return found
    }
}
