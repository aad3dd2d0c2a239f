/// One statement of the document: a heading, a bullet, a table row, a sentence of prose
/// or a fenced code block, with where it came from.
public struct Statement: Sendable, Equatable {
    /// What shape the statement had in the Markdown.
    public enum Shape: Sendable, Equatable { case heading, bullet, tableRow, prose, code, leadIn }
    /// 1-based source line.
    public var line: Int
    /// Text as written, Markdown emphasis removed (code spans kept with backticks).
    public var text: String
    /// Shape in the document.
    public var shape: Shape
    /// Titles of enclosing headings, lead-in lines and parent bullets, outermost first.
    public var context: [String]
    /// Lowercased text with number words turned into digits, used for matching.
    public var normalized: String
    /// Lowercased, normalised context joined.
    public var normalizedContext: String
    /// Which state of a migration the statement describes (`Era`); `.present` outside one.
    public var era: Era = .present

    /// In a document that moves from one setup to another ("what we have today" … "what we want
    /// instead"), the state being left and the state wanted; everything else is `.present`.
    public enum Era: Sendable, Equatable { case present, before, after }
}

/// Reading a migration: which sections describe the state being left and which the state wanted,
/// and the old half of a sentence that says both ("move from db.t3.medium to db.r6g.large").
enum MigrationReader {
    /// A title of the state being left ("What we have today", "Current setup", "Before", "As-is").
    static let beforeTitle = "\\b(what (we|you) (have|run|use|got)( today| now| currently)?|what('s| is) (there|running)( today| now)?|today|as-is|before|current (state|setup|architecture|situation|deployment)|old (setup|state|architecture|version)|existing setup|legacy setup|status quo)\\b"
    /// A title of the state wanted ("What we want instead", "Target", "After", "To-be", "Change").
    static let afterTitle = "\\b(what (we|you) want|want(ed)? instead|instead|target( state| setup| architecture)?|to-be|after|new (setup|state|architecture|version)|desired|end state|change|changes|going forward|move to|migrat\\w*|cut-?over)\\b"

    /// Marks the statements of a migration document: `.before` under a title of the state being
    /// left, `.after` under a title of the state wanted; only when the document has both.
    static func markEras(_ statements: inout [Statement]) {
        /// The nearest title that names a state, innermost first.
        func title(_ s: Statement) -> String {
            let titles = (s.context + (s.shape == .heading || s.shape == .leadIn ? [s.text] : [])).map { $0.lowercased() }
            return titles.last { $0.has(beforeTitle) || $0.has(afterTitle) } ?? ""
        }
        let titles = statements.filter { $0.shape == .heading || $0.shape == .leadIn }.map { Quantities.normalizeNumbers($0.text.lowercased()) }
        guard titles.contains(where: { $0.has(beforeTitle) && !$0.has(afterTitle) }), titles.contains(where: { $0.has(afterTitle) && !$0.has(beforeTitle) }) else { return }
        for i in statements.indices {
            let t = title(statements[i])
            if t.has(afterTitle) && !t.has(beforeTitle) { statements[i].era = .after }
            else if t.has(beforeTitle) && !t.has(afterTitle) { statements[i].era = .before }
        }
    }

    /// A value the old half of a change gives: an instance class or a size.
    static let oldValue = "(?i)\\b(?:db\\.|cache\\.)?[a-z]\\d[a-z0-9-]*\\.(?:nano|micro|small|medium|large|\\d*xlarge|metal)\\b|\\b\\d+(?:\\.\\d+)?\\s*(?:gb|gib|tb|tib)\\b"
    /// The verbs that move a thing from one value to another.
    static let moveVerb = "(move|moving|moved|migrat\\w*|switch\\w*|upgrad\\w*|downgrad\\w*|resiz\\w*|chang\\w*|bump\\w*|convert\\w*|replatform\\w*|shrink\\w*|increas\\w*|decreas\\w*|rais\\w*|lower\\w*)"

