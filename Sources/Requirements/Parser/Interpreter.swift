import Foundation

/// Turns statements into settings and components, recording which statements were used.
struct Interpreter {
    var statements: [Statement]
    var components: [Component] = []
    /// Components of registered building blocks.
    var blocks: [BlockComponent] = []
    var diagnostics: [Diagnostic] = []
    var used: Set<Int> = []
    var settings: Settings
    var refusals: [Diagnostic] = []
    /// Services outside the catalog that were asked for.
    var unsupportedAsks: [String] = []
    /// What a language model contributed (`ModelFill.merge`), nil on the rules-only path.
    var model: ModelContribution?
    /// Per statement: the kinds mentioned and how.
    var mentions: [[(kind: ComponentKind, offset: Int, length: Int, polarity: Polarity)]] = []

    /// Whether the document talks about DynamoDB at all ("the table" only means a table then).
    let mentionsDynamo: Bool

    init(statements: [Statement], defaultRegion: String) {
        self.statements = statements
        self.mentionsDynamo = statements.contains { $0.normalized.has("dynamo") }
        self.settings = Settings(region: Sourced(defaultRegion, line: 0))
    }

    mutating func run(model contribution: ModelContribution? = nil) {
        readSettings()
        let excluded = ExclusionReader.excluded(in: statements)
        settings.excluded = excluded.isEmpty ? nil : excluded
        refusals = RefusalReader.refusals(in: statements) + AskReader.questions(in: statements)
        findMentions()
        discoverComponents()
        routeDetails()
        referenceNamedByARN()
        BlockInterpreter.run(&self)
        if let contribution { ModelFill.merge(contribution, into: &self) }
        reportUnsupported()
        Resolver.resolve(&self)
        reportUnused()
    }

    // MARK: mentions

    mutating func findMentions() {
        mentions = statements.map { s in
            guard s.shape != .code else { return [] }
            var found: [(ComponentKind, Int, Int, Polarity)] = []
            for (kind, pattern) in KindRules.mention {
                for m in s.normalized.matches(pattern) {
                    if kind == .dynamodb && m.groups[0] == "the table" && !mentionsDynamo { continue }
                    // Instance profiles, DB instances and instance types are not instances.
                    if kind == .instance && s.normalized.has("^.{\(m.offset)}(instances? (profile|type|class|metadata|role|refresh|connect|store))") { continue }
                    if kind == .instance && s.normalized.has("(db|rds|database|aurora|cache) instances?") && m.groups[0].hasPrefix("instance") { continue }
                    found.append((kind, m.offset, m.groups[0].utf16.count, PolarityReader.polarity(of: s, offset: m.offset, length: m.groups[0].utf16.count)))
                }
            }
            return found.sorted { $0.1 < $1.1 }
        }
    }

    func strongMentions(_ kind: ComponentKind) -> [(index: Int, polarity: Polarity)] {
        guard let pattern = KindRules.strong[kind] else { return [] }
        var out: [(Int, Polarity)] = []
        for (i, s) in statements.enumerated() where s.shape != .code {
            // A key for flow logs or a log group belongs to the network block, which renders its own.
            if kind == .key && s.normalized.has("flow logs?|log group") { continue }
            for m in s.normalized.matches(pattern) {
                if kind == .dynamodb && m.groups[0] == "the table" && !mentionsDynamo { continue }
                if kind == .instance && (String(s.normalized.utf16.dropFirst(m.offset + m.groups[0].utf16.count)) ?? "").has("^\\s*(profiles?|types?|class|metadata|roles?|refresh)\\b") { continue }
                out.append((i, PolarityReader.polarity(of: s, offset: m.offset, length: m.groups[0].utf16.count)))
            }
            if s.shape == .heading || s.shape == .leadIn { continue }
        }
        return out
    }

    // MARK: discovery

