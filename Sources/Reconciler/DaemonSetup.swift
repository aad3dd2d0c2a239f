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
    /// database whose URL is in the environment variable `store.postgres.urlEnv`.
    public static func openStore(_ config: EZBuiltConfig, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) throws -> Store {
        switch config.store {
        case .sqlite:
            return try Store(path: databasePath(config))
        case .postgres(let urlEnv):
            guard let url = environment[urlEnv], !url.isEmpty else {
                throw StoreError("store.postgres.urlEnv: the environment variable \(urlEnv) is not set (it holds the postgres:// URL)")
            }
            return try Store(postgres: try PostgresSettings(url: url), logger: logger)
        }
    }

    public static func environment(config: EZBuiltConfig, store: Store, sandboxEndpoint: URL?, generator: any StackGenerator = RuleBasedGenerator(), policy: any ProposalPolicy, live: LiveLogs = LiveLogs(), metrics: EZBuiltMetrics = EZBuiltMetrics(), logger: Logger) async throws -> ReconcilerEnvironment {
        let setup = try await terraform(config: config, sandboxEndpoint: sandboxEndpoint, logger: logger)
        return ReconcilerEnvironment(store: store, generator: generator, policy: policy, terraform: setup, live: live, metrics: metrics, logger: logger)
    }

    /// The terraform binary, the CLI configuration the daemon owns, and where workspaces and
    /// state live (the single-stack commands use this alone).
    public static func terraform(config: EZBuiltConfig, sandboxEndpoint: URL?, logger: Logger) async throws -> TerraformSetup {
        let dataDirectory = URL(fileURLWithPath: config.dataDir, isDirectory: true)
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let binary = try await TerraformBinary.detect(configuredPath: config.terraform.binary)
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
            options: TerraformOptions(binary: binary, cli: cli, timeouts: timeouts),
            workspaces: WorkspaceManager(root: dataDirectory.appendingPathComponent("workspaces", isDirectory: true)),
            dataDirectory: dataDirectory, sandboxEndpoint: sandboxEndpoint)
        logger.info("terraform ready", metadata: ["binary": "\(binary.path)", "version": "\(binary.version)"])
        return setup
    }

    /// The daemon's own AWS identity, passed to terraform so it can assume the deployer roles.
    static let awsEnvironment = [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ]
}
