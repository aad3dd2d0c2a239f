import PlanFixtures
import Testing

/// A failing and a passing plan for one check.
struct CheckCase: CustomTestStringConvertible, Sendable {
    let id: String
    let failing: [PlanFixture.Resource]
    let passing: [PlanFixture.Resource]
    var testDescription: String { id }
}

extension PlanFixture.Resource: @unchecked Sendable {}

enum CheckCases {
    typealias R = PlanFixture.Resource

    static let bucket = R("aws_s3_bucket", "b", #"{"bucket":"b1","force_destroy":false}"#, unknown: #"{"id":true,"arn":true}"#)
    static let bucketRef = ["bucket": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]]

    static func accessBlock(_ overrides: [String: Bool] = [:]) -> R {
        var flags = ["block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true]
        for (key, value) in overrides { flags[key] = value }
        let body = flags.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
        return R("aws_s3_bucket_public_access_block", "b", "{\(body)}", references: bucketRef, unknown: #"{"bucket":true}"#)
    }

    static func policy(_ statement: String) -> R {
        let document = #"{"Version":"2012-10-17","Statement":[\#(statement)]}"#
        let escaped = document.replacingOccurrences(of: "\"", with: "\\\"")
        return R("aws_iam_policy", "p", "{\"name\":\"p\",\"policy\":\"\(escaped)\"}")
    }

    static func instance(root: Bool = true, tokens: String = "required") -> R {
        R("aws_instance", "web", #"{"ami":"ami-12c6146b","instance_type":"t3.micro","root_block_device":[{"encrypted":\#(root),"volume_size":8}],"metadata_options":[{"http_tokens":"\#(tokens)"}]}"#)
    }

    /// A compliant database with some attributes overridden (values as JSON text).
    static func db(_ overrides: [String: String] = [:]) -> R {
        var attributes = [
            "engine": #""postgres""#, "instance_class": #""db.t3.micro""#, "allocated_storage": "20",
            "publicly_accessible": "false", "storage_encrypted": "true", "backup_retention_period": "7",
            "deletion_protection": "true", "multi_az": "false",
        ]
        for (key, value) in overrides { attributes[key] = value }
        let body = attributes.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
        return R("aws_db_instance", "db", "{\(body)}")
    }

    static func replication(_ rest: Bool, _ transit: Bool) -> R {
        R("aws_elasticache_replication_group", "cache", #"{"replication_group_id":"c","node_type":"cache.t3.micro","at_rest_encryption_enabled":\#(rest),"transit_encryption_enabled":\#(transit)}"#)
    }

    static func trail(multi: Bool = true, validation: Bool = true, kms: String = "\"arn:aws:kms:us-east-1:1:key/k\"") -> R {
        R("aws_cloudtrail", "t", #"{"name":"t","s3_bucket_name":"logs","is_multi_region_trail":\#(multi),"enable_log_file_validation":\#(validation),"kms_key_id":\#(kms)}"#)
    }

    static func listener(_ body: String) -> R {
        R("aws_lb_listener", "l", body, references: ["load_balancer_arn": ["aws_lb.main.arn", "aws_lb.main"]])
    }

    static func distribution(policy: String = "redirect-to-https", certificate: String = #"{"cloudfront_default_certificate":true}"#) -> R {
        R("aws_cloudfront_distribution", "cdn", #"{"enabled":true,"default_cache_behavior":[{"viewer_protocol_policy":"\#(policy)","target_origin_id":"o"}],"ordered_cache_behavior":[],"viewer_certificate":[\#(certificate)]}"#)
    }

    static let all: [CheckCase] = [
        CheckCase(id: "EZB-S3-001", failing: [bucket, accessBlock(["block_public_acls": false])], passing: [bucket, accessBlock()]),
        CheckCase(id: "EZB-S3-002", failing: [bucket, accessBlock(["block_public_policy": false])], passing: [bucket, accessBlock()]),
        CheckCase(id: "EZB-S3-003", failing: [bucket, accessBlock(["ignore_public_acls": false])], passing: [bucket, accessBlock()]),
        CheckCase(id: "EZB-S3-004", failing: [bucket, accessBlock(["restrict_public_buckets": false])], passing: [bucket, accessBlock()]),
        CheckCase(
            id: "EZB-S3-005", failing: [bucket],
            // Matched by the literal bucket name, without configuration references.
            passing: [bucket, R("aws_s3_bucket_public_access_block", "b", #"{"bucket":"b1","block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true}"#)]),
        CheckCase(
            id: "EZB-S3-006", failing: [bucket],
            passing: [bucket, R("aws_s3_bucket_server_side_encryption_configuration", "b", #"{"rule":[{"apply_server_side_encryption_by_default":[{"sse_algorithm":"aws:kms"}]}]}"#, references: bucketRef, unknown: #"{"bucket":true}"#)]),
        CheckCase(
            id: "EZB-S3-007",
            failing: [bucket, R("aws_s3_bucket_versioning", "b", #"{"versioning_configuration":[{"status":"Suspended"}]}"#, references: bucketRef)],
            passing: [bucket, R("aws_s3_bucket_versioning", "b", #"{"versioning_configuration":[{"status":"Enabled"}]}"#, references: bucketRef)]),
        CheckCase(
            id: "EZB-S3-008", failing: [bucket],
            passing: [bucket, R("aws_s3_bucket_logging", "b", #"{"target_bucket":"logs","target_prefix":"b1/"}"#, references: bucketRef)]),
        CheckCase(
            id: "EZB-SG-001",
            failing: [R("aws_security_group", "sg", #"{"name":"sg","ingress":[{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]}]}"#)],
            passing: [R("aws_security_group", "sg", #"{"name":"sg","ingress":[{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["10.0.0.0/8"],"ipv6_cidr_blocks":[]}]}"#)]),
        CheckCase(
            id: "EZB-SG-002",
            failing: [R("aws_security_group_rule", "rdp", #"{"type":"ingress","from_port":3389,"to_port":3389,"protocol":"tcp","ipv6_cidr_blocks":["::/0"]}"#)],
            passing: [R("aws_security_group_rule", "https", #"{"type":"ingress","from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]}"#)]),
        CheckCase(
            id: "EZB-SG-003",
            failing: [R("aws_vpc_security_group_ingress_rule", "all", #"{"ip_protocol":"-1","cidr_ipv4":"0.0.0.0/0"}"#)],
            passing: [R("aws_vpc_security_group_ingress_rule", "https", #"{"ip_protocol":"tcp","from_port":443,"to_port":443,"cidr_ipv4":"0.0.0.0/0"}"#)]),
        CheckCase(
            id: "EZB-VPC-001", failing: [R("aws_vpc", "main", #"{"cidr_block":"10.0.0.0/16"}"#, unknown: #"{"id":true}"#)],
            passing: [R("aws_vpc", "main", #"{"cidr_block":"10.0.0.0/16"}"#, unknown: #"{"id":true}"#),
                      R("aws_flow_log", "main", #"{"traffic_type":"ALL"}"#, references: ["vpc_id": ["aws_vpc.main.id", "aws_vpc.main"]], unknown: #"{"vpc_id":true}"#)]),
        CheckCase(id: "EZB-RDS-001", failing: [db(["publicly_accessible": "true"])], passing: [db()]),
        CheckCase(id: "EZB-RDS-002", failing: [db(["storage_encrypted": "false"])], passing: [db()]),
        CheckCase(
            id: "EZB-RDS-003", failing: [R("aws_rds_cluster", "c", #"{"engine":"aurora-postgresql","storage_encrypted":false}"#)],
            passing: [R("aws_rds_cluster", "c", #"{"engine":"aurora-postgresql","storage_encrypted":true}"#)]),
        CheckCase(id: "EZB-RDS-004", failing: [db(["backup_retention_period": "0"])], passing: [db()]),
        CheckCase(id: "EZB-RDS-005", failing: [db(["deletion_protection": "false"])], passing: [db()]),
        CheckCase(
            id: "EZB-DDB-001", failing: [R("aws_dynamodb_table", "t", #"{"name":"t","billing_mode":"PAY_PER_REQUEST","point_in_time_recovery":[{"enabled":false}]}"#)],
            passing: [R("aws_dynamodb_table", "t", #"{"name":"t","billing_mode":"PAY_PER_REQUEST","point_in_time_recovery":[{"enabled":true}]}"#)]),
        CheckCase(id: "EZB-EC-001", failing: [replication(false, true)], passing: [replication(true, true)]),
        CheckCase(id: "EZB-EC-002", failing: [replication(true, false)], passing: [replication(true, true)]),
        CheckCase(
            id: "EZB-IAM-001", failing: [policy(#"{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b1"}"#)],
            passing: [policy(#"{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b1/*"}"#)]),
        CheckCase(
            id: "EZB-IAM-002", failing: [policy(#"{"Effect":"Allow","Action":["s3:PutObject"],"Resource":"*"}"#)],
            passing: [policy(#"{"Effect":"Allow","Action":["ec2:Describe*","s3:ListAllMyBuckets"],"Resource":"*"}"#)]),
        CheckCase(
            id: "EZB-IAM-003", failing: [R("aws_iam_role_policy_attachment", "admin", #"{"role":"app","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#)],
            passing: [R("aws_iam_role_policy_attachment", "ro", #"{"role":"app","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#)]),
        CheckCase(
            id: "EZB-KMS-001", failing: [R("aws_kms_key", "k", #"{"enable_key_rotation":false,"customer_master_key_spec":"SYMMETRIC_DEFAULT"}"#)],
            passing: [R("aws_kms_key", "k", #"{"enable_key_rotation":true,"customer_master_key_spec":"SYMMETRIC_DEFAULT"}"#)]),
        CheckCase(
            id: "EZB-EC2-001", failing: [R("aws_ebs_volume", "v", #"{"availability_zone":"us-east-1a","size":20,"type":"gp3","encrypted":false}"#)],
            passing: [R("aws_ebs_volume", "v", #"{"availability_zone":"us-east-1a","size":20,"type":"gp3","encrypted":true}"#)]),
        CheckCase(id: "EZB-EC2-002", failing: [instance(root: false)], passing: [instance()]),
        CheckCase(id: "EZB-EC2-003", failing: [instance(tokens: "optional")], passing: [instance()]),
        CheckCase(
            id: "EZB-EC2-004", failing: [R("aws_launch_template", "lt", #"{"instance_type":"t3.micro","metadata_options":[{"http_tokens":"optional"}]}"#)],
            passing: [R("aws_launch_template", "lt", #"{"instance_type":"t3.micro","metadata_options":[{"http_tokens":"required"}]}"#)]),
        CheckCase(
            id: "EZB-LAMBDA-001", failing: [R("aws_lambda_function", "f", #"{"function_name":"f","tracing_config":[{"mode":"PassThrough"}]}"#)],
            passing: [R("aws_lambda_function", "f", #"{"function_name":"f","tracing_config":[{"mode":"Active"}]}"#)]),
        CheckCase(
            id: "EZB-LAMBDA-002", failing: [R("aws_lambda_function", "f", #"{"function_name":"f","environment":[{"variables":{"DB_PASSWORD":"hunter2","STAGE":"prod"}}]}"#)],
            passing: [R("aws_lambda_function", "f", #"{"function_name":"f","environment":[{"variables":{"DB_PASSWORD_SECRET_ARN":"arn:aws:secretsmanager:us-east-1:1:secret:db","STAGE":"prod"}}]}"#)]),
        CheckCase(
            id: "EZB-APIGW-001", failing: [R("aws_api_gateway_stage", "s", #"{"stage_name":"v1","xray_tracing_enabled":true,"access_log_settings":[]}"#)],
            passing: [R("aws_api_gateway_stage", "s", #"{"stage_name":"v1","xray_tracing_enabled":true,"access_log_settings":[{"destination_arn":"arn:aws:logs:us-east-1:111122223333:log-group:api","format":"{}"}]}"#)]),
        CheckCase(
            id: "EZB-APIGW-002", failing: [R("aws_api_gateway_stage", "s", #"{"stage_name":"v1","xray_tracing_enabled":false,"access_log_settings":[{"destination_arn":"arn:aws:logs:us-east-1:111122223333:log-group:api","format":"{}"}]}"#)],
            passing: [R("aws_api_gateway_stage", "s", #"{"stage_name":"v1","xray_tracing_enabled":true,"access_log_settings":[{"destination_arn":"arn:aws:logs:us-east-1:111122223333:log-group:api","format":"{}"}]}"#)]),
        CheckCase(
            id: "EZB-ECR-001", failing: [R("aws_ecr_repository", "r", #"{"name":"r","image_tag_mutability":"IMMUTABLE","image_scanning_configuration":[{"scan_on_push":false}]}"#)],
            passing: [R("aws_ecr_repository", "r", #"{"name":"r","image_tag_mutability":"IMMUTABLE","image_scanning_configuration":[{"scan_on_push":true}]}"#)]),
        CheckCase(
            id: "EZB-ECR-002", failing: [R("aws_ecr_repository", "r", #"{"name":"r","image_tag_mutability":"MUTABLE","image_scanning_configuration":[{"scan_on_push":true}]}"#)],
            passing: [R("aws_ecr_repository", "r", #"{"name":"r","image_tag_mutability":"IMMUTABLE","image_scanning_configuration":[{"scan_on_push":true}]}"#)]),
        CheckCase(
            id: "EZB-SQS-001", failing: [R("aws_sqs_queue", "q", #"{"name":"q","sqs_managed_sse_enabled":false,"kms_master_key_id":null}"#)],
            passing: [R("aws_sqs_queue", "q", #"{"name":"q","sqs_managed_sse_enabled":true,"kms_master_key_id":null}"#)]),
        CheckCase(
            id: "EZB-SNS-001", failing: [R("aws_sns_topic", "t", #"{"name":"t","kms_master_key_id":null}"#)],
            passing: [R("aws_sns_topic", "t", #"{"name":"t","kms_master_key_id":"alias/aws/sns"}"#)]),
        CheckCase(
            id: "EZB-ELB-001", failing: [listener(#"{"port":80,"protocol":"HTTP","default_action":[{"type":"forward","target_group_arn":"arn:tg"}]}"#)],
            passing: [listener(#"{"port":80,"protocol":"HTTP","default_action":[{"type":"redirect","redirect":[{"protocol":"HTTPS","port":"443","status_code":"HTTP_301"}]}]}"#)]),
        CheckCase(
            id: "EZB-ELB-002", failing: [listener(#"{"port":443,"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-2016-08","default_action":[{"type":"forward"}]}"#)],
            passing: [listener(#"{"port":443,"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-2-2021-06","default_action":[{"type":"forward"}]}"#)]),
        CheckCase(id: "EZB-CF-001", failing: [distribution(policy: "allow-all")], passing: [distribution()]),
        CheckCase(
            id: "EZB-CF-002",
            failing: [distribution(certificate: #"{"acm_certificate_arn":"arn:aws:acm:us-east-1:1:certificate/c","minimum_protocol_version":"TLSv1","ssl_support_method":"sni-only"}"#)],
            passing: [distribution(certificate: #"{"acm_certificate_arn":"arn:aws:acm:us-east-1:1:certificate/c","minimum_protocol_version":"TLSv1.2_2021","ssl_support_method":"sni-only"}"#)]),
        CheckCase(id: "EZB-CT-001", failing: [trail(multi: false)], passing: [trail()]),
        CheckCase(id: "EZB-CT-002", failing: [trail(validation: false)], passing: [trail()]),
        CheckCase(id: "EZB-CT-003", failing: [trail(kms: "null")], passing: [trail()]),
        CheckCase(
            id: "EZB-SEC-001",
            failing: [R("aws_ssm_parameter", "p", #"{"name":"cfg","type":"String","value":"key=AKIAIOSFODNN7EXAMPLE;"}"#)],
            passing: [R("aws_ssm_parameter", "p", #"{"name":"cfg","type":"String","value":"key=AKIAIOSFODNN7EXAMPLEX and akiaiosfodnn7example"}"#)]),
        CheckCase(
            id: "EZB-SEC-002",
            failing: [R("aws_db_instance", "db", #"{"engine":"postgres","instance_class":"db.t3.micro","password":"(sensitive)","storage_encrypted":true,"deletion_protection":true}"#,
                        constants: ["password", "engine"], sensitive: #"{"password":true}"#)],
            passing: [R("aws_db_instance", "db", #"{"engine":"postgres","instance_class":"db.t3.micro","password":"(sensitive)","storage_encrypted":true,"deletion_protection":true}"#,
                        references: ["password": ["random_password.db.result", "random_password.db"]], constants: ["engine"], sensitive: #"{"password":true}"#)]),
    ]
}
