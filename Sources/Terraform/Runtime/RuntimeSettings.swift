import EZBuiltCore
import Foundation

/// Everything about where and as whom a stack runs that must never be committed: region,
/// role, default tags, sandbox endpoints and the state backend.
///
/// Rendered by `OverrideWriter` into an override file in the workspace.
public struct RuntimeSettings: Sendable, Hashable {
    /// The role the provider assumes (the "Connect AWS" deployer role).
    public struct AssumeRole: Sendable, Hashable {
        /// ARN of the role.
        public var roleARN: String
        /// External id required by the role's trust policy (a secret: redacted from logs).
        public var externalID: String?
        /// Session name shown in CloudTrail.
        public var sessionName: String

        /// Creates a role to assume.
        public init(roleARN: String, externalID: String? = nil, sessionName: String = "ezbuilt") {
            self.roleARN = roleARN
            self.externalID = externalID
            self.sessionName = sessionName
        }
    }

    /// An S3 state backend.
    public struct S3Backend: Sendable, Hashable {
        /// Bucket holding the state.
        public var bucket: String
        /// Object key of the state.
        public var key: String
        /// Region of the bucket.
        public var region: String
        /// DynamoDB table used for locking (legacy); nil to use `useLockfile`.
        public var dynamoDBTable: String?
        /// Use the S3 lock file (Terraform ≥ 1.10) instead of DynamoDB.
        public var useLockfile: Bool

        /// Creates an S3 backend description.
        public init(bucket: String, key: String, region: String, dynamoDBTable: String? = nil, useLockfile: Bool = true) {
            self.bucket = bucket
            self.key = key
            self.region = region
            self.dynamoDBTable = dynamoDBTable
            self.useLockfile = useLockfile
        }
    }

    /// Where the state of a stack lives.
    public enum Backend: Sendable, Hashable {
        /// Local state file at this path (by default `dataDir/state/<stack>/terraform.tfstate`).
        case local(path: String)
        /// Remote state in S3.
        case s3(S3Backend)
    }

    /// Region of the default provider configuration (and of aliases without their own).
    public var region: String
    /// Role to assume, if any.
    public var assumeRole: AssumeRole?
    /// Tags added to every resource, merged with the code's own `default_tags` (runtime wins).
    public var defaultTags: [String: String]
    /// Endpoint of an AWS emulator (moto); nil for real AWS.
    public var sandboxEndpoint: URL?
    /// State backend.
    public var backend: Backend

    /// Creates runtime settings.
    public init(region: String, assumeRole: AssumeRole? = nil, defaultTags: [String: String] = [:],
                sandboxEndpoint: URL? = nil, backend: Backend) {
        self.region = region
        self.assumeRole = assumeRole
        self.defaultTags = defaultTags
        self.sandboxEndpoint = sandboxEndpoint
        self.backend = backend
    }

    /// The directory holding the local state of `stack` under `dataDirectory`
    /// (`dataDir/state/<stack>`; the stack id is made a safe single path component).
    public static func stateDirectory(dataDirectory: URL, stack: String) -> URL {
        dataDirectory.appendingPathComponent("state", isDirectory: true)
            .appendingPathComponent(SafeName.unique(stack), isDirectory: true)
    }

    /// The default local backend for `stack`.
    public static func localBackend(dataDirectory: URL, stack: String) -> Backend {
        .local(path: stateDirectory(dataDirectory: dataDirectory, stack: stack)
            .appendingPathComponent("terraform.tfstate").path)
    }

    /// Values that must never appear in a log line (the external id).
    public var secrets: [String] {
        [assumeRole?.externalID].compactMap { $0 }.filter { !$0.isEmpty }
    }
}
