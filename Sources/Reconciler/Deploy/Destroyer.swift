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
        guard var deployment = try store.deployment(id: deploymentID), deployment.status == .queued else { return }
        guard repository.config.allowDestroy else {
            deployment.status = .destroyPending
            deployment.finishedAt = Date()
            deployment.error = "destroy pending (not allowed by config): set allowDestroy: true for \(repository.id) to destroy it"
            try store.updateDeployment(deployment)
            try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .destroyPending,
                                     detail: "removed from \(repository.config.deployBranch); destroy not allowed by config")
            await StatusReporter(environment: environment, repository: repository)
                .report(stack, message: "deploy(\(stack.id)): destroy pending (not allowed by config)")
            return
        }
        var logger = environment.logger
        logger[metadataKey: "stack"] = "\(stack.id)"
        logger[metadataKey: "deployment"] = "\(deploymentID)"
        let log = try environment.startRun(stackID: stack.id, kind: .deployment)
        deployment.runId = log.runId
        deployment.status = .running
        deployment.startedAt = Date()
        try store.updateDeployment(deployment)
        try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .destroying, detail: "removed from \(repository.config.deployBranch)")
        var interrupted = false
        do {
            let files = StackFiles(try await repository.terraformFiles(stack, at: deployedCommit))
            let inputs = files.terraformInputs(generated: files.generated)
            let refusals = environment.policy.guardFiles(inputs.map { (stack.terraformFile($0.path), $0.contents) })
            guard refusals.isEmpty else {
                throw ReconcileFailure.stalled("the guard refused the deployed code: \(refusals.map(\.message).joined(separator: "; "))")
            }
            let runner = try environment.terraform.runner(stackID: stack.id, repository: repository.config, files: inputs, log: log, logger: logger)
            var succeeded = false
            defer { environment.terraform.workspaces.finish(runner.workspace, succeeded: succeeded) }
            try await runner.initialize()
            let result = try await runner.destroy(deployment: String(deploymentID))
            succeeded = true
            deployment.status = .destroyed
            deployment.snapshotPath = result.snapshot
            try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .destroyed,
                                     detail: "destroyed after removal from \(repository.config.deployBranch)", deployedCommit: .some(nil))
        } catch let error as TerraformError where error.isCancellation {
            interrupted = true
        } catch is CancellationError {
            interrupted = true
        } catch {
            deployment.status = .destroyFailed
            deployment.error = "\(error)"
            try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .failed, detail: "destroy failed: \(error)")
        }
        if interrupted {
            deployment.status = .interrupted
            deployment.error = "the daemon stopped while destroying"
        }
        deployment.finishedAt = Date()
        try store.updateDeployment(deployment)
        log.finish(interrupted ? .interrupted : .finished)
        if interrupted { throw CancellationError() }
        await StatusReporter(environment: environment, repository: repository).report(stack, message: Deployer.message(stack, deployment))
    }
}

extension TerraformError {
    var isCancellation: Bool {
        if case .cancelled = self { return true }
        return false
    }

    /// Another live terraform holds the state (for example one left running by a daemon that
    /// was killed): wait for it, never break its lock.
    var isStateLocked: Bool {
        if case .stateLocked = self { return true }
        return false
    }
}
