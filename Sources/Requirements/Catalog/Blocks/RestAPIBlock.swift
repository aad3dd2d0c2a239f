import Foundation

/// API Gateway REST API (v1), asked for by name ("REST API", "API Gateway v1") or by what only
/// it has (usage plans, API keys per client, edge or regional endpoints): resources and methods
/// for each route, Lambda proxy or mock integrations, a deployment redeployed when the routes
/// change, a stage with X-Ray and access logs, method throttling, and optionally a usage plan
/// with API keys. It supersedes the HTTP API (v2) the same words would otherwise build.
enum RestAPIBlock: BuildingBlock {
    /// One method on one path.
    struct Route: Codable, Sendable, Equatable {
        var method: String
        var path: String
        /// A mock integration answering without a backend.
        var mock: Bool
        /// The body a mock answers with.
        var mockBody: String?
        /// The function it proxies to, when the statement names one.
        var function: String?
    }
    struct Properties: BlockProperties {
        var apiName: Sourced<String>?
        var routes: [Route] = []
        /// REGIONAL (default) or EDGE.
        var endpointType: Sourced<String>?
        var stage: Sourced<String>?
        var rateLimit: Sourced<Int>?
        var burstLimit: Sourced<Int>?
        var tracing: Sourced<Bool>?
        var accessLogDays: Sourced<Int>?
        var usagePlan: Sourced<String>?
        var apiKeys: [String] = []
        var quotaLimit: Sourced<Int>?
        /// DAY, WEEK or MONTH.
        var quotaPeriod: Sourced<String>?
    }
    static let kind = "restApi"
    static let noun = "API Gateway REST API"
    static let lexicon = Lexicon(
        mention: "\\b(rest ?apis?|api gateway (v1|rest)|apigateway v1|v1 (api|kind)|usage plans?|api keys?|quotas?|edge[- ]optimi[sz]ed|regional endpoint|mock integration|lambda proxy integration|method throttling|stages? and deployments?)\\b",
        strong: "\\b(rest ?apis?|(api gateway|apigateway) (v1|rest)|classic (rest )?api gateway|usage plans?|api keys? (per|for each|for every) (partner|customer|client|consumer|tenant)s?)\\b",
        exclude: "\\brest api (features?|semantics|style|conventions?|design)\\b", nameNoun: "(?:rest api|api)")
    static let supersedes: [ComponentKind] = [.httpApi]
    static let needs = BlockNeeds(
        resourceTypes: ["aws_api_gateway_rest_api", "aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration",
                        "aws_api_gateway_method_response", "aws_api_gateway_integration_response", "aws_api_gateway_deployment",
                        "aws_api_gateway_stage", "aws_api_gateway_method_settings", "aws_api_gateway_usage_plan", "aws_api_gateway_api_key",
                        "aws_api_gateway_usage_plan_key", "aws_lambda_permission", "aws_cloudwatch_log_group"],
        iamActions: ["apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE", "apigateway:TagResource", "apigateway:UntagResource",
                     "lambda:AddPermission", "lambda:RemovePermission", "lambda:GetPolicy"],
        endpoints: ["apigateway", "lambda", "cloudwatchlogs"], pricedTypes: ["aws_api_gateway_rest_api"])

