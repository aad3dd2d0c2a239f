import Foundation

/// The daemon's whole configuration, as read from its YAML file.
///
/// Values are validated when loaded; a value of this type is always usable. See
/// `Config/ezbuilt.example.yaml` for the annotated reference.
public struct EZBuiltConfig: Sendable, Equatable {
    /// Where clones, workspaces, state, snapshots and the database live.
    public var dataDir: String
    /// The HTTP listen address. Loopback by default: exposing the API is an explicit choice.
    public var listen: ListenAddress
    public var terraform: TerraformSettings
    public var defaults: Defaults
    /// When set, every stack talks to an AWS emulator instead of AWS.
    public var sandbox: SandboxSettings?
    /// Compliance presets, the blocking severity and the guard's allowlists.
    public var policy: PolicyConfig
    /// Who may read the HTTP API and act through it.
    public var auth = AuthSettings()
    /// The rules alone, or with a language model for what they do not understand.
    public var generator = GeneratorSettings()
    /// Where the records are kept: SQLite in `dataDir` (one daemon) or PostgreSQL (replicas).
    public var store: StoreSettings = .sqlite
    public var repositories: [RepositoryConfig]

    public init(
        dataDir: String = "/var/lib/ezbuilt",
        listen: ListenAddress = .init(host: "127.0.0.1", port: 8080),
        terraform: TerraformSettings = .init(),
        defaults: Defaults = .init(),
        sandbox: SandboxSettings? = nil,
        policy: PolicyConfig = PolicyConfig(),
        repositories: [RepositoryConfig] = []
    ) {
        self.dataDir = dataDir
        self.listen = listen
        self.terraform = terraform
        self.defaults = defaults
        self.sandbox = sandbox
        self.policy = policy
        self.repositories = repositories
    }

    /// The repository with this id.
    public func repository(id: String) -> RepositoryConfig? {
        repositories.first { $0.id == id }
    }
}

/// A host and port to listen on.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// True for 127.0.0.0/8, ::1 and `localhost`.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// How terraform is run.
public struct TerraformSettings: Sendable, Equatable {
    /// `terraform` or `tofu`, a name looked up on PATH or an absolute path.
    public var binary: String
    /// A filesystem mirror of providers (`-plugin-dir` layout); nil uses the registry.
    public var pluginDir: String?
    /// How many terraform runs may go at once across all repositories.
    public var parallelism: Int
    /// The longest one terraform command may run before it is interrupted.
    public var timeout: Duration
    /// Run every terraform process confined by bubblewrap (it sees only its workspace).
    /// Only an explicit `false` turns it off, with a warning at start.
    public var confine: Bool

    public init(binary: String = "terraform", pluginDir: String? = nil, parallelism: Int = 2, timeout: Duration = .seconds(1800),
                confine: Bool = true) {
        self.binary = binary
        self.pluginDir = pluginDir
        self.parallelism = parallelism
        self.timeout = timeout
        self.confine = confine
    }
}

/// Values every repository inherits unless it says otherwise.
public struct Defaults: Sendable, Equatable {
    public var pollInterval: Duration
    public var driftInterval: Duration
    public var region: String
    /// Most stacks one commit may hold; a push with more schedules nothing and says so.
    public var maxStacksPerPush: Int

    public init(pollInterval: Duration = .seconds(30), driftInterval: Duration = .seconds(3600), region: String = "us-east-1",
                maxStacksPerPush: Int = 200) {
        self.pollInterval = pollInterval
        self.driftInterval = driftInterval
        self.region = region
        self.maxStacksPerPush = maxStacksPerPush
    }
}

/// The AWS emulator used instead of AWS.
public struct SandboxSettings: Sendable, Equatable {
    /// An emulator that is already running; nil means the daemon starts `moto_server` itself.
    public var endpoint: URL?

    public init(endpoint: URL? = nil) {
        self.endpoint = endpoint
    }
}

/// One watched git repository.
public struct RepositoryConfig: Sendable, Equatable {
    /// A short, unique name: the first part of every stack id.
    public var id: String
    /// A remote URL (https, ssh, file://) or a local path.
    public var url: String
    /// Merges here are applied. Never written by the daemon.
    public var deployBranch: String
    /// Status reports are committed here.
    public var statusBranch: String
    /// Which `requirements.md` files are stacks, as a glob over repository paths.
    public var stacks: String
    public var credentials: GitCredentialSettings
    public var aws: AWSSettings
    /// Whether a stack removed from the deploy branch may be destroyed.
    public var allowDestroy: Bool
    /// Apply only what a proposal showed for review: files on the deploy branch that no
    /// proposal covered are `unreviewed`, and a plan that changed since waits for approval.
    public var requireReview: Bool
    public var drift: DriftSettings
    public var pollInterval: Duration
    /// Where terraform state is kept.
    public var state: StateBackendSettings
    /// The environment variable holding the webhook secret; webhooks are refused without one.
    public var webhookSecretEnv: String?
    /// Where commit statuses are posted (GitHub, GitLab, Gitea); nil posts none.
    public var forge: ForgeSettings?
    /// Most stacks one commit may hold (from `defaults.maxStacksPerPush` unless set here).
    public var maxStacksPerPush: Int = 200

