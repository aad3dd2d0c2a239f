import enum HCL.HCLText

/// Prints the HCL model deterministically in the layout `terraform fmt` produces
/// (two-space indents, `=` aligned across consecutive single-line attributes).
public enum HCLPrinter {
    /// Renders a file.
    public static func print(_ file: HCLFile) -> String {
        var out = ""
        for line in file.header { out += "# " + sanitizeComment(line) + "\n" }
        for (index, block) in file.blocks.enumerated() {
            if index > 0 || !file.header.isEmpty { out += "\n" }
            out += printBlock(block, indent: 0)
        }
        return out
    }

    static func sanitizeComment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    static func pad(_ indent: Int) -> String { String(repeating: "  ", count: indent) }

    static func quotedLabel(_ label: String) -> String { HCLText.quoted(label) }

    static func printBlock(_ block: HCLBlock, indent: Int) -> String {
        var header = pad(indent) + block.type
        for label in block.labels { header += " " + quotedLabel(label) }
        if block.body.isEmpty { return header + " {\n" + pad(indent) + "}\n" }
        var out = header + " {\n"
        out += printBody(block.body, indent: indent + 1)
        out += pad(indent) + "}\n"
        return out
    }

    /// Prints body items, aligning `=` across runs of single-line attributes and putting a
    /// blank line before and after nested blocks.
    static func printBody(_ items: [HCLBodyItem], indent: Int) -> String {
        var out = ""
        var run: [(String, String)] = []
        func flush() {
            let width = run.map { $0.0.count }.max() ?? 0
            for (key, value) in run {
                out += pad(indent) + key + String(repeating: " ", count: width - key.count) + " = " + value + "\n"
            }
            run.removeAll()
        }
        var previousWasBlock = false
        for (index, item) in items.enumerated() {
            switch item {
            case let .attribute(name, value):
                if previousWasBlock { out += "\n"; previousWasBlock = false }
                let rendered = printExpression(value, indent: indent)
                if rendered.contains("\n") {
                    flush()
                    out += pad(indent) + name + " = " + rendered + "\n"
                } else {
                    run.append((name, rendered))
                }
            case let .comment(text):
                flush()
                if previousWasBlock { out += "\n"; previousWasBlock = false }
                out += pad(indent) + "# " + sanitizeComment(text) + "\n"
            case let .block(block):
                flush()
                if index > 0 { out += "\n" }
                out += printBlock(block, indent: indent)
                previousWasBlock = true
            }
        }
        flush()
        return out
    }

    static func objectKey(_ key: String) -> String {
        let ok = !key.isEmpty && key.unicodeScalars.enumerated().allSatisfy { i, c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (i > 0 && c >= "0" && c <= "9")
        }
        return ok ? key : quotedLabel(key)
    }

    static func isInline(_ expression: HCLExpression) -> Bool {
        switch expression {
        case .object(let items): return items.isEmpty
        case .list(let items): return items.allSatisfy(isInline)
        case .call(_, let args): return args.allSatisfy(isInline)
        default: return true
        }
    }

    /// Prints an expression; multi-line results start on the current line and their
    /// closing bracket sits at `indent`.
    static func printExpression(_ expression: HCLExpression, indent: Int) -> String {
        switch expression {
        case .string(let s): return quotedLabel(s)
        case .int(let n): return String(n)
        case .double(let d):
            if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) }
            return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .reference(let r): return r
        case .template(let parts):
            var s = "\""
            for part in parts {
                switch part {
                case .literal(let text): s += HCLText.escaped(text)
                case .interpolation(let ref): s += "${" + ref + "}"
                }
            }
            return s + "\""
        case .call(let name, let args):
            if args.allSatisfy(isInline) {
                return name + "(" + args.map { printExpression($0, indent: indent) }.joined(separator: ", ") + ")"
            }
            if args.count == 1 {
                return name + "(" + printExpression(args[0], indent: indent) + ")"
            }
            var s = name + "(\n"
            for arg in args { s += pad(indent + 1) + printExpression(arg, indent: indent + 1) + ",\n" }
            return s + pad(indent) + ")"
        case .list(let items):
            if items.allSatisfy(isInline) {
                return "[" + items.map { printExpression($0, indent: indent) }.joined(separator: ", ") + "]"
            }
            var s = "[\n"
            for item in items { s += pad(indent + 1) + printExpression(item, indent: indent + 1) + ",\n" }
            return s + pad(indent) + "]"
        case .object(let items):
            if items.isEmpty { return "{}" }
            var s = "{\n"
            s += printBody(items.map { .attribute(objectKey($0.0), $0.1) }, indent: indent + 1)
            return s + pad(indent) + "}"
        }
    }
}