    static let route = "\\b(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY)\\s+(/[A-Za-z0-9_{}+/.-]*)"

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if let n = s.text.capture("(?i)\\bapi(?: gateway)? name\\s*[:=]?\\s*[`\"“]?([A-Za-z0-9][A-Za-z0-9_-]{1,127})")
            ?? s.text.capture("(?i)\\b(?:rest api|api)\\s*(?:\\([^)]{1,40}\\)\\s*)?(?:named|called)?\\s*[`\"“]([A-Za-z0-9][A-Za-z0-9_-]{1,127})[`\"”]"), NameReader.valid(n) { hit = p.apiName.read(n, line: s.line) }
        for m in s.text.matches(route) {
            let path = m.groups[2].count > 1 && m.groups[2].hasSuffix("/") ? String(m.groups[2].dropLast()) : m.groups[2]
            guard !p.routes.contains(where: { $0.method == m.groups[1] && $0.path == path }) else { continue }
            let rest = String(s.text.utf16.dropFirst(m.offset)) ?? ""
            let mock = rest.has("(?i)\\bmock\\b")
            let body = mock ? rest.capture("(\\{[^`]*\\})") : nil
            let function = rest.capture("(?i)\\b(?:function|lambda)\\s+[`\"“]?([a-z0-9][a-z0-9_-]{2,63})").flatMap { ["integration", "proxy", "function", "involved"].contains($0.lowercased()) ? nil : $0 }
            p.routes.append(Route(method: m.groups[1], path: path, mock: mock, mockBody: body, function: function))
            hit = true
        }
        if s.says("\\bedge[- ]optimi[sz]ed\\b|\\bedge endpoint\\b") { hit = p.endpointType.read("EDGE", line: s.line) || hit }
        else if s.says("\\bregional\\b") && s.says("\\b(endpoint|api)\\b") { hit = p.endpointType.read("REGIONAL", line: s.line) || hit }
        if s.says("\\bstage\\b"), let st = s.text.capture("(?i)\\bstage\\b[^`\"“]{0,20}[`\"“]([A-Za-z0-9_-]{1,64})[`\"”]") ?? s.text.capture("(?i)\\bstage\\s*[:=]\\s*([A-Za-z0-9_-]{1,64})") { hit = p.stage.read(st, line: s.line) || hit }
        if let t = s.choice("\\b(x-?ray|tracing|traced)\\b") { hit = p.tracing.read(t, line: s.line) || hit }
        if s.says("\\baccess log"), let d = Values.days(in: s.normalized.replacing("\\b\\d+ ?(requests?|req)\\b", with: "")) { hit = p.accessLogDays.read(d, line: s.line) || hit }
        let isPlan = s.says("\\b(usage plans?|quotas?)\\b")
        if s.says("\\b(throttl|rate|requests?/s|requests per second|rps|burst)") {
            if let r = s.normalized.capture("(\\d+)\\s*(?:requests?|req)?\\s*(?:/|per)\\s*(?:s\\b|sec|second)") ?? s.normalized.capture("\\brate\\W+(\\d+)") {
                if isPlan { hit = p.usagePlan.read(p.usagePlan?.value ?? "", line: s.line) || hit }
                hit = p.rateLimit.read(Int(r), line: s.line) || hit
            }
            if let b = s.normalized.capture("\\bburst\\D{0,20}(\\d+)") ?? s.normalized.capture("(\\d+)\\s*burst") { hit = p.burstLimit.read(Int(b), line: s.line) || hit }
        }
        if isPlan || s.says("\\bapi keys?\\b") && !s.says("\\b(secret|third[- ]party|vendor|stripe|provider'?s?) api keys?\\b") {
            if p.usagePlan == nil { p.usagePlan.read(s.text.capture("(?i)usage plan\\s*(?:name)?\\s*[:=]?\\s*[`\"“]([A-Za-z0-9_. -]{1,128})[`\"”]") ?? "", line: s.line); hit = true }
            else if let n = s.text.capture("(?i)usage plan\\s*(?:name)?\\s*[:=]?\\s*[`\"“]([A-Za-z0-9_. -]{1,128})[`\"”]") { p.usagePlan.read(n, line: s.line) }
        }
        if s.says("\\bquota\\b|\\bper (day|week|month)\\b|\\b(daily|weekly|monthly) (quota|limit)\\b") {
            let period = s.says("\\b(daily|per day|a day|/ ?day)\\b") ? "DAY" : s.says("\\b(weekly|per week|a week)\\b") ? "WEEK" : s.says("\\b(monthly|per month|a month)\\b") ? "MONTH" : nil
            hit = p.quotaPeriod.read(period, line: s.line) || hit
            if let n = s.normalized.capture("\\b(\\d[\\d,]*)\\s*(?:requests?|calls?)?\\s*(?:per|a|/|each)\\s*(?:day|week|month)") ?? s.normalized.capture("\\bquota\\D{0,20}(\\d[\\d,]*)") {
                hit = p.quotaLimit.read(Int(n.replacingOccurrences(of: ",", with: "")), line: s.line) || hit
            }
        }
        if s.says("\\bapi keys?\\b") {
            for n in s.text.matches("[`\"“]([a-z0-9][a-z0-9_-]{1,127})[`\"”]").map({ $0.groups[1] }) where !p.apiKeys.contains(n) && n != p.usagePlan?.value { p.apiKeys.append(n); hit = true }
        }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = p.apiName?.value ?? ctx.blockName(c, "api")
        let api = "aws_api_gateway_rest_api.\(c.id)"
        ctx.resource("aws_api_gateway_rest_api", c.id, [
            a("name", .string(name)),
            b("endpoint_configuration", [a("types", .strings([p.endpointType?.value ?? "REGIONAL"]))]),
        ])
        // Routes: the document's, else each function's own route, else one proxy to the only function.
        let functions = ctx.created(.function).isEmpty ? ctx.components(.function) : ctx.created(.function)
        var routes = p.routes
        if routes.isEmpty {
            for f in functions {
                if let r = f.string("route"), let m = r.match("^(\\w+) (/\\S*)$") { routes.append(Route(method: m[1], path: m[2], mock: false, function: f.name?.value ?? f.id)) }
            }
            if routes.isEmpty, functions.count == 1 { routes.append(Route(method: "ANY", path: "/{proxy+}", mock: false, function: nil)) }
        }
        if routes.isEmpty {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "the REST API names no route and no function; it answers GET / with a mock until routes are added"))
            routes.append(Route(method: "GET", path: "/", mock: true, mockBody: nil, function: nil))
        }
        // One resource per path segment, parents first.
        var resources: [String: String] = [:]
        func resourceID(_ path: String) -> HCLExpression {
            guard path != "/" && !path.isEmpty, let id = resources[path] else { return .reference("\(api).root_resource_id") }
            return .reference("aws_api_gateway_resource.\(id).id")
        }
        for r in routes {
            var prefix = ""
            for part in r.path.split(separator: "/") {
                let parent = prefix.isEmpty ? "/" : prefix
                prefix += "/" + part
                guard resources[prefix] == nil else { continue }
                let id = "\(c.id)_" + NameReader.identifier(prefix.replacingOccurrences(of: "+", with: "_plus"))
                ctx.resource("aws_api_gateway_resource", id, [a("rest_api_id", .reference("\(api).id")), a("parent_id", resourceID(parent)), a("path_part", .string(String(part)))])
                resources[prefix] = id
            }
        }
        /// A mock answers 200 without a backend.
        func mockIntegration(_ rid: String, _ path: String) -> [HCLBodyItem?] {
            [a("rest_api_id", .reference("\(api).id")), a("resource_id", resourceID(path)), a("http_method", .reference("aws_api_gateway_method.\(rid).http_method")),
             a("type", .string("MOCK")), a("request_templates", .object([("application/json", .call("jsonencode", [.object([("statusCode", .int(200))])]))]))]
        }
        let rate = p.rateLimit?.value ?? 50, burst = p.burstLimit?.value ?? max(100, (p.rateLimit?.value ?? 50) * 2)
        let keyed = p.usagePlan != nil || !p.apiKeys.isEmpty
        var deployed: [HCLExpression] = []
        var invoked: [String: (name: HCLExpression, line: Int)] = [:]
        for r in routes {
            let rid = "\(c.id)_\(r.method.lowercased())_" + (r.path == "/" ? "root" : NameReader.identifier(r.path.replacingOccurrences(of: "+", with: "_plus")))
            ctx.resource("aws_api_gateway_method", rid, [
                a("rest_api_id", .reference("\(api).id")), a("resource_id", resourceID(r.path)), a("http_method", .string(r.method)),
                a("authorization", .string("NONE")), keyed ? a("api_key_required", .bool(true)) : nil,
            ])
            deployed += [.reference("aws_api_gateway_method.\(rid).id"), .reference("aws_api_gateway_integration.\(rid).id")]
            if r.mock {
                ctx.resource("aws_api_gateway_integration", rid, mockIntegration(rid, r.path))
                ctx.resource("aws_api_gateway_method_response", rid, [
                    a("rest_api_id", .reference("\(api).id")), a("resource_id", resourceID(r.path)), a("http_method", .reference("aws_api_gateway_method.\(rid).http_method")),
                    a("status_code", .string("200")),
                ])
                ctx.resource("aws_api_gateway_integration_response", rid, [
                    a("rest_api_id", .reference("\(api).id")), a("resource_id", resourceID(r.path)), a("http_method", .reference("aws_api_gateway_method.\(rid).http_method")),
                    a("status_code", .reference("aws_api_gateway_method_response.\(rid).status_code")),
                    r.mockBody.map { a("response_templates", .object([("application/json", .string($0))])) } ?? nil,
                    a("depends_on", .list([.reference("aws_api_gateway_integration.\(rid)")])),
                ])
                deployed.append(.reference("aws_api_gateway_integration_response.\(rid).id"))
                continue
            }
            let target = r.function.flatMap { n in functions.first { $0.name?.value == n || $0.id == NameReader.identifier(n) } } ?? functions.first
            guard let f = target, let fn = ctx.lambda(f) else {
                ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "\(r.method) \(r.path) names no function the stack has; it is a mock until one is named"))
                ctx.resource("aws_api_gateway_integration", rid, mockIntegration(rid, r.path))
                continue
            }
            ctx.resource("aws_api_gateway_integration", rid, [
                a("rest_api_id", .reference("\(api).id")), a("resource_id", resourceID(r.path)), a("http_method", .reference("aws_api_gateway_method.\(rid).http_method")),
                .comment("Lambda proxy integrations are always called with POST."),
                a("type", .string("AWS_PROXY")), a("integration_http_method", .string("POST")), a("uri", fn.invokeARN),
            ])
            invoked[f.id] = (fn.name, f.line)
        }
        for (fid, fn) in invoked.sorted(by: { $0.key < $1.key }) {
            ctx.resource("aws_lambda_permission", "\(fid)_\(c.id)", [
                a("statement_id", .string("AllowRESTAPI")), a("action", .string("lambda:InvokeFunction")), a("function_name", fn.name),
                a("principal", .string("apigateway.amazonaws.com")),
                .comment("Only this API may invoke the function."),
                a("source_arn", tpl(.interpolation("\(api).execution_arn"), .literal("/*/*"))),
            ])
        }
        let resourceRefs: [HCLExpression] = resources.values.sorted().map { .reference("aws_api_gateway_resource.\($0).id") }
        ctx.resource("aws_api_gateway_deployment", c.id, [
            a("rest_api_id", .reference("\(api).id")),
            .comment("A new deployment whenever a resource, method or integration changes."),
            a("triggers", .object([("redeployment", .call("sha1", [.call("jsonencode", [.list(resourceRefs + deployed)])]))])),
            b("lifecycle", [a("create_before_destroy", .bool(true))]),
        ])
        ctx.logGroup(id: "\(c.id)_access", name: .string("/aws/apigateway/\(name)-access"), days: p.accessLogDays?.value ?? 30)
        let stage = p.stage?.value ?? "prod"
        ctx.resource("aws_api_gateway_stage", c.id, [
            a("rest_api_id", .reference("\(api).id")), a("deployment_id", .reference("aws_api_gateway_deployment.\(c.id).id")), a("stage_name", .string(stage)),
            a("xray_tracing_enabled", .bool(p.tracing?.value ?? true)),
            .comment("Access logging needs the account's API Gateway CloudWatch Logs role (aws_api_gateway_account), set once per account and region."),
            b("access_log_settings", [a("destination_arn", .reference("aws_cloudwatch_log_group.\(c.id)_access.arn")),
                                      a("format", .call("jsonencode", [.object([("requestId", .string("$context.requestId")), ("ip", .string("$context.identity.sourceIp")),
                                                                                ("method", .string("$context.httpMethod")), ("path", .string("$context.resourcePath")),
                                                                                ("status", .string("$context.status")), ("responseLength", .string("$context.responseLength"))])]))]),
        ])
        ctx.resource("aws_api_gateway_method_settings", c.id, [
            a("rest_api_id", .reference("\(api).id")), a("stage_name", .reference("aws_api_gateway_stage.\(c.id).stage_name")), a("method_path", .string("*/*")),
            b("settings", [a("metrics_enabled", .bool(true)), a("throttling_rate_limit", .int(rate)), a("throttling_burst_limit", .int(burst))]),
        ])
        guard keyed else { return }
        let planName = (p.usagePlan?.value).flatMap { $0.isEmpty ? nil : $0 } ?? name + "-plan"
        var plan: [HCLBodyItem?] = [
            a("name", .string(planName)),
            b("api_stages", [a("api_id", .reference("\(api).id")), a("stage", .reference("aws_api_gateway_stage.\(c.id).stage_name"))]),
            b("throttle_settings", [a("rate_limit", .int(rate)), a("burst_limit", .int(burst))]),
        ]
        if let limit = p.quotaLimit?.value { plan.append(b("quota_settings", [a("limit", .int(limit)), a("period", .string(p.quotaPeriod?.value ?? "DAY"))])) }
        else if p.quotaPeriod != nil { ctx.diagnostics.append(Diagnostic(.warning, line: p.quotaPeriod?.line ?? c.line, "a quota was asked for without a number of requests; the usage plan has none until one is given")) }
        ctx.resource("aws_api_gateway_usage_plan", c.id, plan)
        let keys = p.apiKeys.isEmpty ? [name + "-key"] : p.apiKeys
        for k in keys {
            let kid = "\(c.id)_" + NameReader.identifier(k)
            ctx.resource("aws_api_gateway_api_key", kid, [.comment("The key's value is generated by AWS; it is never written here."), a("name", .string(k)), a("enabled", .bool(true))])
            ctx.resource("aws_api_gateway_usage_plan_key", kid, [a("key_id", .reference("aws_api_gateway_api_key.\(kid).id")), a("key_type", .string("API_KEY")), a("usage_plan_id", .reference("aws_api_gateway_usage_plan.\(c.id).id"))])
        }
    }
}