    /// The sentence without the old half of a change it describes: "from X to Y" after a verb of
    /// moving keeps "to Y"; "replace the old X with Y" keeps "replace with Y"; "today we have X,
    /// move to Y" keeps "move to Y"; "db.t3.medium → db.r6g.large" keeps the right side.
    static func targetOnly(_ text: String) -> String {
        var t = text
        // "move the database from db.t3.medium to db.r6g.large"
        t = t.replacing("(?i)(\\b" + moveVerb + "\\b[^.;:]{0,40}?)\\bfrom\\s+(?!(?:the\\s+)?(?:public|private|internet|anywhere|outside)\\b)(?:[^.;:,]|\\.(?=\\w)){1,60}?\\s+(to|into|onto)\\b", with: "$1$4")
        // "replace the old MySQL box with an Aurora cluster"
        t = t.replacing("(?i)\\b(replac\\w*|swap\\w*)\\s+(?:out\\s+)?(?:the|our|that|this)\\s+(?:old|current|existing|legacy|single)?\\s*(?:[^.;:,]|\\.(?=\\w)){1,60}?\\s+(with|for|by)\\b", with: "$1 it $2")
        // "today we have X, (but) we want to move to Y": the values of the old half go (what it
        // talks about stays, so "move it" still has its subject).
        if let m = t.matches("(?i)^(?:[^.;]|\\.(?=\\w))*?\\b(today|currently|right now|at the moment|until now|so far|at present)\\b(?:[^.;]|\\.(?=\\w))*?[,;—–]\\s*(?=(?:but |and |so )?(?:we |i )?(?:now )?(?:want to |need to |would like to |will |'ll |should |must |please |are going to )?(?:move|migrat|switch|go |replace|upgrade|change|use|run|put|rebuild))").first {
            let ns = t as NSString
            let old = ns.substring(with: NSRange(location: m.offset, length: (m.groups[0] as NSString).length))
            let kept = old.replacing(oldValue, with: "")
            t = ns.replacingCharacters(in: NSRange(location: m.offset, length: (m.groups[0] as NSString).length), with: kept)
        }
        // "db.t3.medium → db.r6g.large", "100 GB -> 400 GB"
        t = t.replacing("(?i)\\b((?:db\\.|cache\\.)?[a-z]\\d[a-z0-9-]*\\.[a-z0-9]+|\\d+(?:\\.\\d+)?\\s*(?:gb|gib|tb|tib|mb|mib|days?|hours?|minutes?|seconds?|vcpus?|%))\\s*(?:→|->|=>|⇒)\\s*(?=(?:db\\.|cache\\.)?[a-z]\\d[a-z0-9-]*\\.[a-z0-9]+|\\d)", with: "")
        return t
    }
}

/// Splits Markdown into statements.
enum DocumentReader {
    static func read(_ source: String) -> [Statement] {
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var statements: [Statement] = []
        var headings: [(level: Int, text: String)] = []
        var bulletStack: [(indent: Int, text: String)] = []
        var leadIn: String?
        var paragraph: [(line: Int, text: String)] = []
        var i = 0

        func context() -> [String] {
            var c = headings.map(\.text)
            if let leadIn { c.append(leadIn) }
            c += bulletStack.map(\.text)
            return c
        }
        func emit(_ line: Int, _ text: String, _ shape: Statement.Shape, context ctx: [String]? = nil) {
            let clean = MigrationReader.targetOnly(cleanMarkdown(text))
            guard !clean.trimmed.isEmpty else { return }
            let c = ctx ?? context()
            statements.append(Statement(line: line, text: clean, shape: shape, context: c,
                                        normalized: Quantities.normalizeNumbers(DocumentReader.struckOut(DocumentReader.plainQuotes(clean)).lowercased()),
                                        normalizedContext: Quantities.normalizeNumbers(c.filter { !isChoiceQuestion($0) }.joined(separator: " / ").lowercased())))
        }
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            // Join the paragraph, remember where each source line starts, split into sentences.
            var joined = ""
            var starts: [(offset: Int, line: Int)] = []
            for (line, text) in paragraph {
                if !joined.isEmpty { joined += " " }
                starts.append((joined.utf16.count, line))
                joined += text.trimmed
            }
            for (sentence, offset) in splitSentences(joined) {
                let line = starts.last(where: { $0.offset <= offset })?.line ?? paragraph[0].line
                emit(line, sentence, .prose)
            }
            paragraph.removeAll()
        }
        func isBullet(_ s: String) -> Bool { s.has("^\\s*([-*+•]|\\d+[.)]|[a-z][.)]|\\[[ xX]\\])\\s+") }
        /// "key: value" lines are statements of their own even without a bullet.
        func isKeyValue(_ s: String) -> Bool { s.has("^\\s*[A-Za-z][A-Za-z0-9 _/()-]{0,40}:\\s+\\S") && !s.has("^\\s*(https?|arn):") }

