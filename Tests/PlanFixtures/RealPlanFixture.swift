/// `terraform show -json` of a real plan (terraform 1.11, aws provider 5.100.0, fake
/// credentials, refresh off) of /tmp-style config with count, a child module, a sensitive
/// variable, a literal database password and sensitive outputs. Captured once; regenerate by
/// running the configuration in the comment of ``RealPlanFixture/configuration``.
public enum RealPlanFixture {
    /// The secrets the configuration contains, which must never survive decoding.
    public static let secrets = ["supersecret123", "tok-very-secret-value"]

    /// The configuration the plan came from (root module; child module has one security group
    /// with SSH open to 0.0.0.0/0).
    public static let configuration = #"""
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    s3  = "http://127.0.0.1:1"
    ec2 = "http://127.0.0.1:1"
    rds = "http://127.0.0.1:1"
    sts = "http://127.0.0.1:1"
    iam = "http://127.0.0.1:1"
  }
}
variable "api_token" {
  type      = string
  sensitive = true
  default   = "tok-very-secret-value"
}
resource "aws_s3_bucket" "data" {
  count  = 2
  bucket = "ezb-data-${count.index}"
}
resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data[0].id
  versioning_configuration { status = "Enabled" }
}
resource "aws_s3_bucket_public_access_block" "data" {
  count                   = 2
  bucket                  = aws_s3_bucket.data[count.index].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = count.index == 0
}
resource "aws_db_instance" "db" {
  identifier          = "db"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = "supersecret123"
  storage_encrypted   = true
  multi_az            = true
  skip_final_snapshot = true
  tags                = { Environment = "production" }
}
resource "aws_instance" "web" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
  user_data     = "token=${var.api_token}"
  root_block_device { encrypted = true }
  metadata_options { http_tokens = "required" }
}
resource "aws_iam_policy" "wide" {
  name   = "wide"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_nat_gateway" "nat" {
  allocation_id = "eipalloc-123"
  subnet_id     = "subnet-123"
}
module "child" {
  source = "./child"
}
output "pw" {
  value     = aws_db_instance.db.password
  sensitive = true
}
output "token" {
  value     = var.api_token
  sensitive = true
}
output "bucket_names" {
  value = aws_s3_bucket.data[*].bucket
}
"""#

    public static let json = #"""
{
 "format_version": "1.2",
 "terraform_version": "1.11.4",
 "variables": {
  "api_token": {
   "value": "tok-very-secret-value"
  }
 },
 "planned_values": {
  "outputs": {
   "bucket_names": {
    "sensitive": false,
    "type": [
     "tuple",
     [
      "string",
      "string"
     ]
    ],
    "value": [
     "ezb-data-0",
     "ezb-data-1"
    ]
   },
   "pw": {
    "sensitive": true,
    "type": "string",
    "value": "supersecret123"
   },
   "token": {
    "sensitive": true,
    "type": "string",
    "value": "tok-very-secret-value"
   }
  },
  "root_module": {
   "resources": [
    {
     "address": "aws_db_instance.db",
     "mode": "managed",
     "type": "aws_db_instance",
     "name": "db",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 2,
     "values": {
      "allocated_storage": 20,
      "allow_major_version_upgrade": null,
      "apply_immediately": false,
      "auto_minor_version_upgrade": true,
      "blue_green_update": [],
      "copy_tags_to_snapshot": false,
      "custom_iam_instance_profile": null,
      "customer_owned_ip_enabled": null,
      "dedicated_log_volume": false,
      "delete_automated_backups": true,
      "deletion_protection": null,
      "domain": null,
      "domain_auth_secret_arn": null,
      "domain_dns_ips": null,
      "domain_iam_role_name": null,
      "domain_ou": null,
      "enabled_cloudwatch_logs_exports": null,
      "engine": "postgres",
      "final_snapshot_identifier": null,
      "iam_database_authentication_enabled": null,
      "identifier": "db",
      "instance_class": "db.t3.micro",
      "manage_master_user_password": null,
      "max_allocated_storage": null,
      "monitoring_interval": 0,
      "multi_az": true,
      "password": "supersecret123",
      "password_wo": null,
      "password_wo_version": null,
      "performance_insights_enabled": false,
      "publicly_accessible": false,
      "replicate_source_db": null,
      "restore_to_point_in_time": [],
      "s3_import": [],
      "skip_final_snapshot": true,
      "storage_encrypted": true,
      "tags": {
       "Environment": "production"
      },
      "tags_all": {
       "Environment": "production"
      },
      "timeouts": null,
      "upgrade_storage_config": null,
      "username": "app"
     },
     "sensitive_values": {
      "blue_green_update": [],
      "listener_endpoint": [],
      "master_user_secret": [],
      "password": true,
      "password_wo": true,
      "replicas": [],
      "restore_to_point_in_time": [],
      "s3_import": [],
      "tags": {},
      "tags_all": {},
      "vpc_security_group_ids": []
     }
    },
    {
     "address": "aws_iam_policy.wide",
     "mode": "managed",
     "type": "aws_iam_policy",
     "name": "wide",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "description": null,
      "name": "wide",
      "path": "/",
      "policy": "{\"Statement\":[{\"Action\":\"s3:*\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}",
      "tags": null
     },
     "sensitive_values": {
      "tags_all": {}
     }
    },
    {
     "address": "aws_instance.web",
     "mode": "managed",
     "type": "aws_instance",
     "name": "web",
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
      "user_data": "645130ab77035545b2dde661bd48c9c0cd2d4d26",
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
      "user_data": true,
      "vpc_security_group_ids": []
     }
    },
    {
     "address": "aws_nat_gateway.nat",
     "mode": "managed",
     "type": "aws_nat_gateway",
     "name": "nat",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "allocation_id": "eipalloc-123",
      "connectivity_type": "public",
      "secondary_allocation_ids": null,
      "subnet_id": "subnet-123",
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "secondary_private_ip_addresses": [],
      "tags_all": {}
     }
    },
    {
     "address": "aws_s3_bucket.data[0]",
     "mode": "managed",
     "type": "aws_s3_bucket",
     "name": "data",
     "index": 0,
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "bucket": "ezb-data-0",
      "force_destroy": false,
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "cors_rule": [],
      "grant": [],
      "lifecycle_rule": [],
      "logging": [],
      "object_lock_configuration": [],
      "replication_configuration": [],
      "server_side_encryption_configuration": [],
      "tags_all": {},
      "versioning": [],
      "website": []
     }
    },
    {
     "address": "aws_s3_bucket.data[1]",
     "mode": "managed",
     "type": "aws_s3_bucket",
     "name": "data",
     "index": 1,
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "bucket": "ezb-data-1",
      "force_destroy": false,
      "tags": null,
      "timeouts": null
     },
     "sensitive_values": {
      "cors_rule": [],
      "grant": [],
      "lifecycle_rule": [],
      "logging": [],
      "object_lock_configuration": [],
      "replication_configuration": [],
      "server_side_encryption_configuration": [],
      "tags_all": {},
      "versioning": [],
      "website": []
     }
    },
    {
     "address": "aws_s3_bucket_public_access_block.data[0]",
     "mode": "managed",
     "type": "aws_s3_bucket_public_access_block",
     "name": "data",
     "index": 0,
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "block_public_acls": true,
      "block_public_policy": true,
      "ignore_public_acls": true,
      "restrict_public_buckets": true
     },
     "sensitive_values": {}
    },
    {
     "address": "aws_s3_bucket_public_access_block.data[1]",
     "mode": "managed",
     "type": "aws_s3_bucket_public_access_block",
     "name": "data",
     "index": 1,
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "block_public_acls": true,
      "block_public_policy": true,
      "ignore_public_acls": true,
      "restrict_public_buckets": false
     },
     "sensitive_values": {}
    },
    {
     "address": "aws_s3_bucket_versioning.data",
     "mode": "managed",
     "type": "aws_s3_bucket_versioning",
     "name": "data",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 0,
     "values": {
      "expected_bucket_owner": null,
      "mfa": null,
      "versioning_configuration": [
       {
        "status": "Enabled"
       }
      ]
     },
     "sensitive_values": {
      "versioning_configuration": [
       {}
      ]
     }
    },
    {
     "address": "aws_vpc.main",
     "mode": "managed",
     "type": "aws_vpc",
     "name": "main",
     "provider_name": "registry.terraform.io/hashicorp/aws",
     "schema_version": 1,
     "values": {
      "assign_generated_ipv6_cidr_block": null,
      "cidr_block": "10.0.0.0/16",
      "enable_dns_support": true,
      "instance_tenancy": "default",
      "ipv4_ipam_pool_id": null,
      "ipv4_netmask_length": null,
      "ipv6_ipam_pool_id": null,
      "ipv6_netmask_length": null,
      "tags": null
     },
     "sensitive_values": {
      "tags_all": {}
     }
    }
   ],
   "child_modules": [
    {
     "resources": [
      {
       "address": "module.child.aws_security_group.sg",
       "mode": "managed",
       "type": "aws_security_group",
       "name": "sg",
       "provider_name": "registry.terraform.io/hashicorp/aws",
       "schema_version": 1,
       "values": {
        "description": "Managed by Terraform",
        "ingress": [
         {
          "cidr_blocks": [
           "0.0.0.0/0"
          ],
          "description": "",
          "from_port": 22,
          "ipv6_cidr_blocks": [],
          "prefix_list_ids": [],
          "protocol": "tcp",
          "security_groups": [],
          "self": false,
          "to_port": 22
         }
        ],
        "name": "sg",
        "revoke_rules_on_delete": false,
        "tags": null,
        "timeouts": null
       },
       "sensitive_values": {
        "egress": [],
        "ingress": [
         {
          "cidr_blocks": [
           false
          ],
          "ipv6_cidr_blocks": [],
          "prefix_list_ids": [],
          "security_groups": []
         }
        ],
        "tags_all": {}
       }
      }
     ],
     "address": "module.child"
    }
   ]
  }
 },
 "resource_changes": [
  {
   "address": "aws_db_instance.db",
   "mode": "managed",
   "type": "aws_db_instance",
   "name": "db",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "allocated_storage": 20,
     "allow_major_version_upgrade": null,
     "apply_immediately": false,
     "auto_minor_version_upgrade": true,
     "blue_green_update": [],
     "copy_tags_to_snapshot": false,
     "custom_iam_instance_profile": null,
     "customer_owned_ip_enabled": null,
     "dedicated_log_volume": false,
     "delete_automated_backups": true,
     "deletion_protection": null,
     "domain": null,
     "domain_auth_secret_arn": null,
     "domain_dns_ips": null,
     "domain_iam_role_name": null,
     "domain_ou": null,
     "enabled_cloudwatch_logs_exports": null,
     "engine": "postgres",
     "final_snapshot_identifier": null,
     "iam_database_authentication_enabled": null,
     "identifier": "db",
     "instance_class": "db.t3.micro",
     "manage_master_user_password": null,
     "max_allocated_storage": null,
     "monitoring_interval": 0,
     "multi_az": true,
     "password": "supersecret123",
     "password_wo": null,
     "password_wo_version": null,
     "performance_insights_enabled": false,
     "publicly_accessible": false,
     "replicate_source_db": null,
     "restore_to_point_in_time": [],
     "s3_import": [],
     "skip_final_snapshot": true,
     "storage_encrypted": true,
     "tags": {
      "Environment": "production"
     },
     "tags_all": {
      "Environment": "production"
     },
     "timeouts": null,
     "upgrade_storage_config": null,
     "username": "app"
    },
    "after_unknown": {
     "address": true,
     "arn": true,
     "availability_zone": true,
     "backup_retention_period": true,
     "backup_target": true,
     "backup_window": true,
     "blue_green_update": [],
     "ca_cert_identifier": true,
     "character_set_name": true,
     "database_insights_mode": true,
     "db_name": true,
     "db_subnet_group_name": true,
     "domain_fqdn": true,
     "endpoint": true,
     "engine_lifecycle_support": true,
     "engine_version": true,
     "engine_version_actual": true,
     "hosted_zone_id": true,
     "id": true,
     "identifier_prefix": true,
     "iops": true,
     "kms_key_id": true,
     "latest_restorable_time": true,
     "license_model": true,
     "listener_endpoint": true,
     "maintenance_window": true,
     "master_user_secret": true,
     "master_user_secret_kms_key_id": true,
     "monitoring_role_arn": true,
     "nchar_character_set_name": true,
     "network_type": true,
     "option_group_name": true,
     "parameter_group_name": true,
     "performance_insights_kms_key_id": true,
     "performance_insights_retention_period": true,
     "port": true,
     "replica_mode": true,
     "replicas": true,
     "resource_id": true,
     "restore_to_point_in_time": [],
     "s3_import": [],
     "snapshot_identifier": true,
     "status": true,
     "storage_throughput": true,
     "storage_type": true,
     "tags": {},
     "tags_all": {},
     "timezone": true,
     "vpc_security_group_ids": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "blue_green_update": [],
     "listener_endpoint": [],
     "master_user_secret": [],
     "password": true,
     "password_wo": true,
     "replicas": [],
     "restore_to_point_in_time": [],
     "s3_import": [],
     "tags": {},
     "tags_all": {},
     "vpc_security_group_ids": []
    }
   }
  },
  {
   "address": "aws_iam_policy.wide",
   "mode": "managed",
   "type": "aws_iam_policy",
   "name": "wide",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "description": null,
     "name": "wide",
     "path": "/",
     "policy": "{\"Statement\":[{\"Action\":\"s3:*\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}",
     "tags": null
    },
    "after_unknown": {
     "arn": true,
     "attachment_count": true,
     "id": true,
     "name_prefix": true,
     "policy_id": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_instance.web",
   "mode": "managed",
   "type": "aws_instance",
   "name": "web",
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
     "user_data": "645130ab77035545b2dde661bd48c9c0cd2d4d26",
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
     "user_data": true,
     "vpc_security_group_ids": []
    }
   }
  },
  {
   "address": "aws_nat_gateway.nat",
   "mode": "managed",
   "type": "aws_nat_gateway",
   "name": "nat",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "allocation_id": "eipalloc-123",
     "connectivity_type": "public",
     "secondary_allocation_ids": null,
     "subnet_id": "subnet-123",
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "association_id": true,
     "id": true,
     "network_interface_id": true,
     "private_ip": true,
     "public_ip": true,
     "secondary_private_ip_address_count": true,
     "secondary_private_ip_addresses": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "secondary_private_ip_addresses": [],
     "tags_all": {}
    }
   }
  },
  {
   "address": "aws_s3_bucket.data[0]",
   "mode": "managed",
   "type": "aws_s3_bucket",
   "name": "data",
   "index": 0,
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "bucket": "ezb-data-0",
     "force_destroy": false,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "acceleration_status": true,
     "acl": true,
     "arn": true,
     "bucket_domain_name": true,
     "bucket_prefix": true,
     "bucket_regional_domain_name": true,
     "cors_rule": true,
     "grant": true,
     "hosted_zone_id": true,
     "id": true,
     "lifecycle_rule": true,
     "logging": true,
     "object_lock_configuration": true,
     "object_lock_enabled": true,
     "policy": true,
     "region": true,
     "replication_configuration": true,
     "request_payer": true,
     "server_side_encryption_configuration": true,
     "tags_all": true,
     "versioning": true,
     "website": true,
     "website_domain": true,
     "website_endpoint": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "cors_rule": [],
     "grant": [],
     "lifecycle_rule": [],
     "logging": [],
     "object_lock_configuration": [],
     "replication_configuration": [],
     "server_side_encryption_configuration": [],
     "tags_all": {},
     "versioning": [],
     "website": []
    }
   }
  },
  {
   "address": "aws_s3_bucket.data[1]",
   "mode": "managed",
   "type": "aws_s3_bucket",
   "name": "data",
   "index": 1,
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "bucket": "ezb-data-1",
     "force_destroy": false,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "acceleration_status": true,
     "acl": true,
     "arn": true,
     "bucket_domain_name": true,
     "bucket_prefix": true,
     "bucket_regional_domain_name": true,
     "cors_rule": true,
     "grant": true,
     "hosted_zone_id": true,
     "id": true,
     "lifecycle_rule": true,
     "logging": true,
     "object_lock_configuration": true,
     "object_lock_enabled": true,
     "policy": true,
     "region": true,
     "replication_configuration": true,
     "request_payer": true,
     "server_side_encryption_configuration": true,
     "tags_all": true,
     "versioning": true,
     "website": true,
     "website_domain": true,
     "website_endpoint": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "cors_rule": [],
     "grant": [],
     "lifecycle_rule": [],
     "logging": [],
     "object_lock_configuration": [],
     "replication_configuration": [],
     "server_side_encryption_configuration": [],
     "tags_all": {},
     "versioning": [],
     "website": []
    }
   }
  },
  {
   "address": "aws_s3_bucket_public_access_block.data[0]",
   "mode": "managed",
   "type": "aws_s3_bucket_public_access_block",
   "name": "data",
   "index": 0,
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "block_public_acls": true,
     "block_public_policy": true,
     "ignore_public_acls": true,
     "restrict_public_buckets": true
    },
    "after_unknown": {
     "bucket": true,
     "id": true
    },
    "before_sensitive": false,
    "after_sensitive": {}
   }
  },
  {
   "address": "aws_s3_bucket_public_access_block.data[1]",
   "mode": "managed",
   "type": "aws_s3_bucket_public_access_block",
   "name": "data",
   "index": 1,
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "block_public_acls": true,
     "block_public_policy": true,
     "ignore_public_acls": true,
     "restrict_public_buckets": false
    },
    "after_unknown": {
     "bucket": true,
     "id": true
    },
    "before_sensitive": false,
    "after_sensitive": {}
   }
  },
  {
   "address": "aws_s3_bucket_versioning.data",
   "mode": "managed",
   "type": "aws_s3_bucket_versioning",
   "name": "data",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "expected_bucket_owner": null,
     "mfa": null,
     "versioning_configuration": [
      {
       "status": "Enabled"
      }
     ]
    },
    "after_unknown": {
     "bucket": true,
     "id": true,
     "versioning_configuration": [
      {
       "mfa_delete": true
      }
     ]
    },
    "before_sensitive": false,
    "after_sensitive": {
     "versioning_configuration": [
      {}
     ]
    }
   }
  },
  {
   "address": "aws_vpc.main",
   "mode": "managed",
   "type": "aws_vpc",
   "name": "main",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "assign_generated_ipv6_cidr_block": null,
     "cidr_block": "10.0.0.0/16",
     "enable_dns_support": true,
     "instance_tenancy": "default",
     "ipv4_ipam_pool_id": null,
     "ipv4_netmask_length": null,
     "ipv6_ipam_pool_id": null,
     "ipv6_netmask_length": null,
     "tags": null
    },
    "after_unknown": {
     "arn": true,
     "default_network_acl_id": true,
     "default_route_table_id": true,
     "default_security_group_id": true,
     "dhcp_options_id": true,
     "enable_dns_hostnames": true,
     "enable_network_address_usage_metrics": true,
     "id": true,
     "ipv6_association_id": true,
     "ipv6_cidr_block": true,
     "ipv6_cidr_block_network_border_group": true,
     "main_route_table_id": true,
     "owner_id": true,
     "tags_all": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "tags_all": {}
    }
   }
  },
  {
   "address": "module.child.aws_security_group.sg",
   "module_address": "module.child",
   "mode": "managed",
   "type": "aws_security_group",
   "name": "sg",
   "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {
    "actions": [
     "create"
    ],
    "before": null,
    "after": {
     "description": "Managed by Terraform",
     "ingress": [
      {
       "cidr_blocks": [
        "0.0.0.0/0"
       ],
       "description": "",
       "from_port": 22,
       "ipv6_cidr_blocks": [],
       "prefix_list_ids": [],
       "protocol": "tcp",
       "security_groups": [],
       "self": false,
       "to_port": 22
      }
     ],
     "name": "sg",
     "revoke_rules_on_delete": false,
     "tags": null,
     "timeouts": null
    },
    "after_unknown": {
     "arn": true,
     "egress": true,
     "id": true,
     "ingress": [
      {
       "cidr_blocks": [
        false
       ],
       "ipv6_cidr_blocks": [],
       "prefix_list_ids": [],
       "security_groups": []
      }
     ],
     "name_prefix": true,
     "owner_id": true,
     "tags_all": true,
     "vpc_id": true
    },
    "before_sensitive": false,
    "after_sensitive": {
     "egress": [],
     "ingress": [
      {
       "cidr_blocks": [
        false
       ],
       "ipv6_cidr_blocks": [],
       "prefix_list_ids": [],
       "security_groups": []
      }
     ],
     "tags_all": {}
    }
   }
  }
 ],
 "output_changes": {
  "bucket_names": {
   "actions": [
    "create"
   ],
   "before": null,
   "after": [
    "ezb-data-0",
    "ezb-data-1"
   ],
   "after_unknown": false,
   "before_sensitive": false,
   "after_sensitive": false
  },
  "pw": {
   "actions": [
    "create"
   ],
   "before": null,
   "after": "supersecret123",
   "after_unknown": false,
   "before_sensitive": true,
   "after_sensitive": true
  },
  "token": {
   "actions": [
    "create"
   ],
   "before": null,
   "after": "tok-very-secret-value",
   "after_unknown": false,
   "before_sensitive": true,
   "after_sensitive": true
  }
 },
 "prior_state": {
  "format_version": "1.0",
  "terraform_version": "1.11.4",
  "values": {
   "outputs": {
    "bucket_names": {
     "sensitive": false,
     "value": [
      "ezb-data-0",
      "ezb-data-1"
     ],
     "type": [
      "tuple",
      [
       "string",
       "string"
      ]
     ]
    },
    "pw": {
     "sensitive": true,
     "value": "supersecret123",
     "type": "string"
    },
    "token": {
     "sensitive": true,
     "value": "tok-very-secret-value",
     "type": "string"
    }
   },
   "root_module": {}
  }
 },
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
       "ec2": {
        "constant_value": "http://127.0.0.1:1"
       },
       "iam": {
        "constant_value": "http://127.0.0.1:1"
       },
       "rds": {
        "constant_value": "http://127.0.0.1:1"
       },
       "s3": {
        "constant_value": "http://127.0.0.1:1"
       },
       "sts": {
        "constant_value": "http://127.0.0.1:1"
       }
      }
     ],
     "region": {
      "constant_value": "eu-west-1"
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
   "outputs": {
    "bucket_names": {
     "expression": {
      "references": [
       "aws_s3_bucket.data"
      ]
     }
    },
    "pw": {
     "sensitive": true,
     "expression": {
      "references": [
       "aws_db_instance.db.password",
       "aws_db_instance.db"
      ]
     }
    },
    "token": {
     "sensitive": true,
     "expression": {
      "references": [
       "var.api_token"
      ]
     }
    }
   },
   "resources": [
    {
     "address": "aws_db_instance.db",
     "mode": "managed",
     "type": "aws_db_instance",
     "name": "db",
     "provider_config_key": "aws",
     "expressions": {
      "allocated_storage": {
       "constant_value": 20
      },
      "engine": {
       "constant_value": "postgres"
      },
      "identifier": {
       "constant_value": "db"
      },
      "instance_class": {
       "constant_value": "db.t3.micro"
      },
      "multi_az": {
       "constant_value": true
      },
      "password": {
       "constant_value": "supersecret123"
      },
      "skip_final_snapshot": {
       "constant_value": true
      },
      "storage_encrypted": {
       "constant_value": true
      },
      "tags": {
       "constant_value": {
        "Environment": "production"
       }
      },
      "username": {
       "constant_value": "app"
      }
     },
     "schema_version": 2
    },
    {
     "address": "aws_iam_policy.wide",
     "mode": "managed",
     "type": "aws_iam_policy",
     "name": "wide",
     "provider_config_key": "aws",
     "expressions": {
      "name": {
       "constant_value": "wide"
      },
      "policy": {}
     },
     "schema_version": 0
    },
    {
     "address": "aws_instance.web",
     "mode": "managed",
     "type": "aws_instance",
     "name": "web",
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
      ],
      "user_data": {
       "references": [
        "var.api_token"
       ]
      }
     },
     "schema_version": 1
    },
    {
     "address": "aws_nat_gateway.nat",
     "mode": "managed",
     "type": "aws_nat_gateway",
     "name": "nat",
     "provider_config_key": "aws",
     "expressions": {
      "allocation_id": {
       "constant_value": "eipalloc-123"
      },
      "subnet_id": {
       "constant_value": "subnet-123"
      }
     },
     "schema_version": 0
    },
    {
     "address": "aws_s3_bucket.data",
     "mode": "managed",
     "type": "aws_s3_bucket",
     "name": "data",
     "provider_config_key": "aws",
     "expressions": {
      "bucket": {
       "references": [
        "count.index"
       ]
      }
     },
     "schema_version": 0,
     "count_expression": {
      "constant_value": 2
     }
    },
    {
     "address": "aws_s3_bucket_public_access_block.data",
     "mode": "managed",
     "type": "aws_s3_bucket_public_access_block",
     "name": "data",
     "provider_config_key": "aws",
     "expressions": {
      "block_public_acls": {
       "constant_value": true
      },
      "block_public_policy": {
       "constant_value": true
      },
      "bucket": {
       "references": [
        "aws_s3_bucket.data",
        "count.index"
       ]
      },
      "ignore_public_acls": {
       "constant_value": true
      },
      "restrict_public_buckets": {
       "references": [
        "count.index"
       ]
      }
     },
     "schema_version": 0,
     "count_expression": {
      "constant_value": 2
     }
    },
    {
     "address": "aws_s3_bucket_versioning.data",
     "mode": "managed",
     "type": "aws_s3_bucket_versioning",
     "name": "data",
     "provider_config_key": "aws",
     "expressions": {
      "bucket": {
       "references": [
        "aws_s3_bucket.data[0].id",
        "aws_s3_bucket.data[0]",
        "aws_s3_bucket.data"
       ]
      },
      "versioning_configuration": [
       {
        "status": {
         "constant_value": "Enabled"
        }
       }
      ]
     },
     "schema_version": 0
    },
    {
     "address": "aws_vpc.main",
     "mode": "managed",
     "type": "aws_vpc",
     "name": "main",
     "provider_config_key": "aws",
     "expressions": {
      "cidr_block": {
       "constant_value": "10.0.0.0/16"
      }
     },
     "schema_version": 1
    }
   ],
   "module_calls": {
    "child": {
     "source": "./child",
     "module": {
      "resources": [
       {
        "address": "aws_security_group.sg",
        "mode": "managed",
        "type": "aws_security_group",
        "name": "sg",
        "provider_config_key": "aws",
        "expressions": {
         "ingress": {
          "constant_value": [
           {
            "cidr_blocks": [
             "0.0.0.0/0"
            ],
            "description": null,
            "from_port": 22,
            "ipv6_cidr_blocks": null,
            "prefix_list_ids": null,
            "protocol": "tcp",
            "security_groups": null,
            "self": null,
            "to_port": 22
           }
          ]
         },
         "name": {
          "constant_value": "sg"
         }
        },
        "schema_version": 1
       }
      ]
     }
    }
   },
   "variables": {
    "api_token": {
     "default": "tok-very-secret-value",
     "sensitive": true
    }
   }
  }
 },
 "relevant_attributes": [
  {
   "resource": "aws_db_instance.db",
   "attribute": [
    "password"
   ]
  },
  {
   "resource": "aws_s3_bucket.data[0]",
   "attribute": [
    "id"
   ]
  },
  {
   "resource": "aws_s3_bucket.data",
   "attribute": []
  }
 ],
 "applyable": true,
 "complete": true,
 "errored": false
}
"""#
}
