import CLibgit2

/// An error from the git layer: either what libgit2 reported (`git_error_last()`, read right after
/// the failing call) or a typed case a caller is expected to handle (retry a push after a refetch,
/// report bad credentials, treat a missing path as absent).
///
/// No case ever carries a secret: URLs are scrubbed of user info and token values before they
/// get here.
public enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A libgit2 call failed: its return `code`, error class `klass` and message, and what EZBuilt
    /// was doing (`operation`, which names the repository path or the scrubbed remote URL).
    case libgit2(code: Int32, klass: Int32, message: String, operation: String)
    /// The remote branch `ref` moved since it was last fetched, so the push would not be a
    /// fast-forward. Retry: fetch, rebuild the commit on the new tip, push again.
    case nonFastForward(ref: String, reason: String)
    /// The remote refused to update `ref` for a reason other than a lost race (a hook, a
    /// protected branch). Retrying will not help.
    case pushRejected(ref: String, reason: String)
    /// The remote at `url` refused the credentials; the credential callback gave up after
    /// `attempts` tries.
    case authenticationFailed(url: String, attempts: Int, reason: String)
    /// The configured credentials cannot be used at all (an unset environment variable, a key file
    /// that does not exist); found before any network traffic.
    case credentialsUnavailable(reason: String)
    /// `path` does not exist in the tree of `commit` (or on disk, when `commit` is nil).
    case notFound(path: String, commit: ObjectID?)
    /// The object `id` is not in the repository (not fetched yet, or never existed).
    case objectNotFound(ObjectID)
    /// `path` was refused before touching the repository (absolute, `..`, `.git`, empty part, …).
    case invalidPath(path: String, reason: String)
    /// `path` exists but is a `kind` (symlink, submodule, directory), not a regular file; links
    /// are never followed.
    case notAFile(path: String, kind: TreeEntry.Kind)
    /// `path` exists but is a `kind`, not a directory.
    case notADirectory(path: String, kind: TreeEntry.Kind)
    /// The repository has no remote called `name` to fetch from or push to.
    case noRemote(name: String)
    /// `text` is not a 40-digit object id.
    case invalidObjectID(String)
    /// An argument was refused (a bad branch name, conflicting changes, a bad trailer).
    case invalidArgument(String)

    /// The libgit2 error code (`git_error_code`) this error corresponds to.
    public var code: Int32 {
        switch self {
        case .libgit2(let code, _, _, _): code
        case .nonFastForward, .pushRejected: GIT_ENONFASTFORWARD.rawValue
        case .authenticationFailed, .credentialsUnavailable: GIT_EAUTH.rawValue
        case .notFound, .objectNotFound, .noRemote: GIT_ENOTFOUND.rawValue
        case .invalidPath, .invalidObjectID, .invalidArgument: GIT_EINVALIDSPEC.rawValue
        case .notAFile, .notADirectory: GIT_EINVALID.rawValue
        }
    }

    /// The libgit2 error class (`git_error_t`), or `GIT_ERROR_NONE` for errors found by EZBuilt.
    public var klass: Int32 {
        switch self {
        case .libgit2(_, let klass, _, _): klass
        case .nonFastForward, .pushRejected: Int32(GIT_ERROR_REFERENCE.rawValue)
        case .authenticationFailed, .credentialsUnavailable: Int32(GIT_ERROR_NET.rawValue)
        default: Int32(GIT_ERROR_NONE.rawValue)
        }
    }

    /// What went wrong, in words.
    public var message: String {
        switch self {
        case .libgit2(_, _, let message, _): message
        case .nonFastForward(_, let reason): "not a fast-forward: \(reason)"
        case .pushRejected(_, let reason): "rejected by the remote: \(reason)"
        case .authenticationFailed(_, let attempts, let reason):
            "authentication failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason)"
        case .credentialsUnavailable(let reason): reason
        case .notFound(let path, let commit):
            commit.map { "\(path.debugDescription) does not exist at commit \($0.short)" } ?? "\(path.debugDescription) does not exist"
        case .objectNotFound(let id): "object \(id) is not in the repository"
        case .invalidPath(let path, let reason): "invalid path \(path.debugDescription): \(reason)"
        case .notAFile(let path, let kind): "\(path.debugDescription) is a \(kind), not a regular file (not followed)"
        case .notADirectory(let path, let kind): "\(path.debugDescription) is a \(kind), not a directory"
        case .noRemote(let name): "the repository has no remote named \(name.debugDescription)"
        case .invalidObjectID(let text): "\(text.debugDescription) is not a 40-digit git object id"
        case .invalidArgument(let text): text
        }
    }

    /// What EZBuilt was doing when the error happened.
    public var operation: String {
        switch self {
        case .libgit2(_, _, _, let operation): operation
        case .nonFastForward(let ref, _), .pushRejected(let ref, _): "push \(ref)"
        case .authenticationFailed(let url, _, _): "authenticate to \(url)"
        case .credentialsUnavailable: "prepare credentials"
        case .notFound(let path, let commit): commit == nil ? "open \(path)" : "read tree at \(commit?.short ?? "")"
        case .notAFile, .notADirectory, .invalidPath: "read tree"
        case .objectNotFound: "look up object"
        case .noRemote: "look up remote"
        case .invalidObjectID: "parse object id"
        case .invalidArgument: "check arguments"
        }
    }

    /// `operation: message`, as shown in logs and status reports.
    public var description: String { "git \(operation): \(message)" }

    /// Whether retrying after a fetch can succeed (the remote moved under us).
    public var isRetryableAfterFetch: Bool {
        if case .nonFastForward = self { return true }
        return false
    }

    /// Builds an error from `git_error_last()` for a call that returned `code`. Must be called
    /// right after the failing call, on the same thread, with nothing in between.
    static func last(_ code: Int32, _ operation: String) -> GitError {
        var klass = Int32(GIT_ERROR_NONE.rawValue)
        var message = "libgit2 error \(code)"
        if let error = git_error_last(), let text = error.pointee.message {
            klass = error.pointee.klass
            message = String(cString: text).trimmingTrailingWhitespace()
        }
        return .libgit2(code: code, klass: klass, message: message, operation: operation)
    }
}

/// Throws `GitError.last` when a libgit2 call returned a negative code.
@discardableResult
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Int32 {
    if code < 0 { throw GitError.last(code, operation()) }
    return code
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
