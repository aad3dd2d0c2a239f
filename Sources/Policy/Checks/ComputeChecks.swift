import PlanModel

/// EBS and instance volume encryption, IMDSv2, Lambda and ECR.
enum ComputeChecks {
    /// Whether the plan turns on account-wide EBS encryption by default.
    static func encryptionByDefault(_ context: PlanContext) -> Bool {
        context.resources("aws_ebs_encryption_by_default").contains { $0.bool("enabled") != false }
    }

    static let secretKeyMarkers = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"]

    static let checks: [SecurityCheck] = [
        SecurityCheck.perResource(
            ["aws_ebs_volume"],
            CheckDefinition(
                id: "EZB-EC2-001", trivyID: "AWS-0026", checkovID: "CKV_AWS_3", severity: .high,
                title: "EBS volume is encrypted",
                rationale: "Unencrypted volumes and their snapshots can be read by anyone who can copy them.",
                remediation: "Set encrypted = true (or enable aws_ebs_encryption_by_default).")
        ) { volume, context in
            if encryptionByDefault(context) || context.undecidable(volume, "encrypted") { return nil }
            return volume.bool("encrypted") == true ? nil : "encrypted is not true"
        },
        SecurityCheck.perResource(
            ["aws_instance", "aws_launch_template"],
            CheckDefinition(
                id: "EZB-EC2-002", trivyID: "AWS-0131", checkovID: "CKV_AWS_8", severity: .high,
                title: "Instance root and EBS block devices are encrypted",
                rationale: "Instance disks hold application data, logs and often credentials.",
                remediation: "Set encrypted = true in root_block_device and every ebs_block_device (block_device_mappings.ebs in launch templates).")
        ) { resource, context in
            if encryptionByDefault(context) { return nil }
            if resource.type == "aws_launch_template" {
                let mappings = resource.value(at: "block_device_mappings")?.blocks ?? []
                for (offset, mapping) in mappings.enumerated() {
                    guard let ebs = mapping["ebs"]?.firstBlock else { continue }
                    let flag = ebs["encrypted"]
                    if flag != .bool(true) && flag != .string("true") {
                        return "block_device_mappings[\(offset)] (\(mapping["device_name"]?.stringValue ?? "?")) is not encrypted"
                    }
                }
                return nil
            }
            if context.undecidable(resource, "root_block_device.0.encrypted") { return nil }
            if resource.bool("root_block_device.0.encrypted") != true {
                return "root_block_device is not encrypted"
            }
            for (offset, device) in (resource.value(at: "ebs_block_device")?.blocks ?? []).enumerated()
            where device["encrypted"] != .bool(true) && !context.undecidable(resource, "ebs_block_device.\(offset).encrypted") {
                return "ebs_block_device \(device["device_name"]?.stringValue ?? String(offset)) is not encrypted"
            }
            return nil
        },
        SecurityCheck.perResource(
            ["aws_instance"],
            CheckDefinition(
                id: "EZB-EC2-003", trivyID: "AWS-0028", checkovID: "CKV_AWS_79", severity: .high,
                title: "Instance requires IMDSv2",
                rationale: "IMDSv1 lets any SSRF bug in the application steal the instance role's credentials.",
                remediation: "Add metadata_options { http_tokens = \"required\" }.")
        ) { instance, context in
            if context.undecidable(instance, "metadata_options.0.http_tokens") { return nil }
            return instance.string("metadata_options.0.http_tokens") == "required" ? nil : "metadata_options.http_tokens is not \"required\""
        },
        SecurityCheck.perResource(
            ["aws_launch_template"],
            CheckDefinition(
                id: "EZB-EC2-004", trivyID: "AWS-0130", checkovID: "CKV_AWS_79", severity: .high,
                title: "Launch template requires IMDSv2",
                rationale: "Every instance launched from the template would allow IMDSv1 credential theft.",
                remediation: "Add metadata_options { http_tokens = \"required\" } to the launch template.")
        ) { template, context in
            if context.undecidable(template, "metadata_options.0.http_tokens") { return nil }
            return template.string("metadata_options.0.http_tokens") == "required" ? nil : "metadata_options.http_tokens is not \"required\""
        },
        SecurityCheck.perResource(
            ["aws_lambda_function"],
            CheckDefinition(
                id: "EZB-LAMBDA-001", trivyID: "AWS-0066", checkovID: "CKV_AWS_50", severity: .low,
                title: "Lambda X-Ray tracing is active",
                rationale: "Tracing shows where requests fail or slow down across services.",
                remediation: "Add tracing_config { mode = \"Active\" }.")
        ) { function, _ in
            function.string("tracing_config.0.mode") == "Active" ? nil : "tracing_config.mode is not Active"
        },
        SecurityCheck.perResource(
            ["aws_lambda_function"],
            CheckDefinition(
                id: "EZB-LAMBDA-002", trivyID: nil, checkovID: "CKV_AWS_45", severity: .high,
                title: "Lambda environment holds no secrets",
                rationale: "Environment variables are visible to anyone who can read the function configuration and land in state.",
                remediation: "Store the secret in Secrets Manager or SSM and pass its ARN; read it at runtime.")
        ) { function, _ in
            let variables = function.value(at: "environment.0.variables")?.objectValue ?? [:]
            let suspicious = variables.keys.sorted().filter { key in
                let upper = key.uppercased()
                guard secretKeyMarkers.contains(where: upper.contains) else { return false }
                guard let value = variables[key]?.stringValue, !value.isEmpty else { return false }
                return !value.hasPrefix("arn:") && !value.hasPrefix("/") && !value.hasPrefix("{{resolve:")
            }
            return suspicious.isEmpty ? nil : "environment variables look like secrets: \(suspicious.joined(separator: ", "))"
        },
        SecurityCheck.perResource(
            ["aws_ecr_repository"],
            CheckDefinition(
                id: "EZB-ECR-001", trivyID: "AWS-0030", checkovID: "CKV_AWS_163", severity: .medium,
                title: "ECR scans images on push",
                rationale: "Scanning on push reports known CVEs in an image before it is deployed.",
                remediation: "Add image_scanning_configuration { scan_on_push = true }.")
        ) { repository, _ in
            repository.bool("image_scanning_configuration.0.scan_on_push") == true ? nil : "scan_on_push is not true"
        },
        SecurityCheck.perResource(
            ["aws_ecr_repository"],
            CheckDefinition(
                id: "EZB-ECR-002", trivyID: "AWS-0031", checkovID: "CKV_AWS_51", severity: .low,
                title: "ECR image tags are immutable",
                rationale: "Mutable tags let a pushed image silently replace the one that was reviewed and deployed.",
                remediation: "Set image_tag_mutability = \"IMMUTABLE\".")
        ) { repository, context in
            if context.undecidable(repository, "image_tag_mutability") { return nil }
            return repository.string("image_tag_mutability") == "IMMUTABLE" ? nil : "image_tag_mutability is not IMMUTABLE"
        },
    ]
}
