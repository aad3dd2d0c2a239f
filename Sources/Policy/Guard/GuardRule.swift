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
    /// A `module` block: a module's code is not among the stack's files, so it cannot be read.
    case moduleSource = "module-source"
    /// A `backend` or `cloud` block, or `data "terraform_remote_state"`: the daemon owns state.
    case backend
    /// A file-reading function (`file*`, `templatefile`, `templatestring`, `abspath`, `pathexpand`).
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
    /// A file Terraform would load that is not native HCL `.tf` (`.tf.json`, `.tfvars`,
    /// `.tftest.hcl`, state, lock files, …).
    case fileType = "file-type"
    /// A block type outside the allowlist for the file (`check`, `ephemeral`; `terraform`,
    /// `provider`, `variable` in a hand-written file).
    case blockNotAllowed = "block-not-allowed"
    /// A function call outside the allowlist of pure functions, provider-defined included.
    case functionNotAllowed = "function-not-allowed"
    /// A resource or data source type the guard does not know every argument of.
    case resourceTypeNotAllowed = "resource-type-not-allowed"
    /// A file larger than the guard reads.
    case oversized

    /// A short human description of the rule.
    public var summary: String {
        switch self {
        case .provisioner: return "provisioner blocks run commands on the server"
        case .externalData: return "data \"external\" runs a program on the server during plan"
        case .providerNotAllowed: return "provider outside the allowlist"
        case .providerConfiguration: return "provider argument that reads server files or redirects credentials"
        case .moduleSource: return "module blocks belong to the daemon"
        case .backend: return "backend, cloud and remote state belong to the daemon"
        case .fileFunction: return "function reading files on the machine running terraform"
        case .localFileArgument: return "argument uploading a server file with a path not a literal inside the stack"
        case .cliConfigFile: return "Terraform CLI configuration file in the stack"
        case .overrideFile: return "override file in the stack"
        case .forbiddenPath: return "file path outside the stack or in .terraform"
        case .syntax: return "file that cannot be parsed"
        case .fileType: return "Terraform file that is not native HCL .tf"
        case .blockNotAllowed: return "block type outside the allowlist"
        case .functionNotAllowed: return "function outside the allowlist of pure functions"
        case .resourceTypeNotAllowed: return "resource or data source type the guard does not know"
        case .oversized: return "file larger than the guard reads"
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
    /// Kept for configuration compatibility and ignored: modules are refused whatever their
    /// source, because their code is not among the stack's files the guard reads.
    public var allowedModuleRegistries: [String]

    /// Creates a configuration.
    public init(allowedProviders: [String] = ["aws"], allowedModuleRegistries: [String] = []) {
        self.allowedProviders = allowedProviders
        self.allowedModuleRegistries = allowedModuleRegistries
    }
}
