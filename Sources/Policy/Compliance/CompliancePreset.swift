/// One control of a compliance framework and the checks that give evidence for it.
public struct ComplianceControl: Sendable, Hashable, Codable {
    /// Control id as the framework numbers it, e.g. `164.312(a)(2)(iv)`.
    public var id: String
    /// Control title (our paraphrase).
    public var title: String
    /// Our check ids mapped to this control.
    public var checks: [String]
    /// When the preset is active, findings of these checks are reported with at least this
    /// severity (a framework can make a check matter more than its default).
    public var minimumSeverity: Severity?
}

/// A compliance preset: our own mapping of a framework's controls to our checks.
///
/// Severity raising: with presets active, a finding's severity is the highest of its check's
/// default (or the finding's own, e.g. production databases) and the `minimumSeverity` of
/// every active control that maps the check. So `hipaa` reports a missing S3 default
/// encryption (default `medium`) as `high` under 164.312(a)(2)(iv). Presets never lower a
/// severity.
public struct CompliancePreset: Sendable, Hashable, Codable {
    /// Preset name used in configuration: `cis-aws`, `soc2`, `hipaa`, `pci-dss`.
    public var name: String
    /// Framework title and version the numbering follows.
    public var title: String
    /// Controls.
    public var controls: [ComplianceControl]

    /// The controls mapping `checkID`.
    public func controls(for checkID: String) -> [ComplianceControl] {
        controls.filter { $0.checks.contains(checkID) }
    }
}

/// The presets EZBuilt ships. Checkov's framework mappings are not open source, so these are
/// our own reading of each framework; they say which checks give evidence for a control,
/// not that passing them makes a stack compliant.
public enum CompliancePresets {
    private static let s3PublicAccess = ["EZB-S3-001", "EZB-S3-002", "EZB-S3-003", "EZB-S3-004", "EZB-S3-005"]
    private static let adminPorts = ["EZB-SG-001", "EZB-SG-002", "EZB-SG-003"]
    private static let atRest = [
        "EZB-S3-006", "EZB-RDS-002", "EZB-RDS-003", "EZB-EC2-001", "EZB-EC2-002", "EZB-SQS-001",
        "EZB-SNS-001", "EZB-EC-001",
    ]
    private static let inTransit = ["EZB-ELB-001", "EZB-ELB-002", "EZB-CF-001", "EZB-CF-002", "EZB-EC-002"]
    private static let leastPrivilege = ["EZB-IAM-001", "EZB-IAM-002", "EZB-IAM-003"]
    private static let secrets = ["EZB-SEC-001", "EZB-SEC-002", "EZB-LAMBDA-002"]
    private static let logging = ["EZB-CT-001", "EZB-CT-002", "EZB-CT-003", "EZB-VPC-001", "EZB-S3-008", "EZB-APIGW-001"]
    private static let backups = ["EZB-RDS-004", "EZB-RDS-005", "EZB-DDB-001", "EZB-S3-007"]
    private static let imds = ["EZB-EC2-003", "EZB-EC2-004"]

    /// CIS AWS Foundations Benchmark v3.0.0 (numbering of that version).
    public static let cisAWS = CompliancePreset(
        name: "cis-aws", title: "CIS AWS Foundations Benchmark v3.0.0",
        controls: [
            ComplianceControl(id: "1.15", title: "IAM policies allowing full administrative privileges are not attached", checks: leastPrivilege, minimumSeverity: .high),
            ComplianceControl(id: "2.1.4", title: "S3 buckets are configured with Block Public Access", checks: s3PublicAccess, minimumSeverity: .high),
            ComplianceControl(id: "2.1.1", title: "S3 buckets employ encryption at rest", checks: ["EZB-S3-006"], minimumSeverity: nil),
            ComplianceControl(id: "2.2.1", title: "EBS volume encryption is enabled", checks: ["EZB-EC2-001", "EZB-EC2-002"], minimumSeverity: .high),
            ComplianceControl(id: "2.3.1", title: "Encryption is enabled for RDS instances", checks: ["EZB-RDS-002", "EZB-RDS-003"], minimumSeverity: .high),
            ComplianceControl(id: "2.3.3", title: "Public access is not given to RDS instances", checks: ["EZB-RDS-001"], minimumSeverity: .critical),
            ComplianceControl(id: "3.1", title: "CloudTrail is enabled in all regions", checks: ["EZB-CT-001"], minimumSeverity: .high),
            ComplianceControl(id: "3.2", title: "CloudTrail log file validation is enabled", checks: ["EZB-CT-002"], minimumSeverity: .high),
            ComplianceControl(id: "3.4", title: "S3 bucket access logging is enabled", checks: ["EZB-S3-008"], minimumSeverity: .medium),
            ComplianceControl(id: "3.5", title: "CloudTrail logs are encrypted at rest using KMS keys", checks: ["EZB-CT-003"], minimumSeverity: .medium),
            ComplianceControl(id: "3.6", title: "Rotation for customer-created symmetric KMS keys is enabled", checks: ["EZB-KMS-001"], minimumSeverity: .medium),
            ComplianceControl(id: "3.7", title: "VPC flow logging is enabled in all VPCs", checks: ["EZB-VPC-001"], minimumSeverity: .medium),
            ComplianceControl(id: "5.2", title: "No security group allows ingress from 0.0.0.0/0 to remote administration ports", checks: adminPorts, minimumSeverity: .high),
            ComplianceControl(id: "5.3", title: "No security group allows ingress from ::/0 to remote administration ports", checks: adminPorts, minimumSeverity: .high),
            ComplianceControl(id: "5.6", title: "EC2 Metadata Service only allows IMDSv2", checks: imds, minimumSeverity: .high),
        ])

