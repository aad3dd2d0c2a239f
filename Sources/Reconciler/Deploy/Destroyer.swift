import Foundation
import Git
import Logging
import Store
import Terraform

/// Handles a stack removed from the deploy branch: destroys it when the repository allows
/// destroy, otherwise records `destroyPending` once and leaves the resources alone.
struct Destroyer: Sendable {
    let environment: ReconcilerEnvironment
    let repository: RepositoryContext

    /// `deployedCommit` is the deploy-branch commit whose Terraform is applied now: its code
    /// is what gets destroyed.
    func remove(_ stack: StackLayout, deployedCommit: ObjectID, deploymentID: Int64) async throws {
        let store = environment.store
        guard var deployment = try await store.deployment(id: deploymentID), deployment.status == .queued else { return }
        let forge = ForgeStatuses(environment: environment, repository: repository)
        guard repository.config.allowDestroy else {
            deployment.status = .destroyPending
            deployment.finishedAt = Date()
            deployment.error = "destroy pending (not allowed by config): set allowDestroy: true for \(repository.id) to destroy it"
            try await store.updateDeployment(deployment)
            try await store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .destroyPending,
                                     detail: "removed from \(repository.config.deployBranch); destroy not allowed by config")
            await forge.post(deployment.commit, stackID: stack.id, .failure, "destroy pending: not allowed by config (allowDestroy)")
            await StatusReporter(environment: environment, repository: repository)
                .report(stack, message: "deploy(\(stack.id)): destroy pending (not allowed by config)")
            return
        }
        var logger = environment.logger
        logger[metadataKey: "stack"] = "\(stack.id)"
        logger[metadataKey: "deployment"] = "\(deploymentID)"
        let log = try await environment.startRun(stackID: stack.id, kind: .deployment)
        deployment.runId = log.runId
        deployment.status = .running
        deployment.startedAt = Date()
        try await store.updateDeployment(deployment)
        try await store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .destroying, detail: "removed from \(repository.config.deployBranch)")
        await forge.post(deployment.commit, stackID: stack.id, .pending, "destroying \(stack.id)")
        var interrupted = false
        do {
            let files = StackFiles(try await repository.terraformFiles(stack, at: deployedCommit))
            let result = try await StackRun.with(files.target(stack), setup: environment.terraform, repository: repository.config,
                                                 policy: environment.policy, sink: log, logger: logger) { run in
                try await run.runner.destroy(deployment: String(deploymentID))
            }
            deployment.status = .destroyed
            deployment.snapshotPath = result.snapshot
            try await store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .destroyed,
                                     detail: "destroyed after removal from \(repository.config.deployBranch)", deployedCommit: .some(nil))
        } catch where error.isCancellation {
            interrupted = true
        } catch let error as TerraformError where error.isStateLocked {
            throw try await Deployer.requeue(&deployment, waitingFor: error, log: log, store: store)
        } catch {
            deployment.status = .destroyFailed
            deployment.error = "\(error)"
            try await store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .failed, detail: "destroy failed: \(error)")
        }
        if interrupted {
            deployment.status = .interrupted
            deployment.error = "the daemon stopped while destroying"
        }
        deployment.finishedAt = Date()
        try await store.updateDeployment(deployment)
        await log.finish(interrupted ? .interrupted : .finished)
        if case let (state, description)? = ForgeStatuses.deployment(deployment) {
            await forge.post(deployment.commit, stackID: stack.id, state, description)
        }
        if interrupted { throw CancellationError() }
        await StatusReporter(environment: environment, repository: repository).report(stack, message: Deployer.message(stack, deployment))
    }
}

extension Error {
    /// A cancelled task or an interrupted terraform command.
    var isCancellation: Bool {
        self is CancellationError || (self as? TerraformError)?.isCancellation == true
    }
}

extension TerraformError {
    var isCancellation: Bool {
        if case .cancelled = self { return true }
        return false
    }

    /// Another live terraform holds the state (for example one left running by a daemon that
    /// was killed): wait for it, never break its lock.
    /// A remote backend's lock (DynamoDB, or S3's lock file) is held when terraform says it
    /// cannot acquire it: another replica's terraform, left running when that replica died.
    var isStateLocked: Bool {
        switch self {
        case .stateLocked: true
        case .commandFailed(_, _, let stderrTail): stderrTail.contains("Error acquiring the state lock")
        default: false
        }
    }
}
