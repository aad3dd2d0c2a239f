/// Where a stack's files live in the repository:
///
/// ```
/// <stack>/requirements.md          written by people
/// <stack>/terraform/*.tf           written by EZBuilt (header: generated, do not edit)
/// <stack>/terraform/spec.json      the spec it was generated from, with the input hash
/// <stack>/terraform/*.custom.tf    optional hand-written Terraform, never overwritten, always guarded
/// <stack>/PLAN.md                  the plan preview
/// ```
public struct StackLayout: Sendable, Hashable {
    public let repositoryID: String
    /// The stack directory (`""` for the repository root).
    public let path: String

    public init(repositoryID: String, path: String) {
        self.repositoryID = repositoryID
        self.path = path
    }

    public var id: String { StackDiscovery.stackID(repository: repositoryID, path: path) }
    public var requirements: String { StackDiscovery.join(path, StackDiscovery.requirementsFile) }
    public var terraformDirectory: String { StackDiscovery.join(path, "terraform") }
    public var planFile: String { StackDiscovery.join(path, "PLAN.md") }

    public func terraformFile(_ name: String) -> String { "\(terraformDirectory)/\(name)" }

    /// Hand-written Terraform that is included and never overwritten.
    public static func isCustom(_ name: String) -> Bool {
        name.hasSuffix(".custom.tf") || name.hasSuffix(".custom.tf.json")
    }

    /// Terraform source files (what a workspace may contain).
    public static func isTerraform(_ name: String) -> Bool {
        name.hasSuffix(".tf") || name.hasSuffix(".tf.json")
    }

    /// Whether a repository path belongs to this stack's inputs or outputs.
    public func owns(_ repositoryPath: String) -> Bool {
        repositoryPath == requirements || repositoryPath == planFile || repositoryPath.hasPrefix(terraformDirectory + "/")
    }
}
