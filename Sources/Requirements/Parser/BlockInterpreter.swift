import Foundation

/// Finds, routes and resolves the components of registered building blocks: each block's
/// lexicon finds its mentions, the polarity reader decides create / existing / not wanted,
/// and every statement about a block is read by that block's typed reader.
enum BlockInterpreter {
    struct Mention { var def: BlockDefinition; var offset: Int; var length: Int; var polarity: Polarity }

    static func mentions(in s: Statement) -> [Mention] {
        guard s.shape != .code else { return [] }
        var out: [Mention] = []
        for def in BlockRegistry.all {
            let excluded = def.exclude?.all(in: s.normalized).map { ($0.offset, $0.groups[0].utf16.count) } ?? []
            for m in def.mention.all(in: s.normalized) {
                let len = m.groups[0].utf16.count
                if excluded.contains(where: { m.offset >= $0.0 && m.offset < $0.0 + $0.1 }) { continue }
                out.append(Mention(def: def, offset: m.offset, length: len, polarity: PolarityReader.polarity(of: s, offset: m.offset, length: len)))
            }
        }
        return out.sorted { $0.offset < $1.offset }
    }

    static func isStrong(_ m: Mention, in s: Statement) -> Bool {
        m.def.strong.all(in: s.normalized).contains { $0.offset <= m.offset + m.length && $0.offset + $0.groups[0].utf16.count >= m.offset }
    }

    static func run(_ it: inout Interpreter) {
        let all = it.statements.map(mentions(in:))
        var blocks: [BlockComponent] = []
        var takenIDs = Set(it.components.map(\.id))
        func uniqueID(_ base: String) -> String {
            var id = base, n = 2
            while takenIDs.contains(id) { id = "\(base)_\(n)"; n += 1 }
            takenIDs.insert(id)
            return id
        }
        func name(_ def: BlockDefinition, _ s: Statement) -> String? {
            guard let noun = def.nameNoun else { return nil }
            return s.text.capture("(?i)\\b(?:" + noun + ")\\s*(?:name)?\\s*(?:is|:|=|called|named)?\\s*" + NameReader.quoted)
                ?? s.text.capture("(?i)" + NameReader.quoted + "\\s+(?:" + noun + ")\\b")
        }
        // Discovery: a strong mention asked for (not negated, not existing, not background) creates one.
        for (i, s) in it.statements.enumerated() {
            for m in all[i] where isStrong(m, in: s) {
                let existingSame = blocks.filter { $0.kind == m.def.kind }
                let n = name(m.def, s)
                switch m.polarity {
                case .create:
                    if existingSame.contains(where: { $0.ownership == .create && ($0.name == nil || n == nil || $0.name?.value == n) }) && !(m.def.repeatable && n != nil && !existingSame.contains { $0.name?.value == n }) { continue }
                    if let e = existingSame.firstIndex(where: { $0.ownership == .existing && $0.name?.value == n && n != nil }) { _ = e; continue }
                    blocks.append(BlockComponent(kind: m.def.kind, id: uniqueID(n.map(NameReader.identifier) ?? m.def.kind), name: n.map { Sourced($0, line: s.line) }, line: s.line, properties: m.def.makeProperties()))
                    it.used.insert(i)
                case .existing:
                    if !existingSame.contains(where: { $0.ownership == .existing }) {
                        blocks.append(BlockComponent(kind: m.def.kind, id: uniqueID(m.def.kind + "_existing"), name: n.map { Sourced($0, line: s.line) }, ownership: .existing, line: s.line, properties: m.def.makeProperties()))
                    }
                    it.used.insert(i)
                case .negated, .context:
                    it.used.insert(i)
                }
            }
        }
        guard !blocks.isEmpty else { return }
        // Routing: a statement goes to the blocks it mentions, else to what its heading or lead-in
        // names, else to the block the previous statement was about.
        var focus: [Int] = []
        for (i, s) in it.statements.enumerated() where s.shape != .code {
            var targets: [Int] = []
            for m in all[i] where m.polarity != .negated {
                let candidates = blocks.indices.filter { blocks[$0].kind == m.def.kind }
                if candidates.count > 1, let n = name(m.def, s), let named = candidates.first(where: { blocks[$0].name?.value == n }) { targets.append(named) }
                else if let first = candidates.first(where: { m.polarity == .existing ? blocks[$0].ownership == .existing : blocks[$0].ownership == .create }) ?? candidates.first { targets.append(first) }
            }
            let legacyMentions = !it.mentions[i].isEmpty
            if targets.isEmpty {
                for part in s.context.reversed() {
                    let n = Quantities.normalizeNumbers(part.lowercased())
                    for def in BlockRegistry.all where def.mention.test(n) {
                        targets += blocks.indices.filter { blocks[$0].kind == def.kind }.prefix(1)
                    }
                    if !targets.isEmpty { break }
                }
                if targets.isEmpty && !legacyMentions && s.shape != .heading { targets = focus }
            }
            let addressed = Set(targets)
            for k in blocks.indices where BlockRegistry.definition(blocks[k].kind)?.readsEveryStatement == true && blocks[k].ownership == .create { targets.append(k) }
            targets = Array(Set(targets)).sorted()
            // Only what the statement was about carries to the next; a block reading every statement is no subject.
            if s.shape == .heading || s.shape == .leadIn {
                focus = addressed.sorted()
                if !targets.isEmpty { it.used.insert(i) }
                continue
            }
            if !all[i].isEmpty { focus = addressed.sorted() } else if legacyMentions { focus = [] }
            for t in targets {
                guard let def = BlockRegistry.definition(blocks[t].kind) else { continue }
                var p = blocks[t].properties
                let hit = def.read(s, &p, BlockReadContext(mentionsBlock: all[i].contains { $0.def.kind == def.kind }, addressed: addressed.contains(t)))
                blocks[t].properties = p
                if hit { it.used.insert(i) }
                if blocks[t].name == nil, let n = name(def, s) ?? s.text.capture("(?i)^\\W*name\\s*[:=]?\\s*" + NameReader.quoted), NameReader.valid(n) { blocks[t].name = Sourced(n, line: s.line); it.used.insert(i) }
            }
        }
        settle(blocks, into: &it)
    }

