import EZBuiltConfiguration
import Foundation
import Logging
import Terraform

/// What every terraform run of the daemon shares: the binary and its CLI configuration,
/// where workspaces and state live, and the sandbox endpoint when there is one.
public struct TerraformSetup: Sendable {
    public let options: TerraformOptions
    public let workspaces: WorkspaceManager
    public let dataDirectory: URL
    public let sandboxEndpoint: URL?
    /// The daemon's redactor; every run gets a child of it.
    public let redactor: Redactor

    public init(options: TerraformOptions, workspaces: WorkspaceManager, dataDirectory: URL, sandboxEndpoint: URL?,
                redactor: Redactor = Redactor()) {
        self.redactor = redactor
        self.options = options
        self.workspaces = workspaces
        self.dataDirectory = dataDirectory
        self.sandboxEndpoint = sandboxEndpoint
    }

    /// Runtime settings of a stack of `repository`: region, role, tags, emulator, backend.
    public func runtime(for repository: RepositoryConfig, stackID: String) -> RuntimeSettings {
        let role = repository.aws.roleArn.map { arn in
            RuntimeSettings.AssumeRole(
                roleARN: arn,
                externalID: repository.aws.externalId ?? repository.aws.externalIdEnv.flatMap { ProcessInfo.processInfo.environment[$0] },
                sessionName: "ezbuilt")
        }
        let backend: RuntimeSettings.Backend
        switch repository.state {
        case .local:
            backend = RuntimeSettings.localBackend(dataDirectory: dataDirectory, stack: stackID)
        case .s3(let bucket, let keyPrefix, let region, let table):
            backend = .s3(.init(bucket: bucket, key: "\(keyPrefix)/\(stackID)/terraform.tfstate", region: region,
                                dynamoDBTable: table, useLockfile: table == nil))
        }
        return RuntimeSettings(region: repository.aws.region, assumeRole: role,
                               defaultTags: repository.aws.defaultTags.merging(["ezbuilt:stack": stackID]) { mine, _ in mine },
                               sandboxEndpoint: sandboxEndpoint, backend: backend)
    }

    /// The message for files a workspace refused: each file and why, and what to do.
    public static func refusedFiles(_ skipped: [SkippedFile]) -> String {
        let limit = StackFileFilter.maximumFileSize / (1024 * 1024)
        let list = skipped.map { file in
            "\(file.path): \(file.reason.rawValue)" + (file.reason == .tooLarge ? " (\(limit) MiB)" : "")
        }.joined(separator: "; ")
        return "files refused: \(list). Nothing was run: shrink, rename or remove them"
    }

    /// A prepared workspace and runner for `files` (names inside the stack's `terraform/`).
    /// The caller must `finish` the workspace.
    func runner(stackID: String, repository: RepositoryConfig, files: [(path: String, contents: Data)], log: RunLog, logger: Logger) throws -> TerraformRunner {
        let workspace = try workspaces.create(stack: stackID, from: .files(files.map { ($0.path, $0.contents) }))
        // A file the stack lists but the workspace refused (too large, a reserved name) would
        // silently change what is planned: the run is refused instead, naming each file.
        guard workspace.skipped.isEmpty else {
            workspaces.finish(workspace, succeeded: true)
            throw TerraformError.invalidStackDirectory(path: stackID, reason: Self.refusedFiles(workspace.skipped))
        }
        let runner = TerraformRunner(options: options, runtime: runtime(for: repository, stackID: stackID),
                                     workspace: workspace, sink: log, redactor: Redactor(parent: redactor), logger: logger)
        do {
            try runner.prepare()
        } catch {
            workspaces.finish(workspace, succeeded: false)
            throw error
        }
        return runner
    }
}
