import Foundation
import PlanModel

/// IAM wildcard and administrator policies, and KMS key rotation.
enum IdentityChecks {
    /// An Allow statement reduced to its actions and resources.
    struct Statement {
        var actions: [String]
        var resources: [String]
    }

    static let inlinePolicyTypes: Set<String> = [
        "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy",
    ]

    /// Allow statements of a policy resource: the JSON `policy` string of inline and managed
    /// policies, a role's `inline_policy` blocks, or the `statement` blocks of
    /// `data.aws_iam_policy_document`. A role's trust policy is not a permission policy and is
    /// not read.
    static func allowStatements(_ resource: PlannedResource) -> [Statement] {
        if resource.type == "aws_iam_policy_document" {
            return (resource.value(at: "statement")?.blocks ?? []).compactMap { block in
                guard (block["effect"]?.stringValue ?? "Allow") == "Allow" else { return nil }
                return Statement(
                    actions: (block["actions"]?.arrayValue ?? []).compactMap(\.stringValue),
                    resources: (block["resources"]?.arrayValue ?? []).compactMap(\.stringValue))
            }
        }
        var documents = [resource.string("policy")]
        if resource.type == "aws_iam_role" {
            documents = (resource.value(at: "inline_policy")?.blocks ?? []).map { $0["policy"]?.stringValue }
        }
        return documents.compactMap { $0 }.flatMap(statements(inPolicyJSON:))
    }

    /// Allow statements of an IAM policy JSON document (unparseable text yields none: the
    /// provider rejects it before apply).
    static func statements(inPolicyJSON text: String) -> [Statement] {
        guard let data = text.data(using: .utf8), let document = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return []
        }
        let statements = document["Statement"].map { $0.arrayValue ?? [$0] } ?? []
        return statements.compactMap { statement in
            guard (statement["Effect"]?.stringValue ?? "") == "Allow" else { return nil }
            return Statement(actions: strings(statement["Action"]), resources: strings(statement["Resource"]))
        }
    }

    static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: return [text]
        case .array(let elements)?: return elements.compactMap(\.stringValue)
        default: return []
        }
    }

    static func isReadOnly(_ action: String) -> Bool {
        let verb = action.split(separator: ":").last.map(String.init) ?? action
        return ["Describe", "List", "Get"].contains { verb.hasPrefix($0) }
    }

    static let policyTypes = inlinePolicyTypes.union(["aws_iam_policy_document", "aws_iam_role"])

    static let checks: [SecurityCheck] = [
        SecurityCheck.perResource(
            policyTypes,
            CheckDefinition(
                id: "EZB-IAM-001", trivyID: "AWS-0057", checkovID: "CKV_AWS_63", severity: .high,
                title: "IAM policy does not allow wildcard actions",
                rationale: "\"*\" or \"service:*\" grants every current and future action, far beyond what the workload needs.",
                remediation: "List the specific actions the workload calls.")
            , includeData: true
        ) { resource, _ in
            let wild = allowStatements(resource).flatMap(\.actions).filter { $0 == "*" || $0.hasSuffix(":*") }
            return wild.isEmpty ? nil : "Allow statement with actions \(Array(Set(wild)).sorted().joined(separator: ", "))"
        },
        SecurityCheck.perResource(
            policyTypes,
            CheckDefinition(
                id: "EZB-IAM-002", trivyID: "AWS-0057", checkovID: "CKV_AWS_355", severity: .medium,
                title: "IAM policy does not allow write actions on every resource",
                rationale: "Resource \"*\" lets a write action touch every bucket, table or key in the account.",
                remediation: "Scope Resource to the ARNs the workload owns; keep \"*\" only for read-only Describe/List/Get.")
            , includeData: true
        ) { resource, _ in
            let broad = allowStatements(resource).filter { statement in
                statement.resources.contains("*") && statement.actions.contains { !isReadOnly($0) }
            }
            guard let first = broad.first else { return nil }
            return "Resource \"*\" with actions \(first.actions.prefix(5).joined(separator: ", "))"
        },
        SecurityCheck.perResource(
            ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment",
             "aws_iam_policy_attachment", "aws_iam_role"],
            CheckDefinition(
                id: "EZB-IAM-003", trivyID: nil, checkovID: "CKV_AWS_274", severity: .high,
                title: "AdministratorAccess is not attached",
                rationale: "A workload or user with AdministratorAccess can do anything, including removing audit trails.",
                remediation: "Attach a policy scoped to the workload instead of arn:aws:iam::aws:policy/AdministratorAccess.")
        ) { resource, _ in
            let arns = [resource.string("policy_arn")].compactMap { $0 }
                + (resource.value(at: "managed_policy_arns")?.arrayValue ?? []).compactMap(\.stringValue)
            return arns.contains { $0.hasSuffix(":policy/AdministratorAccess") } ? "attaches AdministratorAccess" : nil
        },
        SecurityCheck.perResource(
            ["aws_kms_key"],
            CheckDefinition(
                id: "EZB-KMS-001", trivyID: "AWS-0065", checkovID: "CKV_AWS_7", severity: .medium,
                title: "KMS key rotation is enabled",
                rationale: "Yearly rotation limits how much data one compromised key version protects.",
                remediation: "Set enable_key_rotation = true on symmetric keys.")
        ) { key, _ in
            let spec = key.string("customer_master_key_spec") ?? "SYMMETRIC_DEFAULT"
            guard spec == "SYMMETRIC_DEFAULT" else { return nil }
            return key.bool("enable_key_rotation") == true ? nil : "enable_key_rotation is not true"
        },
    ]
}
