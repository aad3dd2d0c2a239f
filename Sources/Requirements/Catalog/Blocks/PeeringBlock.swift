import Foundation

/// VPC peering between two existing VPCs named by id (same or another account/region), with
/// routes to the peer's CIDR in the route tables the document names. Nothing is created in
/// either VPC besides the connection and its routes.
enum PeeringBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var vpcs: [String] = []
        var peerCIDRs: [String] = []
        var routeTables: [String] = []
        var peerAccount: Sourced<String>?
        var peerRegion: Sourced<String>?
        var dnsResolution: Sourced<Bool>?
    }
    static let kind = "peering"
    static let noun = "VPC peering connection"
    static let readsEveryStatement = true
    static let lexicon = Lexicon(mention: "\\b(peering|peered|peer(?! review)|vpc peer)\\b", strong: nil, exclude: "\\btransit gateway\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_vpc_peering_connection", "aws_route"],
        iamActions: ["ec2:CreateVpcPeeringConnection", "ec2:AcceptVpcPeeringConnection", "ec2:DeleteVpcPeeringConnection", "ec2:DescribeVpcPeeringConnections", "ec2:ModifyVpcPeeringConnectionOptions", "ec2:CreateRoute", "ec2:DeleteRoute", "ec2:DescribeRouteTables", "ec2:CreateTags"],
        endpoints: ["ec2"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        for v in Values.ids("vpc", in: s.text) where !p.vpcs.contains(v) { p.vpcs.append(v); hit = true }
        for r in Values.ids("rtb", in: s.text) where !p.routeTables.contains(r) { p.routeTables.append(r); hit = true }
        // A VPC's own range (named next to its id) is where routes from the other side go.
        for cidr in Values.cidrs(in: s.text) where !p.peerCIDRs.contains(cidr) && cidr != "0.0.0.0/0" && !cidr.hasSuffix("/32") && (context.mentionsBlock || !Values.ids("vpc", in: s.text).isEmpty) { p.peerCIDRs.append(cidr); hit = true }
        if let acct = s.normalized.capture("\\baccount\\s*(?:id)?\\s*[`\"]?(\\d{12})\\b") { hit = p.peerAccount.read(acct, line: s.line) || hit }
        if s.says("\\bpeer|other|their|second\\b"), let r = Values.regions(in: s.normalized).first, s.says("\\bregion\\b|\\bin (us|eu|ap|ca|sa)-") { hit = p.peerRegion.read(r, line: s.line) || hit }
        if let d = s.choice("\\bdns (resolution|hostnames?)\\b") { hit = p.dnsResolution.read(d, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func resolve(_ c: inout BlockInstance<Properties>, diagnostics: inout [Diagnostic]) {
        if c.properties.vpcs.count < 2 { diagnostics.append(Diagnostic(.error, line: c.line, "refused: VPC peering needs both VPC ids (vpc-…); name the requester and the accepter VPC")) }
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        let p = c.properties
        guard c.ownership == .create, p.vpcs.count >= 2 else { return }
        let sameAccount = p.peerAccount == nil
        let sameRegion = p.peerRegion == nil || p.peerRegion?.value == ctx.region
        ctx.resource("aws_vpc_peering_connection", c.id, [
            a("vpc_id", .string(p.vpcs[0])), a("peer_vpc_id", .string(p.vpcs[1])),
            p.peerAccount.map { a("peer_owner_id", .string($0.value)) } ?? nil,
            sameRegion ? nil : a("peer_region", .string(p.peerRegion!.value)),
            a("auto_accept", .bool(sameAccount && sameRegion)),
            sameAccount && sameRegion && p.dnsResolution?.value != false ? b("requester", [a("allow_remote_vpc_dns_resolution", .bool(true))]) : nil,
            sameAccount && sameRegion && p.dnsResolution?.value != false ? b("accepter", [a("allow_remote_vpc_dns_resolution", .bool(true))]) : nil,
            RenderContext.nameTag(ctx.blockName(c, "peering")),
        ])
        var k = 0
        for rtb in p.routeTables {
            for cidr in p.peerCIDRs {
                k += 1
                ctx.resource("aws_route", "\(c.id)_\(k)", [a("route_table_id", .string(rtb)), a("destination_cidr_block", .string(cidr)), a("vpc_peering_connection_id", .reference("aws_vpc_peering_connection.\(c.id).id"))])
            }
        }
    }
}
