import Foundation

/// Rendering helpers shared by registered blocks.
extension RenderContext {
    /// The AWS name of a block instance: the document's name, else the stack's base name and a suffix.
    func blockName<P>(_ c: BlockInstance<P>, _ suffix: String) -> String {
        if let n = c.name?.value { return n }
        return baseName + "-" + suffix
    }

    /// Registered-block components of a kind.
    func blockComponents(_ kind: String) -> [BlockComponent] { spec.blocks.filter { $0.kind == kind } }

    /// A hosted zone id for a domain: the stack's own zone when it has one for that domain or a
    /// parent of it, else a lookup of the existing public zone (never a new zone).
    mutating func zoneID(for domain: String) -> HCLExpression {
        for (zone, id) in zoneIDs where domain == zone || domain.hasSuffix("." + zone) { return id }
        let apex = DNSZoneBlock.registrable(domain.hasPrefix("*.") ? String(domain.dropFirst(2)) : domain)
        let id = "zone_" + NameReader.identifier(apex)
        data("aws_route53_zone", id, [a("name", .string(apex)), a("private_zone", .bool(false))])
        let ref = HCLExpression.reference("data.aws_route53_zone.\(id).zone_id")
        zoneIDs[apex] = ref
        return ref
    }

    /// Ingress rules from the CIDRs and security groups a statement named, on one port.
    static func ingress(port: Int, cidrs: [String], groups: [String], what: String) -> [(port: Int, toPort: Int?, source: SGSource, description: String)] {
        var rules: [(port: Int, toPort: Int?, source: SGSource, description: String)] = []
        for c in cidrs { rules.append((port: port, toPort: nil, source: SGSource.cidr(HCLExpression.string(c)), description: "\(what) from \(c)")) }
        for g in groups { rules.append((port: port, toPort: nil, source: SGSource.group(HCLExpression.string(g)), description: "\(what) from \(g)")) }
        return rules
    }
}

/// Reachability a data store's reader collects: which address ranges and groups may connect.
struct Reachability: Codable, Sendable, Equatable {
    var cidrs: [String] = []
    var securityGroups: [String] = []

    /// Reads "only from 10.0.0.0/16", "from sg-…", "reachable from the app's security group".
    mutating func read(_ s: Statement) -> Bool {
        guard s.says("\\b(from|reach|access|connect|allow|ingress|inbound|only)\\b") else { return false }
        var hit = false
        for c in Values.cidrs(in: s.text) where !cidrs.contains(c) && c != "0.0.0.0/0" { cidrs.append(c); hit = true }
        for g in Values.ids("sg", in: s.text) where !securityGroups.contains(g) { securityGroups.append(g); hit = true }
        return hit
    }
}
