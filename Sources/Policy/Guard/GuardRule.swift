/// The rules of the guard: what repository Terraform may not contain because it would run code
/// or read files on the server during `init`/`plan`, or take over the daemon's backend.
public enum GuardRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// A `provisioner` block (local-exec runs commands on the server).
    case provisioner
    /// `data "external"` runs a program during plan.
    case externalData = "external-data"
    /// A provider outside the allowlist (provider blocks, required_providers, resource types).
    case providerNotAllowed = "provider-not-allowed"
    /// A provider argument that points the provider at server files, other credentials or
    /// other endpoints (`shared_credentials_files`, `endpoints`, `profile`, …).
    case providerConfiguration = "provider-configuration"
    /// A module source that is neither a relative path inside the stack nor an allowlisted
    /// registry.
    case moduleSource = "module-source"
    /// A `backend` or `cloud` block, or `data "terraform_remote_state"`: the daemon owns state.
    case backend
    /// A file-reading function with a non-literal path, an absolute path, `~` or `..`.
    case fileFunction = "file-function"
    /// An AWS argument that uploads a server file (`aws_s3_object.source`, Lambda `filename`)
    /// with a path that is not a literal inside the stack.
    case localFileArgument = "local-file-argument"
    /// A Terraform CLI configuration file (`.terraformrc`, `terraform.rc`, `*.tfrc`).
    case cliConfigFile = "cli-config-file"
    /// An override file (`override.tf`, `*_override.tf`, and `.tf.json` forms).
    case overrideFile = "override-file"
    /// A file inside a `.terraform` directory or a path leaving the stack.
    case forbiddenPath = "forbidden-path"
    /// A file that cannot be parsed, so it cannot be proven safe.
    case syntax

    /// A short human description of the rule.
    public var summary: String {
        switch self {
        case .provisioner: return "provisioner blocks run commands on the server"
        case .externalData: return "data \"external\" runs a program on the server during plan"
        case .providerNotAllowed: return "provider outside the allowlist"
        case .providerConfiguration: return "provider argument that reads server files or redirects credentials"
        case .moduleSource: return "module source outside the stack and the allowed registries"
        case .backend: return "backend, cloud and remote state belong to the daemon"
        case .fileFunction: return "function reading server files with a path not a literal inside the stack"
        case .localFileArgument: return "argument uploading a server file with a path not a literal inside the stack"
        case .cliConfigFile: return "Terraform CLI configuration file in the stack"
        case .overrideFile: return "override file in the stack"
        case .forbiddenPath: return "file path outside the stack or in .terraform"
        case .syntax: return "file that cannot be parsed"
        }
    }
}

/// One refusal: which file, which line, which rule, and what was found.
public struct GuardViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path of the file relative to the stack root.
    public var file: String
    /// 1-based line (1 for rules about the whole file).
    public var line: Int
    /// The rule broken.
    public var rule: GuardRule
    /// What was found, e.g. `provisioner "local-exec" in resource null_resource.x`.
    public var message: String

    /// Creates a violation.
    public init(file: String, line: Int, rule: GuardRule, message: String) {
        self.file = file
        self.line = line
        self.rule = rule
        self.message = message
    }

    /// `file:line: [rule] message`.
    public var description: String { "\(file):\(line): [\(rule.rawValue)] \(message)" }
}

/// The guard's verdict on a stack's files.
public struct GuardReport: Sendable, Hashable, Codable {
    /// Every refusal, ordered by file then line.
    public var violations: [GuardViolation]

    /// Creates a report.
    public init(violations: [GuardViolation]) {
        self.violations = violations.sorted { ($0.file, $0.line, $0.rule.rawValue) < ($1.file, $1.line, $1.rule.rawValue) }
    }

    /// True when nothing was refused: terraform may run on these files.
    public var isApproved: Bool { violations.isEmpty }
}

/// What the guard allows beyond its fixed rules.
public struct GuardConfiguration: Sendable, Hashable, Codable {
    /// Provider local names allowed (each must come from `hashicorp/<name>`); default `aws`.
    public var allowedProviders: [String]
    /// Registry module source prefixes allowed, e.g. `terraform-aws-modules` or
    /// `registry.terraform.io/terraform-aws-modules/vpc/aws`; default none.
    public var allowedModuleRegistries: [String]

    /// Creates a configuration.
    public init(allowedProviders: [String] = ["aws"], allowedModuleRegistries: [String] = []) {
        self.allowedProviders = allowedProviders
        self.allowedModuleRegistries = allowedModuleRegistries
    }
}
