import Foundation

/// Route 53 health checks of endpoints the document names by URL or domain: HTTPS unless it
/// says HTTP, the path, how often and after how many failures an endpoint counts as down.
enum HealthCheckBlock: BuildingBlock {
    struct Endpoint: Codable, Sendable, Equatable {
        var host: String
        var path: String
        var https: Bool
        var port: Int?
    }
    struct Properties: BlockProperties {
        var endpoints: [Endpoint] = []
        var intervalSeconds: Sourced<Int>?
        var failureThreshold: Sourced<Int>?
        var searchString: Sourced<String>?
    }
    static let kind = "healthCheck"
    static let noun = "Route 53 health check"
    static let lexicon = Lexicon(
        mention: "\\b(route ?53 health checks?|dns health checks?|health checks?|uptime checks?)\\b",
        strong: "\\b(route ?53 health checks?|dns health checks?|uptime checks?|health checks? (on|for|of|against) https?://)",
        exclude: "\\bhealth check (path|grace|interval)\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_route53_health_check"],
        iamActions: ["route53:CreateHealthCheck", "route53:GetHealthCheck", "route53:UpdateHealthCheck", "route53:DeleteHealthCheck", "route53:ChangeTagsForResource", "route53:ListTagsForResource"],
        endpoints: ["route53"], pricedTypes: ["aws_route53_health_check"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        for m in s.text.matches("(?i)\\b(https?)://([a-z0-9.-]+\\.[a-z]{2,})(?::(\\d{2,5}))?(/[A-Za-z0-9_./-]*)?") where !p.endpoints.contains(where: { $0.host == m.groups[2].lowercased() }) {
            p.endpoints.append(Endpoint(host: m.groups[2].lowercased(), path: m.groups[4].isEmpty ? "/" : m.groups[4], https: m.groups[1].lowercased() == "https", port: Int(m.groups[3])))
            hit = true
        }
        if s.says("\\b(every|interval)\\b"), let secs = Values.seconds(in: s.after("\\b(every|interval)\\b") ?? "") { hit = p.intervalSeconds.read(secs <= 10 ? 10 : 30, line: s.line) || hit }
        if let n = s.normalized.capture("\\b(\\d+)\\s*(?:consecutive\\s*)?(?:failures|failed checks|fails)\\b") ?? s.normalized.capture("\\bfailure threshold\\D{0,10}(\\d+)") { hit = p.failureThreshold.read(min(10, max(1, Int(n) ?? 3)), line: s.line) || hit }
        if let text = s.text.capture("(?i)\\b(?:contains?|containing|body includes?)\\s*[`\"“]([^`\"”]{1,255})[`\"”]") { hit = p.searchString.read(text, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        if p.endpoints.isEmpty { ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "a health check was asked for without the URL it checks; name it (https://…/path)")) }
        for (k, e) in p.endpoints.enumerated() {
            let type = (e.https ? "HTTPS" : "HTTP") + (p.searchString != nil ? "_STR_MATCH" : "")
            ctx.resource("aws_route53_health_check", p.endpoints.count == 1 ? c.id : "\(c.id)_\(k + 1)", [
                a("fqdn", .string(e.host)), a("port", .int(e.port ?? (e.https ? 443 : 80))), a("type", .string(type)), a("resource_path", .string(e.path)),
                p.searchString.map { a("search_string", .string($0.value)) } ?? nil,
                a("request_interval", .int(p.intervalSeconds?.value ?? 30)), a("failure_threshold", .int(p.failureThreshold?.value ?? 3)),
                e.https ? a("enable_sni", .bool(true)) : nil,
                RenderContext.nameTag("health-\(e.host)"),
            ])
        }
    }
}
