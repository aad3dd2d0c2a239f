import Foundation

/// WAFv2 web ACL: AWS managed rule groups and a per-IP rate limit; CLOUDFRONT scope (in
/// us-east-1) attached to the stack's distribution, else REGIONAL attached to its load balancer.
enum WebFirewallBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var rateLimit: Sourced<Int>?
        var managedRules: [String] = []
        var blockedCountries: [String] = []
    }
    static let kind = "webFirewall"
    static let noun = "WAF web ACL"
    static let lexicon = Lexicon(
        mention: "\\b(wafv?2?|web acl|web application firewall|managed rules?|rate[- ]limit(ing|ed)?|sql injection|bad inputs|ip reputation|bot control)\\b",
        strong: "\\b(wafv?2?|web acl|web application firewall)\\b", exclude: nil, nameNoun: "(?:web acl|waf)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_wafv2_web_acl", "aws_wafv2_web_acl_association"],
        iamActions: ["wafv2:CreateWebACL", "wafv2:GetWebACL", "wafv2:UpdateWebACL", "wafv2:DeleteWebACL", "wafv2:ListTagsForResource", "wafv2:TagResource", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL", "wafv2:GetWebACLForResource"],
        endpoints: ["wafv2"], pricedTypes: ["aws_wafv2_web_acl"])

    static let groups: [(String, String)] = [
        ("\\b(common|core|owasp|managed rules?|baseline)\\b", "AWSManagedRulesCommonRuleSet"),
        ("\\b(bad inputs|known bad|log4j)\\b", "AWSManagedRulesKnownBadInputsRuleSet"),
        ("\\b(sql injection|sqli)\\b", "AWSManagedRulesSQLiRuleSet"),
        ("\\b(ip reputation|malicious ips?|reputation list)\\b", "AWSManagedRulesAmazonIpReputationList"),
        ("\\b(anonymous|vpn|tor|proxies)\\b", "AWSManagedRulesAnonymousIpList"),
        ("\\b(linux|lfi)\\b", "AWSManagedRulesLinuxRuleSet"),
        ("\\bbot control\\b", "AWSManagedRulesBotControlRuleSet"),
    ]

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        for (pattern, group) in groups where s.choice(pattern) == true && !p.managedRules.contains(group) { p.managedRules.append(group); hit = true }
        if s.says("\\b(rate|requests?|per ip)\\b"), let n = s.normalized.capture("\\b(\\d[\\d,]*)\\s*(?:requests?|req)\\b").map({ $0.replacingOccurrences(of: ",", with: "") }).flatMap({ Int($0) }) {
            // WAF counts per 5-minute window; "per minute" limits are scaled to it.
            let perMinute = s.says("\\bper (1 )?minute\\b|/min\\b")
            hit = p.rateLimit.read(max(100, perMinute ? n * 5 : n), line: s.line) || hit
        }
        if s.says("\\b(block|deny)\\b[^.]{0,30}\\bcountr(y|ies)\\b") {
            for m in s.text.matches("\\b([A-Z]{2})\\b") where !p.blockedCountries.contains(m.groups[1]) { p.blockedCountries.append(m.groups[1]); hit = true }
        }
        return hit
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let distribution = ctx.created(.staticSite).first
        let scope = distribution != nil ? "CLOUDFRONT" : "REGIONAL"
        let name = ctx.blockName(c, "web-acl")
        func visibility(_ metric: String) -> HCLBodyItem? {
            b("visibility_config", [a("cloudwatch_metrics_enabled", .bool(true)), a("metric_name", .string(NameReader.identifier(metric))), a("sampled_requests_enabled", .bool(true))])
        }
        var rules: [HCLBodyItem?] = []
        var priority = 0
        let managed = c.properties.managedRules.isEmpty ? ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"] : c.properties.managedRules
        for group in managed {
            priority += 1
            rules.append(b("rule", [
                a("name", .string(group)), a("priority", .int(priority)),
                b("override_action", [b("none", [])]),
                b("statement", [b("managed_rule_group_statement", [a("name", .string(group)), a("vendor_name", .string("AWS"))])]),
                visibility(group),
            ]))
        }
        if let limit = c.properties.rateLimit?.value {
            priority += 1
            rules.append(b("rule", [
                a("name", .string("rate-limit-per-ip")), a("priority", .int(priority)),
                b("action", [b("block", [])]),
                b("statement", [b("rate_based_statement", [a("limit", .int(limit)), a("aggregate_key_type", .string("IP"))])]),
                visibility("rate_limit_per_ip"),
            ]))
        }
        if !c.properties.blockedCountries.isEmpty {
            priority += 1
            rules.append(b("rule", [
                a("name", .string("blocked-countries")), a("priority", .int(priority)),
                b("action", [b("block", [])]),
                b("statement", [b("geo_match_statement", [a("country_codes", .strings(c.properties.blockedCountries))])]),
                visibility("blocked_countries"),
            ]))
        }
        var items: [HCLBodyItem?] = [distribution != nil ? a("provider", .reference("aws.us_east_1")) : nil,
                                     a("name", .string(name)), a("scope", .string(scope)), b("default_action", [b("allow", [])])]
        items += rules
        items.append(visibility(name))
        ctx.resource("aws_wafv2_web_acl", c.id, items)
        if let d = distribution {
            ctx.needsUSEast1 = true
            // The distribution names its web ACL; CloudFront has no association resource.
            if let k = ctx.blocks.firstIndex(where: { $0.type == "resource" && $0.labels == ["aws_cloudfront_distribution", d.id] }) {
                ctx.blocks[k].set("web_acl_id", .reference("aws_wafv2_web_acl.\(c.id).arn"))
            }
        } else if let lb = ctx.blocks.first(where: { $0.type == "resource" && $0.labels.first == "aws_lb" }) {
            ctx.resource("aws_wafv2_web_acl_association", c.id, [a("resource_arn", .reference("aws_lb.\(lb.labels[1]).arn")), a("web_acl_arn", .reference("aws_wafv2_web_acl.\(c.id).arn"))])
        }
    }
}