    mutating func discoverComponents() {
        var created: [ComponentKind: Int] = [:]
        var existing: [ComponentKind: Int] = [:]
        for kind in ComponentKind.allCases {
            let strong = strongMentions(kind)
            if let first = strong.first(where: { $0.polarity == .create }) { created[kind] = first.index }
            let weakExisting: Set<ComponentKind> = [.network, .bucket, .queue, .topic, .dynamodb, .key, .instance]
            if let first = strong.first(where: { $0.polarity == .existing }) ?? mentionsFor(kind).first(where: { $0.polarity == .existing && weakExisting.contains(kind) }) {
                existing[kind] = first.index
            }
        }
        let docText = statements.map(\.normalized).joined(separator: "\n")
        // An existing VPC (named by id or called existing) means the network is not created.
        let defaultVPC = statements.contains { s in s.normalized.matches("\\bdefault vpc\\b").contains { PolarityReader.polarity(of: s, offset: $0.offset, length: 11) != .negated } }
        let existingVPC = docText.has("\\bvpc-[0-9a-f]{6,}\\b") || existing[.network] != nil || defaultVPC
        if defaultVPC && existing[.network] == nil { existing[.network] = statements.firstIndex { $0.normalized.has("\\bdefault vpc\\b") } }
        if existingVPC { created[.network] = nil; existing[.network] = existing[.network] ?? statements.firstIndex { $0.normalized.has("\\bvpc-[0-9a-f]{6,}") } }
        // A load balancer with an instance type or image and no other compute is a web tier; so
        // are instances given a range to scale in ("minimum 2 and maximum 6 instances").
        let scalingRange = "\\b(min(imum)?|at least)\\b[^.;]{0,30}\\b(and|,|/)[^.;]{0,10}\\b(max(imum)?|at most|up to)\\b[^.;]{0,20}\\b(instances|servers|vms|machines)\\b|\\bbetween \\d+ and \\d+ (instances|servers|vms|machines)\\b|\\b\\d+\\s*(-|–|to)\\s*\\d+ (instances|servers|vms|machines)\\b"
        if created[.webTier] == nil && created[.container] == nil && (created[.instance] == nil || docText.has(scalingRange) || existing[.instance] != nil) && created[.function] == nil,
           docText.has("\\b(load balancer|\\balb\\b)"),
           docText.has("\\b[a-z]\\d[a-z0-9]*\\.(nano|micro|small|medium|large|\\d*xlarge)\\b|\\bami-[0-9a-f]{8,}|\\bmin\\w*\\s*/\\s*max") || (existing[.instance] != nil && docText.has("\\bi-[0-9a-f]{8,}\\b")),
           let i = statements.firstIndex(where: { $0.normalized.has("\\b(load balancer|\\balb\\b)") && PolarityReader.polarity(of: $0, offset: 0, length: 0) != .negated }) {
            created[.webTier] = i
        }
        // Compute that scales is a web tier; instances mentioned with it are its servers.
        if created[.webTier] != nil && created[.container] != nil { created[.webTier] = nil }
        if created[.webTier] != nil || created[.container] != nil { created[.instance] = nil }
        // A static site owns its bucket.
        if created[.staticSite] != nil { created[.bucket] = nil }
        // An image registry mentioned with containers belongs to the service, but is still its own block.
        // A role only stands alone when nothing else runs code that would own it.
        if created[.role] != nil {
            let compute: [ComponentKind] = [.function, .container, .instance, .webTier]
            if compute.contains(where: { created[$0] != nil }) { created[.role] = nil }
        }
        // Kinds with an existing component are created only on an explicit new name or creation verb.
        for (kind, _) in existing where created[kind] != nil {
            let namedByARN = statements.flatMap { Values.arns(in: $0.text) }.filter { $0.service == Interpreter.arnService[kind] }.compactMap { $0.resourceName?.lowercased() }
            let existingNames = Set(statements.indices.filter { i in mentions[i].contains { $0.kind == kind && $0.polarity == .existing } }.compactMap { NameReader.name(for: kind, in: statements[$0])?.lowercased() } + namedByARN)
            let hasNewAsk = strongMentions(kind).contains { m in
                let s = statements[m.index]
                guard m.polarity == .create else { return false }
                if let n = NameReader.name(for: kind, in: s, strict: true), !existingNames.contains(n.lowercased()) { return true }
                return s.normalized.has("\\b(create|new|add|another|second|provision|set up|make|need|want)\\b[^.;,]{0,30}\\b(bucket|queue|table|topic|role|key|secret|instance|server|vm)")
                    && !s.normalized.has("\\b(the|that|this|same) (s3 )?(bucket|queue|table|topic|role|key|secret)\\b")
            }
            if !hasNewAsk { created[kind] = nil }
        }
        for kind in ComponentKind.allCases {
            if let index = existing[kind], [.network, .bucket, .queue, .topic, .dynamodb, .instance, .role, .key, .secret, .function].contains(kind) {
                var c = Component(kind: kind, id: kind.rawValue.lowercased() + "_existing", ownership: .existing, line: statements[index].line)
                if kind == .network { c.id = "network" }
                if let service = Interpreter.arnService[kind], let n = Values.arns(in: statements[index].text).first(where: { $0.service == service })?.resourceName {
                    c.name = Sourced(n, line: statements[index].line)
                }
                components.append(c)
                used.insert(index)
            }
            if let index = created[kind] {
                if kind == .database && docText.has("\\b(two|2|both) (databases|dbs|rds instances|postgres(ql)? (databases|instances))\\b|one for staging and one for prod") && docText.has("\\bstaging\\b") && docText.has("\\bprod(uction)?\\b") {
                    for env in ["staging", "prod"] {
                        var c = Component(kind: kind, id: "db_\(env)", line: statements[index].line)
                        c.set("environment", .string(env), line: statements[index].line)
                        components.append(c)
                    }
                } else {
                    components.append(Component(kind: kind, id: defaultID(kind), line: statements[index].line))
                }
                used.insert(index)
            }
        }
    }

