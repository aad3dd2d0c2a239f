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

    /// Runtime settings of a stack of `repository`: region (the stack's own, else the
    /// repository's), role, tags, emulator, backend.
    public func runtime(for repository: RepositoryConfig, stackID: String, region: String? = nil) -> RuntimeSettings {
        let aws = repository.aws(forStackID: stackID)
        let role = aws.assumeRole(sessionName: "ezbuilt")
        let backend: RuntimeSettings.Backend
        switch repository.state {
        case .local:
            backend = RuntimeSettings.localBackend(dataDirectory: dataDirectory, stack: stackID)
        case .s3(let bucket, let keyPrefix, let region, let table):
            backend = .s3(.init(bucket: bucket, key: "\(keyPrefix)/\(stackID)/terraform.tfstate", region: region,
                                dynamoDBTable: table, useLockfile: table == nil))
        }
        return RuntimeSettings(region: region ?? aws.region, assumeRole: role,
                               defaultTags: aws.defaultTags.merging(["ezbuilt:stack": stackID]) { mine, _ in mine },
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
}
