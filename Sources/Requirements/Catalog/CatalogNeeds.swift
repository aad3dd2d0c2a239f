import Foundation

/// What the older catalog kinds (`Catalog/*.swift`, rendered by the switch in the generator)
/// need outside the compiler, declared as data the same way a registered block declares its
/// `needs`. A kind that moves onto the registry takes its entry with it into its block file.
extension ComponentKind {
    /// Resource and data source types the kind may render, and the deployer-role actions to
    /// manage them. Endpoints and prices of these kinds are kept where they always were.
    var needs: BlockNeeds {
        switch self {
        case .network:
            return BlockNeeds(
                resourceTypes: ["aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_route_table",
                                "aws_route_table_association", "aws_default_security_group", "aws_flow_log", "aws_vpc_endpoint",
                                "aws_kms_key", "aws_kms_alias"],
                iamActions: ["ec2:*", "kms:*", "logs:*", "iam:PassRole"], endpoints: [], pricedTypes: [],
                dataSources: ["aws_availability_zones", "aws_subnets", "aws_vpc"])
        case .bucket, .staticSite:
            return BlockNeeds(
                resourceTypes: ["aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                                "aws_s3_bucket_public_access_block", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_policy",
                                "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_notification", "aws_cloudfront_distribution",
                                "aws_cloudfront_origin_access_control", "aws_acm_certificate", "aws_acm_certificate_validation",
                                "aws_route53_record", "aws_route53_zone"],
                iamActions: ["s3:*", "cloudfront:*", "acm:*", "route53:*"], endpoints: [], pricedTypes: [],
                dataSources: ["aws_route53_zone"])
        case .instance, .webTier:
            return BlockNeeds(
                resourceTypes: ["aws_instance", "aws_launch_template", "aws_autoscaling_group", "aws_autoscaling_policy", "aws_lb",
                                "aws_lb_listener", "aws_lb_target_group", "aws_lb_target_group_attachment", "aws_iam_instance_profile", "aws_iam_role_policy_attachment",
                                "aws_key_pair", "aws_eip"],
                iamActions: ["ec2:*", "autoscaling:*", "elasticloadbalancing:*", "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile",
                             "iam:GetInstanceProfile", "iam:TagInstanceProfile", "iam:AddRoleToInstanceProfile",
                             "iam:RemoveRoleFromInstanceProfile", "iam:ListInstanceProfilesForRole", "iam:AttachRolePolicy",
                             "iam:DetachRolePolicy", "iam:ListAttachedRolePolicies", "iam:PassRole", "iam:CreateServiceLinkedRole",
                             // The AMI is looked up from the public SSM parameter.
                             "ssm:GetParameter", "ssm:GetParameters"],
                endpoints: [], pricedTypes: [], dataSources: ["aws_ssm_parameter"])
        case .database:
            return BlockNeeds(
                resourceTypes: ["aws_db_instance", "aws_db_parameter_group", "aws_db_subnet_group", "aws_rds_cluster", "aws_rds_cluster_parameter_group",
                                "aws_rds_cluster_instance", "aws_appautoscaling_target", "aws_appautoscaling_policy"],
                iamActions: ["rds:*", "application-autoscaling:*", "iam:CreateServiceLinkedRole", "iam:PassRole", "kms:*", "secretsmanager:*"],
                endpoints: [], pricedTypes: [])
        case .dynamodb:
            return BlockNeeds(resourceTypes: ["aws_dynamodb_table"], iamActions: ["dynamodb:*"], endpoints: [], pricedTypes: [])
        case .queue, .topic, .alarm:
            return BlockNeeds(
                resourceTypes: ["aws_sqs_queue", "aws_sqs_queue_policy", "aws_sqs_queue_redrive_policy",
                                "aws_sqs_queue_redrive_allow_policy", "aws_sns_topic", "aws_sns_topic_subscription",
                                "aws_cloudwatch_metric_alarm"],
                iamActions: ["sqs:*", "sns:*", "cloudwatch:*"], endpoints: [], pricedTypes: [])
        case .function, .httpApi:
            return BlockNeeds(
                resourceTypes: ["aws_lambda_function", "aws_lambda_permission", "aws_lambda_event_source_mapping", "aws_lambda_alias",
                                "aws_lambda_provisioned_concurrency_config",
                                "aws_lambda_function_event_invoke_config", "aws_apigatewayv2_api", "aws_apigatewayv2_integration",
                                "aws_apigatewayv2_route", "aws_apigatewayv2_stage", "aws_cloudwatch_event_rule",
                                "aws_cloudwatch_event_target", "aws_s3_bucket_notification", "aws_dynamodb_table",
                                "aws_security_group", "aws_iam_role_policy_attachment"],
                iamActions: ["lambda:*", "apigateway:*", "events:*", "s3:PutBucketNotification", "s3:GetBucketNotification",
                             "dynamodb:*", "iam:PassRole", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "ec2:DescribeSubnets",
                             "ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", "ec2:DescribeSecurityGroups", "ec2:AuthorizeSecurityGroupEgress",
                             "ec2:RevokeSecurityGroupEgress", "ec2:CreateTags"],
                endpoints: [], pricedTypes: [])
        case .container, .registry:
            return BlockNeeds(
                resourceTypes: ["aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_service", "aws_ecs_task_definition", "aws_ecr_repository",
                                "aws_ecr_lifecycle_policy", "aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_lb",
                                "aws_lb_listener", "aws_lb_target_group", "aws_iam_role_policy_attachment"],
                iamActions: ["ecs:*", "ecr:*", "application-autoscaling:*", "elasticloadbalancing:*", "iam:AttachRolePolicy",
                             "iam:DetachRolePolicy", "iam:ListAttachedRolePolicies", "iam:PassRole", "iam:CreateServiceLinkedRole"],
                endpoints: [], pricedTypes: [])
        case .cache:
            return BlockNeeds(resourceTypes: ["aws_elasticache_replication_group", "aws_elasticache_subnet_group", "aws_elasticache_parameter_group"],
                              iamActions: ["elasticache:*", "iam:CreateServiceLinkedRole"], endpoints: [], pricedTypes: [])
        case .key:
            return BlockNeeds(resourceTypes: ["aws_kms_key", "aws_kms_alias"], iamActions: ["kms:*"], endpoints: [], pricedTypes: [])
        case .secret:
            return BlockNeeds(resourceTypes: ["aws_secretsmanager_secret"], iamActions: ["secretsmanager:*"], endpoints: [], pricedTypes: [])
        case .fileSystem:
            return BlockNeeds(resourceTypes: ["aws_efs_file_system", "aws_efs_mount_target", "aws_efs_backup_policy"],
                              iamActions: ["elasticfilesystem:*"], endpoints: [], pricedTypes: [])
        case .role:
            return BlockNeeds(resourceTypes: ["aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment"],
                              iamActions: BlockNeeds.roleManagement + ["iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListAttachedRolePolicies"],
                              endpoints: [], pricedTypes: [])
        }
    }
}

extension BlockNeeds {
    /// What `RenderContext`'s shared helpers render for any block (a role with its inline
    /// policy, a log group, a security group and its rules) and the account lookups every
    /// stack may make, with the actions they take.
    static let shared = BlockNeeds(
        resourceTypes: ["aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_cloudwatch_log_group",
                        "aws_cloudwatch_log_stream", "aws_security_group", "aws_vpc_security_group_ingress_rule",
                        "aws_vpc_security_group_egress_rule"],
        iamActions: roleManagement + ["iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListAttachedRolePolicies",
                                      "logs:*", "ec2:*", "sts:GetCallerIdentity"],
        endpoints: [], pricedTypes: [],
        dataSources: ["aws_caller_identity", "aws_region", "aws_partition", "aws_iam_policy_document"])

    /// Managing a role the stack owns, tags included.
    static let roleManagement = [
        "iam:GetRole", "iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole",
        "iam:UntagRole", "iam:ListRoleTags", "iam:PassRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy",
        "iam:ListRolePolicies", "iam:ListInstanceProfilesForRole",
    ]
}
