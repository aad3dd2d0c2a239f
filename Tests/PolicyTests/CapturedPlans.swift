/// Two plans captured from real terraform 1.11 with the aws provider 5.100.0 (fake
/// credentials, endpoints on a closed loopback port, `-refresh=false`): the same sixteen
/// resources written insecurely (mostly by leaving settings at AWS's defaults) and securely.
/// Regenerate by planning ``providerConfiguration`` plus each configuration and running
/// `terraform show -json`.
enum CapturedPlans {
    static let providerConfiguration = #"""
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    s3             = "http://127.0.0.1:1"
    ec2            = "http://127.0.0.1:1"
    rds            = "http://127.0.0.1:1"
    sts            = "http://127.0.0.1:1"
    iam            = "http://127.0.0.1:1"
    elbv2          = "http://127.0.0.1:1"
    sqs            = "http://127.0.0.1:1"
    sns            = "http://127.0.0.1:1"
    lambda         = "http://127.0.0.1:1"
    kms            = "http://127.0.0.1:1"
    dynamodb       = "http://127.0.0.1:1"
    ecr            = "http://127.0.0.1:1"
    elasticache    = "http://127.0.0.1:1"
    cloudfront     = "http://127.0.0.1:1"
    cloudtrail     = "http://127.0.0.1:1"
    cloudwatchlogs = "http://127.0.0.1:1"
    ecs            = "http://127.0.0.1:1"
    autoscaling    = "http://127.0.0.1:1"
  }
}
"""#

    static let insecureConfiguration = #"""
resource "aws_lb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"
  }
}
resource "aws_lb_listener" "tls_old" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/x"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"
  }
}
resource "aws_launch_template" "lt" {
  name = "template"
  image_id      = "ami-12c6146b"
  instance_type = "t3.micro"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 8
      encrypted   = "false"
    }
  }
}
resource "aws_sqs_queue" "q" {
  name = "queue"
  sqs_managed_sse_enabled = false
}
resource "aws_sns_topic" "t" {
  name = "topic"
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "fn.zip"
  environment {
    variables = { API_TOKEN = "abc123" }
  }
}
resource "aws_kms_key" "k" {
  description = "k"
}
resource "aws_dynamodb_table" "d" {
  name = "table"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_ecr_repository" "r" {
  name = "repo"
}
resource "aws_elasticache_replication_group" "c" {
  replication_group_id = "c"
  description          = "c"
  node_type            = "cache.t3.micro"
  engine_version       = "7.1"
  num_cache_clusters   = 1
}
resource "aws_cloudtrail" "t" {
  name = "trail"
  s3_bucket_name = "logs"
}
resource "aws_ebs_volume" "v" {
  availability_zone = "us-east-1a"
  size              = 20
}
resource "aws_instance" "i" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
}
resource "aws_security_group_rule" "all" {
  type              = "ingress"
  security_group_id = "sg-123"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}
resource "aws_rds_cluster" "a" {
  cluster_identifier  = "a"
  engine              = "aurora-postgresql"
  master_username     = "u"
  master_password     = "p4ssw0rd-literal"
  skip_final_snapshot = true
}
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name = "example.com"
    origin_id   = "o"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "o"
    viewer_protocol_policy = "allow-all"
    forwarded_values {
      query_string = false
      cookies { forward = "none" }
    }
  }
  restrictions {
    geo_restriction { restriction_type = "none" }
  }
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/x"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1"
  }
}
"""#

    static let secureConfiguration = #"""
