/// Lambda function: its own role and log group, least-privilege access to what the document
/// names, and triggers (SQS, schedule, S3 uploads). The package is built outside Terraform.
enum FunctionBlock {
    /// A function in given subnets runs in their VPC with a security group of its own (no inbound
    /// rules; the outbound rules the document gives, else HTTPS out) and the AWS-managed policy
    /// that lets it create its network interfaces.
    static func vpcConfig(_ c: Component, id: String, name: String, into ctx: inout RenderContext) -> HCLBodyItem? {
        let subnets = c.strings("subnetIds")
        guard !subnets.isEmpty else { return nil }
        var groups: [HCLExpression] = c.strings("securityGroupIds").map { .string($0) }
        if groups.isEmpty || !c.strings("egress").isEmpty {
            ctx.data("aws_subnet", "\(id)_lambda", [a("id", .string(subnets[0]))])
            let egress = c.strings("egress").isEmpty ? ["443:0.0.0.0/0"] : c.strings("egress")
            ctx.resource("aws_security_group", "\(id)_lambda", [
                a("name", .string("\(name)-lambda")), a("description", .string("\(name): no inbound; outbound as the requirements say")),
                a("vpc_id", .reference("data.aws_subnet.\(id)_lambda.vpc_id")),
            ] + egress.map { rule -> HCLBodyItem? in
                let parts = rule.split(separator: ":", maxSplits: 1).map(String.init)
                let port = Int(parts[0]) ?? 443
                return b("egress", [a("from_port", .int(port)), a("to_port", .int(port)), a("protocol", .string("tcp")), a("cidr_blocks", .strings([parts.count > 1 ? parts[1] : "0.0.0.0/0"]))])
            })
            groups.append(.reference("aws_security_group.\(id)_lambda.id"))
        }
        ctx.resource("aws_iam_role_policy_attachment", "\(id)_lambda_vpc", [
            a("role", .reference("aws_iam_role.\(id)_lambda.name")),
            a("policy_arn", .string("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole")),
        ])
        return b("vpc_config", [a("subnet_ids", .strings(subnets)), a("security_group_ids", .list(groups))])
    }

