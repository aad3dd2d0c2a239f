import Foundation

/// What one confined terraform process can see of the host's file system: everything else
/// is absent (not merely unreadable).
///
/// Paths are bound at the same place inside, so the absolute paths terraform writes (the
/// plan file, the local state, the `.terraform` links into the provider mirror) stay valid.
/// Paths that do not exist on the host are left out.
public struct ConfinementView: Sendable, Hashable {
    /// Files and directories bound read-only (the binary, the provider mirror, CA certificates).
    public var readOnly: [String]
    /// Directories bound read-write (the workspace, the stack's local state, the plugin cache).
    public var readWrite: [String]
    /// Directories replaced by an empty, private, writable tmpfs (the runs' `HOME`).
    public var privateDirectories: [String]

    /// Creates a view.
    public init(readOnly: [String] = [], readWrite: [String] = [], privateDirectories: [String] = []) {
        self.readOnly = readOnly
        self.readWrite = readWrite
        self.privateDirectories = privateDirectories
    }

    /// Host files every terraform needs whatever it runs: CA certificates (Debian, RHEL layouts)
    /// and name resolution. Nothing here holds a secret.
    public static let systemFiles = [
        "/etc/ssl/certs", "/usr/share/ca-certificates", "/etc/pki/tls/certs", "/etc/pki/ca-trust/extracted",
        "/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf",
    ]

    /// Library directories, bound only for a dynamically linked binary (terraform, tofu and
    /// providers are static Go binaries; a distribution's build may not be).
    public static let libraryDirectories = ["/lib", "/lib64", "/usr/lib", "/usr/lib64", "/etc/ld.so.cache"]

    /// Environment variables naming a file the AWS SDK reads (the daemon's base identity);
    /// those files are bound read-only when set.
    public static let awsFileVariables = ["AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE"]

    /// The bubblewrap mount arguments, parents before children so that a bind inside another
    /// (a workspace under `/tmp`, the snapshots read-only inside a writable state directory)
    /// lands on top of it.
    func mountArguments(exists: (String) -> Bool) -> [String] {
        enum Kind: Int { case privateDirectory, readWrite, readOnly }
        var mounts: [(path: String, kind: Kind, order: Int)] = []
        var seen: Set<String> = []
        func add(_ raw: String, _ kind: Kind) {
            let path = Self.normalized(raw)
            guard path.hasPrefix("/"), path != "/", !seen.contains(path), exists(path) || kind == .privateDirectory else { return }
            seen.insert(path)
            mounts.append((path, kind, mounts.count))
        }
        // Writable first: a path listed twice keeps its writable bind.
        readWrite.forEach { add($0, .readWrite) }
        privateDirectories.forEach { add($0, .privateDirectory) }
        readOnly.forEach { add($0, .readOnly) }
        let ordered = mounts.sorted {
            let depth = ($0.path.split(separator: "/").count, $1.path.split(separator: "/").count)
            return depth.0 != depth.1 ? depth.0 < depth.1 : $0.order < $1.order
        }
        var arguments: [String] = []
        for mount in ordered {
            switch mount.kind {
            case .readOnly: arguments += ["--ro-bind", mount.path, mount.path]
            case .readWrite: arguments += ["--bind", mount.path, mount.path]
            case .privateDirectory: arguments += ["--tmpfs", mount.path]
            }
        }
        return arguments
    }

    /// `path` made absolute-looking and free of `.`/`..` and trailing slashes.
    static func normalized(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
