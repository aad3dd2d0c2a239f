import Foundation
import Git
import Logging
import Store
import Terraform

/// Applies a stack at a deploy-branch commit, exactly as reviewed: the committed Terraform,
/// after proving it is what the committed requirements generate.
struct Deployer: Sendable {
    let environment: ReconcilerEnvironment
    let repository: RepositoryContext

    private var store: Store { environment.store }

    /// Runs the queued deployment `deploymentID` of `stack` at `commit`.
    func deploy(_ stack: StackLayout, commit: ObjectID, deploymentID: Int64) async throws {
        guard var deployment = try store.deployment(id: deploymentID), deployment.status == .queued else { return }
        var logger = environment.logger
        logger[metadataKey: "stack"] = "\(stack.id)"
        logger[metadataKey: "commit"] = "\(commit.short)"
        logger[metadataKey: "deployment"] = "\(deploymentID)"

        let log = try environment.startRun(stackID: stack.id, kind: .deployment)
        deployment.runId = log.runId
        deployment.status = .running
        deployment.startedAt = Date()
        try store.updateDeployment(deployment)
        try setStatus(stack, .deploying, "commit \(commit.short)")
        logger.info("deploying")

        let outcome: Outcome
        do {
            outcome = try await run(stack, commit: commit, deployment: deployment, log: log, logger: logger)
        } catch is CancellationError {
            outcome = .interrupted
        } catch let error as TerraformError where error.isStateLocked {
            // Back to the queue: the holder is alive; retry with backoff until it lets go.
            log.note("waiting: \(error)")
            log.finish(.finished)
            deployment.status = .queued
            deployment.runId = nil
            deployment.startedAt = nil
            try store.updateDeployment(deployment)
            throw ReconcileFailure.transient(error.description)
        } catch let error as TerraformError {
            if case .cancelled = error { outcome = .interrupted } else { outcome = .failed(error.description) }
        } catch {
            outcome = .failed("\(error)")
        }

        deployment.finishedAt = Date()
        switch outcome {
        case .applied(let counts, let snapshot):
            deployment.status = .succeeded
            deployment.counts = counts
            deployment.snapshotPath = snapshot
            try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .deployed,
                                     detail: "applied \(commit.short)", deployedCommit: .some(commit.description))
        case .stale(let reason):
            deployment.status = .stale
            deployment.error = reason
            try setStatus(stack, .stale, reason)
        case .blocked(let reason):
            deployment.status = .blocked
            deployment.error = reason
            try setStatus(stack, .blocked, reason)
        case .failed(let reason):
            deployment.status = .failed
            deployment.error = reason
            try setStatus(stack, .failed, reason)
        case .interrupted:
            deployment.status = .interrupted
            deployment.error = "the daemon stopped while this deployment was running"
            try setStatus(stack, .interrupted, "deployment \(deploymentID) interrupted")
        }
        log.note("deployment \(deployment.status.rawValue)" + (deployment.error.map { ": \($0)" } ?? ""))
        log.finish(outcome.isInterrupted ? .interrupted : .finished)
        try store.updateDeployment(deployment)
        logger.info("deployment finished", metadata: ["status": "\(deployment.status.rawValue)"])
        if outcome.isInterrupted { throw CancellationError() }
        await StatusReporter(environment: environment, repository: repository).report(stack, message: Self.message(stack, deployment))
    }

    private enum Outcome {
        case applied(PlanCounts, String?)
        case stale(String)
        case blocked(String)
        case failed(String)
        case interrupted

        var isInterrupted: Bool { if case .interrupted = self { true } else { false } }
    }

    private func run(_ stack: StackLayout, commit: ObjectID, deployment: DeploymentRecord, log: RunLog, logger: Logger) async throws -> Outcome {
        let requirements: Data
        do {
            guard let data = try await repository.requirements(stack, at: commit) else {
                return .failed("\(stack.requirements) is missing at \(commit.short)")
            }
            requirements = data
        } catch ReconcileFailure.stalled(let reason) {
            return .stale(reason)
        }
        let files = StackFiles(try await repository.terraformFiles(stack, at: commit))
        if let reason = verify(files, requirements: requirements, stack: stack) {
            log.note("not applied: \(reason)")
            return .stale(reason)
        }
        let inputs = files.terraformInputs(generated: files.generated)
        let guarded = inputs.map { (stack.terraformFile($0.path), $0.contents) }
        let refusals = environment.policy.guardFiles(guarded)
        guard refusals.isEmpty else {
            let reason = "the guard refused the code: " + refusals.map { "\($0.file ?? ""):\($0.line ?? 0): \($0.message)" }.joined(separator: "; ")
            return .failed(reason)
        }
        let runner = try environment.terraform.runner(stackID: stack.id, repository: repository.config, files: inputs, log: log, logger: logger)
        var succeeded = false
        defer { environment.terraform.workspaces.finish(runner.workspace, succeeded: succeeded) }
        try await runner.initialize()
        let plan = try await runner.plan()
        let review = environment.policy.review(planJSON: plan.showJSON, sources: guarded)
        if let banner = review.blockingBanner {
            succeeded = true
            return .blocked("policy: \(banner)")
        }
        let result = try await runner.apply(plan, deployment: String(deployment.id ?? 0))
        succeeded = true
        let counts = plan.summary.counts
        return .applied(PlanCounts(add: counts.create, change: counts.update, destroy: counts.delete, replace: counts.replace), result.snapshot)
    }

    /// Nil when the committed files are exactly what the committed requirements generate;
    /// otherwise why not (requirements changed after the proposal, or generated files edited).
    private func verify(_ files: StackFiles, requirements: Data, stack: StackLayout) -> String? {
        let generated = environment.generator.generate(requirements: requirements, options: GenerationSettings(defaultRegion: repository.config.aws.region))
        if generated.refused {
            return "requirements.md is refused by the generator; merge a proposal that passes"
        }
        if files.generated.isEmpty {
            return "no generated Terraform at this commit: requirements.md was merged before EZBuilt proposed it; push it to a branch and merge the proposal"
        }
        if let spec = files.generated[StackFiles.specFile], let recorded = Self.recordedInputHash(spec), recorded != generated.inputHash {
            return "stale: spec.json records requirements \(recorded.prefix(12)) but requirements.md is \(generated.inputHash.prefix(12)); merge the proposal made from these requirements"
        }
        for name in Set(files.generated.keys).union(generated.files.keys).sorted() where files.generated[name] != generated.files[name] {
            return files.generated[name] == nil
                ? "stale: \(stack.terraformFile(name)) is missing; merge the proposal made from these requirements"
                : "stale: \(stack.terraformFile(name)) is not what requirements.md generates (generated files are never edited by hand; put hand-written Terraform in *.custom.tf)"
        }
        return nil
    }

    /// The input hash spec.json records.
    static func recordedInputHash(_ spec: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: spec) as? [String: Any] else { return nil }
        return object["inputHash"] as? String
    }

    private func setStatus(_ stack: StackLayout, _ status: StackStatus, _ detail: String) throws {
        try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: status, detail: detail)
    }

    static func message(_ stack: StackLayout, _ deployment: DeploymentRecord) -> String {
        let commit = String(deployment.commit.prefix(10))
        switch deployment.status {
        case .succeeded: return "deploy(\(stack.id)): applied \(commit) (\(deployment.counts.map(Format.counts) ?? "no changes"))"
        case .destroyed: return "deploy(\(stack.id)): destroyed"
        default: return "deploy(\(stack.id)): \(deployment.status.rawValue) at \(commit)"
        }
    }
}