    /// The ARN service of the kinds a document may name by ARN.
    static let arnService: [ComponentKind: String] = [
        .function: "lambda", .bucket: "s3", .queue: "sqs", .topic: "sns", .dynamodb: "dynamodb", .key: "kms", .secret: "secretsmanager",
        .role: "iam", .database: "rds", .fileSystem: "elasticfilesystem", .registry: "ecr",
    ]

    /// A resource the document names by ARN exists: a component with that name is referenced,
    /// never created, wherever else the document mentions it.
    mutating func referenceNamedByARN() {
        var named: Set<String> = []
        for s in statements { for arn in Values.arns(in: s.text) { if let n = arn.resourceName { named.insert(arn.service + "|" + n.lowercased()) } } }
        guard !named.isEmpty else { return }
        for k in components.indices where components[k].ownership == .create {
            guard let service = Interpreter.arnService[components[k].kind], let n = components[k].name?.value.lowercased(), named.contains(service + "|" + n) else { continue }
            components[k].ownership = .existing
        }
    }

    func mentionsFor(_ kind: ComponentKind) -> [(index: Int, polarity: Polarity)] {
        var out: [(Int, Polarity)] = []
        for (i, list) in mentions.enumerated() { for m in list where m.kind == kind { out.append((i, m.polarity)) } }
        return out
    }

    func defaultID(_ kind: ComponentKind) -> String {
        switch kind {
        case .staticSite: return "site"
        case .webTier: return "web"
        case .database: return "db"
        case .fileSystem: return "efs"
        case .httpApi: return "api"
        case .container: return "app"
        default: return kind.rawValue.lowercased()
        }
    }

    // MARK: routing

    /// Indices of components of a kind, created first.
    func indices(_ kind: ComponentKind) -> [Int] {
        components.indices.filter { components[$0].kind == kind }.sorted { (components[$0].ownership == .create ? 0 : 1) < (components[$1].ownership == .create ? 0 : 1) }
    }

