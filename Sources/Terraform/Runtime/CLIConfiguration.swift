import Foundation
import HCL

/// The Terraform CLI configuration and environment the daemon owns.
///
/// Runs never read `~/.terraformrc`, inherited `TF_*` variables or the operator's AWS
/// profile: the environment of a run is built here, explicitly. Providers come either from a
/// filesystem mirror (unpacked layout: `init` links the provider directory into the
/// workspace, so a workspace costs kilobytes and parallel runs share nothing writable) or
/// from the registry through a shared `plugin_cache_dir` (whose `init`s are serialised by
/// `TerraformRunner`, because concurrent installs into one cache can corrupt it).
public struct CLIConfiguration: Sendable, Hashable {
    /// Where providers come from.
    public enum ProviderSource: Sendable, Hashable {
        /// A filesystem mirror in unpacked layout (`terraform.pluginDir`); no network.
        case filesystemMirror(path: String)
        /// The registry, with a shared cache directory.
        case registryWithCache(cacheDirectory: String)
    }

    /// Provider source.
    public var providerSource: ProviderSource
    /// Directory owned by the daemon for the CLI config file and the runs' `HOME`.
    public var directory: URL
    /// Names of variables copied from the daemon's own environment (for example
    /// `AWS_ACCESS_KEY_ID` for the base identity in production); nothing else is inherited.
    public var passthroughEnvironment: [String]
    /// Extra variables set for every run.
    public var extraEnvironment: [String: String]

    /// Creates a CLI configuration rooted at `directory` (typically `dataDir/terraform`).
    public init(providerSource: ProviderSource, directory: URL,
                passthroughEnvironment: [String] = [], extraEnvironment: [String: String] = [:]) {
        self.providerSource = providerSource
        self.directory = directory
        self.passthroughEnvironment = passthroughEnvironment
        self.extraEnvironment = extraEnvironment
    }

    /// Path of the CLI configuration file (`TF_CLI_CONFIG_FILE`).
    public var configFilePath: String { directory.appendingPathComponent("cli.tfrc").path }
    /// `HOME` of every run: a private directory, so no user configuration is picked up.
    public var homeDirectory: String { directory.appendingPathComponent("home").path }

    /// Whether `init` must be serialised (a shared plugin cache is not safe for concurrent installs).
    public var serializesInit: Bool {
        if case .registryWithCache = providerSource { return true }
        return false
    }

    /// The text of the CLI configuration file.
    public func render() -> String {
        var text = "# Written by EZBuilt; the only CLI configuration its runs read.\ndisable_checkpoint = true\n"
        switch providerSource {
        case .filesystemMirror(let path):
            text += """
            provider_installation {
              filesystem_mirror {
                path = \(HCLText.quoted(path))
              }
            }

            """
        case .registryWithCache(let cacheDirectory):
            text += "plugin_cache_dir = \(HCLText.quoted(cacheDirectory))\n"
            text += "plugin_cache_may_break_dependency_lock_file = true\n"
        }
        return text
    }

    /// Writes the CLI configuration file and creates `HOME` (and the cache directory).
    public func install() throws(TerraformError) {
        do {
            try FileManager.default.createDirectory(atPath: homeDirectory, withIntermediateDirectories: true)
            if case .registryWithCache(let cache) = providerSource {
                try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            }
            try Data(render().utf8).write(to: URL(fileURLWithPath: configFilePath), options: .atomic)
        } catch {
            throw .io(path: configFilePath, detail: "cannot write the CLI configuration: \(error)")
        }
    }

    /// The complete environment of a run: fixed automation settings, the sandbox's fake
    /// credentials when `sandbox` is set, the configured passthrough and extra variables.
    public func environment(sandbox: Bool, inherited: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment: [String: String] = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": homeDirectory,
            "TF_CLI_CONFIG_FILE": configFilePath,
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
            "AWS_EC2_METADATA_DISABLED": sandbox ? "true" : "false",
        ]
        for name in passthroughEnvironment {
            if let value = inherited[name] { environment[name] = value }
        }
        if sandbox {
            environment["AWS_ACCESS_KEY_ID"] = "test"
            environment["AWS_SECRET_ACCESS_KEY"] = "test"
            environment.removeValue(forKey: "AWS_PROFILE")
            environment.removeValue(forKey: "AWS_SESSION_TOKEN")
        }
        environment.merge(extraEnvironment) { _, new in new }
        return environment
    }
}
