import Foundation

/// The one plan model: a decoded, redacted Terraform plan, what Terraform's runner returns
/// (decoded once per plan), Policy checks, Cost prices and the deployer compares with the review.
///
/// Produced from `terraform show -json PLANFILE` (format_version 1.x) by ``decode(showJSON:)``.
/// Nested modules are flattened; every value Terraform marks sensitive is replaced by
/// ``Redaction/placeholder``; input variable values and configuration literals are not kept.
public struct PlanDocument: Sendable, Hashable {
    /// The plan format version, e.g. `1.2`.
    public var formatVersion: String
    /// The Terraform version that wrote the plan.
    public var terraformVersion: String?
    /// Every resource instance after apply (planned_values, all modules).
    public var resources: [PlannedResource]
    /// Every planned change (resource_changes).
    public var changes: [ResourceChange]
    /// Root module outputs, sensitive ones redacted.
    public var outputs: [PlanOutput]
    /// Resource instances as they are now (prior_state), i.e. what is deployed.
    public var priorResources: [PlannedResource]
    /// Configuration of each resource block, keyed by module-qualified block address.
    public var configuration: [String: ResourceConfiguration]
    /// Root module provider configurations.
    public var providers: [ProviderConfiguration]

    /// Creates a document (for tests and callers that build plans by hand).
    public init(
        formatVersion: String = "1.2", terraformVersion: String? = nil,
        resources: [PlannedResource] = [], changes: [ResourceChange] = [],
        outputs: [PlanOutput] = [], priorResources: [PlannedResource] = [],
        configuration: [String: ResourceConfiguration] = [:],
        providers: [ProviderConfiguration] = []
    ) {
        self.formatVersion = formatVersion
        self.terraformVersion = terraformVersion
        self.resources = resources
        self.changes = changes
        self.outputs = outputs
        self.priorResources = priorResources
        self.configuration = configuration
        self.providers = providers
    }

    /// The default (unaliased) `aws` provider's literal region, if any.
    public var region: String? {
        providers.first { $0.name == "aws" && $0.alias == nil }?.region
    }

    /// Managed resources only (data sources excluded).
    public var managedResources: [PlannedResource] {
        resources.filter { $0.mode == .managed }
    }

    /// The configuration block that produced `resource`, if the plan carried configuration.
    public func configuration(of resource: PlannedResource) -> ResourceConfiguration? {
        configuration[resource.configAddress]
    }

    /// The planned change for an instance address.
    public func change(for address: String) -> ResourceChange? {
        changes.first { $0.address == address }
    }

    /// The planned instance at an address.
    public func resource(_ address: String) -> PlannedResource? {
        resources.first { $0.address == address }
    }

    /// The root output named `name`.
    public func output(_ name: String) -> PlanOutput? {
        outputs.first { $0.name == name }
    }

    /// Counts of the changes to managed resources.
    public var counts: ChangeCounts { ChangeCounts(changes) }

    /// Decodes the output of `terraform show -json PLANFILE`.
    ///
    /// - Throws: ``PlanDecodingError`` naming the JSON path that is malformed.
    public static func decode(showJSON data: Data) throws -> PlanDocument {
        var secrets: [String] = []
        return try decode(showJSON: data, secrets: &secrets)
    }

