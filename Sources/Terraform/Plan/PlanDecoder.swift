import Foundation
import PlanModel

/// Decodes `terraform show -json PLANFILE` into a `PlanSummary`, redacting every sensitive
/// value, and collects those values for the log `Redactor`.
///
/// Sensitivity comes from `before_sensitive`/`after_sensitive` of each change, the
/// `sensitive_values` of planned values and prior state, output `sensitive` flags, and the
/// configuration's sensitive variables. The raw document never leaves this type.
public enum PlanDecoder {
    /// The redacted summary plus the clear-text secrets it contained (for the redactor only).
    public struct Decoded: Sendable {
        /// The redacted plan.
        public var summary: PlanSummary
        /// Every sensitive string seen in the document; never stored or logged.
        public var secrets: [String]
    }

    /// Decodes a plan document.
    public static func decode(_ data: Data) throws(TerraformError) -> Decoded {
        let document = try JSONValue.decode(data, what: "plan JSON")
        var secrets: [String] = []
        var changes: [ResourceChange] = []
        var counts = ChangeCounts()

        for change in document["resource_changes"]?.arrayValue ?? [] {
            let body = change["change"] ?? .null
            let actions = (body["actions"]?.arrayValue ?? []).compactMap(\.stringValue)
            let action = ResourceAction(terraformActions: actions)
            let before = body["before"] ?? .null
            let after = body["after"] ?? .null
            secrets += before.sensitiveStrings(by: body["before_sensitive"])
            secrets += after.sensitiveStrings(by: body["after_sensitive"])
            let mode = change["mode"]?.stringValue ?? "managed"
            if mode == "managed" {
                switch action {
                case .create: counts.create += 1
                case .update: counts.update += 1
                case .delete: counts.delete += 1
                case .replace: counts.replace += 1
                case .noOp, .read: counts.noOp += 1
                }
            }
            let unknown = (body["after_unknown"]?.objectValue ?? [:]).filter { $0.value != .bool(false) }.keys.sorted()
            let replacePaths = (body["replace_paths"]?.arrayValue ?? []).map { path in
                (path.arrayValue ?? []).map { $0.stringValue ?? $0.description }.joined(separator: ".")
            }
            changes.append(ResourceChange(
                address: change["address"]?.stringValue ?? "",
                mode: mode,
                type: change["type"]?.stringValue ?? "",
                name: change["name"]?.stringValue ?? "",
                providerName: change["provider_name"]?.stringValue ?? "",
                action: action,
                before: before.redacted(by: body["before_sensitive"]),
                after: after.redacted(by: body["after_sensitive"]),
                unknownAfter: unknown,
                replacePaths: replacePaths))
        }

        var planned: [String: JSONValue] = [:]
        if let root = document["planned_values"]?["root_module"] {
            collectResources(root) { address, values, mask in
                secrets += values.sensitiveStrings(by: mask)
                planned[address] = values.redacted(by: mask)
            }
        }
        if let prior = document["prior_state"]?["values"]?["root_module"] {
            collectResources(prior) { _, values, mask in secrets += values.sensitiveStrings(by: mask) }
        }

        var outputs: [String: PlanOutput] = [:]
        var outputsChange = false
        for (name, change) in document["output_changes"]?.objectValue ?? [:] {
            let body = change
            let sensitive = body["after_sensitive"] == .bool(true) || body["before_sensitive"] == .bool(true)
            let after = body["after"] ?? .null
            if sensitive {
                secrets += after.allLeafStrings() + (body["before"] ?? .null).allLeafStrings()
            } else {
                secrets += after.sensitiveStrings(by: body["after_sensitive"])
            }
            let unknown = body["after_unknown"] == .bool(true)
            outputs[name] = PlanOutput(value: sensitive ? .sensitive : after.redacted(by: body["after_sensitive"]),
                                       sensitive: sensitive, unknown: unknown)
            let actions = (body["actions"]?.arrayValue ?? []).compactMap(\.stringValue)
            if actions != ["no-op"] { outputsChange = true }
        }
        for (name, output) in document["planned_values"]?["outputs"]?.objectValue ?? [:] {
            if output["sensitive"] == .bool(true) {
                secrets += (output["value"] ?? .null).allLeafStrings()
                if outputs[name] == nil { outputs[name] = PlanOutput(value: .sensitive, sensitive: true, unknown: false) }
            }
        }
        secrets += sensitiveVariableValues(document)

        let summary = PlanSummary(
            terraformVersion: document["terraform_version"]?.stringValue ?? "",
            resourceChanges: changes,
            counts: counts,
            outputs: outputs,
            plannedValues: planned,
            outputsChange: outputsChange,
            errored: document["errored"]?.boolValue ?? false)
        return Decoded(summary: summary, secrets: Array(Set(secrets)))
    }

    /// Values of variables the configuration declares sensitive (the plan prints them in clear).
    static func sensitiveVariableValues(_ document: JSONValue) -> [String] {
        let declared = document["configuration"]?["root_module"]?["variables"]?.objectValue ?? [:]
        var result: [String] = []
        for (name, declaration) in declared where declaration["sensitive"] == .bool(true) {
            result += (document["variables"]?[name]?["value"] ?? .null).allLeafStrings()
        }
        return result
    }

    /// Calls `body` with (address, values, sensitive_values) for every resource of a module
    /// tree (`planned_values.root_module` or a state's `values.root_module`).
    static func collectResources(_ module: JSONValue, _ body: (String, JSONValue, JSONValue?) -> Void) {
        for resource in module["resources"]?.arrayValue ?? [] {
            body(resource["address"]?.stringValue ?? "", resource["values"] ?? .null, resource["sensitive_values"])
        }
        for child in module["child_modules"]?.arrayValue ?? [] {
            collectResources(child, body)
        }
    }
}
