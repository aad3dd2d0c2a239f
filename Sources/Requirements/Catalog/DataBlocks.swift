/// RDS PostgreSQL/MySQL/MariaDB (or Aurora): private subnet group, parameter group that
/// enforces TLS, managed master password, encryption, backups, deletion protection in
/// production, optional read replica; reachable only from the sources the document names.
enum DatabaseBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        let id = c.id
        let engine = c.string("engine") ?? "postgres"
        let name = ctx.name(c, ctx.baseName + "-db")
        let port = c.int("port") ?? (engine == "postgres" ? 5432 : 3306)
        let prod = ctx.spec.settings.environment?.value == "prod"
        var ingress: [(Int, Int?, SGSource, String)] = []
        for sg in c.strings("allowedSecurityGroups") { ingress.append((port, nil, .group(.string(sg)), "Database from the application security group")) }
        for cidr in c.strings("allowedCidrs") { ingress.append((port, nil, .cidr(.string(cidr)), "Database from \(cidr)")) }
        if ingress.isEmpty {
            if let app = ctx.created(.webTier).first ?? ctx.created(.instance).first ?? ctx.created(.container).first, let sg = ctx.securityGroups[app.id] {
                ingress.append((port, nil, .group(sg), "Database from the application tier"))
            } else {
                ingress.append((port, nil, .cidr(ctx.vpcCIDR), "Database from inside the VPC"))
            }
        }
        let sg = ctx.securityGroup(id: "\(id)_db", name: name + "-db", description: "\(name): database port only from the application", ingress: ingress, egressAll: false)
        ctx.resource("aws_db_subnet_group", id, [a("name", .string(name)), a("subnet_ids", ctx.dataSubnets), a("description", .string("Private subnets for \(name)"))])
        let version = c.string("engineVersion") ?? (engine == "postgres" ? "16" : engine == "mysql" ? "8.0" : "10.11")
        let major = version.split(separator: ".").first.map(String.init) ?? version
        if let aurora = c.string("aurora") {
            let family = engine == "postgres" ? "aurora-postgresql" : "aurora-mysql"
            // The cluster's parameter group enforces TLS like the instance's does.
            var clusterParameters: [HCLBodyItem?] = [b("parameter", [a("name", .string(engine == "postgres" ? "rds.force_ssl" : "require_secure_transport")), a("value", .string(engine == "postgres" ? "1" : "ON"))])]
            if let ms = c.int("slowQueryMs") {
                clusterParameters += engine == "postgres"
                    ? [b("parameter", [a("name", .string("log_min_duration_statement")), a("value", .string(String(ms)))])]
                    : [b("parameter", [a("name", .string("slow_query_log")), a("value", .string("1"))]), b("parameter", [a("name", .string("long_query_time")), a("value", .string(String(Double(ms) / 1000)))])]
            }
            let clusterFamily = engine == "postgres" ? "aurora-postgresql\(major)" : "aurora-mysql\(major == "5" ? "5.7" : "8.0")"
            ctx.resource("aws_rds_cluster_parameter_group", id, [a("name_prefix", .string(name + "-")), a("family", .string(clusterFamily)), a("description", .string("Cluster parameters for \(name)"))]
                         + clusterParameters + [b("lifecycle", [a("create_before_destroy", .bool(true))])])
            ctx.resource("aws_rds_cluster", id, [
                a("cluster_identifier", .string(name)), a("engine", .string(family)), a("engine_version", .string(version)),
                a("master_username", .string(c.string("username") ?? "dbadmin")), a("manage_master_user_password", .bool(true)),
                a("db_subnet_group_name", .reference("aws_db_subnet_group.\(id).name")), a("vpc_security_group_ids", .list([sg])),
                a("db_cluster_parameter_group_name", .reference("aws_rds_cluster_parameter_group.\(id).name")),
                a("storage_encrypted", .bool(true)), c.string("kmsKeyArn").map { a("kms_key_id", .string($0)) } ?? nil,
                a("backup_retention_period", .int(c.int("backupDays") ?? 7)),
                a("deletion_protection", .bool(c.bool("deletionProtection") ?? prod)), a("skip_final_snapshot", .bool(!(c.bool("finalSnapshot") ?? prod))),
                (c.bool("finalSnapshot") ?? prod) ? a("final_snapshot_identifier", .string(name + "-final")) : nil,
                aurora == "serverless" ? b("serverlessv2_scaling_configuration", [a("min_capacity", .double(0.5)), a("max_capacity", .int(8))]) : nil,
            ])
            ctx.resource("aws_rds_cluster_instance", id, [
                a("count", .int(c.int("instanceCount") ?? (c.bool("multiAz") == true ? 2 : 1))), a("identifier", tpl(.literal(name + "-"), .interpolation("count.index"))),
                a("cluster_identifier", .reference("aws_rds_cluster.\(id).id")), a("instance_class", .string(aurora == "serverless" ? "db.serverless" : c.string("instanceClass") ?? "db.r7g.large")),
                a("engine", .reference("aws_rds_cluster.\(id).engine")), a("engine_version", .reference("aws_rds_cluster.\(id).engine_version")),
            ])
            return
        }
        var parameters: [HCLBodyItem?] = []
        if engine == "postgres" {
            parameters.append(b("parameter", [a("name", .string("rds.force_ssl")), a("value", .string("1"))]))
            if let ms = c.int("slowQueryMs") { parameters.append(b("parameter", [a("name", .string("log_min_duration_statement")), a("value", .string(String(ms)))])) }
        } else {
            parameters.append(b("parameter", [a("name", .string("require_secure_transport")), a("value", .string("1"))]))
            if let ms = c.int("slowQueryMs") {
                parameters.append(b("parameter", [a("name", .string("slow_query_log")), a("value", .string("1"))]))
                parameters.append(b("parameter", [a("name", .string("long_query_time")), a("value", .string(String(Double(ms) / 1000)))]))
            }
        }
        let family = engine == "postgres" ? "postgres\(major)" : engine == "mysql" ? "mysql\(version.split(separator: ".").prefix(2).joined(separator: "."))" : "mariadb\(version.split(separator: ".").prefix(2).joined(separator: "."))"
        ctx.resource("aws_db_parameter_group", id, [a("name_prefix", .string(name + "-")), a("family", .string(family)), a("description", .string("Parameters for \(name)"))] + parameters + [b("lifecycle", [a("create_before_destroy", .bool(true))])])
        let storage = c.int("storageGb") ?? 20
        let finalSnapshot = c.bool("finalSnapshot") ?? prod
        let logs = engine == "postgres" ? ["postgresql", "upgrade"] : ["error", "slowquery"]
        ctx.resource("aws_db_instance", id, [
            a("identifier", .string(name)), a("engine", .string(engine)), a("engine_version", .string(version)),
            a("instance_class", .string(c.string("instanceClass") ?? "db.t4g.micro")),
            a("allocated_storage", .int(storage)), c.int("maxStorageGb").map { a("max_allocated_storage", .int(max($0, storage))) } ?? nil,
            a("storage_type", .string(c.string("storageType") ?? "gp3")), a("storage_encrypted", .bool(true)),
            c.string("kmsKeyArn").map { a("kms_key_id", .string($0)) } ?? nil,
            a("username", .string(c.string("username") ?? "dbadmin")),
            .comment("RDS generates the master password and keeps it in Secrets Manager; it never appears in code or state."),
            a("manage_master_user_password", .bool(true)),
            a("db_subnet_group_name", .reference("aws_db_subnet_group.\(id).name")), a("vpc_security_group_ids", .list([sg])),
            a("parameter_group_name", .reference("aws_db_parameter_group.\(id).name")),
            a("publicly_accessible", .bool(false)), a("multi_az", .bool(c.bool("multiAz") ?? false)),
            a("backup_retention_period", .int(c.int("backupDays") ?? 7)), c.string("backupWindow").map { a("backup_window", .string($0)) } ?? nil,
            c.string("maintenanceWindow").map { a("maintenance_window", .string($0.lowercased())) } ?? nil,
            a("deletion_protection", .bool(c.bool("deletionProtection") ?? prod)),
            a("skip_final_snapshot", .bool(!finalSnapshot)), finalSnapshot ? a("final_snapshot_identifier", .string(name + "-final")) : nil,
            a("copy_tags_to_snapshot", .bool(true)), a("auto_minor_version_upgrade", .bool(true)),
            a("performance_insights_enabled", .bool(c.bool("performanceInsights") ?? false)),
            a("enabled_cloudwatch_logs_exports", .strings(logs)),
        ])
        if c.bool("replica") == true {
            let replicaName = c.string("replicaName") ?? name + "-replica"
            var replicaIngress: [(Int, Int?, SGSource, String)] = c.strings("replicaSecurityGroups").map { (port, nil, .group(.string($0)), "Replica from \($0)") }
                + c.strings("replicaCidrs").map { (port, nil, .cidr(.string($0)), "Replica from \($0)") }
            if replicaIngress.isEmpty { replicaIngress = ingress }
            let rsg = ctx.securityGroup(id: "\(id)_replica", name: replicaName, description: "\(replicaName): read replica access", ingress: replicaIngress, egressAll: false)
            ctx.resource("aws_db_instance", "\(id)_replica", [
                a("identifier", .string(replicaName)), a("replicate_source_db", .reference("aws_db_instance.\(id).identifier")),
                a("instance_class", .string(c.string("replicaClass") ?? c.string("instanceClass") ?? "db.t4g.micro")), a("storage_encrypted", .bool(true)),
                a("vpc_security_group_ids", .list([rsg])), a("parameter_group_name", .reference("aws_db_parameter_group.\(id).name")),
                a("publicly_accessible", .bool(false)), a("multi_az", .bool(false)), a("skip_final_snapshot", .bool(true)),
                a("auto_minor_version_upgrade", .bool(true)), a("performance_insights_enabled", .bool(c.bool("performanceInsights") ?? false)),
            ])
        }
    }
}