    /// AICPA SOC 2 Trust Services Criteria (2017, revised points of focus 2022).
    public static let soc2 = CompliancePreset(
        name: "soc2", title: "SOC 2 Trust Services Criteria (2017)",
        controls: [
            ComplianceControl(id: "CC6.1", title: "Logical access security and encryption of data at rest", checks: leastPrivilege + atRest + ["EZB-KMS-001"] + secrets, minimumSeverity: nil),
            ComplianceControl(id: "CC6.6", title: "Protection against threats from outside the system boundary", checks: adminPorts + s3PublicAccess + ["EZB-RDS-001"] + imds, minimumSeverity: .high),
            ComplianceControl(id: "CC6.7", title: "Restriction and protection of data in transit", checks: inTransit, minimumSeverity: nil),
            ComplianceControl(id: "CC7.1", title: "Detection of vulnerabilities and configuration changes", checks: ["EZB-ECR-001", "EZB-ECR-002"], minimumSeverity: nil),
            ComplianceControl(id: "CC7.2", title: "Monitoring of system components for anomalies", checks: logging + ["EZB-LAMBDA-001"], minimumSeverity: .medium),
            ComplianceControl(id: "A1.2", title: "Backup and recovery infrastructure", checks: backups, minimumSeverity: .medium),
        ])

    /// HIPAA Security Rule, 45 CFR Part 164 Subpart C.
    public static let hipaa = CompliancePreset(
        name: "hipaa", title: "HIPAA Security Rule (45 CFR 164.308–164.312)",
        controls: [
            ComplianceControl(id: "164.308(a)(7)(ii)(A)", title: "Data backup plan", checks: backups, minimumSeverity: .medium),
            ComplianceControl(id: "164.312(a)(1)", title: "Access control", checks: leastPrivilege + adminPorts + s3PublicAccess + ["EZB-RDS-001"], minimumSeverity: .high),
            ComplianceControl(id: "164.312(a)(2)(iv)", title: "Encryption and decryption of ePHI at rest", checks: atRest + ["EZB-KMS-001", "EZB-CT-003"], minimumSeverity: .high),
            ComplianceControl(id: "164.312(b)", title: "Audit controls", checks: logging + ["EZB-LAMBDA-001"], minimumSeverity: .medium),
            ComplianceControl(id: "164.312(c)(1)", title: "Integrity of ePHI", checks: ["EZB-S3-007", "EZB-CT-002", "EZB-ECR-002"], minimumSeverity: .medium),
            ComplianceControl(id: "164.312(d)", title: "Person or entity authentication", checks: secrets + imds, minimumSeverity: .high),
            ComplianceControl(id: "164.312(e)(1)", title: "Transmission security", checks: inTransit, minimumSeverity: .high),
        ])

    /// PCI DSS v4.0 requirements.
    public static let pciDSS = CompliancePreset(
        name: "pci-dss", title: "PCI DSS v4.0",
        controls: [
            ComplianceControl(id: "1.3.1", title: "Inbound traffic to the cardholder data environment is restricted", checks: adminPorts + s3PublicAccess + ["EZB-RDS-001"], minimumSeverity: .high),
            ComplianceControl(id: "2.2.6", title: "System security parameters are configured to prevent misuse", checks: imds, minimumSeverity: .high),
            ComplianceControl(id: "3.5.1", title: "Stored account data is rendered unreadable", checks: atRest, minimumSeverity: .high),
            ComplianceControl(id: "3.7.4", title: "Cryptographic keys are changed at the end of their cryptoperiod", checks: ["EZB-KMS-001"], minimumSeverity: .medium),
            ComplianceControl(id: "4.2.1", title: "Strong cryptography protects account data in transit over open networks", checks: inTransit, minimumSeverity: .high),
            ComplianceControl(id: "6.3.3", title: "Known vulnerabilities in system components are identified and addressed", checks: ["EZB-ECR-001"], minimumSeverity: .medium),
            ComplianceControl(id: "7.2.1", title: "Access is granted on least privilege", checks: leastPrivilege, minimumSeverity: .high),
            ComplianceControl(id: "8.6.2", title: "Passwords for application and system accounts are not hard-coded", checks: secrets, minimumSeverity: .critical),
            ComplianceControl(id: "10.2.1", title: "Audit logs are enabled and active", checks: ["EZB-CT-001", "EZB-VPC-001", "EZB-S3-008", "EZB-LAMBDA-001"], minimumSeverity: .medium),
            ComplianceControl(id: "10.3.4", title: "Audit logs are protected from modification", checks: ["EZB-CT-002", "EZB-CT-003"], minimumSeverity: .medium),
        ])

    /// Every preset by name.
    public static let all: [String: CompliancePreset] = [
        cisAWS.name: cisAWS, soc2.name: soc2, hipaa.name: hipaa, pciDSS.name: pciDSS,
    ]
}
