import EZBuiltCore
import Foundation
import Store

/// The files the status branch holds for one stack, and how they are rendered.
///
/// Layout: `stacks/<repository>/<path>.md` and `.json` (the stack at a repository's root is
/// `stacks/<repository>/_root.md`), and `drift/<repository>/<path>.md` while drift is open.
public enum StatusFiles {
    /// The path of a stack's file under `folder`, with `ext` (`md` or `json`).
    public static func path(folder: String, repositoryID: String, stackPath: String, ext: String) -> String {
        "\(folder)/\(repositoryID)/\(stackPath.isEmpty ? "_root" : stackPath).\(ext)"
    }

    /// A stack's status summary as Markdown.
    public static func markdown(_ snapshot: StackSnapshot) -> String {
        var out = "# \(snapshot.stack.id)\n\n"
        out += "**Status:** \(snapshot.stack.status.rawValue)"
        if let detail = snapshot.stack.statusDetail { out += " — \(Markdown.inline(detail))" }
        out += "  \n**Conditions:** " + snapshot.conditions.map { "\($0.type.rawValue)=\($0.status) (\($0.reason.rawValue))" }.joined(separator: ", ")
        out += "  \n**Updated:** \(Format.time(snapshot.stack.updatedAt))\n"
        if let commit = snapshot.stack.deployedCommit {
            out += "**Deployed commit:** `\(Format.shortCommit(commit))`\n"
        }
        if let proposal = snapshot.lastProposal {
            out += "\n## Last proposal\n\n"
            out += "| branch | commit | status | plan | when | took |\n|---|---|---|---|---|---|\n"
            out += "| \(Markdown.cell(proposal.branch)) | `\(Format.shortCommit(proposal.sourceCommit))` | \(proposal.status.rawValue) | \(proposal.plan.map(Format.counts) ?? "—") | \(Format.time(proposal.createdAt)) | \(proposal.durationMs.map { Format.duration(Double($0) / 1000) } ?? "—") |\n"
            if let error = proposal.error { out += "\n> \(Markdown.inline(error))\n" }
        }
        if let deployment = snapshot.lastDeployment {
            out += "\n## Last deployment\n\n"
            out += "| # | action | commit | status | changes | started | took |\n|---|---|---|---|---|---|---|\n"
            out += "| \(deployment.id.map(String.init) ?? "—") | \(deployment.action.rawValue) | `\(Format.shortCommit(deployment.commit))` | \(deployment.status.rawValue) | \(deployment.counts.map(Format.counts) ?? "—") | \(deployment.startedAt.map(Format.time) ?? "—") | \(deployment.duration.map(Format.duration) ?? "—") |\n"
            if let error = deployment.error { out += "\n> \(Markdown.inline(error))\n" }
            if deployment.status == .needsApproval, let plan = deployment.pendingPlan {
                out += "\n## Waiting for approval\n\n"
                out += "The plan made at the merge differs from the one reviewed in PLAN.md (the world moved since). "
                out += "Nothing is applied until someone approves exactly this plan:\n\n"
                out += "| action | resource |\n|---|---|\n"
                for change in deployment.pendingChanges ?? [] {
                    out += "| \(change.action) | \(Markdown.code(change.address, inTable: true)) |\n"
                }
                out += "\nPlan fingerprint: `\(plan)`. Approve it with "
                out += Markdown.code("POST /api/v1/stacks/\(snapshot.stack.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? snapshot.stack.id)/approve") + " "
                out += "and the body `{\"plan\": \"\(plan)\"}`, or merge a new proposal.\n"
            }
        }
        if let drift = snapshot.lastDrift {
            out += "\n## Drift\n\n"
            switch drift.status {
            case .clean: out += "No drift at the last check (\(Format.time(drift.checkedAt))).\n"
            case .failed: out += "The last check failed (\(Format.time(drift.checkedAt))): \(Markdown.inline(drift.error ?? "unknown error"))\n"
            case .drifted: out += DriftReport.table(drift.resources) + "\nChecked \(Format.time(drift.checkedAt)).\n"
            }
        }
        return out
    }