    mutating func routeDetails() {
        var focus: [Int] = []
        var recent: [Int] = []
        var unrouted: [Int] = []
        defer {
            // Details given before anything was named belong to the document's main subject.
            if let main = components.indices.filter({ components[$0].ownership == .create }).min(by: { components[$0].line < components[$1].line }) {
                for i in unrouted where Extractors.extract(into: &components[main], from: statements[i], index: i, interpreter: self) { used.insert(i) }
            }
        }
        for (i, s) in statements.enumerated() where s.shape != .code {
            var targets: [Int] = []
            var pronoun = false
            var seen = Set<ComponentKind>()
            for m in mentions[i] where m.polarity != .negated && !seen.contains(m.kind) {
                seen.insert(m.kind)
                targets += pick(m.kind, statement: s, polarity: m.polarity)
            }
            if mentions[i].allSatisfy({ $0.kind != .database }), indices(.database).count > 1, let envs = environmentsOf(indices(.database)) {
                let staging = s.normalized.has("\\bstaging\\b"), prod = s.normalized.has("\\b(prod|production)\\b")
                if staging != prod { targets.append(envs[staging ? "staging" : "prod"]!); focus = targets }
            }
            if targets.isEmpty {
                // Details under a heading or lead-in go to what that heading named.
                for part in s.context.reversed() {
                    let n = Quantities.normalizeNumbers(part.lowercased())
                    for (kind, pattern) in KindRules.mention where n.has(pattern) {
                        targets += indices(substitute(kind)).prefix(1)
                    }
                    if !targets.isEmpty { break }
                }
                if targets.isEmpty && s.shape != .heading { targets = focus }
            } else if s.shape != .heading && s.shape != .leadIn && s.normalized.has("^\\W*(it|this|they|these|its|their|the function|the lambda|the service)\\b") {
                // A pronoun continues the subject of the previous statement.
                targets += focus
                pronoun = true
            } else if s.shape != .heading && s.shape != .leadIn && !targets.contains(where: { components[$0].ownership == .create }) {
                // Only incidental mentions of existing things: the statement still continues the topic at hand.
                targets += focus
            } else if s.shape == .heading || s.shape == .leadIn || s.shape == .tableRow || s.shape == .bullet {
                focus = Array(targets.filter { components[$0].ownership == .create }.prefix(1))
                if focus.isEmpty { focus = Array(targets.prefix(1)) }
            }
            if !mentions[i].isEmpty || !targets.isEmpty { if s.shape == .heading || s.shape == .leadIn { used.insert(i) } }
            if s.shape != .heading && s.shape != .leadIn && !mentions[i].isEmpty && !targets.isEmpty && !pronoun {
                // The subject is the first created thing the statement names.
                focus = Array(targets.filter { components[$0].ownership == .create }.prefix(1))
                if focus.isEmpty { focus = Array(targets.prefix(1)) }
            }
            // Each statement naming a metric under an alarm is its own alarm.
            if s.shape != .heading && s.shape != .leadIn && Reader.mentionsMetric(s), let last = targets.first(where: { components[$0].kind == .alarm }) ?? indices(.alarm).last {
                targets = targets.filter { components[$0].kind != .alarm }
                if components[last].string("metric") != nil {
                    components.append(Component(kind: .alarm, id: uniqueID("alarm"), line: s.line))
                    targets.append(components.count - 1)
                } else {
                    targets.append(last)
                }
                focus = targets
            }
            // Several names of one repeatable kind in one statement: each gets the words after it.
            var segmented: Set<Int> = []
            for kind in KindRules.multiple.sorted() where kind != .alarm && mentions[i].contains(where: { $0.kind == kind && $0.polarity == .create }) {
                let named = s.text.matches(NameReader.quoted).filter { m in
                    let before = String(s.text.utf16.prefix(m.offset).suffix(28)).map { String($0) } ?? ""
                    return NameReader.valid(m.groups[1]) && !m.groups[1].contains("/") && NameReader.nearestKind(before: m.offset, in: s) == kind
                        && !before.has("(attribute|equals?|equal to|=|value|prefix|handler|runtime|description|header|origin|path|under|key|index|gsi|column|field|alias|\\(s\\)|\\(n\\))\\W*$")
                }
                guard named.count >= 2 else { continue }
                let ns = s.text as NSString
                for (k, m) in named.enumerated() {
                    let end = k + 1 < named.count ? named[k + 1].offset : ns.length
                    let segment = ns.substring(with: NSRange(location: m.offset, length: end - m.offset))
                    let name = m.groups[1]
                    var idx = components.firstIndex { $0.kind == kind && $0.name?.value.lowercased() == name.lowercased() }
                    if idx == nil, let unnamed = indices(kind).first(where: { components[$0].ownership == .create && components[$0].name == nil }) {
                        components[unnamed].name = Sourced(name, line: s.line); idx = unnamed
                    }
                    if idx == nil {
                        components.append(Component(kind: kind, id: uniqueID(NameReader.identifier(name)), name: Sourced(name, line: s.line), line: s.line))
                        idx = components.count - 1
                    }
                    let piece = Statement(line: s.line, text: segment, shape: s.shape, context: s.context,
                                          normalized: Quantities.normalizeNumbers(DocumentReader.plainQuotes(segment).lowercased()), normalizedContext: s.normalizedContext)
                    _ = Extractors.extract(into: &components[idx!], from: piece, index: i, interpreter: self)
                    segmented.insert(idx!)
                }
                used.insert(i)
            }
            // A distinctive first word of a name ("warehouse" for warehouse-order-created) points at that component.
            // (Not alarms: each line naming a metric is an alarm of its own, named after what it watches.)
            for (k, comp) in components.enumerated() where KindRules.multiple.contains(comp.kind) && comp.kind != .alarm && !targets.contains(k) {
                guard let first = comp.name?.value.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).first, first.count >= 3 else { continue }
                let sharing = components.filter { $0.kind == comp.kind && $0.name?.value.lowercased().hasPrefix(String(first)) == true }.count
                if sharing == 1 && s.normalized.has("\\b" + NSRegularExpression.escapedPattern(for: String(first)) + "\\b") && !s.normalized.has(NSRegularExpression.escapedPattern(for: comp.name!.value.lowercased())) {
                    targets = targets.filter { components[$0].kind != comp.kind } + [k]
                }
            }
            targets = targets.filter { !segmented.contains($0) }
            if targets.isEmpty && s.shape != .heading && s.shape != .leadIn { unrouted.append(i) }
            var hit = false
            for t in Array(Set(targets)).sorted() {
                if Extractors.extract(into: &components[t], from: s, index: i, interpreter: self) { hit = true }
            }
            // Nothing fitted the subject: try the other things the previous statement named.
            if !hit && mentions[i].isEmpty {
                for t in recent where !targets.contains(t) {
                    if Extractors.extract(into: &components[t], from: s, index: i, interpreter: self) { hit = true; break }
                }
            }
            if !mentions[i].isEmpty && !targets.isEmpty { recent = targets }
            if hit { used.insert(i) }
            if mentions[i].contains(where: { $0.polarity == .negated || $0.polarity == .existing || $0.polarity == .context }) { used.insert(i) }
        }
    }

    /// The component a mention of `kind` in this statement refers to, creating another one
    /// when the statement names a new one of a kind that may repeat.
    mutating func pick(_ requested: ComponentKind, statement s: Statement, polarity: Polarity) -> [Int] {
        let kind = substitute(requested)
        let existing = indices(kind)
        if existing.isEmpty { return [] }
        if kind == .database, existing.count > 1, let envs = environmentsOf(existing) {
            let staging = s.normalized.has("\\bstaging\\b"), prod = s.normalized.has("\\b(prod|production)\\b")
            if staging != prod { return [envs[staging ? "staging" : "prod"]!] }
            return staging || s.normalized.has("\\b(both|neither|each|all|every)\\b") ? existing : []
        }
        let plural: [ComponentKind: String] = [.queue: "queues", .bucket: "buckets", .topic: "topics", .function: "(functions|lambdas)", .dynamodb: "tables", .secret: "secrets", .alarm: "alarms"]
        if existing.count > 1, (s.normalized.has("\\b(both|all|each|every) (of the )?(\\w+ )?" + (KindRules.nameNoun[kind] ?? kind.rawValue))
            || (plural[kind].map { s.normalized.has("^\\W*(the )?(\\w+ )?" + $0 + "\\b") } ?? false)) {
            return existing.filter { components[$0].ownership == .create }
        }
        let name = NameReader.name(for: kind, in: s)
        if let name {
            if let match = existing.first(where: { components[$0].name?.value.lowercased() == name.lowercased() || components[$0].string("dlqName") == name }) { return [match] }
            if polarity == .existing || (components[existing[0]].ownership == .existing && polarity != .create) {
                if let unnamed = existing.first(where: { components[$0].ownership == .existing && components[$0].name == nil }) {
                    components[unnamed].name = Sourced(name, line: s.line)
                    return [unnamed]
                }
                if KindRules.multiple.contains(kind) || kind == .instance {
                    var c = Component(kind: kind, id: uniqueID(kind.rawValue.lowercased() + "_existing"), name: Sourced(name, line: s.line), ownership: .existing, line: s.line)
                    c.properties = [:]
                    components.append(c)
                    return [components.count - 1]
                }
            }
            if let unnamed = existing.first(where: { components[$0].ownership == .create && components[$0].name == nil }) {
                components[unnamed].name = Sourced(name, line: s.line)
                return [unnamed]
            }
            if KindRules.multiple.contains(kind) && polarity == .create && NameReader.name(for: kind, in: s, strict: true) != nil {
                let base = components[existing.first(where: { components[$0].ownership == .create }) ?? existing[0]]
                let c = Component(kind: kind, id: uniqueID(NameReader.identifier(name)), name: Sourced(name, line: s.line), ownership: base.ownership, line: s.line)
                components.append(c)
                return [components.count - 1]
            }
        }
        if polarity == .existing, let e = existing.first(where: { components[$0].ownership == .existing }) { return [e] }
        // Most recently named component of that kind wins for repeated kinds.
        return [existing.first(where: { components[$0].ownership == .create }) ?? existing[0]]
    }

    /// Load balancer words go to the container service when there is no web tier; server words
    /// go to the web tier when there are no standalone instances.
    func substitute(_ kind: ComponentKind) -> ComponentKind {
        if kind == .webTier && indices(.webTier).isEmpty && !indices(.container).isEmpty { return .container }
        if kind == .instance && indices(.instance).isEmpty && !indices(.webTier).isEmpty { return .webTier }
        return kind
    }

    /// Databases split by environment, keyed "staging" and "prod".
    func environmentsOf(_ list: [Int]) -> [String: Int]? {
        var out: [String: Int] = [:]
        for i in list { if let e = components[i].string("environment") { out[e] = i } }
        return out.count == list.count ? out : nil
    }

    func uniqueID(_ base: String) -> String {
        var id = base.isEmpty ? "main" : base
        var n = 2
        while components.contains(where: { $0.id == id }) { id = base + "_\(n)"; n += 1 }
        return id
    }

    // MARK: settings

    mutating func readSettings() {
        for (i, s) in statements.enumerated() where s.shape != .code {
            let t = s.normalized
            if settings.region.line == 0 {
                if let r = t.capture("\\b((?:us|eu|ap|ca|sa|me|af|il|mx)-(?:north|south|east|west|central|northeast|southeast|southwest|northwest)-\\d)(?![\\da-z])"), !t.has("arn:aws:[a-z0-9-]+:" + r) || t.has("\\bregion") {
                    settings.region = Sourced(r, line: s.line); used.insert(i)
                } else if t.has("\\b(region|we're in|we are in|based in|running in|all in|lives? in|hosted in|host (it|them|everything) in|located in|keep (things|everything|it|them) in|deploy(ed)? (it |everything )?(in|to)|everything (else )?(should )?(live|be) in)\\b"), let r = RegionNames.region(in: t) {
                    settings.region = Sourced(r, line: s.line); used.insert(i)
                }
            } else if t.has("\\bregion\\b") && t.has("\\b((?:us|eu|ap|ca|sa|me|af)-[a-z]+-\\d)(?![\\da-z])") { used.insert(i) }
            let tagContext = t.has("\\btag(s|ged|ging)?\\b") || s.normalizedContext.has("\\btag(s|ging)?\\b")
            if tagContext {
                for m in s.text.matches("`?([A-Za-z][A-Za-z0-9_.:/-]*)`?\\s*=\\s*`?([A-Za-z0-9_.:/@+-]+)`?") {
                    let key = m.groups[1]
                    var value = m.groups[2]
                    while let last = value.last, ".:/,".contains(last) { value.removeLast() }
                    guard !value.isEmpty else { continue }
                    if key.lowercased() == "name" { continue }
                    settings.tags[key] = Sourced(value, line: s.line)
                    used.insert(i)
                }
            }
            if let m = s.text.match("(?i)\\b(?:env|environment)\\s*[:=]\\s*`?([A-Za-z0-9-]+)") , settings.environment == nil {
                settings.environment = Sourced(m[1].lowercased(), line: s.line)
                if s.text.has("(?i)^\\s*(env|environment)\\s*:") { used.insert(i) }
            }
            if let m = s.text.match("(?i)prefix (?:all |every )?(?:resource |\\w+ )?names? with [`\"“']?([A-Za-z0-9-]+)") {
                settings.namePrefix = Sourced(m[1], line: s.line); used.insert(i)
            }
        }
        if settings.environment == nil {
            let all = statements.map(\.normalized).joined(separator: " ")
            let prod = all.has("\\b(prod|production)\\b"), staging = all.has("\\bstaging\\b"), test = all.has("\\b(qa|test environment|dev environment|development)\\b")
            if prod && !staging && !test, let line = statements.first(where: { $0.normalized.has("\\b(prod|production)\\b") })?.line {
                settings.environment = Sourced("prod", line: line)
            } else if test && !prod, let line = statements.first(where: { $0.normalized.has("\\b(qa|test environment|dev environment|development)\\b") })?.line {
                settings.environment = Sourced(all.has("\\bqa\\b") ? "qa" : "dev", line: line)
            }
        }
    }

    // MARK: report

    /// Services outside the catalog (the registered blocks cover the rest).
    static let unsupported: [(String, String)] = [
        ("\\b(eks|kubernetes|k8s)\\b", "EKS / Kubernetes"), ("\\b(msk|kafka)\\b", "MSK / Kafka"),
        ("\\bsagemaker\\b", "SageMaker"), ("\\bemr\\b", "EMR"), ("\\b(documentdb|docdb)\\b", "DocumentDB"), ("\\bneptune\\b", "Neptune"), ("\\bmemorydb\\b", "MemoryDB"),
        ("\\bfsx\\b", "FSx"), ("\\btransit gateway\\b", "Transit Gateway"), ("\\b(site-to-site vpn|client vpn|direct connect)\\b", "VPN / Direct Connect"),
        ("\\b(lightsail|elastic beanstalk|beanstalk)\\b", "Lightsail / Beanstalk"),
    ]

    /// Services outside the catalog that the document asks for are reported, never silently dropped.
    mutating func reportUnsupported() {
        for (i, s) in statements.enumerated() where s.shape != .code && s.shape != .heading {
            for (pattern, name) in Interpreter.unsupported {
                guard let m = s.normalized.matches(pattern).first else { continue }
                let polarity = PolarityReader.polarity(of: s, offset: m.offset, length: m.groups[0].utf16.count)
                guard polarity == .create else { used.insert(i); continue }
                diagnostics.append(Diagnostic(.warning, line: s.line, "not supported by the embedded generator: \(name); nothing is generated for it"))
                unsupportedAsks.append(name)
                used.insert(i)
            }
        }
    }

    mutating func reportUnused() {
        for (i, s) in statements.enumerated() where !used.contains(i) {
            if s.shape == .heading || s.shape == .leadIn { continue }
            if s.shape == .code { continue }
            // Pleasantries and sign-offs carry no requirement.
            if s.normalized.has("^\\W*(hi|hello|hey|dear|thanks|thank you|many thanks|cheers|regards|best|kind regards|br|greetings)\\b[^.]{0,30}[,.!]?\\s*$") || s.text.has("^[A-Z][a-z]+\\.?$") { continue }
            // Secret values are set outside Terraform by design.
            if s.normalized.has("not in terraform|outside (of )?terraform|by hand|in the console|manually") && components.contains(where: { $0.kind == .secret }) { continue }
            // Things the document rules out are understood: nothing is built for them.
            if s.normalizedContext.has(PolarityReader.negatedSection) || s.normalized.has("^\\W*(also )?(no|not|never|without|we do not|we don't|don't|do not|nothing)\\b|\\b(overkill|too expensive|out of scope|not in scope|phase 2|later phase|next quarter|comes later|not needed|isn't needed|no need)\\b") {
                continue
            }
            let clean = AskReader.redact(s.text)
            let text = clean.count > 120 ? String(clean.prefix(117)) + "..." : clean
            diagnostics.append(Diagnostic(.warning, line: s.line, "not understood: \"\(text)\""))
        }
    }
}

