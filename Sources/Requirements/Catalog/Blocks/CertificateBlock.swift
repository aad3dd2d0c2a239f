import Foundation

/// ACM certificate validated through DNS records in Route 53 (the stack's zone or an existing one).
enum CertificateBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var domain: Sourced<String>?
        var alternativeNames: [String] = []
    }
    static let kind = "certificate"
    static let noun = "ACM certificate"
    static let lexicon = Lexicon(
        mention: "\\b(acm|certificates?|tls certs?|ssl certs?|https cert|cert)\\b",
        strong: "\\b(acm certificate|(new |a |an |public )?(acm|tls|ssl) cert(ificate)?|certificate (for|covering|with)|certificate (from|in|via|through|issued by) acm)\\b",
        exclude: "\\bcertificate (authority|pinning)\\b|\\b(existing|default|cloudfront) (acm )?certificate\\b",
        nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_acm_certificate", "aws_acm_certificate_validation", "aws_route53_record"],
        iamActions: ["acm:RequestCertificate", "acm:DescribeCertificate", "acm:DeleteCertificate", "acm:ListTagsForCertificate", "acm:AddTagsToCertificate", "route53:ChangeResourceRecordSets", "route53:GetChange"],
        endpoints: ["acm", "route53"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        let domains = Values.domains(in: s.normalized)
        guard !domains.isEmpty, context.mentionsBlock || s.says("\\b(domain|hostname|served (at|on)|https)\\b") else { return false }
        if p.domain == nil { p.domain.read(domains[0], line: s.line) }
        for d in domains.dropFirst() where d != p.domain?.value && !p.alternativeNames.contains(d) && context.mentionsBlock && s.says("\\b(also|alternative|sans?|covering|plus|as well as|and www)\\b") { p.alternativeNames.append(d) }
        return true
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, let domain = c.properties.domain?.value else { return }
        // A static site renders its own certificate in us-east-1 (CloudFront needs it there).
        if !ctx.created(.staticSite).isEmpty { return }
        ctx.resource("aws_acm_certificate", c.id, [
            a("domain_name", .string(domain)),
            c.properties.alternativeNames.isEmpty ? nil : a("subject_alternative_names", .strings(c.properties.alternativeNames)),
            a("validation_method", .string("DNS")),
            b("lifecycle", [a("create_before_destroy", .bool(true))]),
        ])
        let zone = ctx.zoneID(for: domain)
        ctx.resource("aws_route53_record", "\(c.id)_validation", [
            a("for_each", .reference("{ for o in aws_acm_certificate.\(c.id).domain_validation_options : o.domain_name => o }")),
            a("zone_id", zone), a("name", .reference("each.value.resource_record_name")), a("type", .reference("each.value.resource_record_type")),
            a("records", .list([.reference("each.value.resource_record_value")])), a("ttl", .int(60)), a("allow_overwrite", .bool(true)),
        ])
        ctx.resource("aws_acm_certificate_validation", c.id, [
            a("certificate_arn", .reference("aws_acm_certificate.\(c.id).arn")),
            a("validation_record_fqdns", .reference("[for r in aws_route53_record.\(c.id)_validation : r.fqdn]")),
        ])
        ctx.certificates[domain] = .reference("aws_acm_certificate_validation.\(c.id).certificate_arn")
        for n in c.properties.alternativeNames { ctx.certificates[n] = ctx.certificates[domain] }
    }
}
