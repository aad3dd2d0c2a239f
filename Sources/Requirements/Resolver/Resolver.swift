import Foundation

/// Links components together and fills in what the document implies: a network for things
/// that need one, a topic for alarms, sizes from vCPU and memory, valid names.
enum Resolver {
    static func resolve(_ it: inout Interpreter) {
        var comps = it.components
        var diags: [Diagnostic] = []
        func has(_ k: ComponentKind) -> Bool { comps.contains { $0.kind == k && $0.ownership == .create } }

        // A database, cache, file system, servers or containers need a network.
        let needsNetwork: [ComponentKind] = [.database, .webTier, .cache, .container, .fileSystem, .instance]
        if !comps.contains(where: { $0.kind == .network }), let first = comps.first(where: { needsNetwork.contains($0.kind) && $0.ownership == .create }) {
            var net = Component(kind: .network, id: "network", line: 0)
            net.set("private", .bool(true), line: 0)
            if has(.webTier) || has(.container) { net.set("public", .bool(true), line: 0); net.set("nat", .string("single"), line: 0) }
            if has(.database) || has(.cache) { net.set("data", .bool(true), line: 0) }
            comps.insert(net, at: 0)
            diags.append(Diagnostic(.info, line: first.line, "no VPC was named for the \(first.kind.noun); a new VPC with private subnets in two availability zones is created"))
        }
        // A network the document asked for still needs the tiers its contents imply.
        if let n = comps.firstIndex(where: { $0.kind == .network && $0.ownership == .create }) {
            let line = comps[n].line
            let fronted = comps.contains { ($0.kind == .webTier || $0.kind == .container) && $0.ownership == .create && $0.bool("internal") != true && $0.bool("noLoadBalancer") != true }
            if fronted && comps[n].bool("public") == nil { comps[n].set("public", .bool(true), line: line) }
            if comps.contains(where: { [.database, .cache, .webTier, .container, .instance, .fileSystem].contains($0.kind) && $0.ownership == .create }) && comps[n].bool("private") == nil {
                comps[n].set("private", .bool(true), line: line)
            }
            if comps[n].bool("public") == true && comps[n].bool("private") == true && comps[n].string("nat") == nil && (has(.container) || has(.webTier)) {
                comps[n].set("nat", .string("single"), line: line)
            }
        }
        // A customer-managed key asked for in the document encrypts the data stores that did not say otherwise.
        if comps.contains(where: { $0.kind == .key && $0.ownership == .create }) {
            for i in comps.indices where [.bucket, .queue, .dynamodb].contains(comps[i].kind) && comps[i].ownership == .create && comps[i].string("encryption") == nil {
                comps[i].set("encryption", .string("kms"), line: comps.first { $0.kind == .key }?.line ?? 0)
            }
        }
        // "Failures go to a dead-letter queue" with no main queue: the queue is the function's failure destination.
        if let f = comps.firstIndex(where: { $0.kind == .function && $0.bool("failureQueue") == true }),
           let q = comps.firstIndex(where: { $0.kind == .queue && $0.ownership == .create && $0.bool("dlq") == true && $0.name == nil && $0.bool("sqsTrigger") != true }),
           !comps.contains(where: { $0.kind == .function && $0.bool("sqsTrigger") == true }) {
            let line = comps[q].properties["dlq"]?.line ?? comps[q].line
            if let n = comps[q].string("dlqName") { comps[q].name = Sourced(n, line: line) }
            if let r = comps[q].int("dlqRetentionDays") { comps[q].set("retentionSeconds", .int(r * 86400), line: line) }
            comps[q].set("dlq", .bool(false), line: line)
            _ = f
        }
        // "read access: existing role `x`" next to a single secret grants that role read access to it.
        if let sIndex = comps.indices.first(where: { comps[$0].kind == .secret && comps[$0].ownership == .create }), comps[sIndex].strings("readers").isEmpty,
           comps.filter({ $0.kind == .secret && $0.ownership == .create }).count == 1 {
            for (i, s) in it.statements.enumerated() where s.normalized.has("\\bread") && s.normalized.has("\\brole\\b") {
                if let role = s.text.capture("(?i)role\\s*[`\"“]([^`\"”]+)[`\"”]") {
                    comps[sIndex].set("readers", .strings([role]), line: s.line)
                    it.used.insert(i)
                    break
                }
            }
        }
        // Alarms notify through a topic.
        if has(.alarm) && !comps.contains(where: { $0.kind == .topic }) {
            comps.append(Component(kind: .topic, id: "alerts", line: comps.first { $0.kind == .alarm }?.line ?? 0))
        }
        let docText = it.statements.map(\.normalized).joined(separator: "\n")
        // Emails anywhere near alerting go to the notification topic.
        if let t = comps.firstIndex(where: { $0.kind == .topic && $0.ownership == .create }), comps[t].strings("emails").isEmpty {
            for (i, s) in it.statements.enumerated() where s.normalized.has("e-?mail|on-?call|notif|alert|alarm|page") {
                let emails = s.text.matches("([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})").map { $0.groups[1] }
                guard !emails.isEmpty else { continue }
                comps[t].set("emails", .strings(emails), line: s.line)
                it.used.insert(i)
                break
            }
        }
        // Identifiers stated once in a table or list belong to the only component that can use them.
        let compute = comps.indices.filter { [.webTier, .instance].contains(comps[$0].kind) && comps[$0].ownership == .create }
        if compute.count == 1, comps[compute[0]].string("ami") == nil,
           let s = it.statements.first(where: { $0.text.has("\\bami-[0-9a-f]{8,}") }), let ami = s.text.capture("\\b(ami-[0-9a-f]{8,})\\b") {
            comps[compute[0]].set("ami", .string(ami), line: s.line)
            if let i = it.statements.firstIndex(of: s) { it.used.insert(i) }
        }
        // A load balancer for servers that already run (named by instance id) registers them as
        // its targets instead of launching servers of its own.
        if compute.count == 1, comps[compute[0]].kind == .webTier, comps.contains(where: { $0.kind == .instance && $0.ownership == .existing }),
           comps[compute[0]].string("ami") == nil, comps[compute[0]].string("instanceType") == nil {
            let ids = it.statements.flatMap { Values.ids("i", in: $0.text) }
            var unique: [String] = []
            for id in ids where !unique.contains(id) { unique.append(id) }
            if !unique.isEmpty { comps[compute[0]].set("targetInstances", .strings(unique), line: it.statements.first { !Values.ids("i", in: $0.text).isEmpty }?.line ?? 0) }
        }
        let fronted = comps.indices.filter { [.webTier, .container].contains(comps[$0].kind) && comps[$0].ownership == .create }
        if fronted.count == 1, comps[fronted[0]].string("certificateArn") == nil,
           let s = it.statements.first(where: { $0.text.has("arn:aws:acm:") }), let arn = s.text.capture("(arn:aws:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+)") {
            comps[fronted[0]].set("certificateArn", .string(arn), line: s.line)
            if let i = it.statements.firstIndex(of: s) { it.used.insert(i) }
        }
        for i in comps.indices {
            var c = comps[i]
            switch c.kind {
            case .database:
                if c.string("aurora") != nil && docText.has("(not|no|instead of)[^.]{0,20}aurora|(?<!\\bnot )(?<!\\bno )\\bplain (rds|postgres|mysql)|aurora is (more|overkill|too)|not aurora") {
                    c.properties["aurora"] = nil
                }
                if let conflict = c.string("conflict") {
                    it.refusals.append(Diagnostic(.error, line: c.properties["conflict"]?.line ?? c.line, "refused: conflicting sizes for one database: \(conflict); say which one you want"))
                }
                if c.string("instanceClass") == nil {
                    let vcpu = Double(c.string("vcpu") ?? "") ?? 2, mem = Double(c.string("memoryGb") ?? "") ?? 1
                    let cls = Sizing.databaseClass(vcpu: vcpu, memoryGiB: mem, burstable: c.bool("noBurstable") != true) ?? "db.m7g.large"
                    c.set("instanceClass", .string(cls), line: c.properties["vcpu"]?.line ?? 0)
                    if c.string("vcpu") != nil { diags.append(Diagnostic(.info, line: c.properties["vcpu"]?.line ?? c.line, "\(c.string("vcpu")!) vCPU / \(Resolver.number(c.string("memoryGb"))) GB fits \(cls), the smallest current class that does")) }
                }
            case .instance, .webTier:
                if c.string("instanceType") == nil && c.ownership == .create {
                    let vcpu = Double(c.string("vcpu") ?? "") ?? 2, mem = Double(c.string("memoryGb") ?? "") ?? 1
                    let type = Sizing.instanceType(vcpu: vcpu, memoryGiB: mem, arm: c.string("arch") == "arm64", burstable: true) ?? "m7i.large"
                    c.set("instanceType", .string(type), line: c.properties["vcpu"]?.line ?? 0)
                    if c.string("vcpu") != nil { diags.append(Diagnostic(.info, line: c.properties["vcpu"]?.line ?? c.line, "\(c.string("vcpu")!) vCPU / \(Resolver.number(c.string("memoryGb"))) GB fits \(type), the smallest current instance type that does")) }
                }
            default: break
            }
            if let name = c.name, c.ownership == .create, name.value.has("<[A-Za-z_]+>|\\{[A-Za-z_]+\\}") {
                // "orders-<env>": one name per environment; this stack is the document's environment.
                let env = it.settings.environment?.value ?? "prod"
                c.name = Sourced(name.value.replacing("\\$?(<[A-Za-z_]+>|\\{[A-Za-z_]+\\})", with: env), line: name.line)
                diags.append(Diagnostic(.info, line: name.line, "\"\(name.value)\" names one resource per environment; this stack uses \"\(c.name!.value)\""))
            }
            if let name = c.name, c.ownership == .create {
                let clean = AWSNames.sanitize(name.value, for: c.kind)
                if clean.lowercased() != name.value.lowercased() {
                    // Taking part of a name silently builds something nobody asked for: ask instead.
                    c.name = Sourced(clean, line: name.line)  // the spec never carries the unusable name
                    it.refusals.append(Diagnostic(.error, line: name.line, "refused: \"\(name.value)\" is not a valid name for a \(c.kind.noun) (\(AWSNames.rule(for: c.kind))); give a name that follows the rule"))
                } else if clean != name.value {
                    diags.append(Diagnostic(.warning, line: name.line, "name \"\(name.value)\" is not valid for a \(c.kind.noun); using \"\(clean)\""))
                    c.name = Sourced(clean, line: name.line)
                }
            }
            comps[i] = c
        }
        // Values AWS cannot take, and settings that contradict each other, refuse on their lines.
        it.refusals += Limits.violations(in: comps)
        // Give every component a unique, stable Terraform identifier.
        var seen: Set<String> = []
        for i in comps.indices {
            var base = comps[i].id
            if comps[i].ownership == .create, let n = comps[i].name?.value, [.queue, .function, .bucket, .topic, .secret, .dynamodb, .alarm].contains(comps[i].kind) {
                base = NameReader.identifier(n)
            }
            var id = base, n = 2
            while seen.contains(id) { id = "\(base)_\(n)"; n += 1 }
            seen.insert(id)
            comps[i].id = id
        }
        it.components = comps
        it.diagnostics += diags
    }
}

