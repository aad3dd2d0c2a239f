import Foundation

/// A custom domain for the stack's HTTP API: the regional domain name with a validated
/// certificate, the mapping to the API's stage and an alias record.
enum APIDomainBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var domain: Sourced<String>?
        var basePath: Sourced<String>?
    }
    static let kind = "apiDomain"
    static let noun = "API custom domain"
    static let lexicon = Lexicon(
        mention: "\\b(custom domain|api domain|domain name for the api|own domain|vanity domain)\\b",
        strong: nil, exclude: nil, nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_apigatewayv2_domain_name", "aws_apigatewayv2_api_mapping", "aws_route53_record"],
        iamActions: ["apigateway:POST", "apigateway:GET", "apigateway:PATCH", "apigateway:DELETE", "route53:ChangeResourceRecordSets"],
        endpoints: ["apigatewayv2", "route53"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if p.domain == nil, let d = Values.domains(in: s.normalized).first { hit = p.domain.read(d, line: s.line) }
        if let path = s.normalized.capture("\\b(?:base path|path mapping|mapped (?:at|under|to)|under (?:the )?(?:path|prefix))\\s*[`\"]?/?([a-z0-9_-]+)") { hit = p.basePath.read(path, line: s.line) || hit }
        return hit
    }

    static func resolve(_ c: inout BlockInstance<Properties>, diagnostics: inout [Diagnostic]) {
        if c.properties.domain == nil { diagnostics.append(Diagnostic(.warning, line: c.line, "a custom domain was asked for the API but no domain name was given; none is configured")) }
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, let domain = c.properties.domain?.value, let api = ctx.created(.httpApi).first else { return }
        var cert = ctx.certificates[domain]
        if cert == nil {
            // No certificate block covers the domain: request one for it here.
            let own = BlockInstance<CertificateBlock.Properties>(id: "\(c.id)_cert", name: nil, ownership: .create, line: c.line, properties: .init(domain: Sourced(domain, line: c.line)))
            CertificateBlock.render(own, into: &ctx)
            cert = ctx.certificates[domain]
        }
        ctx.resource("aws_apigatewayv2_domain_name", c.id, [
            a("domain_name", .string(domain)),
            b("domain_name_configuration", [a("certificate_arn", cert ?? .null), a("endpoint_type", .string("REGIONAL")), a("security_policy", .string("TLS_1_2"))]),
        ])
        ctx.resource("aws_apigatewayv2_api_mapping", c.id, [
            a("api_id", .reference("aws_apigatewayv2_api.\(api.id).id")),
            a("domain_name", .reference("aws_apigatewayv2_domain_name.\(c.id).id")),
            a("stage", .reference("aws_apigatewayv2_stage.\(api.id).id")),
            c.properties.basePath.map { a("api_mapping_key", .string($0.value)) } ?? nil,
        ])
        let zone = ctx.zoneID(for: domain)
        ctx.resource("aws_route53_record", "\(c.id)_alias", [
            a("zone_id", zone), a("name", .string(domain)), a("type", .string("A")),
            b("alias", [
                a("name", .reference("aws_apigatewayv2_domain_name.\(c.id).domain_name_configuration[0].target_domain_name")),
                a("zone_id", .reference("aws_apigatewayv2_domain_name.\(c.id).domain_name_configuration[0].hosted_zone_id")),
                a("evaluate_target_health", .bool(false)),
            ]),
        ])
    }
}