    /// Resolves `blocks` (defaults, implied parts, contradictions), adds the network they live
    /// in, drops the legacy components they supersede, and adds them to the spec's blocks.
    /// Shared by the rules' blocks and a model's (`ModelFill.merge`).
    static func settle(_ blocks: [BlockComponent], into it: inout Interpreter) {
        var blocks = blocks
        for k in blocks.indices {
            guard let def = BlockRegistry.definition(blocks[k].kind) else { continue }
            var diags: [Diagnostic] = []
            def.resolve(&blocks[k], &diags)
            for d in diags { if d.severity == .error { it.refusals.append(d) } else { it.diagnostics.append(d) } }
        }
        if blocks.contains(where: { $0.ownership == .create && BlockRegistry.definition($0.kind)?.needsNetwork == true }),
           !it.components.contains(where: { $0.kind == .network }) {
            var net = Component(kind: .network, id: "network", line: 0)
            net.set("private", .bool(true), line: 0)
            net.set("data", .bool(true), line: 0)
            it.components.insert(net, at: 0)
            if let first = blocks.first(where: { BlockRegistry.definition($0.kind)?.needsNetwork == true }) {
                it.diagnostics.append(Diagnostic(.info, line: first.line, "no VPC was named for the \(BlockRegistry.definition(first.kind)?.noun ?? first.kind); a new VPC with private subnets in two availability zones is created"))
            }
        }
        // A block that supersedes a legacy kind removes the legacy component it was mistaken for.
        for b in blocks where b.ownership == .create {
            guard let def = BlockRegistry.definition(b.kind) else { continue }
            it.components.removeAll { c in def.supersedes.contains(c.kind) && c.ownership == .create }
        }
        it.blocks += blocks
    }
}