    /// Decodes the output of `terraform show -json PLANFILE` (parsed once), and adds to
    /// `secrets` every clear-text value the document marks sensitive, for the log redactor
    /// only: changes' before/after, planned values, prior state, outputs and the values of
    /// variables the configuration declares sensitive. The document itself holds none.
    ///
    /// - Throws: ``PlanDecodingError`` naming the JSON path that is malformed.
    public static func decode(showJSON data: Data, secrets: inout [String]) throws -> PlanDocument {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw PlanDecodingError(.invalidJSON, path: "", detail: "not a JSON document")
        }
        let document = try decode(root)
        secrets += Array(Set(sensitiveStrings(root)))
        return document
    }

    private static func decode(_ root: JSONValue) throws -> PlanDocument {
        guard case .object = root else {
            throw PlanDecodingError(.unexpectedType, path: "", detail: "expected an object")
        }
        guard let version = root["format_version"]?.stringValue else {
            throw PlanDecodingError(.missingField, path: "format_version")
        }
        guard version.split(separator: ".").first == "1" else {
            throw PlanDecodingError(.unsupportedFormatVersion, path: "format_version", detail: version)
        }

        var unknownByAddress: [String: [String]] = [:]
        var changes: [ResourceChange] = []
        if let list = root["resource_changes"] {
            guard let elements = list.arrayValue else {
                throw PlanDecodingError(.unexpectedType, path: "resource_changes", detail: "expected an array")
            }
            for (offset, element) in elements.enumerated() {
                let change = try decodeChange(element, path: "resource_changes[\(offset)]")
                unknownByAddress[change.address] = change.afterUnknownPaths
                changes.append(change)
            }
        }

        var resources: [PlannedResource] = []
        if let module = root["planned_values"]?["root_module"] {
            try collectResources(
                module, path: "planned_values.root_module", unknown: unknownByAddress, into: &resources)
        }
        var prior: [PlannedResource] = []
        if let module = root["prior_state"]?["values"]?["root_module"] {
            try collectResources(
                module, path: "prior_state.values.root_module", unknown: [:], into: &prior)
        }

        var outputs: [PlanOutput] = []
        if let members = root["planned_values"]?["outputs"]?.objectValue {
            for name in members.keys.sorted() {
                let output = members[name] ?? .null
                let sensitive = output["sensitive"]?.boolValue ?? false
                var value = output["value"]
                if sensitive, value != nil {
                    value = .string(Redaction.placeholder)
                } else if let raw = value {
                    // Non-sensitive outputs can still contain values from sensitive attributes
                    // (Terraform refuses that at plan time, but be safe): apply marks if present.
                    value = Redaction.redact(raw, marks: root["output_changes"]?[name]?["after_sensitive"]).value
                }
                outputs.append(PlanOutput(name: name, value: value, sensitive: sensitive))
            }
        }

        var configuration: [String: ResourceConfiguration] = [:]
        var providers: [ProviderConfiguration] = []
        if let config = root["configuration"] {
            if let module = config["root_module"] {
                collectConfiguration(module, modulePath: nil, into: &configuration)
            }
            if let providerConfig = config["provider_config"]?.objectValue {
                for key in providerConfig.keys.sorted() {
                    guard let entry = providerConfig[key], entry["module_address"] == nil else { continue }
                    providers.append(
                        ProviderConfiguration(
                            name: entry["name"]?.stringValue ?? key,
                            alias: entry["alias"]?.stringValue,
                            fullName: entry["full_name"]?.stringValue,
                            region: entry["expressions"]?["region"]?["constant_value"]?.stringValue))
                }
            }
        }

        return PlanDocument(
            formatVersion: version,
            terraformVersion: root["terraform_version"]?.stringValue,
            resources: resources, changes: changes, outputs: outputs, priorResources: prior,
            configuration: configuration, providers: providers)
    }

    private static func decodeChange(_ element: JSONValue, path: String) throws -> ResourceChange {
        let address = try string(element, "address", path: path)
        let type = try string(element, "type", path: path)
        let name = try string(element, "name", path: path)
        let mode = ResourceMode(rawValue: element["mode"]?.stringValue ?? "managed") ?? .managed
        guard let change = element["change"], case .object = change else {
            throw PlanDecodingError(.missingField, path: path + ".change")
        }
        guard let actionList = change["actions"]?.arrayValue?.compactMap(\.stringValue),
            let action = ResourceChange.action(from: actionList)
        else {
            throw PlanDecodingError(.unexpectedType, path: path + ".change.actions", detail: "unknown action list")
        }
        let before = change["before"].flatMap { $0.isNull ? nil : Redaction.redact($0, marks: change["before_sensitive"]).value }
        let after = change["after"].flatMap { $0.isNull ? nil : Redaction.redact($0, marks: change["after_sensitive"]).value }
        let replacePaths = (change["replace_paths"]?.arrayValue ?? []).map { path in
            (path.arrayValue ?? []).map { $0.stringValue ?? $0.description }.joined(separator: ".")
        }
        return ResourceChange(
            address: address, moduleAddress: element["module_address"]?.stringValue, mode: mode,
            type: type, name: name, index: element["index"],
            providerName: element["provider_name"]?.stringValue ?? "", action: action,
            before: before, after: after,
            afterUnknownPaths: Redaction.markedPaths(change["after_unknown"]),
            replacePaths: replacePaths)
    }

    /// Every clear-text value `root` marks sensitive (see ``decode(showJSON:secrets:)``).
    private static func sensitiveStrings(_ root: JSONValue) -> [String] {
        var secrets: [String] = []
        for change in root["resource_changes"]?.arrayValue ?? [] {
            let body = change["change"] ?? .null
            secrets += (body["before"] ?? .null).sensitiveStrings(by: body["before_sensitive"])
            secrets += (body["after"] ?? .null).sensitiveStrings(by: body["after_sensitive"])
        }
        func walk(_ module: JSONValue?) {
            guard let module else { return }
            for resource in module["resources"]?.arrayValue ?? [] {
                secrets += (resource["values"] ?? .null).sensitiveStrings(by: resource["sensitive_values"])
            }
            for child in module["child_modules"]?.arrayValue ?? [] { walk(child) }
        }
        walk(root["planned_values"]?["root_module"])
        walk(root["prior_state"]?["values"]?["root_module"])
        for (_, change) in root["output_changes"]?.objectValue ?? [:] {
            let after = change["after"] ?? .null
            if change["after_sensitive"] == .bool(true) || change["before_sensitive"] == .bool(true) {
                secrets += after.allLeafStrings() + (change["before"] ?? .null).allLeafStrings()
            } else {
                secrets += after.sensitiveStrings(by: change["after_sensitive"])
            }
        }
        for (_, output) in root["planned_values"]?["outputs"]?.objectValue ?? [:] where output["sensitive"] == .bool(true) {
            secrets += (output["value"] ?? .null).allLeafStrings()
        }
        let declared = root["configuration"]?["root_module"]?["variables"]?.objectValue ?? [:]
        for (name, declaration) in declared where declaration["sensitive"] == .bool(true) {
            secrets += (root["variables"]?[name]?["value"] ?? .null).allLeafStrings()
        }
        return secrets
    }

    private static func collectResources(
        _ module: JSONValue, path: String, unknown: [String: [String]],
        into result: inout [PlannedResource]
    ) throws {
        if let list = module["resources"] {
            guard let elements = list.arrayValue else {
                throw PlanDecodingError(.unexpectedType, path: path + ".resources", detail: "expected an array")
            }
            for (offset, element) in elements.enumerated() {
                let elementPath = "\(path).resources[\(offset)]"
                let address = try string(element, "address", path: elementPath)
                let rawValues = element["values"] ?? .object([:])
                let redacted = Redaction.redact(rawValues, marks: element["sensitive_values"])
                result.append(
                    PlannedResource(
                        address: address,
                        moduleAddress: module["address"]?.stringValue,
                        mode: ResourceMode(rawValue: element["mode"]?.stringValue ?? "managed") ?? .managed,
                        type: try string(element, "type", path: elementPath),
                        name: try string(element, "name", path: elementPath),
                        index: element["index"],
                        providerName: element["provider_name"]?.stringValue ?? "",
                        values: redacted.value.objectValue ?? [:],
                        unknownPaths: unknown[address] ?? [],
                        sensitivePaths: redacted.paths))
            }
        }
        if let children = module["child_modules"]?.arrayValue {
            for (offset, child) in children.enumerated() {
                try collectResources(
                    child, path: "\(path).child_modules[\(offset)]", unknown: unknown, into: &result)
            }
        }
    }

    private static func collectConfiguration(
        _ module: JSONValue, modulePath: String?, into result: inout [String: ResourceConfiguration]
    ) {
        let prefix = modulePath.map { $0 + "." } ?? ""
        for element in module["resources"]?.arrayValue ?? [] {
            guard let type = element["type"]?.stringValue, let name = element["name"]?.stringValue else {
                continue
            }
            let mode = ResourceMode(rawValue: element["mode"]?.stringValue ?? "managed") ?? .managed
            let local = mode == .data ? "data.\(type).\(name)" : "\(type).\(name)"
            var references: [String: [String]] = [:]
            var constants = Set<String>()
            collectExpressions(
                element["expressions"], path: "", prefix: prefix, references: &references,
                constants: &constants)
            result[prefix + local] = ResourceConfiguration(
                address: prefix + local, modulePath: modulePath, mode: mode, type: type, name: name,
                references: references, constantPaths: constants)
        }
        for (name, call) in module["module_calls"]?.objectValue ?? [:] {
            if let child = call["module"] {
                collectConfiguration(child, modulePath: prefix + "module." + name, into: &result)
            }
        }
    }

    /// Walks an `expressions` object: leaves are `{constant_value}` / `{references}` objects,
    /// nested blocks are arrays of expression objects.
    private static func collectExpressions(
        _ expressions: JSONValue?, path: String, prefix: String,
        references: inout [String: [String]], constants: inout Set<String>
    ) {
        guard let members = expressions?.objectValue else { return }
        for (key, value) in members {
            let keyPath = JSONValue.join(path, key)
            switch value {
            case .array(let blocks):
                for (index, block) in blocks.enumerated() {
                    collectExpressions(
                        block, path: JSONValue.join(keyPath, String(index)), prefix: prefix,
                        references: &references, constants: &constants)
                }
            case .object(let leaf) where leaf["constant_value"] != nil || leaf["references"] != nil:
                if leaf["constant_value"] != nil { constants.insert(keyPath) }
                if let refs = leaf["references"]?.arrayValue?.compactMap(\.stringValue) {
                    references[keyPath] = refs.map { prefix + $0 }
                }
            case .object:
                collectExpressions(
                    value, path: keyPath, prefix: prefix, references: &references, constants: &constants)
            default:
                continue
            }
        }
    }

    private static func string(_ element: JSONValue, _ key: String, path: String) throws -> String {
        guard let value = element[key] else {
            throw PlanDecodingError(.missingField, path: "\(path).\(key)")
        }
        guard let text = value.stringValue else {
            throw PlanDecodingError(.unexpectedType, path: "\(path).\(key)", detail: "expected a string")
        }
        return text
    }
}