    /// A stack's status summary as JSON for tools (sorted keys, ISO 8601 dates).
    public static func json(_ snapshot: StackSnapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(snapshot)
        data.append(0x0A)
        return data
    }
}

/// Everything the status branch shows for one stack.
public struct StackSnapshot: Codable, Sendable, Equatable {
    public var stack: StackRecord
    /// Ready / Reconciling / Stalled, derived from the stack's status.
    public var conditions: [StackCondition]
    /// The commit of the latest deployment attempt, whatever its outcome.
    public var lastAttemptedCommit: String?
    public var lastProposal: ProposalRecord?
    public var lastDeployment: DeploymentRecord?
    public var lastDrift: DriftCheckRecord?

    public init(stack: StackRecord, lastProposal: ProposalRecord? = nil, lastDeployment: DeploymentRecord? = nil, lastDrift: DriftCheckRecord? = nil) {
        self.stack = stack
        conditions = stack.conditions
        lastAttemptedCommit = lastDeployment?.commit
        self.lastProposal = lastProposal
        self.lastDeployment = lastDeployment
        self.lastDrift = lastDrift
    }

    /// Reads a stack's latest records from the store.
    public static func load(stackID: String, from store: Store) async throws -> StackSnapshot? {
        guard let stack = try await store.stack(id: stackID) else { return nil }
        return StackSnapshot(
            stack: stack,
            lastProposal: try await store.proposals(stackId: stackID, limit: 1).first,
            lastDeployment: try await store.deployments(stackId: stackID, limit: 1).first,
            lastDrift: try await store.driftChecks(stackId: stackID, limit: 1).first)
    }
}

/// The drift report committed to the status branch.
public enum DriftReport {
    /// `drift(<stack>): 2 resources changed outside Terraform`.
    public static func commitMessage(stackID: String, resources: [DriftedResource]) -> String {
        let count = resources.count
        return "drift(\(stackID)): \(count) resource\(count == 1 ? "" : "s") changed outside Terraform"
    }

    /// `drift(<stack>): resolved`.
    public static func resolvedMessage(stackID: String) -> String {
        "drift(\(stackID)): resolved"
    }

    /// The report file: resource, attribute, expected → actual.
    public static func markdown(stackID: String, commit: String, check: DriftCheckRecord) -> String {
        var out = "# Drift in \(stackID)\n\n"
        out += "Deployed commit `\(Format.shortCommit(commit))`; checked \(Format.time(check.checkedAt)).\n"
        out += "These resources no longer match the Terraform that was applied:\n\n"
        out += table(check.resources)
        out += "\nTo undo the change, re-apply the deployed commit (`drift.remediate: true` does it automatically);"
        out += " to keep it, change requirements.md and merge the proposal.\n"
        return out
    }

    static func table(_ resources: [DriftedResource]) -> String {
        var out = "| resource | attribute | expected | actual |\n|---|---|---|---|\n"
        for resource in resources {
            if resource.attributes.isEmpty {
                out += "| \(Markdown.code(resource.address, inTable: true)) | (\(resource.change)) | — | — |\n"
            }
            for attribute in resource.attributes {
                out += "| \(Markdown.code(resource.address, inTable: true)) | \(Markdown.code(attribute.path, inTable: true)) | \(Markdown.cell(attribute.expected)) | \(Markdown.cell(attribute.actual)) |\n"
            }
        }
        return out
    }

    /// A fingerprint of what drifted, so the same drift is reported once.
    public static func fingerprint(_ resources: [DriftedResource]) -> String {
        resources.sorted { $0.address < $1.address }.map { resource in
            resource.address + "|" + resource.change + "|" + resource.attributes.sorted { $0.path < $1.path }
                .map { "\($0.path)=\($0.expected)>\($0.actual)" }.joined(separator: ",")
        }.joined(separator: "\n")
    }
}
