/// VPC network: subnets per tier and AZ, internet gateway, NAT none/one/per-AZ, route tables,
/// the default security group stripped, optional flow logs and endpoints. An existing VPC is
/// looked up instead.
enum NetworkBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        if c.ownership == .existing { renderExisting(c, into: &ctx); return }
        let name = ctx.name(c, ctx.baseName + "-vpc")
        let cidr = c.string("cidr") ?? "10.0.0.0/16"
        let explicitAZs = c.strings("azs")
        let azCount = max(1, explicitAZs.isEmpty ? (c.int("azCount") ?? 2) : explicitAZs.count)
        let wantsPublic = c.bool("public") ?? false
        let wantsData = c.bool("data") ?? false
        let wantsPrivate = (c.bool("private") ?? false) || !wantsPublic
        let nat = wantsPublic && wantsPrivate ? (c.string("nat") ?? "none") : "none"
        let azs: HCLExpression
        if explicitAZs.isEmpty {
            ctx.data("aws_availability_zones", "available", [a("state", .string("available"))])
            azs = .call("slice", [.reference("data.aws_availability_zones.available.names"), .int(0), .int(azCount)])
        } else {
            azs = .strings(explicitAZs)
        }
        ctx.blocks.append(HCLBlock("locals", [], [.attribute("azs", azs)]))
        ctx.resource("aws_vpc", "main", [
            a("cidr_block", .string(cidr)), a("enable_dns_support", .bool(true)), a("enable_dns_hostnames", .bool(true)), RenderContext.nameTag(name),
        ])
        ctx.resource("aws_default_security_group", "main", [
            .comment("Strips the default security group: no ingress and no egress, so nothing uses it by accident."),
            a("vpc_id", .reference("aws_vpc.main.id")),
        ])
        ctx.vpcID = .reference("aws_vpc.main.id")
        ctx.vpcCIDR = .reference("aws_vpc.main.cidr_block")
        // Allocate subnets largest first so they never overlap.
        var requests: [(tier: String, mask: Int)] = []
        if wantsPublic { requests += Array(repeating: ("public", c.int("publicMask") ?? 24), count: azCount) }
        if wantsPrivate { requests += Array(repeating: ("private", c.int("privateMask") ?? (wantsData ? 20 : 24)), count: azCount) }
        if wantsData { requests += Array(repeating: ("data", c.int("dataMask") ?? 24), count: azCount) }
        let allocated = CIDRAllocator.allocate(base: cidr, masks: requests.map(\.mask))
        func cidrs(_ tier: String) -> [String] { zip(requests, allocated).filter { $0.0.tier == tier }.map { $0.1 } }
        for tier in ["public", "private", "data"] {
            let list = cidrs(tier)
            guard !list.isEmpty else { continue }
            ctx.resource("aws_subnet", tier, [
                a("count", .int(list.count)),
                a("vpc_id", .reference("aws_vpc.main.id")),
                a("cidr_block", .reference("local.\(tier)_subnet_cidrs[count.index]")),
                a("availability_zone", .reference("local.azs[count.index]")),
                tier == "public" ? a("map_public_ip_on_launch", .bool(c.bool("mapPublicIp") ?? false)) : nil,
                a("tags", .object([("Name", tpl(.literal("\(name)-\(tier)-"), .interpolation("local.azs[count.index]"))), ("Tier", .string(tier))])),
            ])
            if let i = ctx.blocks.firstIndex(where: { $0.type == "locals" }) { ctx.blocks[i].body.append(.attribute("\(tier)_subnet_cidrs", .strings(list))) }
        }
        ctx.publicSubnets = wantsPublic ? .reference("aws_subnet.public[*].id") : .reference("aws_subnet.private[*].id")
        ctx.privateSubnets = wantsPrivate ? .reference("aws_subnet.private[*].id") : ctx.publicSubnets
        ctx.dataSubnets = wantsData ? .reference("aws_subnet.data[*].id") : ctx.privateSubnets
        if wantsPublic {
            ctx.resource("aws_internet_gateway", "main", [a("vpc_id", .reference("aws_vpc.main.id")), RenderContext.nameTag(name + "-igw")])
            ctx.resource("aws_route_table", "public", [
                a("vpc_id", .reference("aws_vpc.main.id")),
                b("route", [a("cidr_block", .string("0.0.0.0/0")), a("gateway_id", .reference("aws_internet_gateway.main.id"))]),
                RenderContext.nameTag(name + "-public"),
            ])
            ctx.resource("aws_route_table_association", "public", [
                a("count", .int(azCount)), a("subnet_id", .reference("aws_subnet.public[count.index].id")), a("route_table_id", .reference("aws_route_table.public.id")),
            ])
        }
        let natCount = nat == "perAz" ? azCount : (nat == "single" ? 1 : 0)
        if natCount > 0 {
            ctx.resource("aws_eip", "nat", [a("count", .int(natCount)), a("domain", .string("vpc")), RenderContext.nameTag(name + "-nat")])
            ctx.resource("aws_nat_gateway", "main", [
                a("count", .int(natCount)), a("allocation_id", .reference("aws_eip.nat[count.index].id")), a("subnet_id", .reference("aws_subnet.public[count.index].id")),
                RenderContext.nameTag(name + "-nat"), a("depends_on", .list([.reference("aws_internet_gateway.main")])),
            ])
        }
        var privateTables: [HCLExpression] = []
        if wantsPrivate {
            let tables = nat == "perAz" ? azCount : 1
            ctx.resource("aws_route_table", "private", [
                a("count", .int(tables)), a("vpc_id", .reference("aws_vpc.main.id")),
                natCount > 0 ? b("route", [a("cidr_block", .string("0.0.0.0/0")), a("nat_gateway_id", .reference(nat == "perAz" ? "aws_nat_gateway.main[count.index].id" : "aws_nat_gateway.main[0].id"))]) : nil,
                RenderContext.nameTag(name + "-private"),
            ])
            ctx.resource("aws_route_table_association", "private", [
                a("count", .int(azCount)), a("subnet_id", .reference("aws_subnet.private[count.index].id")),
                a("route_table_id", .reference(tables > 1 ? "aws_route_table.private[count.index].id" : "aws_route_table.private[0].id")),
            ])
            privateTables.append(.reference("aws_route_table.private[*].id"))
        }
        if wantsData {
            ctx.resource("aws_route_table", "data", [
                .comment("Data subnets route only inside the VPC: no internet or NAT route."),
                a("vpc_id", .reference("aws_vpc.main.id")), RenderContext.nameTag(name + "-data"),
            ])
            ctx.resource("aws_route_table_association", "data", [
                a("count", .int(azCount)), a("subnet_id", .reference("aws_subnet.data[count.index].id")), a("route_table_id", .reference("aws_route_table.data.id")),
            ])
            privateTables.append(.list([.reference("aws_route_table.data.id")]))
        }
        if privateTables.isEmpty && wantsPublic { privateTables.append(.list([.reference("aws_route_table.public.id")])) }
        endpoints(c, routeTables: privateTables.count == 1 ? privateTables[0] : .call("concat", privateTables), into: &ctx)
        if c.bool("flowLogs") == true { flowLogs(c, name: name, into: &ctx) }
    }

    static func endpoints(_ c: Component, routeTables: HCLExpression, into ctx: inout RenderContext) {
        let list = c.strings("endpoints")
        for gw in ["s3", "dynamodb"] where list.contains(gw) {
            ctx.resource("aws_vpc_endpoint", gw, [
                a("vpc_id", ctx.vpcID), a("service_name", .string("com.amazonaws.\(ctx.region).\(gw)")), a("vpc_endpoint_type", .string("Gateway")),
                c.ownership == .create ? a("route_table_ids", routeTables) : nil,
            ])
        }
        let interfaces = list.filter { !["s3", "dynamodb"].contains($0) }
        if !interfaces.isEmpty {
            let sg = ctx.securityGroup(id: "endpoints", name: ctx.baseName + "-vpc-endpoints", description: "HTTPS from inside the VPC to the interface endpoints",
                                       ingress: [(443, nil, .cidr(ctx.vpcCIDR), "HTTPS from the VPC")], egressAll: false)
            for svc in interfaces {
                ctx.resource("aws_vpc_endpoint", svc, [
                    a("vpc_id", ctx.vpcID), a("service_name", .string("com.amazonaws.\(ctx.region).\(svc)")), a("vpc_endpoint_type", .string("Interface")),
                    a("subnet_ids", ctx.privateSubnets), a("security_group_ids", .list([sg])), a("private_dns_enabled", .bool(true)),
                ])
            }
        }
    }

    static func flowLogs(_ c: Component, name: String, into ctx: inout RenderContext) {
        let group = c.string("flowLogGroup") ?? "/vpc/\(name)/flow-logs"
        var kms: HCLExpression? = nil
        if c.bool("flowLogKms") == true || ctx.spec.settings.environment?.value == "prod" {
            ctx.data("aws_caller_identity", "current", [])
            ctx.data("aws_iam_policy_document", "flow_logs_key", [
                b("statement", [a("sid", .string("AccountAdministration")), a("actions", .strings(["kms:*"])), a("resources", .strings(["*"])),
                                b("principals", [a("type", .string("AWS")), a("identifiers", .list([tpl(.literal("arn:aws:iam::"), .interpolation("data.aws_caller_identity.current.account_id"), .literal(":root"))]))])]),
                b("statement", [a("sid", .string("CloudWatchLogsUse")),
                                a("actions", .strings(["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"])), a("resources", .strings(["*"])),
                                b("principals", [a("type", .string("Service")), a("identifiers", .strings(["logs.\(ctx.region).amazonaws.com"]))]),
                                b("condition", [a("test", .string("ArnLike")), a("variable", .string("kms:EncryptionContext:aws:logs:arn")),
                                                a("values", .list([tpl(.literal("arn:aws:logs:\(ctx.region):"), .interpolation("data.aws_caller_identity.current.account_id"), .literal(":log-group:\(group)"))]))])]),
            ])
            ctx.resource("aws_kms_key", "flow_logs", [
                a("description", .string("Encrypts the VPC flow log group")), a("enable_key_rotation", .bool(true)), a("deletion_window_in_days", .int(30)),
                a("policy", .reference("data.aws_iam_policy_document.flow_logs_key.json")),
            ])
            ctx.resource("aws_kms_alias", "flow_logs", [a("name", .string("alias/" + AWSNames.sanitize(name, for: .role) + "-flow-logs")), a("target_key_id", .reference("aws_kms_key.flow_logs.key_id"))])
            kms = .reference("aws_kms_key.flow_logs.arn")
        }
        ctx.logGroup(id: "flow_logs", name: .string(group), days: c.int("flowLogRetention") ?? 365, kms: kms)
        ctx.role(id: "flow_logs", name: name + "-flow-logs", service: "vpc-flow-logs.amazonaws.com")
        ctx.rolePolicy(id: "flow_logs", role: .reference("aws_iam_role.flow_logs.id"), statements: [
            PolicyStatement(actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
                            resources: [.reference("aws_cloudwatch_log_group.flow_logs.arn"), tpl(.interpolation("aws_cloudwatch_log_group.flow_logs.arn"), .literal(":*"))]),
        ])
        ctx.resource("aws_flow_log", "main", [
            a("vpc_id", .reference("aws_vpc.main.id")), a("traffic_type", .string("ALL")), a("log_destination_type", .string("cloud-watch-logs")),
            a("log_destination", .reference("aws_cloudwatch_log_group.flow_logs.arn")), a("iam_role_arn", .reference("aws_iam_role.flow_logs.arn")),
        ])
    }

    static func renderExisting(_ c: Component, into ctx: inout RenderContext) {
        if let vpc = c.string("vpcId") {
            ctx.data("aws_vpc", "main", [a("id", .string(vpc))])
        } else if let n = c.name?.value {
            ctx.data("aws_vpc", "main", [b("filter", [a("name", .string("tag:Name")), a("values", .strings([n]))])])
        } else {
            ctx.data("aws_vpc", "main", [a("default", .bool(true))])
        }
        ctx.vpcID = .reference("data.aws_vpc.main.id")
        ctx.vpcCIDR = .reference("data.aws_vpc.main.cidr_block")
        let pub = c.strings("publicSubnetIds"), priv = c.strings("privateSubnetIds")
        if pub.isEmpty && priv.isEmpty {
            ctx.data("aws_subnets", "main", [b("filter", [a("name", .string("vpc-id")), a("values", .list([ctx.vpcID]))])])
            ctx.privateSubnets = .reference("data.aws_subnets.main.ids")
            ctx.publicSubnets = ctx.privateSubnets
        } else {
            ctx.privateSubnets = .strings(priv.isEmpty ? pub : priv)
            ctx.publicSubnets = .strings(pub.isEmpty ? priv : pub)
        }
        ctx.dataSubnets = ctx.privateSubnets
        endpoints(c, routeTables: .list([]), into: &ctx)
    }
}

/// Carves non-overlapping subnets out of a VPC CIDR.
enum CIDRAllocator {
    static func parse(_ cidr: String) -> (UInt32, Int)? {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let mask = Int(parts[1]), mask >= 0, mask <= 32 else { return nil }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        return (octets.reduce(0) { $0 << 8 | $1 }, mask)
    }

    static func format(_ ip: UInt32, _ mask: Int) -> String {
        "\(ip >> 24 & 255).\(ip >> 16 & 255).\(ip >> 8 & 255).\(ip & 255)/\(mask)"
    }

    /// Allocates one subnet per requested mask, largest first, in request order of output.
    static func allocate(base: String, masks: [Int]) -> [String] {
        guard let (baseIP, baseMask) = parse(base) else { return masks.map { _ in base } }
        var result = Array(repeating: "", count: masks.count)
        var next = UInt64(baseIP)
        let order = masks.indices.sorted { masks[$0] < masks[$1] || (masks[$0] == masks[$1] && $0 < $1) }
        for i in order {
            let mask = max(masks[i], baseMask)
            let size = UInt64(1) << UInt64(32 - mask)
            next = (next + size - 1) / size * size
            result[i] = format(UInt32(truncatingIfNeeded: next), mask)
            next += size
        }
        return result
    }
}