    static func render(_ c: Component, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let id = c.id
        let name = ctx.name(c, ctx.baseName + "-" + id.replacingOccurrences(of: "_", with: "-"))
        ctx.role(id: "\(id)_lambda", name: name, service: "lambda.amazonaws.com")
        ctx.logGroup(id: "\(id)_lambda", name: .string("/aws/lambda/\(name)"), days: c.int("logDays") ?? 30)
        var statements = [PolicyStatement(sid: "Logs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                                          resources: [tpl(.interpolation("aws_cloudwatch_log_group.\(id)_lambda.arn"), .literal(":*"))])]
        let queue = ctx.created(.queue).first { $0.bool("dlq") != false } ?? ctx.created(.queue).first
        if c.bool("sqsTrigger") == true, let q = queue {
            statements.append(PolicyStatement(sid: "ConsumeQueue", actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
                                              resources: [.reference("aws_sqs_queue.\(q.id).arn")]))
        }
        let access = c.strings("bucketAccess")
        let buckets = ctx.components(.bucket)
        func bucketNamed(_ n: String?) -> Component? { n.flatMap { name in buckets.first { $0.name?.value == name } } }
        let bucket = bucketNamed(c.string("triggerBucket")) ?? bucketNamed(c.string("writeBucket")) ?? buckets.first
        var bucketARN: HCLExpression? = nil
        var bucketName: HCLExpression? = nil
        if let bucket {
            if bucket.ownership == .create { bucketARN = .reference("aws_s3_bucket.\(bucket.id).arn"); bucketName = .reference("aws_s3_bucket.\(bucket.id).id") }
            else if let n = bucket.name?.value { bucketARN = .string("arn:aws:s3:::\(n)"); bucketName = .string(n) }
        } else if let env = c.strings("env").first(where: { $0.has("bucket") }), let v = env.split(separator: "=").last {
            bucketARN = .string("arn:aws:s3:::\(v)"); bucketName = .string(String(v))
        }
        if let writeTarget = bucketNamed(c.string("writeBucket")), writeTarget.id != bucket?.id {
            let target: HCLExpression = writeTarget.ownership == .create ? tpl(.interpolation("aws_s3_bucket.\(writeTarget.id).arn"), .literal("/*")) : .string("arn:aws:s3:::\(writeTarget.name?.value ?? "")/*")
            statements.append(PolicyStatement(sid: "WriteBucket", actions: ["s3:PutObject"], resources: [target]))
        }
        let failureQueue = c.bool("failureQueue") == true && c.bool("sqsTrigger") != true ? ctx.created(.queue).first : nil
        if let q = failureQueue {
            statements.append(PolicyStatement(sid: "FailureQueue", actions: ["sqs:SendMessage"], resources: [.reference("aws_sqs_queue.\(q.id).arn")]))
        }
        if !access.isEmpty && bucketNamed(c.string("writeBucket")) == nil || c.bool("s3Trigger") == true, let arn = bucketARN {
            let prefix = bucket?.string("prefix") ?? ""
            var actions: [String] = []
            if access.contains("read") || c.bool("s3Trigger") == true { actions.append("s3:GetObject") }
            if access.contains("write") { actions.append("s3:PutObject") }
            if case .reference(let r) = arn {
                statements.append(PolicyStatement(sid: "BucketObjects", actions: actions, resources: [tpl(.interpolation(r), .literal("/\(prefix)*"))]))
            } else if case .string(let s) = arn {
                statements.append(PolicyStatement(sid: "BucketObjects", actions: actions, resources: [.string("\(s)/\(prefix)*")]))
            }
        }
        let table = ctx.components(.dynamodb).first
        if !c.strings("tableActions").isEmpty || c.string("table") != nil, let table {
            let arn: HCLExpression = table.ownership == .create ? .reference("aws_dynamodb_table.\(table.id).arn") : {
                ctx.data("aws_dynamodb_table", table.id, [a("name", .string(table.name?.value ?? c.string("table") ?? "table"))])
                return .reference("data.aws_dynamodb_table.\(table.id).arn")
            }()
            let actions = c.strings("tableActions").isEmpty ? ["dynamodb:GetItem", "dynamodb:Query"] : c.strings("tableActions")
            statements.append(PolicyStatement(sid: "Table", actions: actions, resources: [arn]))
        }
        if c.bool("readsSecret") == true || ctx.created(.secret).count == 1 && ctx.created(.function).count == 1 {
            for secret in ctx.components(.secret) {
                let arn: HCLExpression
                if secret.ownership == .create { arn = .reference("aws_secretsmanager_secret.\(secret.id).arn") }
                else if let n = secret.name?.value {
                    ctx.data("aws_secretsmanager_secret", secret.id, [a("name", .string(n))])
                    arn = .reference("data.aws_secretsmanager_secret.\(secret.id).arn")
                } else { continue }
                statements.append(PolicyStatement(sid: "ReadSecret", actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], resources: [arn]))
            }
        }
        if c.bool("sendsToQueue") == true, let q = ctx.created(.queue).first {
            statements.append(PolicyStatement(sid: "SendToQueue", actions: ["sqs:SendMessage"], resources: [.reference("aws_sqs_queue.\(q.id).arn")]))
        }
        ctx.rolePolicy(id: "\(id)_lambda", role: .reference("aws_iam_role.\(id)_lambda.id"), statements: statements)
        let variable = "\(id)_package"
        let package = c.string("package") ?? "build/\(name).zip"
        let safePackage = package.contains("..") || package.hasPrefix("/") ? "build/\(name).zip" : package
        ctx.variables.append(HCLBlock("variable", [variable], [
            .attribute("description", .string("Path of the deployment package for \(name). The archive provider is not available, so the package is built outside Terraform and placed here before plan.")),
            .attribute("type", .reference("string")),
            .attribute("default", .string(safePackage)),
        ]))
        var env: [(String, HCLExpression)] = []
        for pair in c.strings("env") {
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let key = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
            env.append((key, value == "@bucket" ? (bucketName ?? .string("")) : .string(value)))
        }
        let vpc = vpcConfig(c, id: id, name: name, into: &ctx)
        ctx.resource("aws_lambda_function", id, [
            a("function_name", .string(AWSNames.sanitize(name, for: .queue).replacingOccurrences(of: ".", with: "-"))),
            a("role", .reference("aws_iam_role.\(id)_lambda.arn")),
            a("runtime", .string(c.string("runtime") ?? "python3.12")), a("handler", .string(c.string("handler") ?? "app.handler")),
            .comment("The package comes from the build, not from Terraform (the archive provider is not available)."),
            a("filename", .reference("var.\(variable)")),
            a("memory_size", .int(c.int("memory") ?? 128)), a("timeout", .int(c.int("timeout") ?? 30)),
            c.int("concurrency").map { a("reserved_concurrent_executions", .int($0)) } ?? nil,
            c.string("alias") != nil ? a("publish", .bool(true)) : nil,
            env.isEmpty ? nil : b("environment", [a("variables", .object(env))]),
            vpc,
            b("tracing_config", [a("mode", .string("Active"))]),
            a("depends_on", .list([.reference("aws_cloudwatch_log_group.\(id)_lambda"), .reference("aws_iam_role_policy.\(id)_lambda")])),
        ])
        // A named alias on the published version; warm copies are provisioned on the alias.
        if let alias = c.string("alias") {
            ctx.resource("aws_lambda_alias", id, [
                a("name", .string(alias)), a("function_name", .reference("aws_lambda_function.\(id).function_name")),
                a("function_version", .reference("aws_lambda_function.\(id).version")),
            ])
            if let warm = c.int("provisionedConcurrency") {
                ctx.resource("aws_lambda_provisioned_concurrency_config", id, [
                    a("function_name", .reference("aws_lambda_function.\(id).function_name")), a("qualifier", .reference("aws_lambda_alias.\(id).name")),
                    a("provisioned_concurrent_executions", .int(warm)),
                ])
            }
        }
        if c.int("retries") != nil || c.string("schedule") != nil || failureQueue != nil {
            ctx.resource("aws_lambda_function_event_invoke_config", id, [
                a("function_name", .reference("aws_lambda_function.\(id).function_name")), a("maximum_retry_attempts", .int(c.int("retries") ?? 2)),
                failureQueue.map { q in b("destination_config", [b("on_failure", [a("destination", .reference("aws_sqs_queue.\(q.id).arn"))])]) } ?? nil,
            ])
        }
        if c.bool("sqsTrigger") == true, let q = queue {
            ctx.resource("aws_lambda_event_source_mapping", id, [
                a("event_source_arn", .reference("aws_sqs_queue.\(q.id).arn")), a("function_name", .reference("aws_lambda_function.\(id).arn")),
                a("batch_size", .int(c.int("batchSize") ?? 10)), c.int("batchWindow").map { a("maximum_batching_window_in_seconds", .int($0)) } ?? nil,
                c.bool("partialBatch") == true ? a("function_response_types", .strings(["ReportBatchItemFailures"])) : nil,
            ])
        }
        if let schedule = c.string("schedule") {
            ctx.resource("aws_cloudwatch_event_rule", "\(id)_schedule", [a("name", .string(name + "-schedule")), a("schedule_expression", .string(schedule))])
            ctx.resource("aws_cloudwatch_event_target", "\(id)_schedule", [a("rule", .reference("aws_cloudwatch_event_rule.\(id)_schedule.name")), a("arn", .reference("aws_lambda_function.\(id).arn"))])
            ctx.resource("aws_lambda_permission", "\(id)_schedule", [
                a("statement_id", .string("AllowEventBridge")), a("action", .string("lambda:InvokeFunction")), a("function_name", .reference("aws_lambda_function.\(id).function_name")),
                a("principal", .string("events.amazonaws.com")), a("source_arn", .reference("aws_cloudwatch_event_rule.\(id)_schedule.arn")),
            ])
        }
        if c.bool("s3Trigger") == true, let bucket, bucket.ownership == .create {
            ctx.resource("aws_lambda_permission", "\(id)_s3", [
                a("statement_id", .string("AllowS3")), a("action", .string("lambda:InvokeFunction")), a("function_name", .reference("aws_lambda_function.\(id).function_name")),
                a("principal", .string("s3.amazonaws.com")), a("source_arn", .reference("aws_s3_bucket.\(bucket.id).arn")),
            ])
            ctx.resource("aws_s3_bucket_notification", bucket.id, [
                a("bucket", .reference("aws_s3_bucket.\(bucket.id).id")),
                b("lambda_function", [a("lambda_function_arn", .reference("aws_lambda_function.\(id).arn")), a("events", .strings(["s3:ObjectCreated:*"]))]),
                a("depends_on", .list([.reference("aws_lambda_permission.\(id)_s3")])),
            ])
        }
    }
}

/// HTTP API (API Gateway v2) with routes to Lambda functions, CORS, throttling and access logs.
enum HTTPAPIBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        let id = c.id
        let name = ctx.name(c, ctx.baseName + "-api")
        var cors: [HCLBodyItem?] = []
        if !c.strings("corsOrigins").isEmpty {
            cors = [b("cors_configuration", [a("allow_origins", .strings(c.strings("corsOrigins"))), a("allow_methods", .strings(c.strings("corsMethods").isEmpty ? ["GET"] : c.strings("corsMethods"))),
                                             c.strings("corsHeaders").isEmpty ? nil : a("allow_headers", .strings(c.strings("corsHeaders"))), a("max_age", .int(300))])]
        }
        ctx.resource("aws_apigatewayv2_api", id, [a("name", .string(name)), a("protocol_type", .string("HTTP"))] + cors)
        ctx.logGroup(id: "\(id)_access", name: .string("/aws/apigateway/\(name)"), days: c.int("logDays") ?? 30)
        ctx.resource("aws_apigatewayv2_stage", id, [
            a("api_id", .reference("aws_apigatewayv2_api.\(id).id")), a("name", .string(c.string("stage") ?? "$default")), a("auto_deploy", .bool(true)),
            b("default_route_settings", [a("throttling_rate_limit", .int(c.int("rateLimit") ?? 50)), a("throttling_burst_limit", .int(c.int("burstLimit") ?? 100))]),
            b("access_log_settings", [a("destination_arn", .reference("aws_cloudwatch_log_group.\(id)_access.arn")),
                                      a("format", .call("jsonencode", [.object([("requestId", .string("$context.requestId")), ("ip", .string("$context.identity.sourceIp")),
                                                                                ("routeKey", .string("$context.routeKey")), ("status", .string("$context.status")),
                                                                                ("responseLength", .string("$context.responseLength"))])]))]),
        ])
        let functions = ctx.created(.function).isEmpty ? ctx.components(.function) : ctx.created(.function)
        for f in functions {
            let route = f.string("route") ?? (functions.count == 1 ? "ANY /{proxy+}" : nil)
            guard let route, let fn = ctx.lambda(f) else { continue }
            ctx.resource("aws_apigatewayv2_integration", f.id, [
                a("api_id", .reference("aws_apigatewayv2_api.\(id).id")), a("integration_type", .string("AWS_PROXY")),
                a("integration_uri", fn.invokeARN), a("payload_format_version", .string("2.0")),
            ])
            ctx.resource("aws_apigatewayv2_route", f.id, [
                a("api_id", .reference("aws_apigatewayv2_api.\(id).id")), a("route_key", .string(route)),
                a("target", tpl(.literal("integrations/"), .interpolation("aws_apigatewayv2_integration.\(f.id).id"))),
            ])
            ctx.resource("aws_lambda_permission", "\(f.id)_api", [
                a("statement_id", .string("AllowHTTPAPI")), a("action", .string("lambda:InvokeFunction")), a("function_name", fn.name),
                a("principal", .string("apigateway.amazonaws.com")), a("source_arn", tpl(.interpolation("aws_apigatewayv2_api.\(id).execution_arn"), .literal("/*/*"))),
            ])
        }
    }
}
