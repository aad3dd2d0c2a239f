import PlanModel

/// How the import id of a resource type follows from the values a plan gives it: the
/// attributes (planned, known before apply) joined by a separator, as the AWS provider's
/// `terraform import` documentation states for that type.
///
/// An allowlist: a type not listed (one imported by an id AWS assigns, an ARN with the
/// account in it, a queue URL) is never imported; its address stays failed with the reason.
public struct ImportIdentifier: Sendable, Hashable {
    /// Planned attributes whose values make the id, in order.
    public let attributes: [String]
    /// What joins them.
    public let separator: String

    init(_ attributes: String..., separator: String = "") {
        self.attributes = attributes
        self.separator = separator
    }

    /// The types whose import id is derivable from their planned values (AWS provider 5.x).
    public static let known: [String: ImportIdentifier] = [
        "aws_s3_bucket": .init("bucket"),
        "aws_s3_bucket_versioning": .init("bucket"),
        "aws_s3_bucket_server_side_encryption_configuration": .init("bucket"),
        "aws_s3_bucket_public_access_block": .init("bucket"),
        "aws_s3_bucket_policy": .init("bucket"),
        "aws_s3_bucket_lifecycle_configuration": .init("bucket"),
        "aws_s3_bucket_ownership_controls": .init("bucket"),
        "aws_dynamodb_table": .init("name"),
        "aws_iam_role": .init("name"),
        "aws_iam_instance_profile": .init("name"),
        "aws_iam_role_policy": .init("role", "name", separator: ":"),
        "aws_iam_role_policy_attachment": .init("role", "policy_arn", separator: "/"),
        "aws_cloudwatch_log_group": .init("name"),
        "aws_cloudwatch_metric_alarm": .init("alarm_name"),
        "aws_cloudwatch_dashboard": .init("dashboard_name"),
        "aws_ecr_repository": .init("name"),
        "aws_ecs_cluster": .init("name"),
        "aws_lambda_function": .init("function_name"),
        "aws_db_instance": .init("identifier"),
        "aws_db_subnet_group": .init("name"),
        "aws_elasticache_subnet_group": .init("name"),
        "aws_kms_alias": .init("name"),
        "aws_ssm_parameter": .init("name"),
        "aws_kinesis_stream": .init("name"),
        "aws_backup_vault": .init("name"),
        "aws_glue_crawler": .init("name"),
        "aws_opensearch_domain": .init("domain_name"),
        "aws_scheduler_schedule_group": .init("name"),
    ]

    /// Why a planned create cannot be imported.
    public enum Unavailable: Error, Sendable, Hashable, CustomStringConvertible {
        /// The type is not in `known`.
        case typeNotImportable(String)
        /// The plan does not know the attribute before apply (or hides it as sensitive).
        case valueUnknown(type: String, attribute: String)

        public var description: String {
            switch self {
            case .typeNotImportable(let type):
                "the import id of \(type) is assigned by AWS, not derivable from the plan"
            case .valueUnknown(let type, let attribute):
                "the plan does not know \(type).\(attribute) before apply"
            }
        }
    }

    /// The id `terraform import` takes for what `change` would create.
    public static func id(for change: ResourceChange) -> Result<String, Unavailable> {
        guard let identifier = known[change.type] else { return .failure(.typeNotImportable(change.type)) }
        var parts: [String] = []
        for attribute in identifier.attributes {
            guard !change.afterUnknownPaths.contains(attribute),
                  let value = change.after?[attribute]?.stringValue, !value.isEmpty, value != Redaction.placeholder
            else { return .failure(.valueUnknown(type: change.type, attribute: attribute)) }
            parts.append(value)
        }
        return .success(parts.joined(separator: identifier.separator))
    }
}