extension Resolver {
    /// "4.0" → "4", "0.5" stays.
    static func number(_ s: String?) -> String {
        guard let s, let d = Double(s) else { return "?" }
        return d == d.rounded() ? String(Int(d)) : String(d)
    }
}

/// AWS naming rules per kind.
public enum AWSNames {
    /// Makes a name valid for the kind: lowercase DNS-style for buckets, letters/digits/hyphens elsewhere.
    /// The naming rule of a kind, in words, for refusals.
    static func rule(for kind: ComponentKind) -> String {
        switch kind {
        case .bucket, .staticSite: return "S3 bucket names are 3-63 lowercase letters, digits, dots and hyphens"
        case .database, .cache: return "identifiers are up to 63 letters, digits and hyphens, starting with a letter"
        case .queue, .topic: return "names are up to 80 letters, digits, hyphens and underscores (.fifo at the end for FIFO)"
        case .secret: return "names are up to 512 letters, digits and /_+=.@-"
        case .registry: return "repository names are lowercase letters, digits and -_/."
        default: return "names are letters, digits, hyphens and underscores"
        }
    }

    public static func sanitize(_ name: String, for kind: ComponentKind) -> String {
        var allowed: (Character) -> Bool = { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "-" || $0 == "_" }
        var lower = false
        var maxLength = 64
        switch kind {
        case .bucket, .staticSite: allowed = { ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") && $0.isASCII }; lower = true; maxLength = 63
        case .secret: allowed = { ($0.isLetter || $0.isNumber || "/_+=.@-".contains($0)) && $0.isASCII }; maxLength = 512
        case .alarm: allowed = { ($0.isLetter || $0.isNumber || "-_. ".contains($0)) && $0.isASCII }; maxLength = 255
        case .queue, .topic: allowed = { ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") && $0.isASCII }; maxLength = 80
        case .database, .cache: allowed = { ($0.isLetter || $0.isNumber || $0 == "-") && $0.isASCII }; lower = true; maxLength = 63
        case .registry: allowed = { ($0.isLowercase || $0.isNumber || "-_/.".contains($0)) && $0.isASCII }; lower = true; maxLength = 256
        case .role: allowed = { ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) && $0.isASCII }
        case .dynamodb: allowed = { ($0.isLetter || $0.isNumber || "_.-".contains($0)) && $0.isASCII }; maxLength = 255
        default: break
        }
        var out = ""
        for ch in (lower ? name.lowercased() : name) {
            if allowed(ch) { out.append(ch) } else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.contains("..") || out.contains("-.") || out.contains(".-") {
            out = out.replacingOccurrences(of: "..", with: ".").replacingOccurrences(of: "-.", with: "-").replacingOccurrences(of: ".-", with: "-")
        }
        while out.hasPrefix("-") || out.hasPrefix(".") { out.removeFirst() }
        while out.hasSuffix("-") || out.hasSuffix(".") { out.removeLast() }
        if out.isEmpty { out = "ezbuilt" }
        return String(out.prefix(maxLength))
    }
}
