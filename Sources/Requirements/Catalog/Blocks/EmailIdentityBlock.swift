import Foundation

/// SES v2 e-mail identity for a sending domain with Easy DKIM, a custom MAIL FROM domain and
/// the DNS records that prove it, in the stack's zone or the existing one for the domain.
enum EmailIdentityBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var domain: Sourced<String>?
        var mailFrom: Sourced<String>?
        var dmarc: Sourced<String>?
        var configurationSet: Sourced<Bool>?
    }
    static let kind = "emailIdentity"
    static let noun = "SES e-mail identity"
    static let lexicon = Lexicon(
        mention: "\\b(ses|simple email service|sending domain|send(ing)? (e-?mails?|mail) from|dkim|mail from|dmarc|spf|transactional e-?mails?)\\b",
        strong: "\\b(ses|simple email service|sending domain|send(ing)? (e-?mails?|mail) from|transactional e-?mails?)\\b", exclude: "\\bses (receipt|receiving|inbound)\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_sesv2_email_identity", "aws_sesv2_email_identity_mail_from_attributes", "aws_route53_record"],
        iamActions: ["ses:CreateEmailIdentity", "ses:DeleteEmailIdentity", "ses:GetEmailIdentity", "ses:PutEmailIdentityMailFromAttributes", "ses:PutEmailIdentityDkimAttributes", "ses:TagResource", "ses:ListTagsForResource", "route53:ChangeResourceRecordSets"],
        endpoints: ["sesv2", "route53"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let domains = Values.domains(in: s.normalized)
        if s.says("\\bmail[- ]from\\b"), let d = domains.first(where: { d in p.domain.map { d.hasSuffix("." + $0.value) } ?? (d.split(separator: ".").count > 2) }) { hit = p.mailFrom.read(d, line: s.line) }
        else if p.domain == nil, let d = domains.first { hit = p.domain.read(d, line: s.line) }
        if s.says("\\bdmarc\\b"), let policy = s.normalized.capture("\\bp\\s*=\\s*(none|quarantine|reject)\\b") ?? s.normalized.capture("\\b(quarantine|reject)\\b") { hit = p.dmarc.read(policy, line: s.line) || hit }
        else if s.says("\\bdmarc\\b") { hit = p.dmarc.read("none", line: s.line) || hit }
        for e in Values.emails(in: s.text) where p.domain == nil { hit = p.domain.read(String(e.split(separator: "@").last ?? ""), line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, let domain = c.properties.domain?.value else { return }
        let p = c.properties
        ctx.resource("aws_sesv2_email_identity", c.id, [a("email_identity", .string(domain))])
        let zone = ctx.zoneID(for: domain)
        ctx.resource("aws_route53_record", "\(c.id)_dkim", [
            a("count", .int(3)), a("zone_id", zone),
            a("name", .template([.interpolation("aws_sesv2_email_identity.\(c.id).dkim_signing_attributes[0].tokens[count.index]"), .literal("._domainkey.\(domain)")])),
            a("type", .string("CNAME")), a("ttl", .int(600)),
            a("records", .list([.template([.interpolation("aws_sesv2_email_identity.\(c.id).dkim_signing_attributes[0].tokens[count.index]"), .literal(".dkim.amazonses.com")])])),
        ])
        let mailFrom = p.mailFrom?.value ?? "mail.\(domain)"
        ctx.resource("aws_sesv2_email_identity_mail_from_attributes", c.id, [
            a("email_identity", .reference("aws_sesv2_email_identity.\(c.id).email_identity")), a("mail_from_domain", .string(mailFrom)), a("behavior_on_mx_failure", .string("USE_DEFAULT_VALUE")),
        ])
        ctx.resource("aws_route53_record", "\(c.id)_mail_from_mx", [a("zone_id", zone), a("name", .string(mailFrom)), a("type", .string("MX")), a("ttl", .int(600)), a("records", .strings(["10 feedback-smtp.\(ctx.region).amazonses.com"]))])
        ctx.resource("aws_route53_record", "\(c.id)_mail_from_spf", [a("zone_id", zone), a("name", .string(mailFrom)), a("type", .string("TXT")), a("ttl", .int(600)), a("records", .strings(["v=spf1 include:amazonses.com ~all"]))])
        ctx.resource("aws_route53_record", "\(c.id)_dmarc", [a("zone_id", zone), a("name", .string("_dmarc.\(domain)")), a("type", .string("TXT")), a("ttl", .int(600)), a("records", .strings(["v=DMARC1; p=\(p.dmarc?.value ?? "none");"]))])
    }
}
