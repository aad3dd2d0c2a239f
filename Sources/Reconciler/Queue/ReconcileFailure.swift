import Git
import Terraform
import Foundation

/// How a failed reconcile is handled, after Flux's taxonomy.
public enum ReconcileFailure: Error, Sendable, CustomStringConvertible {
    /// Likely to pass on its own (network, lock held, emulator busy): retry with backoff.
    case transient(String)
    /// Not ready yet (a branch still moving, a proposal not caught up): requeue quietly.
    case waiting(String, retryAfter: Duration)
    /// Only a person can fix it (refused requirements, guard refusal, invalid code): report
    /// once and do not retry until the input changes.
    case stalled(String)

    /// How the queue treats `error`: a `ReconcileFailure` as it says; an error that the same
    /// input will always raise again (a git tree or path that is not there or not valid at a
    /// commit, a stack directory refused, an unreadable state, terraform that cannot run
    /// confined) is `.stalled`: reported once, not retried until the branch moves; anything
    /// else is `.transient`.
    public static func classify(_ error: any Error) -> ReconcileFailure {
        switch error {
        case let failure as ReconcileFailure:
            return failure
        case let error as GitError:
            switch error {
            case .notFound, .objectNotFound, .invalidPath, .notAFile, .notADirectory, .invalidObjectID, .invalidArgument:
                return .stalled(error.description)
            default:
                return .transient(error.description)
            }
        case let error as TerraformError:
            switch error {
            case .invalidStackDirectory, .invalidArgument, .stateCorrupt, .confinementUnavailable, .binaryNotFound, .existingNotImported:
                return .stalled(error.description)
            default:
                return .transient(error.description)
            }
        default:
            return .transient(String(describing: error))
        }
    }

    public var description: String {
        switch self {
        case .transient(let message): "transient: \(message)"
        case .waiting(let message, _): "waiting: \(message)"
        case .stalled(let message): "stalled: \(message)"
        }
    }
}

/// Exponential backoff with jitter for transient failures.
public struct Backoff: Sendable, Equatable {
    public var base: Duration
    public var cap: Duration
    /// The fraction of the delay that is randomised (0.2 = ±20 %), so that many stacks failing
    /// together do not retry together.
    public var jitter: Double

    public init(base: Duration = .seconds(5), cap: Duration = .seconds(600), jitter: Double = 0.2) {
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// The delay before retry number `attempt` (1 for the first retry).
    public func delay(attempt: Int, random: Double = Double.random(in: -1...1)) -> Duration {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let raw = min(seconds(base) * pow(2, exponent), seconds(cap))
        let jittered = raw * (1 + jitter * max(-1, min(1, random)))
        return .milliseconds(Int64(jittered * 1000))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
