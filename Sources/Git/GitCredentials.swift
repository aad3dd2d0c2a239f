import Foundation

/// How to authenticate to a remote. Holds only *where* secrets are (an environment variable's
/// name, a key file's path), never a secret itself, so it can be logged, stored and sent across
/// tasks; the secret is read at the moment libgit2 asks for it.
public enum GitCredentials: Sendable, Hashable, CustomStringConvertible {
    /// No credentials: local paths, `file://`, anonymous https.
    case none
    /// HTTPS basic authentication with a token read from the environment variable `envVar` each
    /// time it is needed (`username` is what the host expects with a token, e.g. GitHub's
    /// `x-access-token`).
    case token(envVar: String, username: String = "x-access-token")
    /// SSH with a key pair on disk. The passphrase, if any, is read from `passphraseEnv`.
    case sshKey(privateKeyPath: String, publicKeyPath: String? = nil, passphraseEnv: String? = nil)

    /// Describes the credentials without any secret.
    public var description: String {
        switch self {
        case .none: "none"
        case .token(let envVar, let username): "token from $\(envVar) as \(username)"
        case .sshKey(let privateKeyPath, _, let passphraseEnv):
            "ssh key \(privateKeyPath)" + (passphraseEnv.map { " (passphrase from $\($0))" } ?? "")
        }
    }

    /// Checks, without network traffic, that the credentials can be used at all, so a
    /// misconfiguration fails at once with a message naming what is missing.
    public func validate() throws(GitError) {
        switch self {
        case .none:
            return
        case .token(let envVar, _):
            guard Self.environment(envVar) != nil else {
                throw .credentialsUnavailable(reason: "the token environment variable $\(envVar) is not set or empty")
            }
        case .sshKey(let privateKeyPath, let publicKeyPath, let passphraseEnv):
            guard FileManager.default.isReadableFile(atPath: privateKeyPath) else {
                throw .credentialsUnavailable(reason: "the ssh private key \(privateKeyPath) does not exist or is not readable")
            }
            if let publicKeyPath, !FileManager.default.isReadableFile(atPath: publicKeyPath) {
                throw .credentialsUnavailable(reason: "the ssh public key \(publicKeyPath) does not exist or is not readable")
            }
            if let passphraseEnv, Self.environment(passphraseEnv) == nil {
                throw .credentialsUnavailable(reason: "the ssh key passphrase environment variable $\(passphraseEnv) is not set or empty")
            }
        }
    }

    /// The value of an environment variable, `nil` when unset or empty.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}
