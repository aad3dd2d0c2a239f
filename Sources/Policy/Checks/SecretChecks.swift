import PlanModel

/// Hard-coded credentials: AWS access key ids anywhere in planned values, and secret
/// arguments written as literals in the source.
enum SecretChecks {
    /// Dotted paths and a masked form of every AWS access key id (AKIA/ASIA + 16) in a value.
    static func accessKeyIDs(in values: [String: JSONValue]) -> [String] {
        JSONValue.object(values).allStrings().compactMap { entry in
            containsAccessKeyID(entry.value) ? entry.path : nil
        }
    }

    static func containsAccessKeyID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return false }
        for start in 0...(bytes.count - 20) {
            let prefix = bytes[start..<start + 4]
            guard prefix.elementsEqual("AKIA".utf8) || prefix.elementsEqual("ASIA".utf8) else { continue }
            if start > 0, isKeyCharacter(bytes[start - 1]) { continue }
            let body = bytes[start + 4..<start + 20]
            guard body.allSatisfy(isKeyCharacter) else { continue }
            if start + 20 < bytes.count, isKeyCharacter(bytes[start + 20]) { continue }
            return true
        }
        return false
    }

    static func isKeyCharacter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Argument names that hold secrets.
    static let secretArguments: Set<String> = [
        "password", "master_password", "secret_key", "auth_token", "secret_string", "token",
        "api_key", "client_secret", "private_key", "access_key",
    ]

    static let checks: [SecurityCheck] = [
        SecurityCheck(
            definition: CheckDefinition(
                id: "EZB-SEC-001", trivyID: nil, checkovID: "CKV_SECRET_2", severity: .critical,
                title: "No AWS access key ids in the configuration",
                rationale: "A committed access key is a leaked access key: git history keeps it forever.",
                remediation: "Remove the key, rotate it now, and use IAM roles instead of long-lived keys.")
        ) { context in
            context.plan.resources.compactMap { resource in
                let paths = accessKeyIDs(in: resource.values)
                guard !paths.isEmpty else { return nil }
                return SecurityCheck.Failure(
                    address: resource.address,
                    message: "AWS access key id (AKIA…/ASIA…, value not shown) in \(paths.joined(separator: ", "))")
            }
        },
        SecurityCheck(
            definition: CheckDefinition(
                id: "EZB-SEC-002", trivyID: nil, checkovID: nil, severity: .high,
                title: "No literal passwords or secrets in the source",
                rationale: "A literal secret is stored in git and in Terraform state in clear text.",
                remediation: "Use manage_master_user_password, random_password with Secrets Manager, or a variable fed from a secret store.")
        ) { context in
            context.plan.resources.filter { $0.mode == .managed }.compactMap { resource in
                guard let config = context.plan.configuration(of: resource) else { return nil }
                let literal = config.constantPaths.sorted().filter { path in
                    let name = ResourceConfiguration.stripIndexes(path).split(separator: ".").last.map(String.init) ?? path
                    guard secretArguments.contains(name) else { return false }
                    guard let value = resource.value(at: path)?.stringValue else { return false }
                    return !value.isEmpty
                }
                guard !literal.isEmpty else { return nil }
                return SecurityCheck.Failure(
                    address: resource.address, message: "literal value for \(literal.joined(separator: ", ")) (value not shown)")
            }
        },
    ]
}
