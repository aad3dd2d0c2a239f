import Foundation

/// Attributes whose value changes on its own (timestamps, server-side status) and must never
/// count as drift. Kept small and explicit; each entry is covered by a test.
public enum VolatileAttributes {
    /// Attribute names volatile for every resource type.
    public static let everywhere: Set<String> = [
        "last_modified", "last_modified_date", "last_updated_date", "latest_restorable_time",
    ]

    /// Attribute names volatile for one resource type.
    public static let byType: [String: Set<String>] = [
        "aws_db_instance": ["latest_restorable_time", "status"],
        "aws_rds_cluster": ["latest_restorable_time", "status"],
        "aws_lambda_function": ["last_modified", "qualified_arn", "qualified_invoke_arn", "version"],
        "aws_instance": ["instance_state", "public_dns", "public_ip"],
        "aws_kms_key": ["rotation_period_in_days"],
        "aws_ecs_service": ["desired_count"],
        "aws_autoscaling_group": ["desired_capacity"],
        "aws_secretsmanager_secret_version": ["version_stages"],
    ]

    /// Whether top-level `attribute` of `type` is volatile.
    public static func isVolatile(type: String, attribute: String) -> Bool {
        everywhere.contains(attribute) || byType[type]?.contains(attribute) == true
    }
}
