import Foundation
import PlanModel
import Subprocess

#if canImport(Glibc)
import Glibc
#endif

/// The `terraform` (or OpenTofu `tofu`) executable a daemon runs, with its detected version.
///
/// Found from the configured path, else by looking up `terraform` then `tofu` on `PATH`;
/// a missing binary is a clear, typed error rather than a failed spawn later.
public struct TerraformBinary: Sendable, Hashable {
    /// Which implementation answered `version -json`.
    public enum Flavor: String, Sendable, Hashable {
        case terraform
        case opentofu
    }

    /// Absolute path of the executable.
    public let path: String
    /// Version as printed by `version -json` (for example `1.11.4`).
    public let version: String
    /// Terraform or OpenTofu.
    public let flavor: Flavor

    /// Creates a binary description without running it (tests, or a version already known).
    public init(path: String, version: String, flavor: Flavor) {
        self.path = path
        self.version = version
        self.flavor = flavor
    }

    /// Finds the executable: `configuredPath` when given (a path, which must be executable, or
    /// a bare name such as `tofu`, looked up in `searchPath`), else `terraform` then `tofu` in
    /// the directories of `searchPath` (defaults to `$PATH`).
    public static func locate(configuredPath: String? = nil, searchPath: String? = nil) throws(TerraformError) -> String {
        var names = ["terraform", "tofu"]
        if let configuredPath, !configuredPath.isEmpty {
            if configuredPath.contains("/") {
                guard isExecutableFile(configuredPath) else {
                    throw .binaryNotFound(searched: [configuredPath])
                }
                return configuredPath
            }
            names = [configuredPath]
        }
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        var searched: [String] = []
        for name in names {
            for directory in path.split(separator: ":") where !directory.isEmpty {
                let candidate = String(directory) + "/" + name
                searched.append(candidate)
                if isExecutableFile(candidate) { return candidate }
            }
        }
        throw .binaryNotFound(searched: searched)
    }

    /// Locates the executable and detects its version with `version -json`.
    public static func detect(configuredPath: String? = nil, searchPath: String? = nil) async throws(TerraformError) -> TerraformBinary {
        let path = try locate(configuredPath: configuredPath, searchPath: searchPath)
        let output: String
        do {
            let result = try await Subprocess.run(
                .path(.init(path)),
                arguments: ["version", "-json"],
                environment: .custom(["CHECKPOINT_DISABLE": "1", "PATH": "/usr/bin:/bin"]),
                output: .string(limit: 64 * 1024),
                error: .discarded
            )
            guard result.terminationStatus.isSuccess else {
                throw TerraformError.versionUndetectable(path: path, detail: "exit \(result.terminationStatus)")
            }
            output = result.standardOutput
        } catch let error as TerraformError {
            throw error
        } catch {
            throw .versionUndetectable(path: path, detail: String(describing: error))
        }
        return try parseVersion(json: output, path: path)
    }

    /// Parses the output of `version -json` (Terraform prints `terraform_version`; OpenTofu
    /// prints the same key, and its binary is named `tofu`).
    static func parseVersion(json: String, path: String) throws(TerraformError) -> TerraformBinary {
        let value = try JSONValue.decode(Data(json.utf8), what: "\(path) version -json")
        guard let version = value["terraform_version"]?.stringValue, !version.isEmpty else {
            throw .versionUndetectable(path: path, detail: "no terraform_version in the output")
        }
        let flavor: Flavor = (path as NSString).lastPathComponent.hasPrefix("tofu") ? .opentofu : .terraform
        return TerraformBinary(path: path, version: version, flavor: flavor)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
