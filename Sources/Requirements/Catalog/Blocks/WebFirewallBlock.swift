import Foundation

/// WAFv2 web ACL: IP sets to block (or allow), country rules (optionally on a path), AWS managed
/// rule groups (with rules overridden to count), and a per-IP rate limit; CLOUDFRONT scope (in
/// us-east-1) attached to the stack's distribution, else REGIONAL attached to its load balancer
/// or to the existing resource the document names by ARN; logs to a CloudWatch log group
/// (`aws-waf-logs-…`, as WAF requires) with the named headers redacted.
enum WebFirewallBlock: BuildingBlock {
    struct IPSet: Codable, Sendable, Equatable {
        var name: String?
        var cidrs: [String]
        var allow: Bool
    }
    struct Properties: BlockProperties {
        var rateLimit: Sourced<Int>?
        var managedRules: [String] = []
        var blockedCountries: [String] = []
        /// Only these countries are let through (on `countryPath` when given).
        var allowedCountries: [String] = []
        var countryPath: Sourced<String>?
        var ipSets: [IPSet] = []
        /// Managed rules (by name) whose action is overridden to count.
        var countedRules: [String] = []
        /// Existing resource to protect (load balancer, API stage, …), by ARN.
        var protectedARN: Sourced<String>?
        var logging: Sourced<Bool>?
        var logDays: Sourced<Int>?
        var redactedHeaders: [String] = []
    }
    static let kind = "webFirewall"
    static let noun = "WAF web ACL"
    static let lexicon = Lexicon(
        mention: "\\b(wafv?2?|web acl|web application firewall|managed rules?|rate[- ]limit(ing|ed)?|sql injection|bad inputs|ip reputation|bot control)\\b",
        strong: "\\b(wafv?2?|web acl|web application firewall)\\b", exclude: nil, nameNoun: "(?:web acl|waf)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_wafv2_web_acl", "aws_wafv2_web_acl_association", "aws_wafv2_ip_set", "aws_wafv2_web_acl_logging_configuration", "aws_cloudwatch_log_group"],
        iamActions: ["wafv2:CreateWebACL", "wafv2:GetWebACL", "wafv2:UpdateWebACL", "wafv2:DeleteWebACL", "wafv2:ListTagsForResource", "wafv2:TagResource", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL", "wafv2:GetWebACLForResource",
                     "wafv2:CreateIPSet", "wafv2:GetIPSet", "wafv2:UpdateIPSet", "wafv2:DeleteIPSet", "wafv2:PutLoggingConfiguration", "wafv2:GetLoggingConfiguration", "wafv2:DeleteLoggingConfiguration",
                     "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"],
        endpoints: ["wafv2", "cloudwatchlogs"], pricedTypes: ["aws_wafv2_web_acl"])

    static let groups: [(String, String)] = [
        ("\\b(common|core|owasp|managed rules?|baseline)\\b", "AWSManagedRulesCommonRuleSet"),
        ("\\b(bad inputs|known bad|log4j)\\b", "AWSManagedRulesKnownBadInputsRuleSet"),
        ("\\b(sql injection|sqli)\\b", "AWSManagedRulesSQLiRuleSet"),
        ("\\b(ip reputation|malicious ips?|reputation list)\\b", "AWSManagedRulesAmazonIpReputationList"),
        ("\\b(anonymous|vpn|tor|proxies)\\b", "AWSManagedRulesAnonymousIpList"),
        ("\\b(linux|lfi)\\b", "AWSManagedRulesLinuxRuleSet"),
        ("\\bbot control\\b", "AWSManagedRulesBotControlRuleSet"),
    ]

    /// The resource to protect is often named by ARN apart from the words about the firewall.
    static let readsEveryStatement = true
    static let protectable = ["elasticloadbalancing", "apigateway", "appsync", "cognito-idp", "apprunner"]

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        let protected = Values.arns(in: s.text).first { protectable.contains($0.service) && !$0.resource.hasPrefix("targetgroup") && !$0.resource.hasPrefix("listener") }
        // Statements of the firewall's own list ("1. Block requests from …") are about it too.
        let aboutRules = s.normalizedContext.has("\\b(waf|web acl|firewall|rules?)\\b") && s.says("\\b(block(s|ing|ed)?|allow(s|ing|ed)?|count|rule ?(set|group)s?|rate|ip sets?|countr(y|ies)|geo)\\b")
        guard context.mentionsBlock || context.addressed || aboutRules else {
            // Only the ARN of what it protects is read from statements about other things.
            guard let arn = protected, p.protectedARN == nil else { return false }
            return p.protectedARN.read(arn.text, line: s.line)
        }
        var hit = false
        for (pattern, group) in groups where s.choice(pattern) == true && !p.managedRules.contains(group) { p.managedRules.append(group); hit = true }
        if s.says("\\b(rate|requests?|per ip)\\b"), let n = s.normalized.capture("\\b(\\d[\\d,]*)\\s*(?:requests?|req)\\b").map({ $0.replacingOccurrences(of: ",", with: "") }).flatMap({ Int($0) }) {
            // WAF counts per 5-minute window; "per minute" limits are scaled to it.
            let perMinute = s.says("\\bper (1 )?minute\\b|/min\\b")
            hit = p.rateLimit.read(max(100, perMinute ? n * 5 : n), line: s.line) || hit
        }
        if s.says("\\b(block|deny|allow|only)\\b[^.]{0,30}\\bcountr(y|ies)\\b|\\bgeo[- ]?(match|block|restrict)") {
            // "whose country is not IE or GB", "only from IE and GB": the listed countries are the allowed ones.
            let onlyListed = s.says("\\bcountr(y|ies)\\b[^.;]{0,30}\\b(is not|are not|isn't|aren't|other than|outside|except)\\b|\\b(only|allow(ed)?) (from|requests from|traffic from)\\b|\\bnot (from|in)\\b")
            for m in s.text.matches("(?-i)\\b([A-Z]{2})\\b") where !["IP", "OK", "ID", "IT"].contains(m.groups[1]) || s.text.has("(?-i)\\(" + m.groups[1] + "\\)") {
                if onlyListed { if !p.allowedCountries.contains(m.groups[1]) { p.allowedCountries.append(m.groups[1]); hit = true } }
                else if !p.blockedCountries.contains(m.groups[1]) { p.blockedCountries.append(m.groups[1]); hit = true }
            }
            if let path = s.text.capture("(?i)\\b(?:path|uri|urls?)\\s*(?:starts with|starting with|beginning with|under|prefix)?\\s*[`\"“]?(/[A-Za-z0-9_./-]*)") { hit = p.countryPath.read(path, line: s.line) || hit }
        }
        let cidrs = Values.cidrs(in: s.text)
        if !cidrs.isEmpty, s.says("\\b(ip sets?|ip lists?|block ?lists?|deny ?lists?|allow ?lists?|denylist|allowlist|blocklist|(block|deny|allow) (requests|traffic|calls) from)\\b") {
            let name = s.text.capture("(?i)\\b(?:ip set|list)\\s*(?:named|called)?\\s*[`\"“]([A-Za-z0-9_-]{1,128})[`\"”]")
            let allow = s.says("\\b(allow ?list|allowlist|always allow|trusted)\\b") && !s.says("\\bblock")
            if let k = p.ipSets.firstIndex(where: { $0.name == name && name != nil }) { let known = p.ipSets[k].cidrs; p.ipSets[k].cidrs += cidrs.filter { !known.contains($0) } }
            else { p.ipSets.append(IPSet(name: name, cidrs: cidrs, allow: allow)) }
            hit = true
        }
        for m in s.text.matches("(?i)\\boverride\\s+[`\"“]?([A-Za-z][A-Za-z0-9_]+)[`\"”]?\\s+to\\s+count\\b|\\b([A-Z][A-Za-z0-9]+_[A-Z][A-Za-z0-9_]+)[`\"”]?[^.;]{0,20}\\b(?:to|in|as) count\\b") {
            let rule = m.groups[1].isEmpty ? m.groups[2] : m.groups[1]
            if !p.countedRules.contains(rule) { p.countedRules.append(rule); hit = true }
        }
        if let arn = protected { hit = p.protectedARN.read(arn.text, line: s.line) || hit }
        if s.says("\\blog(s|ging)?\\b") && (context.mentionsBlock || s.says("\\blog group\\b")) {
            if let on = s.choice("\\blog(s|ging)?\\b") { hit = p.logging.read(on, line: s.line) || hit }
            if let d = Values.days(in: s.after("\\b(retain|retention|keep|kept)\\w*\\b") ?? "") { hit = p.logDays.read(d, line: s.line) || hit }
            for m in s.text.matches("(?i)\\b([A-Za-z][A-Za-z0-9-]{1,40})\\s+header[s]?\\b[^.;]{0,30}\\bredact|\\bredact\\w*\\s+(?:the\\s+)?[`\"“]?([A-Za-z][A-Za-z0-9-]{1,40})[`\"”]?\\s+header") {
                let h = (m.groups[1].isEmpty ? m.groups[2] : m.groups[1]).lowercased()
                if !["the", "a", "any"].contains(h), !p.redactedHeaders.contains(h) { p.redactedHeaders.append(h); hit = true }
            }
        }
        return hit
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let distribution = ctx.created(.staticSite).first
        let scope = distribution != nil ? "CLOUDFRONT" : "REGIONAL"
        let name = ctx.blockName(c, "web-acl")
        // A regional web ACL lives in the region of what it protects; CloudFront's in us-east-1.
        let protectedRegion = c.properties.protectedARN.flatMap { ARN($0.value)?.region }.flatMap { $0.isEmpty ? nil : $0 }
        let provider: HCLExpression? = distribution != nil ? .reference("aws.us_east_1") : protectedRegion.flatMap { ctx.provider(for: $0) }
        func visibility(_ metric: String) -> HCLBodyItem? {
            b("visibility_config", [a("cloudwatch_metrics_enabled", .bool(true)), a("metric_name", .string(NameReader.identifier(metric))), a("sampled_requests_enabled", .bool(true))])
        }
        var rules: [HCLBodyItem?] = []
        var priority = 0
        func rule(_ ruleName: String, _ action: String?, _ statement: HCLBodyItem?) {
            priority += 1
            rules.append(b("rule", [
                a("name", .string(ruleName)), a("priority", .int(priority)),
                action.map { b("action", [b($0, [])]) } ?? b("override_action", [b("none", [])]),
                b("statement", [statement]), visibility(ruleName),
            ]))
        }
        for (k, set) in c.properties.ipSets.enumerated() {
            let sid = "\(c.id)_" + NameReader.identifier(set.name ?? "ip_set_\(k + 1)")
            ctx.resource("aws_wafv2_ip_set", sid, [
                provider.map { a("provider", $0) } ?? nil,
                a("name", .string(set.name ?? "\(name)-\(set.allow ? "allowed" : "blocked")-ips")), a("scope", .string(scope)),
                a("ip_address_version", .string(set.cidrs.contains { $0.contains(":") } ? "IPV6" : "IPV4")), a("addresses", .strings(set.cidrs)),
            ])
            rule(set.name ?? "\(set.allow ? "allowed" : "blocked")-ips-\(k + 1)", set.allow ? "allow" : "block", b("ip_set_reference_statement", [a("arn", .reference("aws_wafv2_ip_set.\(sid).arn"))]))
        }
        if !c.properties.allowedCountries.isEmpty {
            let notListed = b("not_statement", [b("statement", [b("geo_match_statement", [a("country_codes", .strings(c.properties.allowedCountries))])])])
            if let path = c.properties.countryPath?.value {
                rule("countries-allowed-on-" + NameReader.identifier(path).replacingOccurrences(of: "_", with: "-"), "block", b("and_statement", [
                    b("statement", [b("byte_match_statement", [
                        a("positional_constraint", .string("STARTS_WITH")), a("search_string", .string(path)), b("field_to_match", [b("uri_path", [])]),
                        b("text_transformation", [a("priority", .int(0)), a("type", .string("NONE"))]),
                    ])]),
                    b("statement", [notListed]),
                ]))
            } else {
                rule("countries-allowed", "block", notListed)
            }
        }
        if !c.properties.blockedCountries.isEmpty {
            rule("blocked-countries", "block", b("geo_match_statement", [a("country_codes", .strings(c.properties.blockedCountries))]))
        }
        let managed = c.properties.managedRules.isEmpty ? ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"] : c.properties.managedRules
        for group in managed {
            // Overrides belong to the group that has the rule: the core set's rule names carry no group prefix, so they go to it.
            let counted = group == managed.first ? c.properties.countedRules : []
            rule(group, nil, b("managed_rule_group_statement", [a("name", .string(group)), a("vendor_name", .string("AWS"))]
                + counted.map { b("rule_action_override", [a("name", .string($0)), b("action_to_use", [b("count", [])])]) }))
        }
        if let limit = c.properties.rateLimit?.value {
            rule("rate-limit-per-ip", "block", b("rate_based_statement", [a("limit", .int(limit)), a("aggregate_key_type", .string("IP"))]))
        }
        var items: [HCLBodyItem?] = [provider.map { a("provider", $0) } ?? nil,
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
        } else if let arn = c.properties.protectedARN?.value {
            ctx.resource("aws_wafv2_web_acl_association", c.id, [provider.map { a("provider", $0) } ?? nil, a("resource_arn", .string(arn)), a("web_acl_arn", .reference("aws_wafv2_web_acl.\(c.id).arn"))])
        } else if let lb = ctx.blocks.first(where: { $0.type == "resource" && $0.labels.first == "aws_lb" }) {
            ctx.resource("aws_wafv2_web_acl_association", c.id, [a("resource_arn", .reference("aws_lb.\(lb.labels[1]).arn")), a("web_acl_arn", .reference("aws_wafv2_web_acl.\(c.id).arn"))])
        }
        if c.properties.logging?.value == true {
            // WAF only delivers to log groups whose names start with aws-waf-logs-.
            ctx.resource("aws_cloudwatch_log_group", "\(c.id)_waf", [
                provider.map { a("provider", $0) } ?? nil,
                a("name", .string("aws-waf-logs-\(name)")), a("retention_in_days", .int(LogRetention.valid(c.properties.logDays?.value ?? 90))),
            ])
            ctx.resource("aws_wafv2_web_acl_logging_configuration", c.id, [
                provider.map { a("provider", $0) } ?? nil,
                a("resource_arn", .reference("aws_wafv2_web_acl.\(c.id).arn")), a("log_destination_configs", .list([.reference("aws_cloudwatch_log_group.\(c.id)_waf.arn")])),
            ] + c.properties.redactedHeaders.map { b("redacted_fields", [b("single_header", [a("name", .string($0))])]) })
        }
    }
}
