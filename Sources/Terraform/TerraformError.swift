import Foundation

/// Everything that can go wrong while running Terraform for a stack, with what failed and where.
///
/// Errors carry the stack, the path or the command so that the status branch, the API and the
/// log can say exactly what to fix; none of them ever carries a secret.
public enum TerraformError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `terraform`/`tofu` binary was found at the configured path or on `PATH`.
    case binaryNotFound(searched: [String])
    /// The binary exists but `version -json` did not answer as expected.
    case versionUndetectable(path: String, detail: String)
    /// A file of the stack could not be read or written.
    case io(path: String, detail: String)
    /// The stack's Terraform directory is missing, not a directory, or a symlink.
    case invalidStackDirectory(path: String, reason: String)
    /// A Terraform command failed (non-zero exit). `stderrTail` is redacted.
    case commandFailed(command: String, exitCode: Int32, stderrTail: String)
    /// A Terraform command ran longer than its timeout and was stopped (SIGINT, then SIGKILL).
    case timedOut(command: String, after: Duration)
    /// A Terraform command was cancelled by the caller and stopped.
    case cancelled(command: String)
    /// A JSON document from Terraform could not be decoded.
    case decoding(what: String, detail: String)
    /// The state of a stack is locked by a live run (never cleared automatically).
    case stateLocked(path: String, holder: String)
    /// The state file is unreadable (not JSON); the latest snapshot is named when one exists.
    case stateCorrupt(path: String, snapshot: String?)
    /// The process could not be started.
    case launchFailed(executable: String, detail: String)
    /// An argument given by the user is invalid (named, with the reason).
    case invalidArgument(name: String, reason: String)
    /// The AWS role could not be assumed.
    case roleNotAssumable(roleARN: String, detail: String)
    /// The stack's code cannot be given the injected configuration with certainty (the HCL
    /// reader cannot read it, or a provider configuration would escape the injection): nothing runs.
    case codeRefused(file: String, line: Int, reason: String)
    /// Bubblewrap is missing or cannot create the confinement on this host: its own message
    /// and what to do.
    case confinementUnavailable(bubblewrap: String, detail: String, remedy: String)
    /// An apply failed because objects it was creating already exist outside the state, and
    /// they were not imported: each address with why (see `ImportRecovery`).
    case existingNotImported([ImportRecovery.Refusal])

    public var description: String {
        switch self {
        case .binaryNotFound(let searched):
            return "terraform binary not found (searched: \(searched.joined(separator: ", "))); install terraform or tofu, or set terraform.binary in the config"
        case .versionUndetectable(let path, let detail):
            return "could not detect the version of \(path): \(detail)"
        case .io(let path, let detail):
            return "\(path): \(detail)"
        case .invalidStackDirectory(let path, let reason):
            return "invalid stack directory \(path): \(reason)"
        case .commandFailed(let command, let exitCode, let stderrTail):
            return "`\(command)` failed with exit code \(exitCode): \(stderrTail)"
        case .timedOut(let command, let after):
            return "`\(command)` timed out after \(after) and was stopped"
        case .cancelled(let command):
            return "`\(command)` was cancelled and stopped"
        case .decoding(let what, let detail):
            return "could not decode \(what): \(detail)"
        case .stateLocked(let path, let holder):
            return "state \(path) is locked by a live run (\(holder))"
        case .stateCorrupt(let path, let snapshot):
            return "state \(path) is not readable JSON" + (snapshot.map { "; latest snapshot: \($0)" } ?? "")
        case .launchFailed(let executable, let detail):
            return "could not start \(executable): \(detail)"
        case .invalidArgument(let name, let reason):
            return "invalid \(name): \(reason)"
        case .roleNotAssumable(let roleARN, let detail):
            return "role \(roleARN) could not be assumed: \(detail)"
        case .codeRefused(let file, let line, let reason):
            return "\(file):\(line): \(reason); terraform was not run"
        case .confinementUnavailable(let bubblewrap, let detail, let remedy):
            return "terraform cannot run confined: bubblewrap (\(bubblewrap)): \(detail). To fix: \(remedy)"
        case .existingNotImported(let refusals):
            return "the apply failed: objects it was creating already exist and were not imported: "
                + refusals.map(\.description).joined(separator: "; ")
        }
    }
}