/// Region names people use instead of codes.
enum RegionNames {
    static let names: [(String, String)] = [
        ("n(orth)?\\.? virginia", "us-east-1"), ("ohio", "us-east-2"), ("n(orth)?\\.? california", "us-west-1"), ("oregon", "us-west-2"),
        ("ireland|dublin", "eu-west-1"), ("london", "eu-west-2"), ("paris", "eu-west-3"), ("frankfurt", "eu-central-1"),
        ("stockholm", "eu-north-1"), ("milan|milano", "eu-south-1"), ("zurich", "eu-central-2"), ("spain", "eu-south-2"),
        ("mumbai", "ap-south-1"), ("tokyo", "ap-northeast-1"), ("seoul", "ap-northeast-2"), ("osaka", "ap-northeast-3"),
        ("singapore", "ap-southeast-1"), ("sydney", "ap-southeast-2"), ("jakarta", "ap-southeast-3"), ("melbourne", "ap-southeast-4"),
        ("hong kong", "ap-east-1"), ("canada|montreal", "ca-central-1"), ("s(a|ã)o paulo", "sa-east-1"), ("bahrain", "me-south-1"),
        ("uae", "me-central-1"), ("cape town", "af-south-1"), ("tel aviv", "il-central-1"),
    ]

    static func region(in text: String) -> String? {
        for (pattern, code) in names where text.has("\\b(" + pattern + ")\\b") { return code }
        return nil
    }
}
