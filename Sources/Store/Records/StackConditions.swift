import Foundation

/// One condition of a stack, as Flux controllers keep them: a type, whether it holds, a typed
/// reason and a message for people.
public struct StackCondition: Codable, Sendable, Equatable {
    /// The three conditions every stack has.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// What the deploy branch asks for is applied.
        case ready = "Ready"
        /// EZBuilt is working on the stack (proposing, deploying, destroying, resuming).
        case reconciling = "Reconciling"
        /// Only a person can move the stack on (a refusal, a failed or unreviewed change, an
        /// approval, a pending destroy); EZBuilt will not retry until something changes.
        case stalled = "Stalled"
    }

    /// Why a condition holds or not.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        case applied = "Applied"
        case destroyed = "Destroyed"
        case awaitingMerge = "AwaitingMerge"
        case progressing = "Progressing"
        case interrupted = "Interrupted"
        case requirementsRefused = "RequirementsRefused"
        case applyFailed = "ApplyFailed"
        case staleGeneration = "StaleGeneration"
        case blockedByPolicy = "BlockedByPolicy"
        case unreviewed = "Unreviewed"
        case needsApproval = "NeedsApproval"
        case destroyPending = "DestroyPending"
    }

    public var type: Kind
    public var status: Bool
    public var reason: Reason
    public var message: String?

    public init(type: Kind, status: Bool, reason: Reason, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}

extension StackStatus {
    /// The reason behind the status, in condition terms.
    public var reason: StackCondition.Reason {
        switch self {
        case .deployed: .applied
        case .destroyed: .destroyed
        case .new, .proposed: .awaitingMerge
        case .proposing, .deploying, .destroying: .progressing
        case .interrupted: .interrupted
        case .refused: .requirementsRefused
        case .failed: .applyFailed
        case .stale: .staleGeneration
        case .blocked: .blockedByPolicy
        case .unreviewed: .unreviewed
        case .needsApproval: .needsApproval
        case .destroyPending: .destroyPending
        }
    }
}

extension StackRecord {
    /// Ready / Reconciling / Stalled, derived from the one status the recorder writes (so they
    /// can never disagree with it).
    public var conditions: [StackCondition] {
        let reason = status.reason
        let ready: Bool = switch status {
        case .deployed, .destroyed: true
        default: false
        }
        let reconciling: Bool = switch status {
        case .proposing, .deploying, .destroying, .interrupted: true
        default: false
        }
        let stalled: Bool = switch status {
        case .refused, .failed, .stale, .blocked, .unreviewed, .needsApproval, .destroyPending: true
        default: false
        }
        return [
            StackCondition(type: .ready, status: ready, reason: reason, message: ready ? statusDetail : nil),
            StackCondition(type: .reconciling, status: reconciling, reason: reason, message: reconciling ? statusDetail : nil),
            StackCondition(type: .stalled, status: stalled, reason: reason, message: stalled ? statusDetail : nil),
        ]
    }
}