resource "aws_lb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/x"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"
  }
}
resource "aws_launch_template" "lt" {
  name          = "template"
  image_id      = "ami-12c6146b"
  instance_type = "t3.micro"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 8
      encrypted   = "true"
    }
  }
  metadata_options {
    http_tokens = "required"
  }
}
resource "aws_sqs_queue" "q" {
  name = "queue"
}
resource "aws_kms_key" "k" {
  description         = "k"
  enable_key_rotation = true
}
resource "aws_sns_topic" "t" {
  name              = "topic"
  kms_master_key_id = aws_kms_key.k.arn
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "fn.zip"
  tracing_config {
    mode = "Active"
  }
  environment {
    variables = { API_TOKEN_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:t" }
  }
}
resource "aws_dynamodb_table" "d" {
  name         = "table"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
}
resource "aws_ecr_repository" "r" {
  name                 = "repo"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}
resource "aws_elasticache_replication_group" "c" {
  replication_group_id       = "c"
  description                = "c"
  node_type                  = "cache.t3.micro"
  engine_version             = "7.1"
  num_cache_clusters         = 1
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}
resource "aws_cloudtrail" "t" {
  name                       = "trail"
  s3_bucket_name             = "logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.k.arn
}
resource "aws_ebs_volume" "v" {
  availability_zone = "us-east-1a"
  size              = 20
  encrypted         = true
}
resource "aws_instance" "i" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = true
  }
  metadata_options {
    http_tokens = "required"
  }
}
resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = "sg-123"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
resource "aws_rds_cluster" "a" {
  cluster_identifier          = "a"
  engine                      = "aurora-postgresql"
  master_username             = "u"
  manage_master_user_password = true
  storage_encrypted           = true
  deletion_protection         = true
  backup_retention_period     = 7
}
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name = "example.com"
    origin_id   = "o"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "o"
    viewer_protocol_policy = "redirect-to-https"
    forwarded_values {
      query_string = false
      cookies { forward = "none" }
    }
  }
  restrictions {
    geo_restriction { restriction_type = "none" }
  }
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/x"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
"""#

    static let insecure = #"""
{
 "format_version": "1.2",
 "terraform_version": "1.11.4",
 "planned_values": {
  "root_module": {
   "resources": [
    {
     "address": "aws_cloudfront_distribution.cdn",
     "mode": "managed",
     "type": "aws_cloudfront_distribution",
     "name": "cdn",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "aliases": null,
      "comment": null,
      "custom_error_response": [],
      "default_cache_behavior": [
       {
        "allowed_methods": [
         "GET",
         "HEAD"
        ],
        "cache_policy_id": null,
        "cached_methods": [
         "GET",
         "HEAD"
        ],
        "compress": false,
        "field_level_encryption_id": null,
        "forwarded_values": [
         {
          "cookies": [
           {
            "forward": "none"
           }
          ],
          "query_string": false
         }
        ],
        "function_association": [],
        "lambda_function_association": [],
        "min_ttl": 0,
        "origin_request_policy_id": null,
        "realtime_log_config_arn": null,
        "response_headers_policy_id": null,
        "smooth_streaming": null,
        "target_origin_id": "o",
        "viewer_protocol_policy": "allow-all"
       }
      ],
      "default_root_object": null,
      "enabled": true,
      "http_version": "http2",
      "is_ipv6_enabled": false,
      "logging_config": [],
      "ordered_cache_behavior": [],
      "origin": [
       {
        "connection_attempts": 3,
        "connection_timeout": 10,
        "custom_header": [],
        "custom_origin_config": [
         {
          "http_port": 80,
          "https_port": 443,
          "origin_keepalive_timeout": 5,
          "origin_protocol_policy": "https-only",
          "origin_read_timeout": 30,
          "origin_ssl_protocols": [
           "TLSv1.2"
          ]
         }
        ],
        "domain_name": "example.com",
        "origin_access_control_id": "",
        "origin_id": "o",
        "origin_path": "",
        "origin_shield": [],
        "s3_origin_config": [],
        "vpc_origin_config": []
       }
      ],
      "origin_group": [],
      "price_class": "PriceClass_All",
      "restrictions": [
       {
        "geo_restriction": [
         {
          "restriction_type": "none"
         }
        ]
       }
      ],
      "retain_on_delete": false,
      "staging": false,
      "tags": null,
      "viewer_certificate": [
       {
        "acm_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
        "cloudfront_default_certificate": null,
        "iam_certificate_id": null,
        "minimum_protocol_version": "TLSv1",
        "ssl_support_method": "sni-only"
       }
      ],
      "wait_for_deployment": true,
      "web_acl_id": null
     },
     "sensitive_values": {
      "custom_error_response": [],
      "default_cache_behavior": [
       {
        "allowed_methods": [
         false,
         false
        ],
        "cached_methods": [
         false,
         false
        ],
        "forwarded_values": [
         {
          "cookies": [
           {
            "whitelisted_names": []
           }
          ],
          "headers": [],
          "query_string_cache_keys": []
         }
        ],
        "function_association": [],
        "grpc_config": [],
        "lambda_function_association": [],
        "trusted_key_groups": [],
        "trusted_signers": []
       }
      ],
      "logging_config": [],
      "ordered_cache_behavior": [],
      "origin": [
       {
        "custom_header": [],
        "custom_origin_config": [
         {
          "origin_ssl_protocols": [
           false
          ]
         }
        ],
        "origin_shield": [],
        "s3_origin_config": [],
        "vpc_origin_config": []
       }
      ],
      "origin_group": [],
      "restrictions": [
       {
        "geo_restriction": [
         {
          "locations": []
         }
        ]
       }
      ],
      "tags_all": {},
      "trusted_key_groups": [],
      "trusted_signers": [],
      "viewer_certificate": [
       {}
      ]
     }
    },
    {
     "address": "aws_cloudtrail.t",
     "mode": "managed",
     "type": "aws_cloudtrail",
     "name": "t",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "advanced_event_selector": [],
      "cloud_watch_logs_group_arn": null,
      "cloud_watch_logs_role_arn": null,
      "enable_log_file_validation": false,
      "enable_logging": true,
      "event_selector": [],
      "include_global_service_events": true,
      "insight_selector": [],
      "is_multi_region_trail": false,
      "is_organization_trail": false,
      "kms_key_id": null,
      "name": "trail",
      "s3_bucket_name": "logs",
      "s3_key_prefix": null,
      "sns_topic_name": null,
      "tags": null
     },
     "sensitive_values": {
      "advanced_event_selector": [],
      "event_selector": [],
      "insight_selector": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_dynamodb_table.d",
     "mode": "managed",
     "type": "aws_dynamodb_table",
     "name": "d",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "attribute": [
       {
        "name": "id",
        "type": "S"
       }
      ],
      "billing_mode": "PAY_PER_REQUEST",
      "deletion_protection_enabled": null,
      "global_secondary_index": [],
      "hash_key": "id",
      "import_table": [],
      "local_secondary_index": [],
      "name": "table",
      "on_demand_throughput": [],
      "range_key": null,
      "replica": [],
      "restore_date_time": null,
      "restore_source_name": null,
      "restore_source_table_arn": null,
      "restore_to_latest_time": null,
      "stream_enabled": null,
      "table_class": null,
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "attribute": [
       {}
      ],
      "global_secondary_index": [],
      "import_table": [],
      "local_secondary_index": [],
      "on_demand_throughput": [],
      "point_in_time_recovery": [],
      "replica": [],
      "server_side_encryption": [],
      "tags_all": {},
      "ttl": []
     }
    },
    {
     "address": "aws_ebs_volume.v",
     "mode": "managed",
     "type": "aws_ebs_volume",
     "name": "v",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "availability_zone": "us-east-1a",
      "final_snapshot": false,
      "multi_attach_enabled": null,
      "outpost_arn": null,
      "size": 20,
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "tags_all": {}
     }
    },
    {
     "address": "aws_ecr_repository.r",
     "mode": "managed",
     "type": "aws_ecr_repository",
     "name": "r",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "encryption_configuration": [],
      "force_delete": null,
      "image_scanning_configuration": [],
      "image_tag_mutability": "MUTABLE",
      "name": "repo",
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "encryption_configuration": [],
      "image_scanning_configuration": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_elasticache_replication_group.c",
     "mode": "managed",
     "type": "aws_elasticache_replication_group",
     "name": "c",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 2,
     "values": {
      "auth_token": null,
      "auth_token_update_strategy": "ROTATE",
      "automatic_failover_enabled": false,
      "description": "c",
      "engine": "redis",
      "engine_version": "7.1",
      "final_snapshot_identifier": null,
      "kms_key_id": null,
      "log_delivery_configuration": [],
      "multi_az_enabled": false,
      "node_type": "cache.t3.micro",
      "notification_topic_arn": null,
      "num_cache_clusters": 1,
      "port": null,
      "preferred_cache_cluster_azs": null,
      "replication_group_id": "c",
      "snapshot_arns": null,
      "snapshot_name": null,
      "snapshot_retention_limit": null,
      "tags": null,
      "timeouts": null,
      "user_group_ids": null
     },
     "sensitive_values": {
      "auth_token": true,
      "log_delivery_configuration": [],
      "member_clusters": [],
      "security_group_ids": [],
      "security_group_names": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_instance.i",
     "mode": "managed",
     "type": "aws_instance",
     "name": "i",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "ami": "ami-12c6146b",
      "credit_specification": [],
      "get_password_data": false,
      "hibernation": null,
      "instance_type": "t3.micro",
      "launch_template": [],
      "source_dest_check": true,
      "tags": null,
      "timeouts": null,
      "user_data_replace_on_change": false,
      "volume_tags": null
     },
     "sensitive_values": {
      "capacity_reservation_specification": [],
      "cpu_options": [],
      "credit_specification": [],
      "ebs_block_device": [],
      "enclave_options": [],
      "ephemeral_block_device": [],
      "instance_market_options": [],
      "ipv6_addresses": [],
      "launch_template": [],
      "maintenance_options": [],
      "metadata_options": [],
      "network_interface": [],
      "private_dns_name_options": [],
      "root_block_device": [],
      "secondary_private_ips": [],
      "security_groups": [],
      "tags_all": {},
      "vpc_security_group_ids": []
     }
    },
    {
     "address": "aws_kms_key.k",
     "mode": "managed",
     "type": "aws_kms_key",
     "name": "k",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "bypass_policy_lockout_safety_check": false,
      "custom_key_store_id": null,
      "customer_master_key_spec": "SYMMETRIC_DEFAULT",
      "deletion_window_in_days": null,
      "description": "k",
      "enable_key_rotation": false,
      "is_enabled": true,
      "key_usage": "ENCRYPT_DECRYPT",
      "tags": null,
      "timeouts": null,
      "xks_key_id": null
     },
     "sensitive_values": {
      "tags_all": {}
     }
    },
    {
     "address": "aws_lambda_function.f",
     "mode": "managed",
     "type": "aws_lambda_function",
     "name": "f",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "code_signing_config_arn": null,
      "dead_letter_config": [],
      "description": null,
      "environment": [
       {
        "variables": {
         "API_TOKEN": "abc123"
        }
       }
      ],
      "file_system_config": [],
      "filename": "fn.zip",
      "function_name": "f",
      "handler": "index.handler",
      "image_config": [],
      "image_uri": null,
      "kms_key_arn": null,
      "layers": null,
      "memory_size": 128,
      "package_type": "Zip",
      "publish": false,
      "replace_security_groups_on_destroy": null,
      "replacement_security_group_ids": null,
      "reserved_concurrent_executions": -1,
      "role": "arn:aws:iam::123456789012:role/r",
      "runtime": "python3.12",
      "s3_bucket": null,
      "s3_key": null,
      "s3_object_version": null,
      "skip_destroy": false,
      "snap_start": [],
      "tags": null,
      "timeout": 3,
      "timeouts": null,
      "vpc_config": []
     },
     "sensitive_values": {
      "architectures": [],
      "dead_letter_config": [],
      "environment": [
       {
        "variables": {}
       }
      ],
      "ephemeral_storage": [],
      "file_system_config": [],
      "image_config": [],
      "logging_config": [],
      "snap_start": [],
      "tags_all": {},
      "tracing_config": [],
      "vpc_config": []
     }
    },
    {
     "address": "aws_launch_template.lt",
     "mode": "managed",
     "type": "aws_launch_template",
     "name": "lt",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "block_device_mappings": [
       {
        "device_name": "/dev/xvda",
        "ebs": [
         {
          "delete_on_termination": null,
          "encrypted": "false",
          "kms_key_id": null,
          "snapshot_id": null,
          "volume_size": 8
         }
        ],
        "no_device": null,
        "virtual_name": null
       }
      ],
      "capacity_reservation_specification": [],
      "cpu_options": [],
      "credit_specification": [],
      "description": null,
      "disable_api_stop": null,
      "disable_api_termination": null,
      "ebs_optimized": null,
      "elastic_gpu_specifications": [],
      "elastic_inference_accelerator": [],
      "enclave_options": [],
      "hibernation_options": [],
      "iam_instance_profile": [],
      "image_id": "ami-12c6146b",
      "instance_initiated_shutdown_behavior": null,
      "instance_market_options": [],
      "instance_requirements": [],
      "instance_type": "t3.micro",
      "kernel_id": null,
      "key_name": null,
      "license_specification": [],
      "maintenance_options": [],
      "monitoring": [],
      "name": "template",
      "network_interfaces": [],
      "placement": [],
      "private_dns_name_options": [],
      "ram_disk_id": null,
      "security_group_names": null,
      "tag_specifications": [],
      "tags": null,
      "update_default_version": null,
      "user_data": null,
      "vpc_security_group_ids": null
     },
     "sensitive_values": {
      "block_device_mappings": [
       {
        "ebs": [
         {}
        ]
       }
      ],
      "capacity_reservation_specification": [],
      "cpu_options": [],
      "credit_specification": [],
      "elastic_gpu_specifications": [],
      "elastic_inference_accelerator": [],
      "enclave_options": [],
      "hibernation_options": [],
      "iam_instance_profile": [],
      "instance_market_options": [],
      "instance_requirements": [],
      "license_specification": [],
      "maintenance_options": [],
      "metadata_options": [],
      "monitoring": [],
      "network_interfaces": [],
      "placement": [],
      "private_dns_name_options": [],
      "tag_specifications": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_lb_listener.http",
     "mode": "managed",
     "type": "aws_lb_listener",
     "name": "http",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "alpn_policy": null,
      "certificate_arn": null,
      "default_action": [
       {
        "authenticate_cognito": [],
        "authenticate_oidc": [],
        "fixed_response": [],
        "forward": [],
        "redirect": [],
        "target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
        "type": "forward"
       }
      ],
      "load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
      "port": 80,
      "protocol": "HTTP",
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "default_action": [
       {
        "authenticate_cognito": [],
        "authenticate_oidc": [],
        "fixed_response": [],
        "forward": [],
        "redirect": []
       }
      ],
      "mutual_authentication": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_lb_listener.tls_old",
     "mode": "managed",
     "type": "aws_lb_listener",
     "name": "tls_old",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "alpn_policy": null,
      "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
      "default_action": [
       {
        "authenticate_cognito": [],
        "authenticate_oidc": [],
        "fixed_response": [],
        "forward": [],
        "redirect": [],
        "target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
        "type": "forward"
       }
      ],
      "load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
      "port": 443,
      "protocol": "HTTPS",
      "ssl_policy": "ELBSecurityPolicy-2016-08",
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "default_action": [
       {
        "authenticate_cognito": [],
        "authenticate_oidc": [],
        "fixed_response": [],
        "forward": [],
        "redirect": []
       }
      ],
      "mutual_authentication": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_rds_cluster.a",
     "mode": "managed",
     "type": "aws_rds_cluster",
     "name": "a",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "allow_major_version_upgrade": null,
      "backtrack_window": null,
      "cluster_identifier": "a",
      "copy_tags_to_snapshot": false,
      "db_cluster_instance_class": null,
      "db_instance_parameter_group_name": null,
      "delete_automated_backups": true,
      "deletion_protection": null,
      "domain": null,
      "domain_iam_role_name": null,
      "enable_global_write_forwarding": false,
      "enable_http_endpoint": false,
      "enable_local_write_forwarding": false,
      "enabled_cloudwatch_logs_exports": null,
      "engine": "aurora-postgresql",
      "engine_mode": "provisioned",
      "final_snapshot_identifier": null,
      "global_cluster_identifier": null,
      "iam_database_authentication_enabled": null,
      "iops": null,
      "manage_master_user_password": null,
      "master_password": "p4ssw0rd-literal",
      "master_password_wo": null,
      "master_password_wo_version": null,
      "master_username": "u",
      "performance_insights_enabled": null,
      "replication_source_identifier": null,
      "restore_to_point_in_time": [],
      "s3_import": [],
      "scaling_configuration": [],
      "serverlessv2_scaling_configuration": [],
      "skip_final_snapshot": true,
      "snapshot_identifier": null,
      "source_region": null,
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "availability_zones": [],
      "cluster_members": [],
      "iam_roles": [],
      "master_password": true,
      "master_password_wo": true,
      "master_user_secret": [],
      "restore_to_point_in_time": [],
      "s3_import": [],
      "scaling_configuration": [],
      "serverlessv2_scaling_configuration": [],
      "tags_all": {},
      "vpc_security_group_ids": []
     }
    },
    {
     "address": "aws_security_group_rule.all",
     "mode": "managed",
     "type": "aws_security_group_rule",
     "name": "all",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 2,
     "values": {
      "cidr_blocks": [
       "0.0.0.0/0"
      ],
      "description": null,
      "from_port": 0,
      "ipv6_cidr_blocks": null,
      "prefix_list_ids": null,
      "protocol": "-1",
      "security_group_id": "sg-123",
      "self": false,
      "timeouts": null,
      "to_port": 0,
      "type": "ingress"
     },
     "sensitive_values": {
      "cidr_blocks": [
       false
      ]
     }
    },
    {
     "address": "aws_sns_topic.t",
     "mode": "managed",
     "type": "aws_sns_topic",
     "name": "t",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "application_failure_feedback_role_arn": null,
      "application_success_feedback_role_arn": null,
      "application_success_feedback_sample_rate": null,
      "archive_policy": null,
      "content_based_deduplication": false,
      "delivery_policy": null,
      "display_name": null,
      "fifo_topic": false,
      "firehose_failure_feedback_role_arn": null,
      "firehose_success_feedback_role_arn": null,
      "firehose_success_feedback_sample_rate": null,
      "http_failure_feedback_role_arn": null,
      "http_success_feedback_role_arn": null,
      "http_success_feedback_sample_rate": null,
      "kms_master_key_id": null,
      "lambda_failure_feedback_role_arn": null,
      "lambda_success_feedback_role_arn": null,
      "lambda_success_feedback_sample_rate": null,
      "name": "topic",
      "sqs_failure_feedback_role_arn": null,
      "sqs_success_feedback_role_arn": null,
      "sqs_success_feedback_sample_rate": null,
      "tags": null
     },
     "sensitive_values": {
      "tags_all": {}
     }
    },
    {
     "address": "aws_sqs_queue.q",
     "mode": "managed",
     "type": "aws_sqs_queue",
     "name": "q",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "content_based_deduplication": false,
      "delay_seconds": 0,
      "fifo_queue": false,
      "kms_master_key_id": null,
      "max_message_size": 262144,
      "message_retention_seconds": 345600,
      "name": "queue",
      "receive_wait_time_seconds": 0,
      "sqs_managed_sse_enabled": false,
      "tags": null,
      "timeouts": null,
      "visibility_timeout_seconds": 30
     },
     "sensitive_values": {
      "tags_all": {}
     }
    }
   ]
  }
 },
 "resource_changes": [
  {
   "address": "aws_cloudfront_distribution.cdn",
   "mode": "managed",
   "type": "aws_cloudfront_distribution",
   "name": "cdn",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "aliases": null,
     "comment": null,
     "custom_error_response": [],
     "default_cache_behavior": [
      {
       "allowed_methods": [
        "GET",
        "HEAD"
       ],
       "cache_policy_id": null,
       "cached_methods": [
        "GET",
        "HEAD"
       ],
       "compress": false,
       "field_level_encryption_id": null,
       "forwarded_values": [
        {
         "cookies": [
          {
           "forward": "none"
          }
         ],
         "query_string": false
        }
       ],
       "function_association": [],
       "lambda_function_association": [],
       "min_ttl": 0,
       "origin_request_policy_id": null,
       "realtime_log_config_arn": null,
       "response_headers_policy_id": null,
       "smooth_streaming": null,
       "target_origin_id": "o",
       "viewer_protocol_policy": "allow-all"
      }
     ],
     "default_root_object": null,
     "enabled": true,
     "http_version": "http2",
     "is_ipv6_enabled": false,
     "logging_config": [],
     "ordered_cache_behavior": [],
     "origin": [
      {
       "connection_attempts": 3,
       "connection_timeout": 10,
       "custom_header": [],
       "custom_origin_config": [
        {
         "http_port": 80,
         "https_port": 443,
         "origin_keepalive_timeout": 5,
         "origin_protocol_policy": "https-only",
         "origin_read_timeout": 30,
         "origin_ssl_protocols": [
          "TLSv1.2"
         ]
        }
       ],
       "domain_name": "example.com",
       "origin_access_control_id": "",
       "origin_id": "o",
       "origin_path": "",
       "origin_shield": [],
       "s3_origin_config": [],
       "vpc_origin_config": []
      }
     ],
     "origin_group": [],
     "price_class": "PriceClass_All",
     "restrictions": [
      {
       "geo_restriction": [
        {
         "restriction_type": "none"
        }
       ]
      }
     ],
     "retain_on_delete": false,
     "staging": false,
     "tags": null,
     "viewer_certificate": [
      {
       "acm_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
       "cloudfront_default_certificate": null,
       "iam_certificate_id": null,
       "minimum_protocol_version": "TLSv1",
       "ssl_support_method": "sni-only"
      }
     ],
     "wait_for_deployment": true,
     "web_acl_id": null
    },
    "after_unknown": {
     "arn": true,
     "caller_reference": true,
     "continuous_deployment_policy_id": true,
     "custom_error_response": [],
     "default_cache_behavior": [
      {
       "allowed_methods": [
        false,
        false
       ],
       "cached_methods": [
        false,
        false
       ],
       "default_ttl": true,
       "forwarded_values": [
        {
         "cookies": [
          {
           "whitelisted_names": true
          }
         ],
         "headers": true,
         "query_string_cache_keys": true
        }
       ],
       "function_association": [],
       "grpc_config": true,
       "lambda_function_association": [],
       "max_ttl": true,
       "trusted_key_groups": true,
       "trusted_signers": true
      }
     ],
     "domain_name": true,
     "etag": true,
     "hosted_zone_id": true,
     "id": true,
     "in_progress_validation_batches": true,
     "last_modified_time": true,
     "logging_config": [],
     "ordered_cache_behavior": [],
     "origin": [
      {
       "custom_header": [],
       "custom_origin_config": [
        {
         "origin_ssl_protocols": [
          false
         ]
        }
       ],
       "origin_shield": [],
       "s3_origin_config": [],
       "vpc_origin_config": []
      }
     ],
     "origin_group": [],
     "restrictions": [
      {
       "geo_restriction": [
        {
         "locations": true
        }
       ]
      }
     ],
     "status": true,
     "tags_all": true,
     "trusted_key_groups": true,
     "trusted_signers": true,
     "viewer_certificate": [
      {}
     ]
    },
    "before_sensitive": false,
    "after_sensitive": {
     "custom_error_response": [],
     "default_cache_behavior": [
      {
       "allowed_methods": [
        false,
        false
       ],
       "cached_methods": [
        false,
        false
       ],
       "forwarded_values": [
        {
         "cookies": [
          {
           "whitelisted_names": []
          }
         ],
         "headers": [],
         "query_string_cache_keys": []
        }
       ],
       "function_association": [],
       "grpc_config": [],
       "lambda_function_association": [],
       "trusted_key_groups": [],
       "trusted_signers": []
      }
     ],
     "logging_config": [],
     "ordered_cache_behavior": [],
     "origin": [
      {
       "custom_header": [],
       "custom_origin_config": [
        {
         "origin_ssl_protocols": [
          false
         ]
        }
       ],
       "origin_shield": [],
       "s3_origin_config": [],
       "vpc_origin_config": []
      }
     ],
     "origin_group": [],
     "restrictions": [
      {
       "geo_restriction": [
        {
         "locations": []
        }
       ]
      }
     ],
     "tags_all": {},
     "trusted_key_groups": [],
     "trusted_signers": [],
     "viewer_certificate": [
      {}
     ]
    }
   }
  },
  {
   "address": "aws_cloudtrail.t",
   "mode": "managed",
   "type": "aws_cloudtrail",
   "name": "t",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "advanced_event_selector": [],
     "cloud_watch_logs_group_arn": null,
     "cloud_watch_logs_role_arn": null,
     "enable_log_file_validation": false,
     "enable_logging": true,
     "event_selector": [],
     "include_global_service_events": true,
     "insight_selector": [],
     "is_multi_region_trail": false,
     "is_organization_trail": false,
     "kms_key_id": null,
     "name": "trail",
     "s3_bucket_name": "logs",
     "s3_key_prefix": null,
     "sns_topic_name": null,
     "tags": null
    },
    "after_unknown": {
     "advanced_event_selector": [],
     "arn": true,
     "event_selector": [],
     "home_region": true,
     "id": true,
     "insight_selector": [],
     "sns_topic_arn": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "advanced_event_selector": [],
     "event_selector": [],
     "insight_selector": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_dynamodb_table.d",
   "mode": "managed",
   "type": "aws_dynamodb_table",
   "name": "d",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "attribute": [
      {
       "name": "id",
       "type": "S"
      }
     ],
     "billing_mode": "PAY_PER_REQUEST",
     "deletion_protection_enabled": null,
     "global_secondary_index": [],
     "hash_key": "id",
     "import_table": [],
     "local_secondary_index": [],
     "name": "table",
     "on_demand_throughput": [],
     "range_key": null,
     "replica": [],
     "restore_date_time": null,
     "restore_source_name": null,
     "restore_source_table_arn": null,
     "restore_to_latest_time": null,
     "stream_enabled": null,
     "table_class": null,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "attribute": [
      {}
     ],
     "global_secondary_index": [],
     "id": true,
     "import_table": [],
     "local_secondary_index": [],
     "on_demand_throughput": [],
     "point_in_time_recovery": true,
     "read_capacity": true,
     "replica": [],
     "server_side_encryption": true,
     "stream_arn": true,
     "stream_label": true,
     "stream_view_type": true,
     "tags_all": true,
     "ttl": true,
     "write_capacity": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "attribute": [
      {}
     ],
     "global_secondary_index": [],
     "import_table": [],
     "local_secondary_index": [],
     "on_demand_throughput": [],
     "point_in_time_recovery": [],
     "replica": [],
     "server_side_encryption": [],
     "tags_all": {},
     "ttl": []
    }
   }
  },
  {
   "address": "aws_ebs_volume.v",
   "mode": "managed",
   "type": "aws_ebs_volume",
   "name": "v",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "availability_zone": "us-east-1a",
     "final_snapshot": false,
     "multi_attach_enabled": null,
     "outpost_arn": null,
     "size": 20,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "create_time": true,
     "encrypted": true,
     "id": true,
     "iops": true,
     "kms_key_id": true,
     "snapshot_id": true,
     "tags_all": true,
     "throughput": true,
     "type": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_ecr_repository.r",
   "mode": "managed",
   "type": "aws_ecr_repository",
   "name": "r",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "encryption_configuration": [],
     "force_delete": null,
     "image_scanning_configuration": [],
     "image_tag_mutability": "MUTABLE",
     "name": "repo",
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "encryption_configuration": [],
     "id": true,
     "image_scanning_configuration": [],
     "registry_id": true,
     "repository_url": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "encryption_configuration": [],
     "image_scanning_configuration": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_elasticache_replication_group.c",
   "mode": "managed",
   "type": "aws_elasticache_replication_group",
   "name": "c",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "auth_token": null,
     "auth_token_update_strategy": "ROTATE",
     "automatic_failover_enabled": false,
     "description": "c",
     "engine": "redis",
     "engine_version": "7.1",
     "final_snapshot_identifier": null,
     "kms_key_id": null,
     "log_delivery_configuration": [],
     "multi_az_enabled": false,
     "node_type": "cache.t3.micro",
     "notification_topic_arn": null,
     "num_cache_clusters": 1,
     "port": null,
     "preferred_cache_cluster_azs": null,
     "replication_group_id": "c",
     "snapshot_arns": null,
     "snapshot_name": null,
     "snapshot_retention_limit": null,
     "tags": null,
     "timeouts": null,
     "user_group_ids": null
    },
    "after_unknown": {
     "apply_immediately": true,
     "arn": true,
     "at_rest_encryption_enabled": true,
     "auto_minor_version_upgrade": true,
     "cluster_enabled": true,
     "cluster_mode": true,
     "configuration_endpoint_address": true,
     "data_tiering_enabled": true,
     "engine_version_actual": true,
     "global_replication_group_id": true,
     "id": true,
     "ip_discovery": true,
     "log_delivery_configuration": [],
     "maintenance_window": true,
     "member_clusters": true,
     "network_type": true,
     "num_node_groups": true,
     "parameter_group_name": true,
     "primary_endpoint_address": true,
     "reader_endpoint_address": true,
     "replicas_per_node_group": true,
     "security_group_ids": true,
     "security_group_names": true,
     "snapshot_window": true,
     "subnet_group_name": true,
     "tags_all": true,
     "transit_encryption_enabled": true,
     "transit_encryption_mode": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "auth_token": true,
     "log_delivery_configuration": [],
     "member_clusters": [],
     "security_group_ids": [],
     "security_group_names": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_instance.i",
   "mode": "managed",
   "type": "aws_instance",
   "name": "i",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "ami": "ami-12c6146b",
     "credit_specification": [],
     "get_password_data": false,
     "hibernation": null,
     "instance_type": "t3.micro",
     "launch_template": [],
     "source_dest_check": true,
     "tags": null,
     "timeouts": null,
     "user_data_replace_on_change": false,
     "volume_tags": null
    },
    "after_unknown": {
     "arn": true,
     "associate_public_ip_address": true,
     "availability_zone": true,
     "capacity_reservation_specification": true,
     "cpu_core_count": true,
     "cpu_options": true,
     "cpu_threads_per_core": true,
     "credit_specification": [],
     "disable_api_stop": true,
     "disable_api_termination": true,
     "ebs_block_device": true,
     "ebs_optimized": true,
     "enable_primary_ipv6": true,
     "enclave_options": true,
     "ephemeral_block_device": true,
     "host_id": true,
     "host_resource_group_arn": true,
     "iam_instance_profile": true,
     "id": true,
     "instance_initiated_shutdown_behavior": true,
     "instance_lifecycle": true,
     "instance_market_options": true,
     "instance_state": true,
     "ipv6_address_count": true,
     "ipv6_addresses": true,
     "key_name": true,
     "launch_template": [],
     "maintenance_options": true,
     "metadata_options": true,
     "monitoring": true,
     "network_interface": true,
     "outpost_arn": true,
     "password_data": true,
     "placement_group": true,
     "placement_partition_number": true,
     "primary_network_interface_id": true,
     "private_dns": true,
     "private_dns_name_options": true,
     "private_ip": true,
     "public_dns": true,
     "public_ip": true,
     "root_block_device": true,
     "secondary_private_ips": true,
     "security_groups": true,
     "spot_instance_request_id": true,
     "subnet_id": true,
     "tags_all": true,
     "tenancy": true,
     "user_data": true,
     "user_data_base64": true,
     "vpc_security_group_ids": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "capacity_reservation_specification": [],
     "cpu_options": [],
     "credit_specification": [],
     "ebs_block_device": [],
     "enclave_options": [],
     "ephemeral_block_device": [],
     "instance_market_options": [],
     "ipv6_addresses": [],
     "launch_template": [],
     "maintenance_options": [],
     "metadata_options": [],
     "network_interface": [],
     "private_dns_name_options": [],
     "root_block_device": [],
     "secondary_private_ips": [],
     "security_groups": [],
     "tags_all": {},
     "vpc_security_group_ids": []
    }
   }
  },
  {
   "address": "aws_kms_key.k",
   "mode": "managed",
   "type": "aws_kms_key",
   "name": "k",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "bypass_policy_lockout_safety_check": false,
     "custom_key_store_id": null,
     "customer_master_key_spec": "SYMMETRIC_DEFAULT",
     "deletion_window_in_days": null,
     "description": "k",
     "enable_key_rotation": false,
     "is_enabled": true,
     "key_usage": "ENCRYPT_DECRYPT",
     "tags": null,
     "timeouts": null,
     "xks_key_id": null
    },
    "after_unknown": {
     "arn": true,
     "id": true,
     "key_id": true,
     "multi_region": true,
     "policy": true,
     "rotation_period_in_days": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_lambda_function.f",
   "mode": "managed",
   "type": "aws_lambda_function",
   "name": "f",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "code_signing_config_arn": null,
     "dead_letter_config": [],
     "description": null,
     "environment": [
      {
       "variables": {
        "API_TOKEN": "abc123"
       }
      }
     ],
     "file_system_config": [],
     "filename": "fn.zip",
     "function_name": "f",
     "handler": "index.handler",
     "image_config": [],
     "image_uri": null,
     "kms_key_arn": null,
     "layers": null,
     "memory_size": 128,
     "package_type": "Zip",
     "publish": false,
     "replace_security_groups_on_destroy": null,
     "replacement_security_group_ids": null,
     "reserved_concurrent_executions": -1,
     "role": "arn:aws:iam::123456789012:role/r",
     "runtime": "python3.12",
     "s3_bucket": null,
     "s3_key": null,
     "s3_object_version": null,
     "skip_destroy": false,
     "snap_start": [],
     "tags": null,
     "timeout": 3,
     "timeouts": null,
     "vpc_config": []
    },
    "after_unknown": {
     "architectures": true,
     "arn": true,
     "code_sha256": true,
     "dead_letter_config": [],
     "environment": [
      {
       "variables": {}
      }
     ],
     "ephemeral_storage": true,
     "file_system_config": [],
     "id": true,
     "image_config": [],
     "invoke_arn": true,
     "last_modified": true,
     "logging_config": true,
     "qualified_arn": true,
     "qualified_invoke_arn": true,
     "signing_job_arn": true,
     "signing_profile_version_arn": true,
     "snap_start": [],
     "source_code_hash": true,
     "source_code_size": true,
     "tags_all": true,
     "tracing_config": true,
     "version": true,
     "vpc_config": []
    },
    "before_sensitive": false,
    "after_sensitive": {
     "architectures": [],
     "dead_letter_config": [],
     "environment": [
      {
       "variables": {}
      }
     ],
     "ephemeral_storage": [],
     "file_system_config": [],
     "image_config": [],
     "logging_config": [],
     "snap_start": [],
     "tags_all": {},
     "tracing_config": [],
     "vpc_config": []
    }
   }
  },
  {
   "address": "aws_launch_template.lt",
   "mode": "managed",
   "type": "aws_launch_template",
   "name": "lt",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "block_device_mappings": [
      {
       "device_name": "/dev/xvda",
       "ebs": [
        {
         "delete_on_termination": null,
         "encrypted": "false",
         "kms_key_id": null,
         "snapshot_id": null,
         "volume_size": 8
        }
       ],
       "no_device": null,
       "virtual_name": null
      }
     ],
     "capacity_reservation_specification": [],
     "cpu_options": [],
     "credit_specification": [],
     "description": null,
     "disable_api_stop": null,
     "disable_api_termination": null,
     "ebs_optimized": null,
     "elastic_gpu_specifications": [],
     "elastic_inference_accelerator": [],
     "enclave_options": [],
     "hibernation_options": [],
     "iam_instance_profile": [],
     "image_id": "ami-12c6146b",
     "instance_initiated_shutdown_behavior": null,
     "instance_market_options": [],
     "instance_requirements": [],
     "instance_type": "t3.micro",
     "kernel_id": null,
     "key_name": null,
     "license_specification": [],
     "maintenance_options": [],
     "monitoring": [],
     "name": "template",
     "network_interfaces": [],
     "placement": [],
     "private_dns_name_options": [],
     "ram_disk_id": null,
     "security_group_names": null,
     "tag_specifications": [],
     "tags": null,
     "update_default_version": null,
     "user_data": null,
     "vpc_security_group_ids": null
    },
    "after_unknown": {
     "arn": true,
     "block_device_mappings": [
      {
       "ebs": [
        {
         "iops": true,
         "throughput": true,
         "volume_initialization_rate": true,
         "volume_type": true
        }
       ]
      }
     ],
     "capacity_reservation_specification": [],
     "cpu_options": [],
     "credit_specification": [],
     "default_version": true,
     "elastic_gpu_specifications": [],
     "elastic_inference_accelerator": [],
     "enclave_options": [],
     "hibernation_options": [],
     "iam_instance_profile": [],
     "id": true,
     "instance_market_options": [],
     "instance_requirements": [],
     "latest_version": true,
     "license_specification": [],
     "maintenance_options": [],
     "metadata_options": true,
     "monitoring": [],
     "name_prefix": true,
     "network_interfaces": [],
     "placement": [],
     "private_dns_name_options": [],
     "tag_specifications": [],
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "block_device_mappings": [
      {
       "ebs": [
        {}
       ]
      }
     ],
     "capacity_reservation_specification": [],
     "cpu_options": [],
     "credit_specification": [],
     "elastic_gpu_specifications": [],
     "elastic_inference_accelerator": [],
     "enclave_options": [],
     "hibernation_options": [],
     "iam_instance_profile": [],
     "instance_market_options": [],
     "instance_requirements": [],
     "license_specification": [],
     "maintenance_options": [],
     "metadata_options": [],
     "monitoring": [],
     "network_interfaces": [],
     "placement": [],
     "private_dns_name_options": [],
     "tag_specifications": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_lb_listener.http",
   "mode": "managed",
   "type": "aws_lb_listener",
   "name": "http",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "alpn_policy": null,
     "certificate_arn": null,
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "redirect": [],
       "target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
       "type": "forward"
      }
     ],
     "load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
     "port": 80,
     "protocol": "HTTP",
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "order": true,
       "redirect": []
      }
     ],
     "id": true,
     "mutual_authentication": true,
     "routing_http_request_x_amzn_mtls_clientcert_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_issuer_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_leaf_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_serial_number_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_subject_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_validity_header_name": true,
     "routing_http_request_x_amzn_tls_cipher_suite_header_name": true,
     "routing_http_request_x_amzn_tls_version_header_name": true,
     "routing_http_response_access_control_allow_credentials_header_value": true,
     "routing_http_response_access_control_allow_headers_header_value": true,
     "routing_http_response_access_control_allow_methods_header_value": true,
     "routing_http_response_access_control_allow_origin_header_value": true,
     "routing_http_response_access_control_expose_headers_header_value": true,
     "routing_http_response_access_control_max_age_header_value": true,
     "routing_http_response_content_security_policy_header_value": true,
     "routing_http_response_server_enabled": true,
     "routing_http_response_strict_transport_security_header_value": true,
     "routing_http_response_x_content_type_options_header_value": true,
     "routing_http_response_x_frame_options_header_value": true,
     "ssl_policy": true,
     "tags_all": true,
     "tcp_idle_timeout_seconds": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "redirect": []
      }
     ],
     "mutual_authentication": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_lb_listener.tls_old",
   "mode": "managed",
   "type": "aws_lb_listener",
   "name": "tls_old",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "alpn_policy": null,
     "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "redirect": [],
       "target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
       "type": "forward"
      }
     ],
     "load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
     "port": 443,
     "protocol": "HTTPS",
     "ssl_policy": "ELBSecurityPolicy-2016-08",
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "order": true,
       "redirect": []
      }
     ],
     "id": true,
     "mutual_authentication": true,
     "routing_http_request_x_amzn_mtls_clientcert_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_issuer_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_leaf_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_serial_number_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_subject_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_validity_header_name": true,
     "routing_http_request_x_amzn_tls_cipher_suite_header_name": true,
     "routing_http_request_x_amzn_tls_version_header_name": true,
     "routing_http_response_access_control_allow_credentials_header_value": true,
     "routing_http_response_access_control_allow_headers_header_value": true,
     "routing_http_response_access_control_allow_methods_header_value": true,
     "routing_http_response_access_control_allow_origin_header_value": true,
     "routing_http_response_access_control_expose_headers_header_value": true,
     "routing_http_response_access_control_max_age_header_value": true,
     "routing_http_response_content_security_policy_header_value": true,
     "routing_http_response_server_enabled": true,
     "routing_http_response_strict_transport_security_header_value": true,
     "routing_http_response_x_content_type_options_header_value": true,
     "routing_http_response_x_frame_options_header_value": true,
     "tags_all": true,
     "tcp_idle_timeout_seconds": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "redirect": []
      }
     ],
     "mutual_authentication": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_rds_cluster.a",
   "mode": "managed",
   "type": "aws_rds_cluster",
   "name": "a",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "allow_major_version_upgrade": null,
     "backtrack_window": null,
     "cluster_identifier": "a",
     "copy_tags_to_snapshot": false,
     "db_cluster_instance_class": null,
     "db_instance_parameter_group_name": null,
     "delete_automated_backups": true,
     "deletion_protection": null,
     "domain": null,
     "domain_iam_role_name": null,
     "enable_global_write_forwarding": false,
     "enable_http_endpoint": false,
     "enable_local_write_forwarding": false,
     "enabled_cloudwatch_logs_exports": null,
     "engine": "aurora-postgresql",
     "engine_mode": "provisioned",
     "final_snapshot_identifier": null,
     "global_cluster_identifier": null,
     "iam_database_authentication_enabled": null,
     "iops": null,
     "manage_master_user_password": null,
     "master_password": "p4ssw0rd-literal",
     "master_password_wo": null,
     "master_password_wo_version": null,
     "master_username": "u",
     "performance_insights_enabled": null,
     "replication_source_identifier": null,
     "restore_to_point_in_time": [],
     "s3_import": [],
     "scaling_configuration": [],
     "serverlessv2_scaling_configuration": [],
     "skip_final_snapshot": true,
     "snapshot_identifier": null,
     "source_region": null,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "allocated_storage": true,
     "apply_immediately": true,
     "arn": true,
     "availability_zones": true,
     "backup_retention_period": true,
     "ca_certificate_identifier": true,
     "ca_certificate_valid_till": true,
     "cluster_identifier_prefix": true,
     "cluster_members": true,
     "cluster_resource_id": true,
     "cluster_scalability_type": true,
     "database_insights_mode": true,
     "database_name": true,
     "db_cluster_parameter_group_name": true,
     "db_subnet_group_name": true,
     "db_system_id": true,
     "endpoint": true,
     "engine_lifecycle_support": true,
     "engine_version": true,
     "engine_version_actual": true,
     "hosted_zone_id": true,
     "iam_roles": true,
     "id": true,
     "kms_key_id": true,
     "master_user_secret": true,
     "master_user_secret_kms_key_id": true,
     "monitoring_interval": true,
     "monitoring_role_arn": true,
     "network_type": true,
     "performance_insights_kms_key_id": true,
     "performance_insights_retention_period": true,
     "port": true,
     "preferred_backup_window": true,
     "preferred_maintenance_window": true,
     "reader_endpoint": true,
     "restore_to_point_in_time": [],
     "s3_import": [],
     "scaling_configuration": [],
     "serverlessv2_scaling_configuration": [],
     "storage_encrypted": true,
     "storage_type": true,
     "tags_all": true,
     "vpc_security_group_ids": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "availability_zones": [],
     "cluster_members": [],
     "iam_roles": [],
     "master_password": true,
     "master_password_wo": true,
     "master_user_secret": [],
     "restore_to_point_in_time": [],
     "s3_import": [],
     "scaling_configuration": [],
     "serverlessv2_scaling_configuration": [],
     "tags_all": {},
     "vpc_security_group_ids": []
    }
   }
  },
  {
   "address": "aws_security_group_rule.all",
   "mode": "managed",
   "type": "aws_security_group_rule",
   "name": "all",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "cidr_blocks": [
      "0.0.0.0/0"
     ],
     "description": null,
     "from_port": 0,
     "ipv6_cidr_blocks": null,
     "prefix_list_ids": null,
     "protocol": "-1",
     "security_group_id": "sg-123",
     "self": false,
     "timeouts": null,
     "to_port": 0,
     "type": "ingress"
    },
    "after_unknown": {
     "cidr_blocks": [
      false
     ],
     "id": true,
     "security_group_rule_id": true,
     "source_security_group_id": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "cidr_blocks": [
      false
     ]
    }
   }
  },
  {
   "address": "aws_sns_topic.t",
   "mode": "managed",
   "type": "aws_sns_topic",
   "name": "t",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "application_failure_feedback_role_arn": null,
     "application_success_feedback_role_arn": null,
     "application_success_feedback_sample_rate": null,
     "archive_policy": null,
     "content_based_deduplication": false,
     "delivery_policy": null,
     "display_name": null,
     "fifo_topic": false,
     "firehose_failure_feedback_role_arn": null,
     "firehose_success_feedback_role_arn": null,
     "firehose_success_feedback_sample_rate": null,
     "http_failure_feedback_role_arn": null,
     "http_success_feedback_role_arn": null,
     "http_success_feedback_sample_rate": null,
     "kms_master_key_id": null,
     "lambda_failure_feedback_role_arn": null,
     "lambda_success_feedback_role_arn": null,
     "lambda_success_feedback_sample_rate": null,
     "name": "topic",
     "sqs_failure_feedback_role_arn": null,
     "sqs_success_feedback_role_arn": null,
     "sqs_success_feedback_sample_rate": null,
     "tags": null
    },
    "after_unknown": {
     "arn": true,
     "beginning_archive_time": true,
     "fifo_throughput_scope": true,
     "id": true,
     "name_prefix": true,
     "owner": true,
     "policy": true,
     "signature_version": true,
     "tags_all": true,
     "tracing_config": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_sqs_queue.q",
   "mode": "managed",
   "type": "aws_sqs_queue",
   "name": "q",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "content_based_deduplication": false,
     "delay_seconds": 0,
     "fifo_queue": false,
     "kms_master_key_id": null,
     "max_message_size": 262144,
     "message_retention_seconds": 345600,
     "name": "queue",
     "receive_wait_time_seconds": 0,
     "sqs_managed_sse_enabled": false,
     "tags": null,
     "timeouts": null,
     "visibility_timeout_seconds": 30
    },
    "after_unknown": {
     "arn": true,
     "deduplication_scope": true,
     "fifo_throughput_limit": true,
     "id": true,
     "kms_data_key_reuse_period_seconds": true,
     "name_prefix": true,
     "policy": true,
     "redrive_allow_policy": true,
     "redrive_policy": true,
     "tags_all": true,
     "url": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  }
 ],
 "configuration": {
  "provider_config": {
   "aws": {
    "name": "aws",
    "full_name": "registry.terraform.io/hashicorp/aws",
    "expressions": {
     "access_key": {
      "constant_value": "test"
     },
     "endpoints": [
      {
       "autoscaling": {
        "constant_value": "http://127.0.0.1:1"
       },
       "cloudfront": {
        "constant_value": "http://127.0.0.1:1"
       },
       "cloudtrail": {
        "constant_value": "http://127.0.0.1:1"
       },
       "cloudwatchlogs": {
        "constant_value": "http://127.0.0.1:1"
       },
       "dynamodb": {
        "constant_value": "http://127.0.0.1:1"
       },
       "ec2": {
        "constant_value": "http://127.0.0.1:1"
       },
       "ecr": {
        "constant_value": "http://127.0.0.1:1"
       },
       "ecs": {
        "constant_value": "http://127.0.0.1:1"
       },
       "elasticache": {
        "constant_value": "http://127.0.0.1:1"
       },
       "elbv2": {
        "constant_value": "http://127.0.0.1:1"
       },
       "iam": {
        "constant_value": "http://127.0.0.1:1"
       },
       "kms": {
        "constant_value": "http://127.0.0.1:1"
       },
       "lambda": {
        "constant_value": "http://127.0.0.1:1"
       },
       "rds": {
        "constant_value": "http://127.0.0.1:1"
       },
       "s3": {
        "constant_value": "http://127.0.0.1:1"
       },
       "sns": {
        "constant_value": "http://127.0.0.1:1"
       },
       "sqs": {
        "constant_value": "http://127.0.0.1:1"
       },
       "sts": {
        "constant_value": "http://127.0.0.1:1"
       }
      }
     ],
     "region": {
      "constant_value": "us-east-1"
     },
     "secret_key": {
      "constant_value": "test"
     },
     "skip_credentials_validation": {
      "constant_value": true
     },
     "skip_metadata_api_check": {
      "constant_value": true
     },
     "skip_requesting_account_id": {
      "constant_value": true
     }
    }
   }
  },
  "root_module": {
   "resources": [
    {
     "address": "aws_cloudfront_distribution.cdn",
     "mode": "managed",
     "type": "aws_cloudfront_distribution",
     "name": "cdn",
     "provider_config_key": "aws",
     "expressions": {
      "default_cache_behavior": [
       {
        "allowed_methods": {
         "constant_value": [
          "GET",
          "HEAD"
         ]
        },
        "cached_methods": {
         "constant_value": [
          "GET",
          "HEAD"
         ]
        },
        "forwarded_values": [
         {
          "cookies": [
           {
            "forward": {
             "constant_value": "none"
            }
           }
          ],
          "query_string": {
           "constant_value": false
          }
         }
        ],
        "target_origin_id": {
         "constant_value": "o"
        },
        "viewer_protocol_policy": {
         "constant_value": "allow-all"
        }
       }
      ],
      "enabled": {
       "constant_value": true
      },
      "origin": [
       {
        "custom_origin_config": [
         {
          "http_port": {
           "constant_value": 80
          },
          "https_port": {
           "constant_value": 443
          },
          "origin_protocol_policy": {
           "constant_value": "https-only"
          },
          "origin_ssl_protocols": {
           "constant_value": [
            "TLSv1.2"
           ]
          }
         }
        ],
        "domain_name": {
         "constant_value": "example.com"
        },
        "origin_id": {
         "constant_value": "o"
        }
       }
      ],
      "restrictions": [
       {
        "geo_restriction": [
         {
          "restriction_type": {
           "constant_value": "none"
          }
         }
        ]
       }
      ],
      "viewer_certificate": [
       {
        "acm_certificate_arn": {
         "constant_value": "arn:aws:acm:us-east-1:123456789012:certificate/x"
        },
        "minimum_protocol_version": {
         "constant_value": "TLSv1"
        },
        "ssl_support_method": {
         "constant_value": "sni-only"
        }
       }
      ]
     },
     "schema_version": 1
    },
    {
     "address": "aws_cloudtrail.t",
     "mode": "managed",
     "type": "aws_cloudtrail",
     "name": "t",
     "provider_config_key": "aws",
     "expressions": {
      "name": {
       "constant_value": "trail"
      },
      "s3_bucket_name": {
       "constant_value": "logs"
      }
     },
     "schema_version": 1
    },
    {
     "address": "aws_dynamodb_table.d",
     "mode": "managed",
     "type": "aws_dynamodb_table",
     "name": "d",
     "provider_config_key": "aws",
     "expressions": {
      "attribute": [
       {
        "name": {
         "constant_value": "id"
        },
        "type": {
         "constant_value": "S"
        }
       }
      ],
      "billing_mode": {
       "constant_value": "PAY_PER_REQUEST"
      },
      "hash_key": {
       "constant_value": "id"
      },
      "name": {
       "constant_value": "table"
      }
     },
     "schema_version": 1
    },
    {
     "address": "aws_ebs_volume.v",
     "mode": "managed",
     "type": "aws_ebs_volume",
     "name": "v",
     "provider_config_key": "aws",
     "expressions": {
      "availability_zone": {
       "constant_value": "us-east-1a"
      },
      "size": {
       "constant_value": 20
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_ecr_repository.r",
     "mode": "managed",
     "type": "aws_ecr_repository",
     "name": "r",
     "provider_config_key": "aws",
     "expressions": {
      "name": {
       "constant_value": "repo"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_elasticache_replication_group.c",
     "mode": "managed",
     "type": "aws_elasticache_replication_group",
     "name": "c",
     "provider_config_key": "aws",
     "expressions": {
      "description": {
       "constant_value": "c"
      },
      "engine_version": {
       "constant_value": "7.1"
      },
      "node_type": {
       "constant_value": "cache.t3.micro"
      },
      "num_cache_clusters": {
       "constant_value": 1
      },
      "replication_group_id": {
       "constant_value": "c"
      }
     },
     "schema_version": 2
    },
    {
     "address": "aws_instance.i",
     "mode": "managed",
     "type": "aws_instance",
     "name": "i",
     "provider_config_key": "aws",
     "expressions": {
      "ami": {
       "constant_value": "ami-12c6146b"
      },
      "instance_type": {
       "constant_value": "t3.micro"
      }
     },
     "schema_version": 1
    },
    {
     "address": "aws_kms_key.k",
     "mode": "managed",
     "type": "aws_kms_key",
     "name": "k",
     "provider_config_key": "aws",
     "expressions": {
      "description": {
       "constant_value": "k"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_lambda_function.f",
     "mode": "managed",
     "type": "aws_lambda_function",
     "name": "f",
     "provider_config_key": "aws",
     "expressions": {
      "environment": [
       {
        "variables": {
         "constant_value": {
          "API_TOKEN": "abc123"
         }
        }
       }
      ],
      "filename": {
       "constant_value": "fn.zip"
      },
      "function_name": {
       "constant_value": "f"
      },
      "handler": {
       "constant_value": "index.handler"
      },
      "role": {
       "constant_value": "arn:aws:iam::123456789012:role/r"
      },
      "runtime": {
       "constant_value": "python3.12"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_launch_template.lt",
     "mode": "managed",
     "type": "aws_launch_template",
     "name": "lt",
     "provider_config_key": "aws",
     "expressions": {
      "block_device_mappings": [
       {
        "device_name": {
         "constant_value": "/dev/xvda"
        },
        "ebs": [
         {
          "encrypted": {
           "constant_value": "false"
          },
          "volume_size": {
           "constant_value": 8
          }
         }
        ]
       }
      ],
      "image_id": {
       "constant_value": "ami-12c6146b"
      },
      "instance_type": {
       "constant_value": "t3.micro"
      },
      "name": {
       "constant_value": "template"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_lb_listener.http",
     "mode": "managed",
     "type": "aws_lb_listener",
     "name": "http",
     "provider_config_key": "aws",
     "expressions": {
      "default_action": [
       {
        "target_group_arn": {
         "constant_value": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"
        },
        "type": {
         "constant_value": "forward"
        }
       }
      ],
      "load_balancer_arn": {
       "constant_value": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
      },
      "port": {
       "constant_value": 80
      },
      "protocol": {
       "constant_value": "HTTP"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_lb_listener.tls_old",
     "mode": "managed",
     "type": "aws_lb_listener",
     "name": "tls_old",
     "provider_config_key": "aws",
     "expressions": {
      "certificate_arn": {
       "constant_value": "arn:aws:acm:us-east-1:123456789012:certificate/x"
      },
      "default_action": [
       {
        "target_group_arn": {
         "constant_value": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"
        },
        "type": {
         "constant_value": "forward"
        }
       }
      ],
      "load_balancer_arn": {
       "constant_value": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
      },
      "port": {
       "constant_value": 443
      },
      "protocol": {
       "constant_value": "HTTPS"
      },
      "ssl_policy": {
       "constant_value": "ELBSecurityPolicy-2016-08"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_rds_cluster.a",
     "mode": "managed",
     "type": "aws_rds_cluster",
     "name": "a",
     "provider_config_key": "aws",
     "expressions": {
      "cluster_identifier": {
       "constant_value": "a"
      },
      "engine": {
       "constant_value": "aurora-postgresql"
      },
      "master_password": {
       "constant_value": "p4ssw0rd-literal"
      },
      "master_username": {
       "constant_value": "u"
      },
      "skip_final_snapshot": {
       "constant_value": true
      }
     },
     "schema_version": 1
    },
    {
     "address": "aws_security_group_rule.all",
     "mode": "managed",
     "type": "aws_security_group_rule",
     "name": "all",
     "provider_config_key": "aws",
     "expressions": {
      "cidr_blocks": {
       "constant_value": [
        "0.0.0.0/0"
       ]
      },
      "from_port": {
       "constant_value": 0
      },
      "protocol": {
       "constant_value": "-1"
      },
      "security_group_id": {
       "constant_value": "sg-123"
      },
      "to_port": {
       "constant_value": 0
      },
      "type": {
       "constant_value": "ingress"
      }
     },
     "schema_version": 2
    },
    {
     "address": "aws_sns_topic.t",
     "mode": "managed",
     "type": "aws_sns_topic",
     "name": "t",
     "provider_config_key": "aws",
     "expressions": {
      "name": {
       "constant_value": "topic"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_sqs_queue.q",
     "mode": "managed",
     "type": "aws_sqs_queue",
     "name": "q",
     "provider_config_key": "aws",
     "expressions": {
      "name": {
       "constant_value": "queue"
      },
      "sqs_managed_sse_enabled": {
       "constant_value": false
      }
     },
     "schema_version": 0
    }
   ]
  }
 },
 "applyable": true,
 "complete": true,
 "errored": false
}
"""#

    static let secure = #"""
{
 "format_version": "1.2",
 "terraform_version": "1.11.4",
 "planned_values": {
  "root_module": {
   "resources": [
    {
     "address": "aws_cloudfront_distribution.cdn",
     "mode": "managed",
     "type": "aws_cloudfront_distribution",
     "name": "cdn",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "aliases": null,
      "comment": null,
      "custom_error_response": [],
      "default_cache_behavior": [
       {
        "allowed_methods": [
         "GET",
         "HEAD"
        ],
        "cache_policy_id": null,
        "cached_methods": [
         "GET",
         "HEAD"
        ],
        "compress": false,
        "field_level_encryption_id": null,
        "forwarded_values": [
         {
          "cookies": [
           {
            "forward": "none"
           }
          ],
          "query_string": false
         }
        ],
        "function_association": [],
        "lambda_function_association": [],
        "min_ttl": 0,
        "origin_request_policy_id": null,
        "realtime_log_config_arn": null,
        "response_headers_policy_id": null,
        "smooth_streaming": null,
        "target_origin_id": "o",
        "viewer_protocol_policy": "redirect-to-https"
       }
      ],
      "default_root_object": null,
      "enabled": true,
      "http_version": "http2",
      "is_ipv6_enabled": false,
      "logging_config": [],
      "ordered_cache_behavior": [],
      "origin": [
       {
        "connection_attempts": 3,
        "connection_timeout": 10,
        "custom_header": [],
        "custom_origin_config": [
         {
          "http_port": 80,
          "https_port": 443,
          "origin_keepalive_timeout": 5,
          "origin_protocol_policy": "https-only",
          "origin_read_timeout": 30,
          "origin_ssl_protocols": [
           "TLSv1.2"
          ]
         }
        ],
        "domain_name": "example.com",
        "origin_access_control_id": "",
        "origin_id": "o",
        "origin_path": "",
        "origin_shield": [],
        "s3_origin_config": [],
        "vpc_origin_config": []
       }
      ],
      "origin_group": [],
      "price_class": "PriceClass_All",
      "restrictions": [
       {
        "geo_restriction": [
         {
          "restriction_type": "none"
         }
        ]
       }
      ],
      "retain_on_delete": false,
      "staging": false,
      "tags": null,
      "viewer_certificate": [
       {
        "acm_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
        "cloudfront_default_certificate": null,
        "iam_certificate_id": null,
        "minimum_protocol_version": "TLSv1.2_2021",
        "ssl_support_method": "sni-only"
       }
      ],
      "wait_for_deployment": true,
      "web_acl_id": null
     },
     "sensitive_values": {
      "custom_error_response": [],
      "default_cache_behavior": [
       {
        "allowed_methods": [
         false,
         false
        ],
        "cached_methods": [
         false,
         false
        ],
        "forwarded_values": [
         {
          "cookies": [
           {
            "whitelisted_names": []
           }
          ],
          "headers": [],
          "query_string_cache_keys": []
         }
        ],
        "function_association": [],
        "grpc_config": [],
        "lambda_function_association": [],
        "trusted_key_groups": [],
        "trusted_signers": []
       }
      ],
      "logging_config": [],
      "ordered_cache_behavior": [],
      "origin": [
       {
        "custom_header": [],
        "custom_origin_config": [
         {
          "origin_ssl_protocols": [
           false
          ]
         }
        ],
        "origin_shield": [],
        "s3_origin_config": [],
        "vpc_origin_config": []
       }
      ],
      "origin_group": [],
      "restrictions": [
       {
        "geo_restriction": [
         {
          "locations": []
         }
        ]
       }
      ],
      "tags_all": {},
      "trusted_key_groups": [],
      "trusted_signers": [],
      "viewer_certificate": [
       {}
      ]
     }
    },
    {
     "address": "aws_cloudtrail.t",
     "mode": "managed",
     "type": "aws_cloudtrail",
     "name": "t",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "advanced_event_selector": [],
      "cloud_watch_logs_group_arn": null,
      "cloud_watch_logs_role_arn": null,
      "enable_log_file_validation": true,
      "enable_logging": true,
      "event_selector": [],
      "include_global_service_events": true,
      "insight_selector": [],
      "is_multi_region_trail": true,
      "is_organization_trail": false,
      "name": "trail",
      "s3_bucket_name": "logs",
      "s3_key_prefix": null,
      "sns_topic_name": null,
      "tags": null
     },
     "sensitive_values": {
      "advanced_event_selector": [],
      "event_selector": [],
      "insight_selector": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_dynamodb_table.d",
     "mode": "managed",
     "type": "aws_dynamodb_table",
     "name": "d",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "attribute": [
       {
        "name": "id",
        "type": "S"
       }
      ],
      "billing_mode": "PAY_PER_REQUEST",
      "deletion_protection_enabled": null,
      "global_secondary_index": [],
      "hash_key": "id",
      "import_table": [],
      "local_secondary_index": [],
      "name": "table",
      "on_demand_throughput": [],
      "point_in_time_recovery": [
       {
        "enabled": true
       }
      ],
      "range_key": null,
      "replica": [],
      "restore_date_time": null,
      "restore_source_name": null,
      "restore_source_table_arn": null,
      "restore_to_latest_time": null,
      "stream_enabled": null,
      "table_class": null,
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "attribute": [
       {}
      ],
      "global_secondary_index": [],
      "import_table": [],
      "local_secondary_index": [],
      "on_demand_throughput": [],
      "point_in_time_recovery": [
       {}
      ],
      "replica": [],
      "server_side_encryption": [],
      "tags_all": {},
      "ttl": []
     }
    },
    {
     "address": "aws_ebs_volume.v",
     "mode": "managed",
     "type": "aws_ebs_volume",
     "name": "v",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "availability_zone": "us-east-1a",
      "encrypted": true,
      "final_snapshot": false,
      "multi_attach_enabled": null,
      "outpost_arn": null,
      "size": 20,
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "tags_all": {}
     }
    },
    {
     "address": "aws_ecr_repository.r",
     "mode": "managed",
     "type": "aws_ecr_repository",
     "name": "r",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "encryption_configuration": [],
      "force_delete": null,
      "image_scanning_configuration": [
       {
        "scan_on_push": true
       }
      ],
      "image_tag_mutability": "IMMUTABLE",
      "name": "repo",
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "encryption_configuration": [],
      "image_scanning_configuration": [
       {}
      ],
      "tags_all": {}
     }
    },
    {
     "address": "aws_elasticache_replication_group.c",
     "mode": "managed",
     "type": "aws_elasticache_replication_group",
     "name": "c",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 2,
     "values": {
      "at_rest_encryption_enabled": "true",
      "auth_token": null,
      "auth_token_update_strategy": "ROTATE",
      "automatic_failover_enabled": false,
      "description": "c",
      "engine": "redis",
      "engine_version": "7.1",
      "final_snapshot_identifier": null,
      "kms_key_id": null,
      "log_delivery_configuration": [],
      "multi_az_enabled": false,
      "node_type": "cache.t3.micro",
      "notification_topic_arn": null,
      "num_cache_clusters": 1,
      "port": null,
      "preferred_cache_cluster_azs": null,
      "replication_group_id": "c",
      "snapshot_arns": null,
      "snapshot_name": null,
      "snapshot_retention_limit": null,
      "tags": null,
      "timeouts": null,
      "transit_encryption_enabled": true,
      "user_group_ids": null
     },
     "sensitive_values": {
      "auth_token": true,
      "log_delivery_configuration": [],
      "member_clusters": [],
      "security_group_ids": [],
      "security_group_names": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_instance.i",
     "mode": "managed",
     "type": "aws_instance",
     "name": "i",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "ami": "ami-12c6146b",
      "credit_specification": [],
      "get_password_data": false,
      "hibernation": null,
      "instance_type": "t3.micro",
      "launch_template": [],
      "metadata_options": [
       {
        "http_endpoint": "enabled",
        "http_protocol_ipv6": "disabled",
        "http_tokens": "required"
       }
      ],
      "root_block_device": [
       {
        "delete_on_termination": true,
        "encrypted": true,
        "tags": null
       }
      ],
      "source_dest_check": true,
      "tags": null,
      "timeouts": null,
      "user_data_replace_on_change": false,
      "volume_tags": null
     },
     "sensitive_values": {
      "capacity_reservation_specification": [],
      "cpu_options": [],
      "credit_specification": [],
      "ebs_block_device": [],
      "enclave_options": [],
      "ephemeral_block_device": [],
      "instance_market_options": [],
      "ipv6_addresses": [],
      "launch_template": [],
      "maintenance_options": [],
      "metadata_options": [
       {}
      ],
      "network_interface": [],
      "private_dns_name_options": [],
      "root_block_device": [
       {
        "tags_all": {}
       }
      ],
      "secondary_private_ips": [],
      "security_groups": [],
      "tags_all": {},
      "vpc_security_group_ids": []
     }
    },
    {
     "address": "aws_kms_key.k",
     "mode": "managed",
     "type": "aws_kms_key",
     "name": "k",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "bypass_policy_lockout_safety_check": false,
      "custom_key_store_id": null,
      "customer_master_key_spec": "SYMMETRIC_DEFAULT",
      "deletion_window_in_days": null,
      "description": "k",
      "enable_key_rotation": true,
      "is_enabled": true,
      "key_usage": "ENCRYPT_DECRYPT",
      "tags": null,
      "timeouts": null,
      "xks_key_id": null
     },
     "sensitive_values": {
      "tags_all": {}
     }
    },
    {
     "address": "aws_lambda_function.f",
     "mode": "managed",
     "type": "aws_lambda_function",
     "name": "f",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "code_signing_config_arn": null,
      "dead_letter_config": [],
      "description": null,
      "environment": [
       {
        "variables": {
         "API_TOKEN_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:t"
        }
       }
      ],
      "file_system_config": [],
      "filename": "fn.zip",
      "function_name": "f",
      "handler": "index.handler",
      "image_config": [],
      "image_uri": null,
      "kms_key_arn": null,
      "layers": null,
      "memory_size": 128,
      "package_type": "Zip",
      "publish": false,
      "replace_security_groups_on_destroy": null,
      "replacement_security_group_ids": null,
      "reserved_concurrent_executions": -1,
      "role": "arn:aws:iam::123456789012:role/r",
      "runtime": "python3.12",
      "s3_bucket": null,
      "s3_key": null,
      "s3_object_version": null,
      "skip_destroy": false,
      "snap_start": [],
      "tags": null,
      "timeout": 3,
      "timeouts": null,
      "tracing_config": [
       {
        "mode": "Active"
       }
      ],
      "vpc_config": []
     },
     "sensitive_values": {
      "architectures": [],
      "dead_letter_config": [],
      "environment": [
       {
        "variables": {}
       }
      ],
      "ephemeral_storage": [],
      "file_system_config": [],
      "image_config": [],
      "logging_config": [],
      "snap_start": [],
      "tags_all": {},
      "tracing_config": [
       {}
      ],
      "vpc_config": []
     }
    },
    {
     "address": "aws_launch_template.lt",
     "mode": "managed",
     "type": "aws_launch_template",
     "name": "lt",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "block_device_mappings": [
       {
        "device_name": "/dev/xvda",
        "ebs": [
         {
          "delete_on_termination": null,
          "encrypted": "true",
          "kms_key_id": null,
          "snapshot_id": null,
          "volume_size": 8
         }
        ],
        "no_device": null,
        "virtual_name": null
       }
      ],
      "capacity_reservation_specification": [],
      "cpu_options": [],
      "credit_specification": [],
      "description": null,
      "disable_api_stop": null,
      "disable_api_termination": null,
      "ebs_optimized": null,
      "elastic_gpu_specifications": [],
      "elastic_inference_accelerator": [],
      "enclave_options": [],
      "hibernation_options": [],
      "iam_instance_profile": [],
      "image_id": "ami-12c6146b",
      "instance_initiated_shutdown_behavior": null,
      "instance_market_options": [],
      "instance_requirements": [],
      "instance_type": "t3.micro",
      "kernel_id": null,
      "key_name": null,
      "license_specification": [],
      "maintenance_options": [],
      "metadata_options": [
       {
        "http_tokens": "required"
       }
      ],
      "monitoring": [],
      "name": "template",
      "network_interfaces": [],
      "placement": [],
      "private_dns_name_options": [],
      "ram_disk_id": null,
      "security_group_names": null,
      "tag_specifications": [],
      "tags": null,
      "update_default_version": null,
      "user_data": null,
      "vpc_security_group_ids": null
     },
     "sensitive_values": {
      "block_device_mappings": [
       {
        "ebs": [
         {}
        ]
       }
      ],
      "capacity_reservation_specification": [],
      "cpu_options": [],
      "credit_specification": [],
      "elastic_gpu_specifications": [],
      "elastic_inference_accelerator": [],
      "enclave_options": [],
      "hibernation_options": [],
      "iam_instance_profile": [],
      "instance_market_options": [],
      "instance_requirements": [],
      "license_specification": [],
      "maintenance_options": [],
      "metadata_options": [
       {}
      ],
      "monitoring": [],
      "network_interfaces": [],
      "placement": [],
      "private_dns_name_options": [],
      "tag_specifications": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_lb_listener.http",
     "mode": "managed",
     "type": "aws_lb_listener",
     "name": "http",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "alpn_policy": null,
      "certificate_arn": null,
      "default_action": [
       {
        "authenticate_cognito": [],
        "authenticate_oidc": [],
        "fixed_response": [],
        "forward": [],
        "redirect": [
         {
          "host": "#{host}",
          "path": "/#{path}",
          "port": "443",
          "protocol": "HTTPS",
          "query": "#{query}",
          "status_code": "HTTP_301"
         }
        ],
        "target_group_arn": null,
        "type": "redirect"
       }
      ],
      "load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
      "port": 80,
      "protocol": "HTTP",
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "default_action": [
       {
        "authenticate_cognito": [],
        "authenticate_oidc": [],
        "fixed_response": [],
        "forward": [],
        "redirect": [
         {}
        ]
       }
      ],
      "mutual_authentication": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_lb_listener.https",
     "mode": "managed",
     "type": "aws_lb_listener",
     "name": "https",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "alpn_policy": null,
      "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
      "default_action": [
       {
        "authenticate_cognito": [],
        "authenticate_oidc": [],
        "fixed_response": [],
        "forward": [],
        "redirect": [],
        "target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
        "type": "forward"
       }
      ],
      "load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
      "port": 443,
      "protocol": "HTTPS",
      "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "default_action": [
       {
        "authenticate_cognito": [],
        "authenticate_oidc": [],
        "fixed_response": [],
        "forward": [],
        "redirect": []
       }
      ],
      "mutual_authentication": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_rds_cluster.a",
     "mode": "managed",
     "type": "aws_rds_cluster",
     "name": "a",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "allow_major_version_upgrade": null,
      "backtrack_window": null,
      "backup_retention_period": 7,
      "cluster_identifier": "a",
      "copy_tags_to_snapshot": false,
      "db_cluster_instance_class": null,
      "db_instance_parameter_group_name": null,
      "delete_automated_backups": true,
      "deletion_protection": true,
      "domain": null,
      "domain_iam_role_name": null,
      "enable_global_write_forwarding": false,
      "enable_http_endpoint": false,
      "enable_local_write_forwarding": false,
      "enabled_cloudwatch_logs_exports": null,
      "engine": "aurora-postgresql",
      "engine_mode": "provisioned",
      "final_snapshot_identifier": null,
      "global_cluster_identifier": null,
      "iam_database_authentication_enabled": null,
      "iops": null,
      "manage_master_user_password": true,
      "master_password": null,
      "master_password_wo": null,
      "master_password_wo_version": null,
      "master_username": "u",
      "performance_insights_enabled": null,
      "replication_source_identifier": null,
      "restore_to_point_in_time": [],
      "s3_import": [],
      "scaling_configuration": [],
      "serverlessv2_scaling_configuration": [],
      "skip_final_snapshot": false,
      "snapshot_identifier": null,
      "source_region": null,
      "storage_encrypted": true,
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "availability_zones": [],
      "cluster_members": [],
      "iam_roles": [],
      "master_password": true,
      "master_password_wo": true,
      "master_user_secret": [],
      "restore_to_point_in_time": [],
      "s3_import": [],
      "scaling_configuration": [],
      "serverlessv2_scaling_configuration": [],
      "tags_all": {},
      "vpc_security_group_ids": []
     }
    },
    {
     "address": "aws_security_group_rule.https",
     "mode": "managed",
     "type": "aws_security_group_rule",
     "name": "https",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 2,
     "values": {
      "cidr_blocks": [
       "0.0.0.0/0"
      ],
      "description": null,
      "from_port": 443,
      "ipv6_cidr_blocks": null,
      "prefix_list_ids": null,
      "protocol": "tcp",
      "security_group_id": "sg-123",
      "self": false,
      "timeouts": null,
      "to_port": 443,
      "type": "ingress"
     },
     "sensitive_values": {
      "cidr_blocks": [
       false
      ]
     }
    },
    {
     "address": "aws_sns_topic.t",
     "mode": "managed",
     "type": "aws_sns_topic",
     "name": "t",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "application_failure_feedback_role_arn": null,
      "application_success_feedback_role_arn": null,
      "application_success_feedback_sample_rate": null,
      "archive_policy": null,
      "content_based_deduplication": false,
      "delivery_policy": null,
      "display_name": null,
      "fifo_topic": false,
      "firehose_failure_feedback_role_arn": null,
      "firehose_success_feedback_role_arn": null,
      "firehose_success_feedback_sample_rate": null,
      "http_failure_feedback_role_arn": null,
      "http_success_feedback_role_arn": null,
      "http_success_feedback_sample_rate": null,
      "lambda_failure_feedback_role_arn": null,
      "lambda_success_feedback_role_arn": null,
      "lambda_success_feedback_sample_rate": null,
      "name": "topic",
      "sqs_failure_feedback_role_arn": null,
      "sqs_success_feedback_role_arn": null,
      "sqs_success_feedback_sample_rate": null,
      "tags": null
     },
     "sensitive_values": {
      "tags_all": {}
     }
    },
    {
     "address": "aws_sqs_queue.q",
     "mode": "managed",
     "type": "aws_sqs_queue",
     "name": "q",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "content_based_deduplication": false,
      "delay_seconds": 0,
      "fifo_queue": false,
      "kms_master_key_id": null,
      "max_message_size": 262144,
      "message_retention_seconds": 345600,
      "name": "queue",
      "receive_wait_time_seconds": 0,
      "tags": null,
      "timeouts": null,
      "visibility_timeout_seconds": 30
     },
     "sensitive_values": {
      "tags_all": {}
     }
    }
   ]
  }
 },
 "resource_changes": [
  {
   "address": "aws_cloudfront_distribution.cdn",
   "mode": "managed",
   "type": "aws_cloudfront_distribution",
   "name": "cdn",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "aliases": null,
     "comment": null,
     "custom_error_response": [],
     "default_cache_behavior": [
      {
       "allowed_methods": [
        "GET",
        "HEAD"
       ],
       "cache_policy_id": null,
       "cached_methods": [
        "GET",
        "HEAD"
       ],
       "compress": false,
       "field_level_encryption_id": null,
       "forwarded_values": [
        {
         "cookies": [
          {
           "forward": "none"
          }
         ],
         "query_string": false
        }
       ],
       "function_association": [],
       "lambda_function_association": [],
       "min_ttl": 0,
       "origin_request_policy_id": null,
       "realtime_log_config_arn": null,
       "response_headers_policy_id": null,
       "smooth_streaming": null,
       "target_origin_id": "o",
       "viewer_protocol_policy": "redirect-to-https"
      }
     ],
     "default_root_object": null,
     "enabled": true,
     "http_version": "http2",
     "is_ipv6_enabled": false,
     "logging_config": [],
     "ordered_cache_behavior": [],
     "origin": [
      {
       "connection_attempts": 3,
       "connection_timeout": 10,
       "custom_header": [],
       "custom_origin_config": [
        {
         "http_port": 80,
         "https_port": 443,
         "origin_keepalive_timeout": 5,
         "origin_protocol_policy": "https-only",
         "origin_read_timeout": 30,
         "origin_ssl_protocols": [
          "TLSv1.2"
         ]
        }
       ],
       "domain_name": "example.com",
       "origin_access_control_id": "",
       "origin_id": "o",
       "origin_path": "",
       "origin_shield": [],
       "s3_origin_config": [],
       "vpc_origin_config": []
      }
     ],
     "origin_group": [],
     "price_class": "PriceClass_All",
     "restrictions": [
      {
       "geo_restriction": [
        {
         "restriction_type": "none"
        }
       ]
      }
     ],
     "retain_on_delete": false,
     "staging": false,
     "tags": null,
     "viewer_certificate": [
      {
       "acm_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
       "cloudfront_default_certificate": null,
       "iam_certificate_id": null,
       "minimum_protocol_version": "TLSv1.2_2021",
       "ssl_support_method": "sni-only"
      }
     ],
     "wait_for_deployment": true,
     "web_acl_id": null
    },
    "after_unknown": {
     "arn": true,
     "caller_reference": true,
     "continuous_deployment_policy_id": true,
     "custom_error_response": [],
     "default_cache_behavior": [
      {
       "allowed_methods": [
        false,
        false
       ],
       "cached_methods": [
        false,
        false
       ],
       "default_ttl": true,
       "forwarded_values": [
        {
         "cookies": [
          {
           "whitelisted_names": true
          }
         ],
         "headers": true,
         "query_string_cache_keys": true
        }
       ],
       "function_association": [],
       "grpc_config": true,
       "lambda_function_association": [],
       "max_ttl": true,
       "trusted_key_groups": true,
       "trusted_signers": true
      }
     ],
     "domain_name": true,
     "etag": true,
     "hosted_zone_id": true,
     "id": true,
     "in_progress_validation_batches": true,
     "last_modified_time": true,
     "logging_config": [],
     "ordered_cache_behavior": [],
     "origin": [
      {
       "custom_header": [],
       "custom_origin_config": [
        {
         "origin_ssl_protocols": [
          false
         ]
        }
       ],
       "origin_shield": [],
       "s3_origin_config": [],
       "vpc_origin_config": []
      }
     ],
     "origin_group": [],
     "restrictions": [
      {
       "geo_restriction": [
        {
         "locations": true
        }
       ]
      }
     ],
     "status": true,
     "tags_all": true,
     "trusted_key_groups": true,
     "trusted_signers": true,
     "viewer_certificate": [
      {}
     ]
    },
    "before_sensitive": false,
    "after_sensitive": {
     "custom_error_response": [],
     "default_cache_behavior": [
      {
       "allowed_methods": [
        false,
        false
       ],
       "cached_methods": [
        false,
        false
       ],
       "forwarded_values": [
        {
         "cookies": [
          {
           "whitelisted_names": []
          }
         ],
         "headers": [],
         "query_string_cache_keys": []
        }
       ],
       "function_association": [],
       "grpc_config": [],
       "lambda_function_association": [],
       "trusted_key_groups": [],
       "trusted_signers": []
      }
     ],
     "logging_config": [],
     "ordered_cache_behavior": [],
     "origin": [
      {
       "custom_header": [],
       "custom_origin_config": [
        {
         "origin_ssl_protocols": [
          false
         ]
        }
       ],
       "origin_shield": [],
       "s3_origin_config": [],
       "vpc_origin_config": []
      }
     ],
     "origin_group": [],
     "restrictions": [
      {
       "geo_restriction": [
        {
         "locations": []
        }
       ]
      }
     ],
     "tags_all": {},
     "trusted_key_groups": [],
     "trusted_signers": [],
     "viewer_certificate": [
      {}
     ]
    }
   }
  },
  {
   "address": "aws_cloudtrail.t",
   "mode": "managed",
   "type": "aws_cloudtrail",
   "name": "t",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "advanced_event_selector": [],
     "cloud_watch_logs_group_arn": null,
     "cloud_watch_logs_role_arn": null,
     "enable_log_file_validation": true,
     "enable_logging": true,
     "event_selector": [],
     "include_global_service_events": true,
     "insight_selector": [],
     "is_multi_region_trail": true,
     "is_organization_trail": false,
     "name": "trail",
     "s3_bucket_name": "logs",
     "s3_key_prefix": null,
     "sns_topic_name": null,
     "tags": null
    },
    "after_unknown": {
     "advanced_event_selector": [],
     "arn": true,
     "event_selector": [],
     "home_region": true,
     "id": true,
     "insight_selector": [],
     "kms_key_id": true,
     "sns_topic_arn": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "advanced_event_selector": [],
     "event_selector": [],
     "insight_selector": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_dynamodb_table.d",
   "mode": "managed",
   "type": "aws_dynamodb_table",
   "name": "d",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "attribute": [
      {
       "name": "id",
       "type": "S"
      }
     ],
     "billing_mode": "PAY_PER_REQUEST",
     "deletion_protection_enabled": null,
     "global_secondary_index": [],
     "hash_key": "id",
     "import_table": [],
     "local_secondary_index": [],
     "name": "table",
     "on_demand_throughput": [],
     "point_in_time_recovery": [
      {
       "enabled": true
      }
     ],
     "range_key": null,
     "replica": [],
     "restore_date_time": null,
     "restore_source_name": null,
     "restore_source_table_arn": null,
     "restore_to_latest_time": null,
     "stream_enabled": null,
     "table_class": null,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "attribute": [
      {}
     ],
     "global_secondary_index": [],
     "id": true,
     "import_table": [],
     "local_secondary_index": [],
     "on_demand_throughput": [],
     "point_in_time_recovery": [
      {
       "recovery_period_in_days": true
      }
     ],
     "read_capacity": true,
     "replica": [],
     "server_side_encryption": true,
     "stream_arn": true,
     "stream_label": true,
     "stream_view_type": true,
     "tags_all": true,
     "ttl": true,
     "write_capacity": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "attribute": [
      {}
     ],
     "global_secondary_index": [],
     "import_table": [],
     "local_secondary_index": [],
     "on_demand_throughput": [],
     "point_in_time_recovery": [
      {}
     ],
     "replica": [],
     "server_side_encryption": [],
     "tags_all": {},
     "ttl": []
    }
   }
  },
  {
   "address": "aws_ebs_volume.v",
   "mode": "managed",
   "type": "aws_ebs_volume",
   "name": "v",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "availability_zone": "us-east-1a",
     "encrypted": true,
     "final_snapshot": false,
     "multi_attach_enabled": null,
     "outpost_arn": null,
     "size": 20,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "create_time": true,
     "id": true,
     "iops": true,
     "kms_key_id": true,
     "snapshot_id": true,
     "tags_all": true,
     "throughput": true,
     "type": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_ecr_repository.r",
   "mode": "managed",
   "type": "aws_ecr_repository",
   "name": "r",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "encryption_configuration": [],
     "force_delete": null,
     "image_scanning_configuration": [
      {
       "scan_on_push": true
      }
     ],
     "image_tag_mutability": "IMMUTABLE",
     "name": "repo",
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "encryption_configuration": [],
     "id": true,
     "image_scanning_configuration": [
      {}
     ],
     "registry_id": true,
     "repository_url": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "encryption_configuration": [],
     "image_scanning_configuration": [
      {}
     ],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_elasticache_replication_group.c",
   "mode": "managed",
   "type": "aws_elasticache_replication_group",
   "name": "c",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "at_rest_encryption_enabled": "true",
     "auth_token": null,
     "auth_token_update_strategy": "ROTATE",
     "automatic_failover_enabled": false,
     "description": "c",
     "engine": "redis",
     "engine_version": "7.1",
     "final_snapshot_identifier": null,
     "kms_key_id": null,
     "log_delivery_configuration": [],
     "multi_az_enabled": false,
     "node_type": "cache.t3.micro",
     "notification_topic_arn": null,
     "num_cache_clusters": 1,
     "port": null,
     "preferred_cache_cluster_azs": null,
     "replication_group_id": "c",
     "snapshot_arns": null,
     "snapshot_name": null,
     "snapshot_retention_limit": null,
     "tags": null,
     "timeouts": null,
     "transit_encryption_enabled": true,
     "user_group_ids": null
    },
    "after_unknown": {
     "apply_immediately": true,
     "arn": true,
     "auto_minor_version_upgrade": true,
     "cluster_enabled": true,
     "cluster_mode": true,
     "configuration_endpoint_address": true,
     "data_tiering_enabled": true,
     "engine_version_actual": true,
     "global_replication_group_id": true,
     "id": true,
     "ip_discovery": true,
     "log_delivery_configuration": [],
     "maintenance_window": true,
     "member_clusters": true,
     "network_type": true,
     "num_node_groups": true,
     "parameter_group_name": true,
     "primary_endpoint_address": true,
     "reader_endpoint_address": true,
     "replicas_per_node_group": true,
     "security_group_ids": true,
     "security_group_names": true,
     "snapshot_window": true,
     "subnet_group_name": true,
     "tags_all": true,
     "transit_encryption_mode": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "auth_token": true,
     "log_delivery_configuration": [],
     "member_clusters": [],
     "security_group_ids": [],
     "security_group_names": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_instance.i",
   "mode": "managed",
   "type": "aws_instance",
   "name": "i",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "ami": "ami-12c6146b",
     "credit_specification": [],
     "get_password_data": false,
     "hibernation": null,
     "instance_type": "t3.micro",
     "launch_template": [],
     "metadata_options": [
      {
       "http_endpoint": "enabled",
       "http_protocol_ipv6": "disabled",
       "http_tokens": "required"
      }
     ],
     "root_block_device": [
      {
       "delete_on_termination": true,
       "encrypted": true,
       "tags": null
      }
     ],
     "source_dest_check": true,
     "tags": null,
     "timeouts": null,
     "user_data_replace_on_change": false,
     "volume_tags": null
    },
    "after_unknown": {
     "arn": true,
     "associate_public_ip_address": true,
     "availability_zone": true,
     "capacity_reservation_specification": true,
     "cpu_core_count": true,
     "cpu_options": true,
     "cpu_threads_per_core": true,
     "credit_specification": [],
     "disable_api_stop": true,
     "disable_api_termination": true,
     "ebs_block_device": true,
     "ebs_optimized": true,
     "enable_primary_ipv6": true,
     "enclave_options": true,
     "ephemeral_block_device": true,
     "host_id": true,
     "host_resource_group_arn": true,
     "iam_instance_profile": true,
     "id": true,
     "instance_initiated_shutdown_behavior": true,
     "instance_lifecycle": true,
     "instance_market_options": true,
     "instance_state": true,
     "ipv6_address_count": true,
     "ipv6_addresses": true,
     "key_name": true,
     "launch_template": [],
     "maintenance_options": true,
     "metadata_options": [
      {
       "http_put_response_hop_limit": true,
       "instance_metadata_tags": true
      }
     ],
     "monitoring": true,
     "network_interface": true,
     "outpost_arn": true,
     "password_data": true,
     "placement_group": true,
     "placement_partition_number": true,
     "primary_network_interface_id": true,
     "private_dns": true,
     "private_dns_name_options": true,
     "private_ip": true,
     "public_dns": true,
     "public_ip": true,
     "root_block_device": [
      {
       "device_name": true,
       "iops": true,
       "kms_key_id": true,
       "tags_all": true,
       "throughput": true,
       "volume_id": true,
       "volume_size": true,
       "volume_type": true
      }
     ],
     "secondary_private_ips": true,
     "security_groups": true,
     "spot_instance_request_id": true,
     "subnet_id": true,
     "tags_all": true,
     "tenancy": true,
     "user_data": true,
     "user_data_base64": true,
     "vpc_security_group_ids": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "capacity_reservation_specification": [],
     "cpu_options": [],
     "credit_specification": [],
     "ebs_block_device": [],
     "enclave_options": [],
     "ephemeral_block_device": [],
     "instance_market_options": [],
     "ipv6_addresses": [],
     "launch_template": [],
     "maintenance_options": [],
     "metadata_options": [
      {}
     ],
     "network_interface": [],
     "private_dns_name_options": [],
     "root_block_device": [
      {
       "tags_all": {}
      }
     ],
     "secondary_private_ips": [],
     "security_groups": [],
     "tags_all": {},
     "vpc_security_group_ids": []
    }
   }
  },
  {
   "address": "aws_kms_key.k",
   "mode": "managed",
   "type": "aws_kms_key",
   "name": "k",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "bypass_policy_lockout_safety_check": false,
     "custom_key_store_id": null,
     "customer_master_key_spec": "SYMMETRIC_DEFAULT",
     "deletion_window_in_days": null,
     "description": "k",
     "enable_key_rotation": true,
     "is_enabled": true,
     "key_usage": "ENCRYPT_DECRYPT",
     "tags": null,
     "timeouts": null,
     "xks_key_id": null
    },
    "after_unknown": {
     "arn": true,
     "id": true,
     "key_id": true,
     "multi_region": true,
     "policy": true,
     "rotation_period_in_days": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_lambda_function.f",
   "mode": "managed",
   "type": "aws_lambda_function",
   "name": "f",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "code_signing_config_arn": null,
     "dead_letter_config": [],
     "description": null,
     "environment": [
      {
       "variables": {
        "API_TOKEN_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:t"
       }
      }
     ],
     "file_system_config": [],
     "filename": "fn.zip",
     "function_name": "f",
     "handler": "index.handler",
     "image_config": [],
     "image_uri": null,
     "kms_key_arn": null,
     "layers": null,
     "memory_size": 128,
     "package_type": "Zip",
     "publish": false,
     "replace_security_groups_on_destroy": null,
     "replacement_security_group_ids": null,
     "reserved_concurrent_executions": -1,
     "role": "arn:aws:iam::123456789012:role/r",
     "runtime": "python3.12",
     "s3_bucket": null,
     "s3_key": null,
     "s3_object_version": null,
     "skip_destroy": false,
     "snap_start": [],
     "tags": null,
     "timeout": 3,
     "timeouts": null,
     "tracing_config": [
      {
       "mode": "Active"
      }
     ],
     "vpc_config": []
    },
    "after_unknown": {
     "architectures": true,
     "arn": true,
     "code_sha256": true,
     "dead_letter_config": [],
     "environment": [
      {
       "variables": {}
      }
     ],
     "ephemeral_storage": true,
     "file_system_config": [],
     "id": true,
     "image_config": [],
     "invoke_arn": true,
     "last_modified": true,
     "logging_config": true,
     "qualified_arn": true,
     "qualified_invoke_arn": true,
     "signing_job_arn": true,
     "signing_profile_version_arn": true,
     "snap_start": [],
     "source_code_hash": true,
     "source_code_size": true,
     "tags_all": true,
     "tracing_config": [
      {}
     ],
     "version": true,
     "vpc_config": []
    },
    "before_sensitive": false,
    "after_sensitive": {
     "architectures": [],
     "dead_letter_config": [],
     "environment": [
      {
       "variables": {}
      }
     ],
     "ephemeral_storage": [],
     "file_system_config": [],
     "image_config": [],
     "logging_config": [],
     "snap_start": [],
     "tags_all": {},
     "tracing_config": [
      {}
     ],
     "vpc_config": []
    }
   }
  },
  {
   "address": "aws_launch_template.lt",
   "mode": "managed",
   "type": "aws_launch_template",
   "name": "lt",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "block_device_mappings": [
      {
       "device_name": "/dev/xvda",
       "ebs": [
        {
         "delete_on_termination": null,
         "encrypted": "true",
         "kms_key_id": null,
         "snapshot_id": null,
         "volume_size": 8
        }
       ],
       "no_device": null,
       "virtual_name": null
      }
     ],
     "capacity_reservation_specification": [],
     "cpu_options": [],
     "credit_specification": [],
     "description": null,
     "disable_api_stop": null,
     "disable_api_termination": null,
     "ebs_optimized": null,
     "elastic_gpu_specifications": [],
     "elastic_inference_accelerator": [],
     "enclave_options": [],
     "hibernation_options": [],
     "iam_instance_profile": [],
     "image_id": "ami-12c6146b",
     "instance_initiated_shutdown_behavior": null,
     "instance_market_options": [],
     "instance_requirements": [],
     "instance_type": "t3.micro",
     "kernel_id": null,
     "key_name": null,
     "license_specification": [],
     "maintenance_options": [],
     "metadata_options": [
      {
       "http_tokens": "required"
      }
     ],
     "monitoring": [],
     "name": "template",
     "network_interfaces": [],
     "placement": [],
     "private_dns_name_options": [],
     "ram_disk_id": null,
     "security_group_names": null,
     "tag_specifications": [],
     "tags": null,
     "update_default_version": null,
     "user_data": null,
     "vpc_security_group_ids": null
    },
    "after_unknown": {
     "arn": true,
     "block_device_mappings": [
      {
       "ebs": [
        {
         "iops": true,
         "throughput": true,
         "volume_initialization_rate": true,
         "volume_type": true
        }
       ]
      }
     ],
     "capacity_reservation_specification": [],
     "cpu_options": [],
     "credit_specification": [],
     "default_version": true,
     "elastic_gpu_specifications": [],
     "elastic_inference_accelerator": [],
     "enclave_options": [],
     "hibernation_options": [],
     "iam_instance_profile": [],
     "id": true,
     "instance_market_options": [],
     "instance_requirements": [],
     "latest_version": true,
     "license_specification": [],
     "maintenance_options": [],
     "metadata_options": [
      {
       "http_endpoint": true,
       "http_protocol_ipv6": true,
       "http_put_response_hop_limit": true,
       "instance_metadata_tags": true
      }
     ],
     "monitoring": [],
     "name_prefix": true,
     "network_interfaces": [],
     "placement": [],
     "private_dns_name_options": [],
     "tag_specifications": [],
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "block_device_mappings": [
      {
       "ebs": [
        {}
       ]
      }
     ],
     "capacity_reservation_specification": [],
     "cpu_options": [],
     "credit_specification": [],
     "elastic_gpu_specifications": [],
     "elastic_inference_accelerator": [],
     "enclave_options": [],
     "hibernation_options": [],
     "iam_instance_profile": [],
     "instance_market_options": [],
     "instance_requirements": [],
     "license_specification": [],
     "maintenance_options": [],
     "metadata_options": [
      {}
     ],
     "monitoring": [],
     "network_interfaces": [],
     "placement": [],
     "private_dns_name_options": [],
     "tag_specifications": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_lb_listener.http",
   "mode": "managed",
   "type": "aws_lb_listener",
   "name": "http",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "alpn_policy": null,
     "certificate_arn": null,
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "redirect": [
        {
         "host": "#{host}",
         "path": "/#{path}",
         "port": "443",
         "protocol": "HTTPS",
         "query": "#{query}",
         "status_code": "HTTP_301"
        }
       ],
       "target_group_arn": null,
       "type": "redirect"
      }
     ],
     "load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
     "port": 80,
     "protocol": "HTTP",
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "order": true,
       "redirect": [
        {}
       ]
      }
     ],
     "id": true,
     "mutual_authentication": true,
     "routing_http_request_x_amzn_mtls_clientcert_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_issuer_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_leaf_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_serial_number_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_subject_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_validity_header_name": true,
     "routing_http_request_x_amzn_tls_cipher_suite_header_name": true,
     "routing_http_request_x_amzn_tls_version_header_name": true,
     "routing_http_response_access_control_allow_credentials_header_value": true,
     "routing_http_response_access_control_allow_headers_header_value": true,
     "routing_http_response_access_control_allow_methods_header_value": true,
     "routing_http_response_access_control_allow_origin_header_value": true,
     "routing_http_response_access_control_expose_headers_header_value": true,
     "routing_http_response_access_control_max_age_header_value": true,
     "routing_http_response_content_security_policy_header_value": true,
     "routing_http_response_server_enabled": true,
     "routing_http_response_strict_transport_security_header_value": true,
     "routing_http_response_x_content_type_options_header_value": true,
     "routing_http_response_x_frame_options_header_value": true,
     "ssl_policy": true,
     "tags_all": true,
     "tcp_idle_timeout_seconds": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "redirect": [
        {}
       ]
      }
     ],
     "mutual_authentication": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_lb_listener.https",
   "mode": "managed",
   "type": "aws_lb_listener",
   "name": "https",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "alpn_policy": null,
     "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/x",
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "redirect": [],
       "target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
       "type": "forward"
      }
     ],
     "load_balancer_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1",
     "port": 443,
     "protocol": "HTTPS",
     "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "order": true,
       "redirect": []
      }
     ],
     "id": true,
     "mutual_authentication": true,
     "routing_http_request_x_amzn_mtls_clientcert_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_issuer_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_leaf_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_serial_number_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_subject_header_name": true,
     "routing_http_request_x_amzn_mtls_clientcert_validity_header_name": true,
     "routing_http_request_x_amzn_tls_cipher_suite_header_name": true,
     "routing_http_request_x_amzn_tls_version_header_name": true,
     "routing_http_response_access_control_allow_credentials_header_value": true,
     "routing_http_response_access_control_allow_headers_header_value": true,
     "routing_http_response_access_control_allow_methods_header_value": true,
     "routing_http_response_access_control_allow_origin_header_value": true,
     "routing_http_response_access_control_expose_headers_header_value": true,
     "routing_http_response_access_control_max_age_header_value": true,
     "routing_http_response_content_security_policy_header_value": true,
     "routing_http_response_server_enabled": true,
     "routing_http_response_strict_transport_security_header_value": true,
     "routing_http_response_x_content_type_options_header_value": true,
     "routing_http_response_x_frame_options_header_value": true,
     "tags_all": true,
     "tcp_idle_timeout_seconds": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "default_action": [
      {
       "authenticate_cognito": [],
       "authenticate_oidc": [],
       "fixed_response": [],
       "forward": [],
       "redirect": []
      }
     ],
     "mutual_authentication": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_rds_cluster.a",
   "mode": "managed",
   "type": "aws_rds_cluster",
   "name": "a",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "allow_major_version_upgrade": null,
     "backtrack_window": null,
     "backup_retention_period": 7,
     "cluster_identifier": "a",
     "copy_tags_to_snapshot": false,
     "db_cluster_instance_class": null,
     "db_instance_parameter_group_name": null,
     "delete_automated_backups": true,
     "deletion_protection": true,
     "domain": null,
     "domain_iam_role_name": null,
     "enable_global_write_forwarding": false,
     "enable_http_endpoint": false,
     "enable_local_write_forwarding": false,
     "enabled_cloudwatch_logs_exports": null,
     "engine": "aurora-postgresql",
     "engine_mode": "provisioned",
     "final_snapshot_identifier": null,
     "global_cluster_identifier": null,
     "iam_database_authentication_enabled": null,
     "iops": null,
     "manage_master_user_password": true,
     "master_password": null,
     "master_password_wo": null,
     "master_password_wo_version": null,
     "master_username": "u",
     "performance_insights_enabled": null,
     "replication_source_identifier": null,
     "restore_to_point_in_time": [],
     "s3_import": [],
     "scaling_configuration": [],
     "serverlessv2_scaling_configuration": [],
     "skip_final_snapshot": false,
     "snapshot_identifier": null,
     "source_region": null,
     "storage_encrypted": true,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "allocated_storage": true,
     "apply_immediately": true,
     "arn": true,
     "availability_zones": true,
     "ca_certificate_identifier": true,
     "ca_certificate_valid_till": true,
     "cluster_identifier_prefix": true,
     "cluster_members": true,
     "cluster_resource_id": true,
     "cluster_scalability_type": true,
     "database_insights_mode": true,
     "database_name": true,
     "db_cluster_parameter_group_name": true,
     "db_subnet_group_name": true,
     "db_system_id": true,
     "endpoint": true,
     "engine_lifecycle_support": true,
     "engine_version": true,
     "engine_version_actual": true,
     "hosted_zone_id": true,
     "iam_roles": true,
     "id": true,
     "kms_key_id": true,
     "master_user_secret": true,
     "master_user_secret_kms_key_id": true,
     "monitoring_interval": true,
     "monitoring_role_arn": true,
     "network_type": true,
     "performance_insights_kms_key_id": true,
     "performance_insights_retention_period": true,
     "port": true,
     "preferred_backup_window": true,
     "preferred_maintenance_window": true,
     "reader_endpoint": true,
     "restore_to_point_in_time": [],
     "s3_import": [],
     "scaling_configuration": [],
     "serverlessv2_scaling_configuration": [],
     "storage_type": true,
     "tags_all": true,
     "vpc_security_group_ids": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "availability_zones": [],
     "cluster_members": [],
     "iam_roles": [],
     "master_password": true,
     "master_password_wo": true,
     "master_user_secret": [],
     "restore_to_point_in_time": [],
     "s3_import": [],
     "scaling_configuration": [],
     "serverlessv2_scaling_configuration": [],
     "tags_all": {},
     "vpc_security_group_ids": []
    }
   }
  },
  {
   "address": "aws_security_group_rule.https",
   "mode": "managed",
   "type": "aws_security_group_rule",
   "name": "https",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "cidr_blocks": [
      "0.0.0.0/0"
     ],
     "description": null,
     "from_port": 443,
     "ipv6_cidr_blocks": null,
     "prefix_list_ids": null,
     "protocol": "tcp",
     "security_group_id": "sg-123",
     "self": false,
     "timeouts": null,
     "to_port": 443,
     "type": "ingress"
    },
    "after_unknown": {
     "cidr_blocks": [
      false
     ],
     "id": true,
     "security_group_rule_id": true,
     "source_security_group_id": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "cidr_blocks": [
      false
     ]
    }
   }
  },
  {
   "address": "aws_sns_topic.t",
   "mode": "managed",
   "type": "aws_sns_topic",
   "name": "t",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "application_failure_feedback_role_arn": null,
     "application_success_feedback_role_arn": null,
     "application_success_feedback_sample_rate": null,
     "archive_policy": null,
     "content_based_deduplication": false,
     "delivery_policy": null,
     "display_name": null,
     "fifo_topic": false,
     "firehose_failure_feedback_role_arn": null,
     "firehose_success_feedback_role_arn": null,
     "firehose_success_feedback_sample_rate": null,
     "http_failure_feedback_role_arn": null,
     "http_success_feedback_role_arn": null,
     "http_success_feedback_sample_rate": null,
     "lambda_failure_feedback_role_arn": null,
     "lambda_success_feedback_role_arn": null,
     "lambda_success_feedback_sample_rate": null,
     "name": "topic",
     "sqs_failure_feedback_role_arn": null,
     "sqs_success_feedback_role_arn": null,
     "sqs_success_feedback_sample_rate": null,
     "tags": null
    },
    "after_unknown": {
     "arn": true,
     "beginning_archive_time": true,
     "fifo_throughput_scope": true,
     "id": true,
     "kms_master_key_id": true,
     "name_prefix": true,
     "owner": true,
     "policy": true,
     "signature_version": true,
     "tags_all": true,
     "tracing_config": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_sqs_queue.q",
   "mode": "managed",
   "type": "aws_sqs_queue",
   "name": "q",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "content_based_deduplication": false,
     "delay_seconds": 0,
     "fifo_queue": false,
     "kms_master_key_id": null,
     "max_message_size": 262144,
     "message_retention_seconds": 345600,
     "name": "queue",
     "receive_wait_time_seconds": 0,
     "tags": null,
     "timeouts": null,
     "visibility_timeout_seconds": 30
    },
    "after_unknown": {
     "arn": true,
     "deduplication_scope": true,
     "fifo_throughput_limit": true,
     "id": true,
     "kms_data_key_reuse_period_seconds": true,
     "name_prefix": true,
     "policy": true,
     "redrive_allow_policy": true,
     "redrive_policy": true,
     "sqs_managed_sse_enabled": true,
     "tags_all": true,
     "url": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  }
 ],
 "configuration": {
  "provider_config": {
   "aws": {
    "name": "aws",
    "full_name": "registry.terraform.io/hashicorp/aws",
    "expressions": {
     "access_key": {
      "constant_value": "test"
     },
     "endpoints": [
      {
       "autoscaling": {
        "constant_value": "http://127.0.0.1:1"
       },
       "cloudfront": {
        "constant_value": "http://127.0.0.1:1"
       },
       "cloudtrail": {
        "constant_value": "http://127.0.0.1:1"
       },
       "cloudwatchlogs": {
        "constant_value": "http://127.0.0.1:1"
       },
       "dynamodb": {
        "constant_value": "http://127.0.0.1:1"
       },
       "ec2": {
        "constant_value": "http://127.0.0.1:1"
       },
       "ecr": {
        "constant_value": "http://127.0.0.1:1"
       },
       "ecs": {
        "constant_value": "http://127.0.0.1:1"
       },
       "elasticache": {
        "constant_value": "http://127.0.0.1:1"
       },
       "elbv2": {
        "constant_value": "http://127.0.0.1:1"
       },
       "iam": {
        "constant_value": "http://127.0.0.1:1"
       },
       "kms": {
        "constant_value": "http://127.0.0.1:1"
       },
       "lambda": {
        "constant_value": "http://127.0.0.1:1"
       },
       "rds": {
        "constant_value": "http://127.0.0.1:1"
       },
       "s3": {
        "constant_value": "http://127.0.0.1:1"
       },
       "sns": {
        "constant_value": "http://127.0.0.1:1"
       },
       "sqs": {
        "constant_value": "http://127.0.0.1:1"
       },
       "sts": {
        "constant_value": "http://127.0.0.1:1"
       }
      }
     ],
     "region": {
      "constant_value": "us-east-1"
     },
     "secret_key": {
      "constant_value": "test"
     },
     "skip_credentials_validation": {
      "constant_value": true
     },
     "skip_metadata_api_check": {
      "constant_value": true
     },
     "skip_requesting_account_id": {
      "constant_value": true
     }
    }
   }
  },
  "root_module": {
   "resources": [
    {
     "address": "aws_cloudfront_distribution.cdn",
     "mode": "managed",
     "type": "aws_cloudfront_distribution",
     "name": "cdn",
     "provider_config_key": "aws",
     "expressions": {
      "default_cache_behavior": [
       {
        "allowed_methods": {
         "constant_value": [
          "GET",
          "HEAD"
         ]
        },
        "cached_methods": {
         "constant_value": [
          "GET",
          "HEAD"
         ]
        },
        "forwarded_values": [
         {
          "cookies": [
           {
            "forward": {
             "constant_value": "none"
            }
           }
          ],
          "query_string": {
           "constant_value": false
          }
         }
        ],
        "target_origin_id": {
         "constant_value": "o"
        },
        "viewer_protocol_policy": {
         "constant_value": "redirect-to-https"
        }
       }
      ],
      "enabled": {
       "constant_value": true
      },
      "origin": [
       {
        "custom_origin_config": [
         {
          "http_port": {
           "constant_value": 80
          },
          "https_port": {
           "constant_value": 443
          },
          "origin_protocol_policy": {
           "constant_value": "https-only"
          },
          "origin_ssl_protocols": {
           "constant_value": [
            "TLSv1.2"
           ]
          }
         }
        ],
        "domain_name": {
         "constant_value": "example.com"
        },
        "origin_id": {
         "constant_value": "o"
        }
       }
      ],
      "restrictions": [
       {
        "geo_restriction": [
         {
          "restriction_type": {
           "constant_value": "none"
          }
         }
        ]
       }
      ],
      "viewer_certificate": [
       {
        "acm_certificate_arn": {
         "constant_value": "arn:aws:acm:us-east-1:123456789012:certificate/x"
        },
        "minimum_protocol_version": {
         "constant_value": "TLSv1.2_2021"
        },
        "ssl_support_method": {
         "constant_value": "sni-only"
        }
       }
      ]
     },
     "schema_version": 1
    },
    {
     "address": "aws_cloudtrail.t",
     "mode": "managed",
     "type": "aws_cloudtrail",
     "name": "t",
     "provider_config_key": "aws",
     "expressions": {
      "enable_log_file_validation": {
       "constant_value": true
      },
      "is_multi_region_trail": {
       "constant_value": true
      },
      "kms_key_id": {
       "references": [
        "aws_kms_key.k.arn",
        "aws_kms_key.k"
       ]
      },
      "name": {
       "constant_value": "trail"
      },
      "s3_bucket_name": {
       "constant_value": "logs"
      }
     },
     "schema_version": 1
    },
    {
     "address": "aws_dynamodb_table.d",
     "mode": "managed",
     "type": "aws_dynamodb_table",
     "name": "d",
     "provider_config_key": "aws",
     "expressions": {
      "attribute": [
       {
        "name": {
         "constant_value": "id"
        },
        "type": {
         "constant_value": "S"
        }
       }
      ],
      "billing_mode": {
       "constant_value": "PAY_PER_REQUEST"
      },
      "hash_key": {
       "constant_value": "id"
      },
      "name": {
       "constant_value": "table"
      },
      "point_in_time_recovery": [
       {
        "enabled": {
         "constant_value": true
        }
       }
      ]
     },
     "schema_version": 1
    },
    {
     "address": "aws_ebs_volume.v",
     "mode": "managed",
     "type": "aws_ebs_volume",
     "name": "v",
     "provider_config_key": "aws",
     "expressions": {
      "availability_zone": {
       "constant_value": "us-east-1a"
      },
      "encrypted": {
       "constant_value": true
      },
      "size": {
       "constant_value": 20
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_ecr_repository.r",
     "mode": "managed",
     "type": "aws_ecr_repository",
     "name": "r",
     "provider_config_key": "aws",
     "expressions": {
      "image_scanning_configuration": [
       {
        "scan_on_push": {
         "constant_value": true
        }
       }
      ],
      "image_tag_mutability": {
       "constant_value": "IMMUTABLE"
      },
      "name": {
       "constant_value": "repo"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_elasticache_replication_group.c",
     "mode": "managed",
     "type": "aws_elasticache_replication_group",
     "name": "c",
     "provider_config_key": "aws",
     "expressions": {
      "at_rest_encryption_enabled": {
       "constant_value": true
      },
      "description": {
       "constant_value": "c"
      },
      "engine_version": {
       "constant_value": "7.1"
      },
      "node_type": {
       "constant_value": "cache.t3.micro"
      },
      "num_cache_clusters": {
       "constant_value": 1
      },
      "replication_group_id": {
       "constant_value": "c"
      },
      "transit_encryption_enabled": {
       "constant_value": true
      }
     },
     "schema_version": 2
    },
    {
     "address": "aws_instance.i",
     "mode": "managed",
     "type": "aws_instance",
     "name": "i",
     "provider_config_key": "aws",
     "expressions": {
      "ami": {
       "constant_value": "ami-12c6146b"
      },
      "instance_type": {
       "constant_value": "t3.micro"
      },
      "metadata_options": [
       {
        "http_tokens": {
         "constant_value": "required"
        }
       }
      ],
      "root_block_device": [
       {
        "encrypted": {
         "constant_value": true
        }
       }
      ]
     },
     "schema_version": 1
    },
    {
     "address": "aws_kms_key.k",
     "mode": "managed",
     "type": "aws_kms_key",
     "name": "k",
     "provider_config_key": "aws",
     "expressions": {
      "description": {
       "constant_value": "k"
      },
      "enable_key_rotation": {
       "constant_value": true
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_lambda_function.f",
     "mode": "managed",
     "type": "aws_lambda_function",
     "name": "f",
     "provider_config_key": "aws",
     "expressions": {
      "environment": [
       {
        "variables": {
         "constant_value": {
          "API_TOKEN_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:t"
         }
        }
       }
      ],
      "filename": {
       "constant_value": "fn.zip"
      },
      "function_name": {
       "constant_value": "f"
      },
      "handler": {
       "constant_value": "index.handler"
      },
      "role": {
       "constant_value": "arn:aws:iam::123456789012:role/r"
      },
      "runtime": {
       "constant_value": "python3.12"
      },
      "tracing_config": [
       {
        "mode": {
         "constant_value": "Active"
        }
       }
      ]
     },
     "schema_version": 0
    },
    {
     "address": "aws_launch_template.lt",
     "mode": "managed",
     "type": "aws_launch_template",
     "name": "lt",
     "provider_config_key": "aws",
     "expressions": {
      "block_device_mappings": [
       {
        "device_name": {
         "constant_value": "/dev/xvda"
        },
        "ebs": [
         {
          "encrypted": {
           "constant_value": "true"
          },
          "volume_size": {
           "constant_value": 8
          }
         }
        ]
       }
      ],
      "image_id": {
       "constant_value": "ami-12c6146b"
      },
      "instance_type": {
       "constant_value": "t3.micro"
      },
      "metadata_options": [
       {
        "http_tokens": {
         "constant_value": "required"
        }
       }
      ],
      "name": {
       "constant_value": "template"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_lb_listener.http",
     "mode": "managed",
     "type": "aws_lb_listener",
     "name": "http",
     "provider_config_key": "aws",
     "expressions": {
      "default_action": [
       {
        "redirect": [
         {
          "port": {
           "constant_value": "443"
          },
          "protocol": {
           "constant_value": "HTTPS"
          },
          "status_code": {
           "constant_value": "HTTP_301"
          }
         }
        ],
        "type": {
         "constant_value": "redirect"
        }
       }
      ],
      "load_balancer_arn": {
       "constant_value": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
      },
      "port": {
       "constant_value": 80
      },
      "protocol": {
       "constant_value": "HTTP"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_lb_listener.https",
     "mode": "managed",
     "type": "aws_lb_listener",
     "name": "https",
     "provider_config_key": "aws",
     "expressions": {
      "certificate_arn": {
       "constant_value": "arn:aws:acm:us-east-1:123456789012:certificate/x"
      },
      "default_action": [
       {
        "target_group_arn": {
         "constant_value": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"
        },
        "type": {
         "constant_value": "forward"
        }
       }
      ],
      "load_balancer_arn": {
       "constant_value": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
      },
      "port": {
       "constant_value": 443
      },
      "protocol": {
       "constant_value": "HTTPS"
      },
      "ssl_policy": {
       "constant_value": "ELBSecurityPolicy-TLS13-1-2-2021-06"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_rds_cluster.a",
     "mode": "managed",
     "type": "aws_rds_cluster",
     "name": "a",
     "provider_config_key": "aws",
     "expressions": {
      "backup_retention_period": {
       "constant_value": 7
      },
      "cluster_identifier": {
       "constant_value": "a"
      },
      "deletion_protection": {
       "constant_value": true
      },
      "engine": {
       "constant_value": "aurora-postgresql"
      },
      "manage_master_user_password": {
       "constant_value": true
      },
      "master_username": {
       "constant_value": "u"
      },
      "storage_encrypted": {
       "constant_value": true
      }
     },
     "schema_version": 1
    },
    {
     "address": "aws_security_group_rule.https",
     "mode": "managed",
     "type": "aws_security_group_rule",
     "name": "https",
     "provider_config_key": "aws",
     "expressions": {
      "cidr_blocks": {
       "constant_value": [
        "0.0.0.0/0"
       ]
      },
      "from_port": {
       "constant_value": 443
      },
      "protocol": {
       "constant_value": "tcp"
      },
      "security_group_id": {
       "constant_value": "sg-123"
      },
      "to_port": {
       "constant_value": 443
      },
      "type": {
       "constant_value": "ingress"
      }
     },
     "schema_version": 2
    },
    {
     "address": "aws_sns_topic.t",
     "mode": "managed",
     "type": "aws_sns_topic",
     "name": "t",
     "provider_config_key": "aws",
     "expressions": {
      "kms_master_key_id": {
       "references": [
        "aws_kms_key.k.arn",
        "aws_kms_key.k"
       ]
      },
      "name": {
       "constant_value": "topic"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_sqs_queue.q",
     "mode": "managed",
     "type": "aws_sqs_queue",
     "name": "q",
     "provider_config_key": "aws",
     "expressions": {
      "name": {
       "constant_value": "queue"
      }
     },
     "schema_version": 0
    }
   ]
  }
 },
 "relevant_attributes": [
  {
   "resource": "aws_kms_key.k",
   "attribute": [
    "arn"
   ]
  }
 ],
 "applyable": true,
 "complete": true,
 "errored": false
}
"""#
}