/// DynamoDB table: keys, billing mode, PITR, TTL, streams, GSIs, encryption, deletion protection.
enum DynamoDBBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let hash = c.string("hashKey") ?? "id", range = c.string("rangeKey")
        var attrs: [(String, String)] = [(hash, c.string("hashKeyType") ?? "S")]
        if let range { attrs.append((range, c.string("rangeKeyType") ?? "S")) }
        var gsiBlocks: [HCLBodyItem?] = []
        for spec in c.strings("gsis") {
            let p = spec.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard p.count >= 6 else { continue }
            if !attrs.contains(where: { $0.0 == p[1] }) { attrs.append((p[1], p[2])) }
            if !p[3].isEmpty && !attrs.contains(where: { $0.0 == p[3] }) { attrs.append((p[3], p[4])) }
            let nonKey = p.count > 6 ? p[6].split(separator: ",").map(String.init) : []
            gsiBlocks.append(b("global_secondary_index", [
                a("name", .string(p[0])), a("hash_key", .string(p[1])), p[3].isEmpty ? nil : a("range_key", .string(p[3])),
                a("projection_type", .string(p[5])), p[5] == "INCLUDE" ? a("non_key_attributes", .strings(nonKey)) : nil,
            ]))
        }
        let billing = c.string("billing") ?? "PAY_PER_REQUEST"
        var items: [HCLBodyItem?] = [
            a("name", .string(ctx.name(c, ctx.baseName + "-table"))), a("billing_mode", .string(billing)),
            billing == "PROVISIONED" ? a("read_capacity", .int(c.int("rcu") ?? 5)) : nil, billing == "PROVISIONED" ? a("write_capacity", .int(c.int("wcu") ?? 5)) : nil,
            a("hash_key", .string(hash)), range.map { a("range_key", .string($0)) } ?? nil,
            a("deletion_protection_enabled", .bool(c.bool("deletionProtection") ?? (ctx.spec.settings.environment?.value == "prod"))),
            c.string("streamView").map { _ in a("stream_enabled", .bool(true)) } ?? nil, c.string("streamView").map { a("stream_view_type", .string($0)) } ?? nil,
        ]
        for (n, t) in attrs { items.append(b("attribute", [a("name", .string(n)), a("type", .string(t))])) }
        items += gsiBlocks
        if let ttl = c.string("ttlAttribute") { items.append(b("ttl", [a("attribute_name", .string(ttl)), a("enabled", .bool(true))])) }
        items.append(b("point_in_time_recovery", [a("enabled", .bool(c.bool("pitr") ?? true))]))
        let kms = c.string("encryption") == "kms" ? ctx.kmsKeyARN : nil
        items.append(b("server_side_encryption", [a("enabled", .bool(true)), kms.map { a("kms_key_arn", $0) } ?? nil]))
        ctx.resource("aws_dynamodb_table", c.id, items)
    }
}

