import PlanModel

/// RDS, DynamoDB and ElastiCache checks.
enum DataChecks {
    static let checks: [SecurityCheck] = [
        SecurityCheck.perResource(
            ["aws_db_instance", "aws_rds_cluster_instance"],
            CheckDefinition(
                id: "EZB-RDS-001", trivyID: "AWS-0180", checkovID: "CKV_AWS_17", severity: .critical,
                title: "RDS instance is not publicly accessible",
                rationale: "A public endpoint exposes the database to credential stuffing and engine exploits.",
                remediation: "Set publicly_accessible = false and reach the database from inside the VPC.")
        ) { db, _ in
            db.bool("publicly_accessible") == true ? "publicly_accessible = true" : nil
        },
        SecurityCheck.perResource(
            ["aws_db_instance"],
            CheckDefinition(
                id: "EZB-RDS-002", trivyID: "AWS-0080", checkovID: "CKV_AWS_16", severity: .high,
                title: "RDS instance storage is encrypted",
                rationale: "Unencrypted storage, snapshots and replicas expose data to anyone with access to them.",
                remediation: "Set storage_encrypted = true (optionally kms_key_id); encryption cannot be added later in place.")
        ) { db, context in
            if context.undecidable(db, "storage_encrypted") || db.string("replicate_source_db") != nil { return nil }
            return db.bool("storage_encrypted") == true ? nil : "storage_encrypted is not true"
        },
        SecurityCheck.perResource(
            ["aws_rds_cluster"],
            CheckDefinition(
                id: "EZB-RDS-003", trivyID: "AWS-0079", checkovID: "CKV_AWS_96", severity: .high,
                title: "RDS cluster storage is encrypted",
                rationale: "Unencrypted Aurora storage and snapshots expose data to anyone with access to them.",
                remediation: "Set storage_encrypted = true on the aws_rds_cluster.")
        ) { cluster, context in
            if context.undecidable(cluster, "storage_encrypted") { return nil }
            return cluster.bool("storage_encrypted") == true ? nil : "storage_encrypted is not true"
        },
        SecurityCheck.perResource(
            ["aws_db_instance", "aws_rds_cluster"],
            CheckDefinition(
                id: "EZB-RDS-004", trivyID: "AWS-0077", checkovID: "CKV_AWS_133", severity: .medium,
                title: "RDS automated backups are kept",
                rationale: "backup_retention_period = 0 disables backups and point-in-time recovery.",
                remediation: "Set backup_retention_period to at least 7 days.")
        ) { db, _ in
            db.value(at: "backup_retention_period")?.intValue == 0 ? "backup_retention_period = 0" : nil
        },
        SecurityCheck(
            definition: CheckDefinition(
                id: "EZB-RDS-005", trivyID: "AWS-0177", checkovID: "CKV_AWS_293", severity: .low,
                title: "RDS deletion protection is enabled",
                rationale: "Deletion protection stops an accidental destroy or console click from dropping the database.",
                remediation: "Set deletion_protection = true (medium severity when tagged as production, low otherwise).")
        ) { context in
            context.resources("aws_db_instance", "aws_rds_cluster").compactMap { db in
                if context.undecidable(db, "deletion_protection") || db.bool("deletion_protection") == true { return nil }
                return db.looksLikeProduction
                    ? SecurityCheck.Failure(
                        address: db.address, message: "deletion_protection is not true on a database tagged as production",
                        severity: .medium)
                    : SecurityCheck.Failure(address: db.address, message: "deletion_protection is not true")
            }
        },
        SecurityCheck.perResource(
            ["aws_dynamodb_table"],
            CheckDefinition(
                id: "EZB-DDB-001", trivyID: "AWS-0024", checkovID: "CKV_AWS_28", severity: .medium,
                title: "DynamoDB point-in-time recovery is enabled",
                rationale: "PITR restores a table to any second of the last 35 days after a bad write or delete.",
                remediation: "Add point_in_time_recovery { enabled = true }.")
        ) { table, context in
            if context.undecidable(table, "point_in_time_recovery.0.enabled") { return nil }
            return table.bool("point_in_time_recovery.0.enabled") == true ? nil : "point_in_time_recovery is not enabled"
        },
        SecurityCheck.perResource(
            ["aws_elasticache_replication_group"],
            CheckDefinition(
                id: "EZB-EC-001", trivyID: "AWS-0045", checkovID: "CKV_AWS_29", severity: .high,
                title: "ElastiCache encryption at rest is enabled",
                rationale: "Cached data and backups on disk are readable without encryption at rest.",
                remediation: "Set at_rest_encryption_enabled = true (requires a new replication group).")
        ) { group, context in
            if context.undecidable(group, "at_rest_encryption_enabled") { return nil }
            return group.bool("at_rest_encryption_enabled") == true ? nil : "at_rest_encryption_enabled is not true"
        },
        SecurityCheck.perResource(
            ["aws_elasticache_replication_group"],
            CheckDefinition(
                id: "EZB-EC-002", trivyID: "AWS-0051", checkovID: "CKV_AWS_30", severity: .high,
                title: "ElastiCache encryption in transit is enabled",
                rationale: "Without TLS, cache contents and AUTH tokens cross the network in clear text.",
                remediation: "Set transit_encryption_enabled = true.")
        ) { group, context in
            if context.undecidable(group, "transit_encryption_enabled") { return nil }
            return group.bool("transit_encryption_enabled") == true ? nil : "transit_encryption_enabled is not true"
        },
    ]
}
