import Foundation
import PlanModel

/// A plan plus the relationship lookups checks need.
///
/// Relationships: many AWS settings live in companion resources (`aws_s3_bucket_versioning`
/// → `aws_s3_bucket`, `aws_flow_log` → `aws_vpc`). In a plan the target's id is usually
/// unknown until apply, so values alone cannot link them. A companion is related to a target
/// when either
/// 1. the configuration section shows the companion's attribute referring to the target's
///    block (`bucket = aws_s3_bucket.logs.id`); with `count`/`for_each` on both sides, an
///    explicit index in the reference (`aws_s3_bucket.b[1]`) must match the target's index,
///    and without one the indexes must be equal (the `count.index`/`each.key` pattern); or
/// 2. the companion's planned attribute value equals one of the target's known planned
///    values (`bucket = "my-bucket"` matching the bucket's `bucket`), which covers literal
///    names and plans without a configuration section.
struct PlanContext: Sendable {
    let plan: PlanDocument

    /// Whether the value at `path` cannot be judged from the plan: it is unknown until apply
    /// *because the configuration computes it* from something else. An attribute that is
    /// unknown only because the configuration does not set it (the provider marks many
    /// optional attributes computed) is judged by AWS's default, which the checks treat as an
    /// absent value: unencrypted, optional IMDS, no PITR. Without a configuration section
    /// nothing is known about how a value is set, so unknown means undecidable.
    func undecidable(_ resource: PlannedResource, _ path: String) -> Bool {
        guard resource.isUnknown(path) else { return false }
        guard let config = plan.configuration(of: resource) else { return true }
        let written = Set(config.references.keys).union(config.constantPaths)
        return written.contains { key in key == path || path.hasPrefix(key + ".") || key.hasPrefix(path + ".") }
    }

    /// Managed resources of one of the types.
    func resources(_ types: String...) -> [PlannedResource] {
        plan.resources.filter { $0.mode == .managed && types.contains($0.type) }
    }

    /// Companions of `target` among `types` whose `attribute` points at it.
    func companions(
        of target: PlannedResource, types: Set<String>, attribute: String, targetKeys: [String]
    ) -> [PlannedResource] {
        plan.resources.filter { candidate in
            candidate.mode == .managed && types.contains(candidate.type)
                && related(candidate, attribute: attribute, to: target, targetKeys: targetKeys)
        }
    }

    /// Whether `companion.attribute` refers to `target` (see the type's documentation).
    func related(
        _ companion: PlannedResource, attribute: String, to target: PlannedResource, targetKeys: [String]
    ) -> Bool {
        if let config = plan.configuration(of: companion) {
            let raw = config.references.filter { $0.key == attribute || $0.key.hasPrefix(attribute + ".") }
                .flatMap(\.value)
            let pointing = raw.filter { ResourceConfiguration.resourceAddress(inReference: $0) == target.configAddress }
            if !pointing.isEmpty {
                let explicit = pointing.compactMap { explicitIndex(in: $0, block: target.configAddress) }
                if let first = explicit.first {
                    return first == PlanContext.render(target.index)
                }
                if let companionIndex = companion.index, let targetIndex = target.index {
                    return companionIndex == targetIndex
                }
                return true
            }
        }
        if let value = companion.value(at: attribute)?.stringValue, !value.isEmpty,
            value != Redaction.placeholder
        {
            return targetKeys.contains { target.value(at: $0)?.stringValue == value }
        }
        return false
    }

    /// The literal index right after the block name in a reference, e.g. `0` or `"a"` in
    /// `aws_s3_bucket.b["a"].id`; nil for computed indexes.
    private func explicitIndex(in reference: String, block: String) -> String? {
        // Compare without the module prefix's own indexes: find the local type.name part.
        let local = block.split(separator: ".").suffix(block.hasPrefix("data.") || block.contains(".data.") ? 3 : 2)
            .joined(separator: ".")
        guard let range = reference.range(of: local + "[") else { return nil }
        let after = reference[range.upperBound...]
        guard let close = after.firstIndex(of: "]") else { return nil }
        let text = String(after[..<close])
        // Only literal keys count; `count.index` and `each.key` mean "the same instance".
        let isLiteral = Int(text) != nil || (text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\""))
        return isLiteral ? text : nil
    }

    static func render(_ index: JSONValue?) -> String? {
        switch index {
        case .number(let number)?: return String(Int(number))
        case .string(let text)?: return "\"\(text)\""
        default: return nil
        }
    }
}

extension PlannedResource {
    /// Whether tags, identifier or name say this is production.
    var looksLikeProduction: Bool {
        for (key, value) in tags where ["env", "environment", "stage", "tier"].contains(key.lowercased()) {
            if value.lowercased().hasPrefix("prod") { return true }
        }
        return false
    }
}