        while i < lines.count {
            let raw = lines[i]
            let lineNo = i + 1
            let t = raw.trimmed
            if t.hasPrefix("```") || t.hasPrefix("~~~") {
                flushParagraph()
                let fence = String(t.prefix(3))
                var body: [String] = []
                i += 1
                while i < lines.count && !lines[i].trimmed.hasPrefix(fence) { body.append(lines[i]); i += 1 }
                let text = body.joined(separator: "\n")
                if !text.trimmed.isEmpty {
                    statements.append(Statement(line: lineNo + 1, text: text, shape: .code, context: context(),
                                                normalized: text.lowercased(), normalizedContext: context().joined(separator: " / ").lowercased()))
                }
                i += 1
                continue
            }
            if t.isEmpty {
                flushParagraph()
                i += 1
                continue
            }
            // A line that is bold and nothing else ("**What is not part of this?**") titles what
            // follows, like a heading below every Markdown heading.
            let boldTitle = t.match("^(?:\\*\\*|__)([^*_]+)(?:\\*\\*|__):?$").map { ["", "#######", $0[1]] }
            if let m = t.match("^(#{1,6})\\s+(.*)$") ?? boldTitle {
                flushParagraph()
                let level = m[1].count
                headings.removeAll { $0.level >= level }
                headings.append((level, cleanMarkdown(m[2])))
                bulletStack.removeAll()
                leadIn = nil
                emit(lineNo, m[2], .heading, context: headings.dropLast().map(\.text))
                i += 1
                continue
            }
            if t.hasPrefix("|") {
                flushParagraph()
                var rows: [(Int, [String])] = []
                while i < lines.count && lines[i].trimmed.hasPrefix("|") {
                    rows.append((i + 1, splitRow(lines[i].trimmed)))
                    i += 1
                }
                var header: [String] = []
                var body = rows
                if rows.count >= 2, rows[1].1.allSatisfy({ $0.has("^:?-{2,}:?$") || $0.isEmpty }) {
                    header = rows[0].1
                    body = Array(rows.dropFirst(2))
                }
                // A change request's table (setting | before | after): only the new values count.
                let headerNames = header.map { cleanMarkdown($0).trimmed.lowercased() }
                let hasAfter = headerNames.contains { $0.has("^(after|new|proposed|target|to be|wanted|desired|v\\d+ ?\\(?new)\\b|\\bafter\\b|\\(new\\)") }
                let beforeColumns = Set(headerNames.indices.filter { hasAfter && headerNames[$0].has("^(before|old|current|previous|existing|was|today|from)\\b|\\bbefore\\b|\\(old\\)|\\(current\\)") })
                // A setting and its one value (two columns, or two left after the old ones): "setting: value".
                let keyValue = header.count - beforeColumns.count == 2
                for (line, cells) in body {
                    var parts: [String] = []
                    let kept = cells.enumerated().filter { !$0.element.trimmed.isEmpty && !beforeColumns.contains($0.offset) }
                    if keyValue, kept.count == 2, kept[0].offset == 0 {
                        emit(line, "\(kept[0].element.trimmed): \(kept[1].element.trimmed)", .tableRow)
                        continue
                    }
                    for (k, cell) in kept {
                        let h = k < header.count ? cleanMarkdown(header[k]).trimmed : ""
                        let generic = h.isEmpty || h == "#" || h.has("^(requirement|value|details?|description|what|notes?|setting|answer)$")
                        if k == 0 && header.count == 2 { parts.append(cell.trimmed); continue }
                        parts.append(generic ? cell.trimmed : "\(h): \(cell.trimmed)")
                    }
                    emit(line, parts.joined(separator: "; "), .tableRow)
                }
                continue
            }
            if isBullet(raw) {
                flushParagraph()
                let indent = raw.prefix { $0 == " " || $0 == "\t" }.count
                let text = raw.replacing("^\\s*([-*+•]|\\d+[.)]|[a-z][.)]|\\[[ xX]\\])\\s+", with: "").replacing("^\\[[ xX]\\]\\s+", with: "")
                bulletStack.removeAll { $0.indent >= indent }
                emit(lineNo, text, .bullet)
                bulletStack.append((indent, cleanMarkdown(text)))
                i += 1
                continue
            }
            // A short line followed by bullets introduces them ("queue", "Existing stuff:").
            let nextNonEmpty = lines[(i + 1)...].first { !$0.trimmed.isEmpty }
            let introducesList = nextNonEmpty.map(isBullet) ?? false
            if paragraph.isEmpty && introducesList && (t.hasSuffix(":") || (t.split(separator: " ").count <= 6 && !t.hasSuffix("."))) {
                bulletStack.removeAll()
                // Only the sentence that ends with the colon introduces the list; the ones before
                // it are statements of their own ("The service logs to the existing group. Please:").
                leadIn = nil
                let sentences = splitSentences(t)
                for (sentence, _) in sentences.dropLast() { emit(lineNo, sentence, .prose) }
                let opener = sentences.last?.0 ?? t
                leadIn = cleanMarkdown(opener)
                emit(lineNo, opener, .leadIn, context: headings.map(\.text))
                i += 1
                continue
            }
            if isKeyValue(t) && (paragraph.isEmpty || isKeyValue(paragraph.last?.text ?? "")) {
                flushParagraph()
                emit(lineNo, t, .bullet)
                i += 1
                continue
            }
            if !bulletStack.isEmpty && raw.hasPrefix(" ") && paragraph.isEmpty {
                // Continuation of a bullet: treat as its own sentence under the bullet.
                emit(lineNo, t, .prose)
                i += 1
                continue
            }
            // A chat message's header ("maya.k  10:02", "Priyanka (SRE) 10:26 AM") names who spoke
            // and when: it starts a new message and is no statement of its own.
            if t.has("^[\\p{L}][\\p{L}0-9._@-]*( [\\p{L}][\\p{L}0-9._-]*)?( \\([^)]{1,30}\\))?\\s+\\[?\\d{1,2}:\\d{2}(:\\d{2})?(\\s*[ap]\\.?m\\.?)?\\]?\\s*$") {
                flushParagraph(); i += 1; continue
            }
            if paragraph.isEmpty { bulletStack.removeAll(); if !introducesList { leadIn = nil } }
            paragraph.append((lineNo, t))
            i += 1
        }
        flushParagraph()
        MigrationReader.markEras(&statements)
        return statements
    }

    /// Struck-through text ("~~Flow logs~~") is withdrawn: it reads as "not flow logs".
    static func struckOut(_ s: String) -> String { s.replacing("~~([^~]+)~~", with: "not $1") }

    /// Straight apostrophes instead of typographic ones, so "don’t" reads as "don't".
    static func plainQuotes(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
    }

    static func splitRow(_ row: String) -> [String] {
        var r = row
        if r.hasPrefix("|") { r.removeFirst() }
        if r.hasSuffix("|") { r.removeLast() }
        // Split on pipes that are not inside backticks.
        var cells: [String] = []
        var current = ""
        var inCode = false
        for ch in r {
            if ch == "`" { inCode.toggle() }
            if ch == "|" && !inCode { cells.append(current.trimmed); current = "" } else { current.append(ch) }
        }
        cells.append(current.trimmed)
        return cells
    }

    /// A title that offers a choice ("New or existing file system?") asserts neither side: the
    /// answer below it decides.
    static func isChoiceQuestion(_ title: String) -> Bool { title.trimmed.hasSuffix("?") && title.has("\\bor\\b") }

    /// Removes emphasis markers and links; keeps code spans.
    static func cleanMarkdown(_ text: String) -> String {
        // Code spans are kept as written (`"Action": "*"` is not emphasis): they are set aside
        // while emphasis and links are removed, then put back.
        let spans = text.matches("`[^`\\n]*`").map { $0.groups[0] }
        var t = text
        for (k, span) in spans.enumerated() { if let r = t.range(of: span) { t.replaceSubrange(r, with: "\u{E000}\(k)\u{E001}") } }
        t = t.replacing("\\*\\*|__", with: "")
        t = t.replacing("(?<![\\w*])\\*(?=\\S)([^*]+?)\\*(?![\\w*])", with: "$1")
        t = t.replacing("\\[([^\\]]+)\\]\\(([^)]+)\\)", with: "$1 ($2)")
        for (k, span) in spans.enumerated() { t = t.replacingOccurrences(of: "\u{E000}\(k)\u{E001}", with: span) }
        return t.trimmed
    }

    /// Splits prose into sentences, returning each with its UTF-16 offset.
    static func splitSentences(_ text: String) -> [(String, Int)] {
        var result: [(String, Int)] = []
        var start = 0
        let ns = text as NSString
        for m in text.matches("(?<=[.!?])\\s+(?=[A-Z\"“(`*])") {
            let piece = ns.substring(with: NSRange(location: start, length: m.offset - start))
            // Keep abbreviations such as "e.g." and "i.e." inside their sentence.
            if piece.has("\\b(e\\.g|i\\.e|etc|approx|vs)\\.$") { continue }
            result.append((piece.trimmed, start))
            start = m.offset
        }
        result.append((ns.substring(from: start).trimmed, start))
        return result.filter { !$0.0.isEmpty }
    }
}

import Foundation