/// ElastiCache Redis replication group: private subnet group, encryption in transit and at
/// rest, automatic failover across AZs when a replica is asked for, snapshots.
enum CacheBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        let id = c.id
        let name = ctx.name(c, ctx.baseName + "-cache")
        var ingress: [(Int, Int?, SGSource, String)] = c.strings("allowedSecurityGroups").map { (6379, nil, .group(.string($0)), "Redis from the application") }
        if ingress.isEmpty {
            if let app = ctx.created(.webTier).first ?? ctx.created(.instance).first ?? ctx.created(.container).first, let sg = ctx.securityGroups[app.id] {
                ingress.append((6379, nil, .group(sg), "Redis from the application tier"))
            } else { ingress.append((6379, nil, .cidr(ctx.vpcCIDR), "Redis from inside the VPC")) }
        }
        let sg = ctx.securityGroup(id: "\(id)_cache", name: name + "-cache", description: "\(name): Redis only from the application", ingress: ingress, egressAll: false)
        ctx.resource("aws_elasticache_subnet_group", id, [a("name", .string(name)), a("subnet_ids", ctx.dataSubnets)])
        let replica = c.bool("replica") ?? (ctx.spec.settings.environment?.value == "prod")
        let version = c.string("version") ?? "7.1"
        let parameters = c.strings("parameters").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }.filter { $0.count == 2 }
        let clusterMode = c.bool("clusterMode") == true
        let ownParameters = c.bool("parameterGroup") == true || !parameters.isEmpty
        if ownParameters {
            let major = version.split(separator: ".").first.map(String.init) ?? version
            let family = (Int(major) ?? 7) >= 7 ? "redis\(major)" : "redis\(major).x"
            ctx.resource("aws_elasticache_parameter_group", id, [a("name", .string(name + "-params")), a("family", .string(family)), a("description", .string("Parameters for \(name)"))]
                         + (clusterMode ? [b("parameter", [a("name", .string("cluster-enabled")), a("value", .string("yes"))])] : [])
                         + parameters.map { b("parameter", [a("name", .string($0[0])), a("value", .string($0[1]))]) })
        }
        ctx.resource("aws_elasticache_replication_group", id, [
            ownParameters ? a("parameter_group_name", .reference("aws_elasticache_parameter_group.\(id).name")) : nil,
            a("replication_group_id", .string(String(name.prefix(40)))), a("description", .string("Redis for \(name)")),
            a("engine", .string("redis")), a("engine_version", .string(version.contains(".") ? version : version + ".1")),
            a("node_type", .string(c.string("nodeType") ?? "cache.t4g.micro")), a("num_cache_clusters", .int(replica ? 2 : 1)),
            a("automatic_failover_enabled", .bool(replica)), a("multi_az_enabled", .bool(replica)),
            a("port", .int(6379)), a("subnet_group_name", .reference("aws_elasticache_subnet_group.\(id).name")), a("security_group_ids", .list([sg])),
            a("at_rest_encryption_enabled", .bool(true)), a("transit_encryption_enabled", .bool(true)),
            a("snapshot_retention_limit", .int(c.int("snapshotDays") ?? 1)), c.string("snapshotWindow").map { a("snapshot_window", .string($0)) } ?? nil,
            c.string("maintenanceWindow").map { a("maintenance_window", .string($0.lowercased())) } ?? nil,
            a("auto_minor_version_upgrade", .bool(true)),
        ])
    }
}

