import EZBuiltCore
import CLibgit2
import Foundation

/// The state shared with libgit2's remote callbacks during one fetch or push: the credentials and
/// how often they were asked for, the ref updates the remote reported, and the first Swift error,
/// which is stored here (never thrown across C) and rethrown after the C call returns.
final class RemoteSession {
    /// How many times the credential callback answers before giving up; libgit2 asks again after
    /// every refusal, so without a bound a wrong token loops forever.
    static let maxCredentialAttempts = 3

    let url: String
    let credentials: GitCredentials
    /// For a push: the remote ref being updated and the tip it must still have.
    var expectedUpdate: (ref: String, tip: ObjectID?)?
    private(set) var credentialAttempts = 0
    private(set) var rejectedRefs: [(ref: String, status: String)] = []
    private(set) var error: (any Error)?
    private var secretsSeen: [String] = []

    init(url: String, credentials: GitCredentials) {
        self.url = url
        self.credentials = credentials
    }

    /// The URL with any user info (which may hold a token) scrubbed.
    var displayURL: String { URLCredentials.scrub(url) }

    /// Removes every secret read during this session and the raw URL's user info from `text`.
    func scrub(_ text: String) -> String {
        var text = text
        if displayURL != url { text = text.replacingOccurrences(of: url, with: displayURL) }
        for secret in secretsSeen where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "***")
        }
        return text
    }

    /// Records the first error; later ones are consequences of it.
    func fail(_ error: any Error) {
        if self.error == nil { self.error = error }
    }

    /// Throws the stored error if there is one, else turns libgit2's error for `code` into one with
    /// secrets scrubbed. Call right after the C call returned.
    func rethrow(_ code: Int32, _ operation: String) throws {
        if let error { throw error }
        guard code < 0 else { return }
        if case .libgit2(let code, let klass, let message, _) = GitError.last(code, operation) {
            if code == GIT_EAUTH.rawValue {
                throw GitError.authenticationFailed(url: displayURL, attempts: credentialAttempts, reason: scrub(message))
            }
            throw GitError.libgit2(code: code, klass: klass, message: scrub(message), operation: scrub(operation))
        }
    }

    // MARK: Callbacks

    func acquireCredential(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>,
        usernameFromURL: String?,
        allowedTypes: UInt32
    ) -> Int32 {
        let allows = { (type: git_credential_t) in allowedTypes & type.rawValue != 0 }
        // SSH first asks only for a user name when the URL has none; that is not a try of the key.
        if case .sshKey = credentials, allows(GIT_CREDENTIAL_USERNAME), !allows(GIT_CREDENTIAL_SSH_KEY) {
            return git_credential_username_new(out, usernameFromURL ?? "git")
        }
        credentialAttempts += 1
        if credentialAttempts > Self.maxCredentialAttempts {
            fail(GitError.authenticationFailed(
                url: displayURL, attempts: Self.maxCredentialAttempts,
                reason: "the remote refused the credentials (\(credentials))"))
            return GIT_EUSER.rawValue
        }
        switch credentials {
        case .none:
            fail(GitError.authenticationFailed(
                url: displayURL, attempts: credentialAttempts,
                reason: "the remote asked for credentials and none are configured"))
            return GIT_EUSER.rawValue
        case .token(let envVar, let username):
            guard allows(GIT_CREDENTIAL_USERPASS_PLAINTEXT) else {
                fail(GitError.authenticationFailed(
                    url: displayURL, attempts: credentialAttempts,
                    reason: "the remote does not accept a user name and token (allowed types \(allowedTypes))"))
                return GIT_EUSER.rawValue
            }
            guard let token = GitCredentials.environment(envVar) else {
                fail(GitError.credentialsUnavailable(reason: "the token environment variable $\(envVar) is not set or empty"))
                return GIT_EUSER.rawValue
            }
            secretsSeen.append(token)
            return git_credential_userpass_plaintext_new(out, username, token)
        case .sshKey(let privateKeyPath, let publicKeyPath, let passphraseEnv):
            guard allows(GIT_CREDENTIAL_SSH_KEY) else {
                fail(GitError.authenticationFailed(
                    url: displayURL, attempts: credentialAttempts,
                    reason: "the remote does not accept an ssh key (allowed types \(allowedTypes))"))
                return GIT_EUSER.rawValue
            }
            var passphrase: String?
            if let passphraseEnv {
                passphrase = GitCredentials.environment(passphraseEnv)
                guard let passphrase else {
                    fail(GitError.credentialsUnavailable(reason: "the ssh key passphrase environment variable $\(passphraseEnv) is not set or empty"))
                    return GIT_EUSER.rawValue
                }
                secretsSeen.append(passphrase)
            }
            return git_credential_ssh_key_new(out, usernameFromURL ?? "git", publicKeyPath, privateKeyPath, passphrase)
        }
    }

    func negotiate(_ updates: UnsafeMutablePointer<UnsafePointer<git_push_update>?>?, count: Int) -> Int32 {
        guard let expected = expectedUpdate, let updates else { return 0 }
        for index in 0..<count {
            guard let update = updates[index]?.pointee, let dst = update.dst_refname,
                  String(cString: dst) == expected.ref else { continue }
            var current = update.src
            let remoteTip: ObjectID? = git_oid_is_zero(&current) == 1 ? nil : ObjectID(current)
            if remoteTip != expected.tip {
                fail(GitError.nonFastForward(
                    ref: expected.ref,
                    reason: "the remote is at \(remoteTip?.short ?? "nothing"), expected \(expected.tip?.short ?? "nothing")"))
                return GIT_EUSER.rawValue
            }
        }
        return 0
    }

    func updateReference(_ ref: String, status: String?) -> Int32 {
        if let status { rejectedRefs.append((ref, status)) }
        return 0
    }

    /// Callbacks wired to this session; valid while `payload` is.
    func callbacks(payload: UnsafeMutableRawPointer) -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = payload
        callbacks.credentials = { out, _, usernameFromURL, allowedTypes, payload in
            guard let out, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.acquireCredential(out, usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowedTypes: allowedTypes)
        }
        callbacks.transfer_progress = { _, payload in
            guard let payload else { return 0 }
            return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().checkCancellation()
        }
        callbacks.push_transfer_progress = { _, _, _, payload in
            guard let payload else { return 0 }
            return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().checkCancellation()
        }
        callbacks.push_negotiation = { updates, count, payload in
            guard let payload else { return 0 }
            return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().negotiate(updates, count: count)
        }
        callbacks.push_update_reference = { ref, status, payload in
            guard let payload, let ref else { return 0 }
            return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
                .updateReference(String(cString: ref), status: status.map { String(cString: $0) })
        }
        return callbacks
    }

    /// Stops a transfer when the task that started it was cancelled.
    func checkCancellation() -> Int32 {
        if Task.isCancelled {
            fail(CancellationError())
            return GIT_EUSER.rawValue
        }
        return 0
    }
}
