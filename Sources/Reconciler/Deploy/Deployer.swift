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
        guard var deployment = try await store.deployment(id: deploymentID), deployment.status == .queued else { return }
        var logger = environment.logger
        logger[metadataKey: "stack"] = "\(stack.id)"
        logger[metadataKey: "commit"] = "\(commit.short)"
        logger[metadataKey: "deployment"] = "\(deploymentID)"

        let log = try await environment.startRun(stackID: stack.id, kind: .deployment)
        deployment.runId = log.runId
        deployment.status = .running
        deployment.startedAt = Date()
        try await store.updateDeployment(deployment)
        try await setStatus(stack, .deploying, "commit \(commit.short)")
        let forge = ForgeStatuses(environment: environment, repository: repository)
        await forge.post(commit.description, stackID: stack.id, .pending, "deploying \(stack.id)")
        logger.info("deploying")

        let outcome: Outcome
        do {
            outcome = try await run(stack, commit: commit, deployment: deployment, log: log, logger: logger)
        } catch is CancellationError {
            outcome = .interrupted
        } catch let error as TerraformError where error.isStateLocked {
            throw try await Self.requeue(&deployment, waitingFor: error, log: log, store: store)
        } catch let error as TerraformError {
            if case .cancelled = error { outcome = .interrupted } else { outcome = .failed(error.description) }
        } catch {
            outcome = .failed("\(error)")
        }

        deployment.finishedAt = Date()
        // The stack's status is written after the deployment it reports on: whoever sees the
        // stack settle finds the deployment's outcome and reason already recorded.
        let status: StackStatus
        let detail: String
        var deployedCommit: String?? = .none
        switch outcome {
        case .applied(let counts, let snapshot):
            deployment.status = .succeeded
            deployment.counts = counts
            deployment.snapshotPath = snapshot
            (status, detail, deployedCommit) = (.deployed, "applied \(commit.short)", .some(commit.description))
        case .stale(let reason):
            deployment.status = .stale
            deployment.error = reason
            (status, detail) = (.stale, reason)
        case .unreviewed(let reason):
            deployment.status = .unreviewed
            deployment.error = reason
            (status, detail) = (.unreviewed, reason)
        case .needsApproval(let plan, let changes):
            deployment.status = .needsApproval
            deployment.pendingPlan = plan
            deployment.pendingChanges = changes
            deployment.error = "the plan changed after review; approve plan \(plan) to apply it"
            (status, detail) = (.needsApproval, "plan \(plan.prefix(12)) at \(commit.short) waits for approval")
        case .blocked(let reason):
            deployment.status = .blocked
            deployment.error = reason
            (status, detail) = (.blocked, reason)
        case .failed(let reason):
            deployment.status = .failed
            deployment.error = reason
            (status, detail) = (.failed, reason)
        case .interrupted:
            deployment.status = .interrupted
            deployment.error = "the daemon stopped while this deployment was running"
            (status, detail) = (.interrupted, "deployment \(deploymentID) interrupted")
        }
        log.note("deployment \(deployment.status.rawValue)" + (deployment.error.map { ": \($0)" } ?? ""))
        await log.finish(outcome.isInterrupted ? .interrupted : .finished)
        try await store.updateDeployment(deployment)
        try await store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: status,
                                 detail: detail, deployedCommit: deployedCommit)
        logger.info("deployment finished", metadata: ["status": "\(deployment.status.rawValue)"])
        if case let (state, description)? = ForgeStatuses.deployment(deployment) {
            await forge.post(commit.description, stackID: stack.id, state, description)
        }
        if outcome.isInterrupted { throw CancellationError() }
        await StatusReporter(environment: environment, repository: repository).report(stack, message: Self.message(stack, deployment))
    }

    /// Back to the queue: a live terraform holds the state (one left running by a killed
    /// daemon, say); the returned failure retries with backoff until it lets go.
    static func requeue(_ deployment: inout DeploymentRecord, waitingFor error: TerraformError, log: RunLog, store: Store) async throws -> ReconcileFailure {
        log.note("waiting: \(error)")
        await log.finish(.finished)
        deployment.status = .queued
        deployment.runId = nil
        deployment.startedAt = nil
        try await store.updateDeployment(deployment)
        return .transient(error.description)
    }

    private enum Outcome {
        case applied(PlanCounts, String?)
        case stale(String)
        case unreviewed(String)
        case needsApproval(plan: String, changes: [ResourceChangeEntry])
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
        let generated: GeneratedStack
        switch await verify(files, requirements: requirements, stack: stack) {
        case .failure(let problem):
            log.note("not applied: \(problem.reason)")
            return .stale(problem.reason)
        case .success(let stack):
            generated = stack
        }
        var reviewed: ProposalRecord?
        if repository.config.requireReview {
            switch try await review(of: stack, at: commit, files: files, generated: generated) {
            case .failure(let problem):
                log.note("not applied: \(problem.reason)")
                return .unreviewed(problem.reason)
            case .success(let proposal):
                reviewed = proposal
            }
        }
        do {
            return try await StackRun.with(files.target(stack), setup: environment.terraform, repository: repository.config,
                                           policy: environment.policy, sink: log, logger: logger) { run in
                let plan: SavedPlan
                if deployment.trigger == .approval, let approved = deployment.pendingPlan {
                    plan = try await run.runner.loadPlan(try PendingPlans(environment.terraform).read(stackID: stack.id, fingerprint: approved))
                    log.note("applying the plan \(approved.prefix(12)) approved by \(deployment.approvedBy ?? "an operator")")
                } else {
                    let (planned, review) = try await run.planAndReview()
                    if let banner = review.blockingBanner { return .blocked("policy: \(banner)") }
                    plan = planned
                    let changes = plan.document.changeEntries
                    if let reviewed, deployment.trigger != .remediation,
                       let unreviewed = Self.unreviewedChanges(planned: changes, reviewed: reviewed.changes ?? []) {
                        let fingerprint = try PendingPlans(environment.terraform).keep(plan.contents, stackID: stack.id)
                        log.note("the plan differs from the reviewed one (\(unreviewed.map { "\($0.action) \($0.address)" }.joined(separator: ", "))); waiting for approval of plan \(fingerprint.prefix(12))")
                        return .needsApproval(plan: fingerprint, changes: changes)
                    }
                }
                let result = try await run.runner.apply(plan, deployment: String(deployment.id ?? 0))
                let counts = plan.document.counts
                return .applied(PlanCounts(add: counts.create, change: counts.update, destroy: counts.delete, replace: counts.replace), result.snapshot)
            }
        } catch let refusal as StackRun.Refusal {
            return .failed(refusal.description)
        }
    }

    /// Changes a plan makes that its review did not show, nil when there are none. A plan may
    /// do less than was reviewed (an interrupted apply resumed): it never does anything else.
    static func unreviewedChanges(planned: [ResourceChangeEntry], reviewed: [ResourceChangeEntry]) -> [ResourceChangeEntry]? {
        let extra = Set(planned).subtracting(reviewed).sorted()
        return extra.isEmpty ? nil : extra
    }

    /// The proposal that showed exactly these inputs for review (see `ReviewVerification.review`).
    private func review(of stack: StackLayout, at commit: ObjectID, files: StackFiles, generated: GeneratedStack) async throws -> Result<ProposalRecord?, ReviewVerification.Problem> {
        let fingerprint = Fingerprint.proposal(generatorVersion: environment.generator.version, inputHash: generated.inputHash, files: files)
        let plan = try? await repository.git.readFile(stack.planFile, at: commit)
        let recorded = plan.flatMap { ProposalMarkdown.fingerprint(in: String(decoding: $0, as: UTF8.self)) }
        let proposal = recorded == fingerprint ? try await environment.store.reviewedProposal(stackId: stack.id, fingerprint: fingerprint) : nil
        if let problem = ReviewVerification.review(recorded: recorded, expected: fingerprint, proposed: proposal != nil, stack: stack,
                                                   commit: commit.short, customFiles: Array(files.custom.keys)) {
            return .failure(problem)
        }
        return .success(proposal)
    }

    /// The generation the committed files must equal, or why they do not (see
    /// `ReviewVerification.generation`).
    private func verify(_ files: StackFiles, requirements: Data, stack: StackLayout) async -> Result<GeneratedStack, ReviewVerification.Problem> {
        // A model's answer recorded in the reviewed spec.json is used again, never asked anew:
        // what is applied is what the proposal showed.
        let generated = await environment.generator.generate(requirements: requirements, options: GenerationSettings(defaultRegion: repository.config.aws(forStackID: stack.id).region),
                                                             context: GenerationContext(recordedSpec: files.generated[StackFiles.specFile]))
        if let problem = ReviewVerification.generation(committed: files, generated: generated, stack: stack) { return .failure(problem) }
        return .success(generated)
    }

    private func setStatus(_ stack: StackLayout, _ status: StackStatus, _ detail: String) async throws {
        try await store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: status, detail: detail)
    }

    static func message(_ stack: StackLayout, _ deployment: DeploymentRecord) -> String {
        let commit = String(deployment.commit.prefix(10))
        switch deployment.status {
        case .succeeded: return "deploy(\(stack.id)): applied \(commit) (\(deployment.counts.map(Format.counts) ?? "no changes"))"
        case .destroyed: return "deploy(\(stack.id)): destroyed"
        case .unreviewed: return "deploy(\(stack.id)): unreviewed \(commit): nothing applied"
        case .needsApproval: return "deploy(\(stack.id)): needs approval at \(commit): the plan changed after review"
        default: return "deploy(\(stack.id)): \(deployment.status.rawValue) at \(commit)"
        }
    }
}