    public init(
        id: String, url: String, deployBranch: String = "main", statusBranch: String = "ezbuilt/status",
        stacks: String = "**/requirements.md", credentials: GitCredentialSettings = .none,
        aws: AWSSettings = .init(region: "us-east-1"), allowDestroy: Bool = false, requireReview: Bool = true,
        drift: DriftSettings = .init(), pollInterval: Duration = .seconds(30),
        state: StateBackendSettings = .local, webhookSecretEnv: String? = nil, forge: ForgeSettings? = nil
    ) {
        self.id = id
        self.url = url
        self.deployBranch = deployBranch
        self.statusBranch = statusBranch
        self.stacks = stacks
        self.credentials = credentials
        self.aws = aws
        self.allowDestroy = allowDestroy
        self.requireReview = requireReview
        self.drift = drift
        self.pollInterval = pollInterval
        self.state = state
        self.webhookSecretEnv = webhookSecretEnv
        self.forge = forge
    }
}

/// How the daemon authenticates to a git remote. Secrets are named by environment variable,
/// never written in the config.
public enum GitCredentialSettings: Sendable, Equatable {
    case none
    /// An https token read from this environment variable at use.
    case token(env: String, username: String)
    /// An ssh private key file, with an optional passphrase from the environment.
    case sshKey(path: String, passphraseEnv: String?)
}

/// The AWS account a repository deploys into.
public struct AWSSettings: Sendable, Equatable {
    public var region: String
    /// The role assumed for every terraform run; nil uses the daemon's own credentials.
    public var roleArn: String?
    /// The external id for `roleArn`, given inline or through `externalIdEnv`.
    public var externalId: String?
    public var externalIdEnv: String?
    /// Tags added to every resource, on top of the ones the requirements name.
    public var defaultTags: [String: String]
    /// The regions stacks may ask for; nil allows any. A stack naming another is refused.
    public var allowedRegions: [String]?
    /// Other accounts for some stacks (`stacks: { "prod/**": { roleArn, region } }`), in the
    /// file's order; the first whose pattern matches a stack's path wins.
    public var stacks: [StackAccount]

    public init(region: String, roleArn: String? = nil, externalId: String? = nil, externalIdEnv: String? = nil, defaultTags: [String: String] = [:],
                allowedRegions: [String]? = nil, stacks: [StackAccount] = []) {
        self.region = region
        self.allowedRegions = allowedRegions
        self.roleArn = roleArn
        self.externalId = externalId
        self.externalIdEnv = externalIdEnv
        self.defaultTags = defaultTags
        self.stacks = stacks
    }

    /// These settings with `account` laid over them: its region, and its role with its own
    /// external id (a role never borrows another role's external id).
    public func overlaid(with account: StackAccount) -> AWSSettings {
        var settings = self
        if let region = account.region { settings.region = region }
        if let roleArn = account.roleArn {
            settings.roleArn = roleArn
            settings.externalId = account.externalId
            settings.externalIdEnv = account.externalIdEnv
        }
        if let regions = account.allowedRegions { settings.allowedRegions = regions }
        settings.stacks = []
        return settings
    }
}

/// The account and region of the stacks whose path matches `pattern` (a glob over stack
/// directories: `prod/**`), so one repository can deploy staging and production apart.
public struct StackAccount: Sendable, Equatable {
    /// Stack directories it applies to (`*` within a segment, `**` for any number of segments).
    public var pattern: String
    public var region: String?
    public var roleArn: String?
    public var externalId: String?
    public var externalIdEnv: String?
    public var allowedRegions: [String]?

    public init(pattern: String, region: String? = nil, roleArn: String? = nil, externalId: String? = nil, externalIdEnv: String? = nil,
                allowedRegions: [String]? = nil) {
        self.pattern = pattern
        self.region = region
        self.roleArn = roleArn
        self.externalId = externalId
        self.externalIdEnv = externalIdEnv
        self.allowedRegions = allowedRegions
    }
}

/// Drift detection for a repository's deployed stacks. On by default.
public struct DriftSettings: Sendable, Equatable {
    public var enabled: Bool
    public var interval: Duration
    /// Re-apply the deployed commit when drift is found.
    public var remediate: Bool

    public init(enabled: Bool = true, interval: Duration = .seconds(3600), remediate: Bool = false) {
        self.enabled = enabled
        self.interval = interval
        self.remediate = remediate
    }
}

/// Where the daemon keeps its records.
public enum StoreSettings: Sendable, Equatable {
    /// `dataDir/ezbuilt.sqlite`: one daemon.
    case sqlite
    /// A PostgreSQL database whose `postgres://` URL (with its password) is in this environment
    /// variable: several replicas may share it. Needs a remote state backend for every repository.
    /// A replica's claim on a stack's work lasts `leaseDuration` unless renewed (it is renewed
    /// every third of it while the work runs): a dead replica's work is taken over after that.
    case postgres(urlEnv: String, leaseDuration: Duration = StoreSettings.defaultLeaseDuration)

    /// How long a replica's claim lasts without renewal, unless configured.
    public static let defaultLeaseDuration: Duration = .seconds(60)
}

/// Where terraform state lives.
public enum StateBackendSettings: Sendable, Equatable {
    /// `dataDir/state/<stack>/terraform.tfstate`.
    case local
    /// An S3 bucket, keyed per stack under `keyPrefix`, locked by DynamoDB or an S3 lock file.
    case s3(bucket: String, keyPrefix: String, region: String, dynamodbTable: String?)
}
