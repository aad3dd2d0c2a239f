import Foundation
import PlanModel

/// One attribute that no longer matches: what was applied (`old`) and what the real world
/// holds now (`new`), both redacted when sensitive.
public struct AttributeDrift: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Terraform-style path (`tags.Env`, `versioning_configuration[0].status`, `ingress`).
    public var path: String
    /// Value recorded at the last apply (for a set such as `ingress`: the elements removed).
    public var old: JSONValue
    /// Value found by the refresh (for a set: the elements added).
    public var new: JSONValue

    /// `path: old → new`.
    public var description: String { "\(path): \(old) → \(new)" }
}

/// A resource whose real state drifted from its configuration.
public struct DriftedResource: Sendable, Hashable, Codable {
    /// What happened to the resource.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Attributes changed outside Terraform.
        case changed
        /// The resource was deleted outside Terraform.
        case deleted
    }

    /// Full resource address.
    public var address: String
    /// Resource type.
    public var type: String
    /// Changed or deleted.
    public var kind: Kind
    /// The drifted attributes (empty for a deleted resource).
    public var attributes: [AttributeDrift]
}

/// The semantic drift of a stack: only differences where the world no longer matches what the
/// configuration says. Noise (null versus empty, server defaults, timestamps) is counted but
/// not reported.
public struct DriftReport: Sendable, Hashable, Codable {
    /// Drifted resources, sorted by address.
    public var resources: [DriftedResource]
    /// Differences Terraform reported that were judged noise (for diagnostics).
    public var ignoredDifferences: Int

    /// Whether anything drifted.
    public var hasDrift: Bool { !resources.isEmpty }

    /// Human-readable lines, one per drifted attribute (already redacted).
    public var lines: [String] {
        resources.flatMap { resource -> [String] in
            switch resource.kind {
            case .deleted: return ["\(resource.address): deleted outside Terraform"]
            case .changed: return resource.attributes.map { "\(resource.address).\($0.description)" }
            }
        }
    }
}
