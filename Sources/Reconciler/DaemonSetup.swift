import EZBuiltConfiguration
import Foundation
import Logging
import Store
import Telemetry
import Terraform

/// Builds the reconciler's environment from the configuration: data directory, store,
/// terraform binary and the CLI configuration the daemon owns.
public enum DaemonSetup {
    /// The SQLite file in the data directory.
    public static func databasePath(_ config: EZBuiltConfig) -> String {
        URL(fileURLWithPath: config.dataDir).appendingPathComponent("ezbuilt.sqlite").path
    }

    /// Opens the configured store: the SQLite file in the data directory, or the PostgreSQL
    /// database whose URL is in the environment variable `store.postgres.urlEnv`; `redactor`
    /// (the daemon's) cleans every text written.
    public static func openStore(_ config: EZBuiltConfig, redactor: Redactor, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) async throws -> Store {
        switch config.store {
        case .sqlite:
            return try await Store(path: databasePath(config), redactor: redactor)
        case .postgres(let urlEnv, _):
            guard let url = environment[urlEnv], !url.isEmpty else {
                throw StoreError("store.postgres.urlEnv: the environment variable \(urlEnv) is not set (it holds the postgres:// URL)")
            }
            return try await Store(postgres: try PostgresSettings(url: url), redactor: redactor, logger: logger)
        }
    }

    /// With `store.postgres`, the replica's leases (several daemons share the store).
    public static func environment(config: EZBuiltConfig, store: Store, sandboxEndpoint: URL?, generator: (any StackGenerator)? = nil, policy: any ProposalPolicy, live: LiveLogs = LiveLogs(), metrics: EZBuiltMetrics = EZBuiltMetrics(), logger: Logger) async throws -> ReconcilerEnvironment {
        let setup = try await terraform(config: config, sandboxEndpoint: sandboxEndpoint, logger: logger, redactor: store.redactor)
        // Without `generator.llm` this is the rules alone: no network client is made.
        let generator = generator ?? ModelAssistedGenerator.configured(config, redactor: setup.redactor, logger: logger)
        var leases: ReplicaLeases?
        if case .postgres(_, let duration) = config.store {
            leases = ReplicaLeases(store: store, duration: duration, logger: logger)
        }
        return ReconcilerEnvironment(store: store, generator: generator, policy: policy, terraform: setup, live: live, metrics: metrics, leases: leases, logger: logger)
    }

    /// Creates the data directory (clones, state, database) readable by the daemon's user
    /// only, and makes an existing one so (installs before 0700 left it 0755).
    public static func createPrivateDataDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
    }

    /// The terraform binary, the CLI configuration the daemon owns, and where workspaces and
    /// state live (the single-stack commands use this alone).
    /// `redactor` is the daemon's (seeded from the configuration when not given).
    public static func terraform(config: EZBuiltConfig, sandboxEndpoint: URL?, logger: Logger,
                                 redactor: Redactor? = nil) async throws -> TerraformSetup {
        let dataDirectory = URL(fileURLWithPath: config.dataDir, isDirectory: true)
        try createPrivateDataDirectory(dataDirectory.path)
        let path = try TerraformBinary.locate(configuredPath: config.terraform.binary)
        let (binary, confinement) = try await confinement(config: config, terraform: path, logger: logger)
        let source: CLIConfiguration.ProviderSource = config.terraform.pluginDir.map { .filesystemMirror(path: $0) }
            ?? .registryWithCache(cacheDirectory: dataDirectory.appendingPathComponent("plugin-cache").path)
        // In the sandbox, AWS_ENDPOINT_URL catches any service the endpoint list misses: nothing
        // may ever reach real AWS from a sandboxed run.
        let cli = CLIConfiguration(providerSource: source, directory: dataDirectory.appendingPathComponent("terraform", isDirectory: true),
                                   passthroughEnvironment: sandboxEndpoint == nil ? Self.awsEnvironment : [],
                                   extraEnvironment: sandboxEndpoint.map { ["AWS_ENDPOINT_URL": $0.absoluteString] } ?? [:])
        var timeouts = TerraformOptions.Timeouts()
        timeouts.plan = config.terraform.timeout
        timeouts.apply = config.terraform.timeout
        timeouts.initialize = min(config.terraform.timeout, .seconds(600))
        let setup = TerraformSetup(
            options: TerraformOptions(binary: binary, cli: cli, timeouts: timeouts, confinement: confinement),
            workspaces: WorkspaceManager(root: dataDirectory.appendingPathComponent("workspaces", isDirectory: true)),
            dataDirectory: dataDirectory, sandboxEndpoint: sandboxEndpoint,
            redactor: redactor ?? DaemonSecrets.redactor(config: config))
        logger.info("terraform ready", metadata: ["binary": "\(binary.path)", "version": "\(binary.version)",
                                                  "confined": "\(confinement != nil)"])
        return setup
    }

    /// The terraform binary at `path` with its version, and the confinement every terraform run
    /// gets: probed once here (the version is read by that confined probe), so a host where
    /// bubblewrap is missing or cannot create namespaces stops the daemon at start with
    /// bubblewrap's own message and what to do, rather than failing every run. The confinement
    /// is nil only when the configuration says `terraform.confine: false`, which is logged as a
    /// warning.
    static func confinement(config: EZBuiltConfig, terraform path: String, logger: Logger) async throws(TerraformError) -> (TerraformBinary, Confinement?) {
        guard config.terraform.confine else {
            logger.warning("terraform runs unconfined (terraform.confine: false): the code of any branch can make terraform read the daemon's files and environment")
            return (try await TerraformBinary.detect(configuredPath: path), nil)
        }
        let confinement = Confinement()
        return (try await confinement.probe(terraform: path), confinement)
    }

    /// The daemon's own AWS identity, passed to terraform so it can assume the deployer roles.
    static let awsEnvironment = [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ]
}
