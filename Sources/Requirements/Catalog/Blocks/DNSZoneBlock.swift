import Foundation

/// Route 53 hosted zone (public, or private to a VPC) with the records the document lists:
/// A/AAAA/CNAME/MX/TXT/CAA/NS. A zone the document says already exists is looked up, never created.
enum DNSZoneBlock: BuildingBlock {
    struct Record: Codable, Sendable, Equatable {
        var name: String
        var type: String
        var values: [String]
        var ttl: Int
    }
    struct Properties: BlockProperties {
        var domain: Sourced<String>?
        var isPrivate: Sourced<Bool>?
        var records: [Record] = []
        var ttl: Sourced<Int>?
    }

    static let kind = "dnsZone"
    static let noun = "Route 53 hosted zone"
    static let repeatable = false
    static let lexicon = Lexicon(
        mention: "\\b(route ?53|hosted zones?|dns zones?|dns records?|dns|zone file|(mx|txt|caa|cname|spf|dmarc|dkim) records?)\\b",
        strong: "\\b(route ?53( (public|private))?( hosted)? zone|hosted zones?|dns zones?|(public|private|new) zone|(create|host|manage|set up)[^.;]{0,30}\\bdns\\b|dns (for|of) [a-z0-9.-]+\\.[a-z]{2,})\\b",
        exclude: "\\bdns (validation|resolution|hostnames|support|name of)\\b|\\bprivate dns\\b|\\bdns (for [a-z0-9.-]+ )?(is|are|lives|sits|stays|is hosted|is managed) (at|with|by|on|elsewhere)\\b(?! route ?53)",
        nameNoun: "zone")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_route53_zone", "aws_route53_record"],
        iamActions: ["route53:CreateHostedZone", "route53:DeleteHostedZone", "route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets", "route53:GetChange", "route53:ListTagsForResource", "route53:ChangeTagsForResource"],
        endpoints: ["route53"], pricedTypes: ["aws_route53_zone"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if p.domain == nil, let d = Values.domains(in: s.normalized).first(where: { !$0.hasPrefix("*.") }), context.mentionsBlock || s.says("\\b(domain|zone)\\b") {
            hit = p.domain.read(apex(d), line: s.line) || hit
        }
        if let priv = s.choice("\\b(private (hosted )?zone|internal zone|only (resolvable|visible) (inside|in|from) (the|our) vpc)\\b") { hit = p.isPrivate.read(priv, line: s.line) || hit }
        if s.says("\\bttl\\b"), let secs = Values.seconds(in: s.after("\\bttl\\b") ?? "") { hit = p.ttl.read(secs, line: s.line) || hit }
        // One record per statement: "MX 10 mail.example.com", "TXT `v=spf1 …`", a table row
        // "Name: www.example.com; Type: CNAME; TTL: 300; Value: example.com".
        let types = "(mx|txt|caa|cname|aaaa|spf|dmarc|dkim|a|ns)"
        let keyed = s.normalized.capture("\\btype\\s*:\\s*" + types + "\\b")
        if let found = keyed ?? s.normalized.capture("\\b" + types + "\\s+records?\\b") ?? s.normalized.capture("^\\W*" + types + "\\b(?!\\s*(?:is|are|was)\\b)") {
            var type = found.uppercased()
            var name = ""
            if type == "DMARC" { type = "TXT"; name = "_dmarc" }
            if type == "SPF" { type = "TXT" }
            if type == "DKIM" { type = "CNAME" }
            if let host = s.normalized.capture("\\bname\\s*:\\s*[`\"]?([a-z0-9_*@-]+(?:\\.[a-z0-9_-]+)*)") ?? s.normalized.capture("\\b(?:for|at)\\s+[`\"]?([a-z0-9_*-]+(?:\\.[a-z0-9_-]+)*)[`\"]?") { name = host }
            let valueText = s.text.capture("(?i)\\bvalues?(?:\\(s\\))?\\s*:\\s*([^;]+)") ?? s.text
            var values = valueText.matches("[`\"“]([^`\"”]+)[`\"”]").map { $0.groups[1] }
            if values.isEmpty {
                let plain = valueText.lowercased()
                switch type {
                case "MX": values = plain.matches("\\b(\\d{1,3})\\s+([a-z0-9.-]+\\.[a-z]{2,})\\b").map { "\($0.groups[1]) \($0.groups[2])" }
                case "A": values = plain.matches("\\b(\\d{1,3}(?:\\.\\d{1,3}){3})\\b").map { $0.groups[1] }
                case "AAAA": values = plain.matches("\\b([0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7})\\b").map { $0.groups[1] }
                case "CAA": values = Values.domains(in: plain).filter { !$0.hasSuffix(p.domain?.value ?? "#") }.map { "0 issue \"\($0)\"" }
                case "CNAME", "NS": values = keyed != nil ? Array(Values.domains(in: plain).suffix(1)) : Array(Values.domains(in: plain).filter { $0 != name && !name.hasSuffix($0) }.suffix(1))
                default: break
                }
            }
            if type == "CAA" { values = values.map { $0.has("^\\d+\\s+(issue|issuewild|iodef)") ? $0 : "0 issue \"\($0.replacingOccurrences(of: "\"", with: ""))\"" } }
            if type == "MX" { values = values.map { $0.has("^\\d+\\s") ? $0 : "10 \($0)" } }
            let ttl = s.normalized.capture("\\bttl\\s*:?\\s*(\\d+)").flatMap { Int($0) } ?? p.ttl?.value ?? 300
            if !values.isEmpty {
                if let d = p.domain?.value {
                    if name == d { name = "" } else if name.hasSuffix("." + d) { name = String(name.dropLast(d.count + 1)) }
                }
                if name == "@" { name = "" }
                // A later statement about the same record replaces the earlier one.
                if let i = p.records.firstIndex(where: { $0.name == name && $0.type == type }) { p.records[i].values = values; p.records[i].ttl = ttl }
                else { p.records.append(Record(name: name, type: type, values: values, ttl: ttl)) }
                hit = true
            }
        }
        return hit || context.mentionsBlock
    }

    /// "www.example.com" → "example.com" unless the zone is clearly a subdomain zone.
    static func apex(_ d: String) -> String {
        let parts = d.split(separator: ".")
        if parts.count > 2, ["www", "api", "app", "mail", "docs", "status", "auth", "login", "cdn"].contains(String(parts[0])), !(parts.suffix(2).first.map { ["co", "com", "org", "net", "ac"].contains(String($0)) } ?? false) {
            return parts.dropFirst().joined(separator: ".")
        }
        return d
    }

    /// The registrable domain: "api.shop.example.co.uk" → "example.co.uk", "a.b.example.com" → "example.com".
    static func registrable(_ d: String) -> String {
        let parts = d.split(separator: ".").map(String.init)
        guard parts.count > 2 else { return d }
        let secondLevel = ["co", "com", "org", "net", "ac", "gov", "edu"]
        let keep = secondLevel.contains(parts[parts.count - 2]) && parts.last!.count == 2 ? 3 : 2
        return parts.suffix(keep).joined(separator: ".")
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        let zoneID: HCLExpression
        guard let domain = c.properties.domain?.value ?? c.name?.value.lowercased() else { return }
        if c.ownership == .existing {
            // Looked up only when something is added to it; blocks that need it look it up themselves.
            guard !c.properties.records.isEmpty else { return }
            ctx.data("aws_route53_zone", c.id, [a("name", .string(domain)), a("private_zone", .bool(c.properties.isPrivate?.value ?? false))])
            zoneID = .reference("data.aws_route53_zone.\(c.id).zone_id")
        } else {
            var items: [HCLBodyItem?] = [a("name", .string(domain)), a("comment", .string("Managed by EZBuilt"))]
            if c.properties.isPrivate?.value == true { items.append(b("vpc", [a("vpc_id", ctx.vpcID)])) }
            ctx.resource("aws_route53_zone", c.id, items)
            zoneID = .reference("aws_route53_zone.\(c.id).zone_id")
        }
        ctx.zoneIDs[domain] = zoneID
        for r in c.properties.records {
            let rid = NameReader.identifier("\(c.id)_\(r.type)_\(r.name.isEmpty ? "apex" : r.name)").lowercased()
            ctx.resource("aws_route53_record", rid, [
                a("zone_id", zoneID), a("name", .string(r.name.isEmpty ? domain : r.name + "." + domain)), a("type", .string(r.type)),
                a("ttl", .int(r.ttl)), a("records", .strings(r.values)),
            ])
        }
    }
}
