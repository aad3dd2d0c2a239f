import Foundation

/// Path-based routing on the web tier's load balancer: requests whose path matches the patterns
/// the document gives go to their own target group, served by their own auto scaling group of
/// the tier's servers; everything else keeps the tier's default target group.
enum PathRoutingBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var paths: [String] = []
        var groupName: Sourced<String>?
        var minSize: Sourced<Int>?
        var maxSize: Sourced<Int>?
    }
    static let kind = "pathRouting"
    static let noun = "load balancer listener rule"
    static let pathList = "[`\"“]?/[A-Za-z0-9_*{}./-]*[`\"”]?(?:\\s*(?:,|and|or)\\s*[`\"“]?/[A-Za-z0-9_*{}./-]*[`\"”]?)*"
    static let lexicon = Lexicon(
        mention: "\\b(path[- ]based (routing|rules?)|listener rules?|(requests?|traffic|calls) (for|to|on|under|with) (the )?(url )?paths?)\\b|\\bpaths?\\s+" + pathList + "\\s+(go|goes|are routed|is routed|routes?|are forwarded|is forwarded|are sent|is sent)\\b",
        strong: nil, exclude: "\\bhealth ?check\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_lb_listener_rule", "aws_lb_target_group", "aws_autoscaling_group"],
        iamActions: ["elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule", "elasticloadbalancing:ModifyRule", "elasticloadbalancing:DescribeRules",
                     "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:AddTags",
                     "autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup", "autoscaling:DeleteAutoScalingGroup", "autoscaling:DescribeAutoScalingGroups"],
        endpoints: ["elbv2", "autoscaling"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        guard context.mentionsBlock else { return false }
        var hit = false
        for m in s.text.matches("(?<![A-Za-z0-9.:])(/[A-Za-z0-9_*{}./-]*)") where !p.paths.contains(m.groups[1]) && m.groups[1] != "/" && p.paths.count < 5 && !m.groups[1].contains("//") {
            let path = m.groups[1].hasSuffix(".") ? String(m.groups[1].dropLast()) : m.groups[1]
            p.paths.append(path); hit = true
        }
        if let g = s.normalized.capture("\\b(?:go|goes|routed|forwarded|sent)\\s+to\\s+(?:the\\s+)?([a-z][a-z0-9 -]{1,30}?)\\s+(?:servers?|instances?|group|target group|fleet|pool)\\b") { hit = p.groupName.read(g, line: s.line) || hit }
        return true
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, !c.properties.paths.isEmpty, let tier = ctx.created(.webTier).first else { return }
        let p = c.properties
        let group = NameReader.identifier(p.groupName?.value ?? "paths")
        let tg = "\(tier.id)_\(group)"
        guard let defaultTG = ctx.blocks.first(where: { $0.type == "resource" && $0.labels == ["aws_lb_target_group", tier.id] }) else { return }
        // The same target settings as the tier's default group, under the path group's own name.
        var copy = defaultTG
        copy.labels = ["aws_lb_target_group", tg]
        ctx.add(copy)
        let listener = ctx.blocks.contains { $0.type == "resource" && $0.labels == ["aws_lb_listener", "\(tier.id)_https"] } ? "\(tier.id)_https" : "\(tier.id)_http"
        ctx.resource("aws_lb_listener_rule", tg, [
            a("listener_arn", .reference("aws_lb_listener.\(listener).arn")), a("priority", .int(10)),
            b("action", [a("type", .string("forward")), a("target_group_arn", .reference("aws_lb_target_group.\(tg).arn"))]),
            b("condition", [b("path_pattern", [a("values", .strings(p.paths))])]),
        ])
        // Its servers: the tier's launch template in a group of their own.
        if let asg = ctx.blocks.first(where: { $0.type == "resource" && $0.labels == ["aws_autoscaling_group", tier.id] }) {
            var servers = asg
            servers.labels = ["aws_autoscaling_group", tg]
            let minSize = p.minSize?.value ?? 2
            servers.body = servers.body.map { item in
                guard case .attribute(let key, let value) = item else { return item }
                switch key {
                case "target_group_arns": return .attribute(key, .list([.reference("aws_lb_target_group.\(tg).arn")]))
                case "min_size", "desired_capacity": return .attribute(key, .int(minSize))
                case "max_size": return .attribute(key, .int(max(minSize, p.maxSize?.value ?? minSize)))
                case "name_prefix": if case .string(let n) = value { return .attribute(key, .string(n + group.replacingOccurrences(of: "_", with: "-") + "-")) }; return item
                default: return item
                }
            }
            ctx.add(servers)
        }
    }
}