/// EFS: encrypted file system, lifecycle to IA and back, backups, mount targets in private
/// subnets, NFS only from the instances that use it.
enum FileSystemBlock {
    static func render(_ c: Component, into ctx: inout RenderContext) {
        let id = c.id
        let name = ctx.name(c, ctx.baseName + "-efs")
        let clients = ctx.created(.instance).first ?? ctx.created(.webTier).first ?? ctx.created(.container).first
        let source: SGSource = clients.flatMap { ctx.securityGroups[$0.id] }.map { .group($0) } ?? .cidr(ctx.vpcCIDR)
        let sg = ctx.securityGroup(id: "\(id)_efs", name: name + "-efs", description: "\(name): NFS only from its clients", ingress: [(2049, nil, source, "NFS from the clients")], egressAll: false)
        var items: [HCLBodyItem?] = [
            a("creation_token", .string(name)), a("encrypted", .bool(true)),
            a("performance_mode", .string(c.string("performanceMode") ?? "generalPurpose")), a("throughput_mode", .string(c.string("throughputMode") ?? "elastic")),
        ]
        if let d = c.int("iaDays") {
            let valid = [1, 7, 14, 30, 60, 90, 180, 270, 365].first { $0 >= d } ?? 365
            items.append(b("lifecycle_policy", [a("transition_to_ia", .string("AFTER_\(valid)_DAY\(valid == 1 ? "" : "S")"))]))
        }
        if c.bool("backOnAccess") == true { items.append(b("lifecycle_policy", [a("transition_to_primary_storage_class", .string("AFTER_1_ACCESS"))])) }
        items.append(RenderContext.nameTag(name))
        ctx.resource("aws_efs_file_system", id, items)
        ctx.resource("aws_efs_backup_policy", id, [a("file_system_id", .reference("aws_efs_file_system.\(id).id")), b("backup_policy", [a("status", .string(c.bool("backups") == false ? "DISABLED" : "ENABLED"))])])
        let azCount = max(2, ctx.created(.instance).first.map { max($0.int("count") ?? 1, $0.strings("names").count) } ?? 2)
        ctx.resource("aws_efs_mount_target", id, [
            a("count", .call("length", [ctx.privateSubnets])), a("file_system_id", .reference("aws_efs_file_system.\(id).id")),
            a("subnet_id", .reference(subnetIndex(ctx.privateSubnets))), a("security_groups", .list([sg])),
        ])
        _ = azCount
    }

    static func subnetIndex(_ list: HCLExpression) -> String {
        switch list {
        case .reference(let r): return r.hasSuffix("[*].id") ? String(r.dropLast(6)) + "[count.index].id" : "\(r)[count.index]"
        case .list(let items): return "[" + items.map { HCLPrinter.printExpression($0, indent: 0) }.joined(separator: ", ") + "][count.index]"
        default: return "null"
        }
    }
}
