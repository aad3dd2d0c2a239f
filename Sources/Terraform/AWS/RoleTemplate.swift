import Foundation

/// The CloudFormation template of the cross-account deployer role ("Connect AWS").
///
/// The customer deploys it in their account; it trusts exactly one principal (the daemon's
/// account root, which can then delegate through its own IAM) and only when the caller
/// presents the external id, which defeats the confused-deputy problem. What the role may do
/// is the configurable permissions policy.
public enum RoleTemplate {
    /// What the deployer role may do.
    public struct Permissions: Sendable, Hashable {
        /// One statement of the inline policy.
        public struct Statement: Sendable, Hashable {
            /// IAM actions allowed (`s3:*`, `iam:PassRole`).
            public var actions: [String]
            /// Resources they apply to (`*` by default).
            public var resources: [String]

            /// Creates an `Allow` statement.
            public init(actions: [String], resources: [String] = ["*"]) {
                self.actions = actions
                self.resources = resources
            }
        }

        /// AWS managed (or customer) policy ARNs attached to the role.
        public var managedPolicyARNs: [String]
        /// Inline statements.
        public var statements: [Statement]

        /// Creates permissions.
        public init(managedPolicyARNs: [String] = [], statements: [Statement] = []) {
            self.managedPolicyARNs = managedPolicyARNs
            self.statements = statements
        }
    }

    /// A new external id: 40 letters and digits from the system's cryptographically secure
    /// generator (`SystemRandomNumberGenerator`: getrandom on Linux), for a role template
    /// made without one.
    public static func newExternalID() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<40).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// The most characters (whitespace aside) AWS allows in a role's inline policies together.
    public static let inlinePolicyLimit = 10_240

    /// Name of the role resource in the template.
    public static let logicalID = "EZBuiltDeployerRole"

    /// The template as JSON (valid YAML too), for `ezbuilt aws role-template`.
    public static func cloudFormation(trustedAccount: String, externalId: String,
                                      permissions: Permissions,
                                      roleName: String = "ezbuilt-deployer") throws(TerraformError) -> String {
        guard trustedAccount.count == 12, trustedAccount.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidArgument(name: "trusted account", reason: "must be a 12-digit AWS account id")
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "+=,.@:/-_"))
        guard (2...1224).contains(externalId.count), externalId.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }) else {
            throw .invalidArgument(name: "external id", reason: "2 to 1224 characters of letters, digits and +=,.@:/-_")
        }
        guard (1...64).contains(roleName.count), roleName.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) && $0 != "/" && $0 != ":" }) else {
            throw .invalidArgument(name: "role name", reason: "1 to 64 characters of letters, digits and +=,.@-_")
        }
        guard !permissions.managedPolicyARNs.isEmpty || !permissions.statements.isEmpty else {
            throw .invalidArgument(name: "permissions", reason: "at least one managed policy or statement is required")
        }
        var properties: [String: Any] = [
            "RoleName": roleName,
            "Description": "Role EZBuilt assumes (with an external id) to deploy infrastructure",
            "MaxSessionDuration": 3600,
            "AssumeRolePolicyDocument": [
                "Version": "2012-10-17",
                "Statement": [[
                    "Sid": "EZBuiltWithExternalId",
                    "Effect": "Allow",
                    "Principal": ["AWS": "arn:aws:iam::\(trustedAccount):root"],
                    "Action": "sts:AssumeRole",
                    "Condition": ["StringEquals": ["sts:ExternalId": externalId]],
                ]],
            ],
        ]
        if !permissions.managedPolicyARNs.isEmpty {
            properties["ManagedPolicyArns"] = permissions.managedPolicyARNs
        }
        if !permissions.statements.isEmpty {
            let document: [String: Any] = [
                "Version": "2012-10-17",
                "Statement": permissions.statements.enumerated().map { index, statement in
                    [
                        "Sid": "Deploy\(index + 1)",
                        "Effect": "Allow",
                        "Action": statement.actions,
                        "Resource": statement.resources,
                    ] as [String: Any]
                },
            ]
            // AWS refuses the stack at creation otherwise; say so now, with the size.
            let size = (try? JSONSerialization.data(withJSONObject: document, options: [.withoutEscapingSlashes]).count) ?? 0
            guard size <= inlinePolicyLimit else {
                throw .invalidArgument(name: "permissions", reason: "the inline policy is \(size) characters, more than the \(inlinePolicyLimit) AWS allows a role")
            }
            properties["Policies"] = [["PolicyName": "ezbuilt-deploy", "PolicyDocument": document]]
        }
        let template: [String: Any] = [
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": "EZBuilt deployer role: trusted by account \(trustedAccount) with an external id",
            "Resources": [logicalID: ["Type": "AWS::IAM::Role", "Properties": properties]],
            "Outputs": [
                "RoleArn": [
                    "Description": "ARN to give EZBuilt (aws.roleArn)",
                    "Value": ["Fn::GetAtt": [logicalID, "Arn"]],
                ],
            ],
        ]
        do {
            let data = try JSONSerialization.data(withJSONObject: template, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            throw .invalidArgument(name: "template", reason: "cannot encode: \(error)")
        }
    }
}
