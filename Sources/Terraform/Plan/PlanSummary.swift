import Foundation
import PlanModel

/// What Terraform will do to one resource.
public enum ResourceAction: String, Sendable, Hashable, Codable {
    case create
    case update
    case delete
    /// Delete and create (in either order).
    case replace
    case noOp = "no-op"
    /// Data source read.
    case read

    /// Maps Terraform's `actions` array (`["delete","create"]` and `["create","delete"]` are replace).
    init(terraformActions: [String]) {
        switch terraformActions {
        case ["create"]: self = .create
        case ["update"]: self = .update
        case ["delete"]: self = .delete
        case ["read"]: self = .read
        case ["delete", "create"], ["create", "delete"]: self = .replace
        default: self = .noOp
        }
    }
}

/// One resource change of a plan, with every sensitive value already redacted.
public struct ResourceChange: Sendable, Hashable, Codable {
    /// Full address (`module.x.aws_s3_bucket.data[0]`).
    public var address: String
    /// `managed` or `data`.
    public var mode: String
    /// Resource type (`aws_s3_bucket`).
    public var type: String
    /// Resource name in the configuration (`data`).
    public var name: String
    /// Provider address (`registry.terraform.io/hashicorp/aws`).
    public var providerName: String
    /// The planned action.
    public var action: ResourceAction
    /// Values before the change (null for create), redacted.
    public var before: JSONValue
    /// Planned values after the change (null for delete), redacted; unknown values are absent.
    public var after: JSONValue
    /// Top-level attribute names whose value is only known after apply.
    public var unknownAfter: [String]
    /// Attributes that force replacement, as Terraform paths.
    public var replacePaths: [String]
}

/// A root module output of a plan or an apply, redacted when sensitive.
public struct PlanOutput: Sendable, Hashable, Codable {
    /// The value (`.sensitive` when the output is sensitive; `.null` when unknown).
    public var value: JSONValue
    /// Whether the output is marked sensitive.
    public var sensitive: Bool
    /// Whether the value is only known after apply.
    public var unknown: Bool
}

/// Counts of a plan's actions on managed resources.
public struct ChangeCounts: Sendable, Hashable, Codable {
    /// Resources to create.
    public var create = 0
    /// Resources to update in place.
    public var update = 0
    /// Resources to delete.
    public var delete = 0
    /// Resources to replace.
    public var replace = 0
    /// Resources left unchanged.
    public var noOp = 0

    /// Creates counts.
    public init(create: Int = 0, update: Int = 0, delete: Int = 0, replace: Int = 0, noOp: Int = 0) {
        self.create = create
        self.update = update
        self.delete = delete
        self.replace = replace
        self.noOp = noOp
    }

    /// Whether the plan changes anything.
    public var hasChanges: Bool { create + update + delete + replace > 0 }
}

/// The decoded, redacted plan: what Policy and Cost read (plain values, no secrets).
public struct PlanSummary: Sendable, Hashable, Codable {
    /// Terraform version that produced the plan.
    public var terraformVersion: String
    /// Every resource change (managed and data), in Terraform's order.
    public var resourceChanges: [ResourceChange]
    /// Counts over managed resources.
    public var counts: ChangeCounts
    /// Root outputs after the plan.
    public var outputs: [String: PlanOutput]
    /// Planned values per managed resource address, redacted (what Policy and Cost read).
    public var plannedValues: [String: JSONValue]
    /// Whether any output changes.
    public var outputsChange: Bool
    /// Whether the plan was errored (Terraform's `errored`).
    public var errored: Bool

    /// Whether applying would change anything.
    public var hasChanges: Bool { counts.hasChanges || outputsChange }
}
