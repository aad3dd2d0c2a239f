import Foundation
import Git
import Logging
import Store
import Terraform

/// Runs `plan -refresh-only` on a deployed stack and reports drift as commits on the status
/// branch: new drift once, the same drift never again, and its resolution.
struct DriftChecker: Sendable {
    let environment: ReconcilerEnvironment
    let repository: RepositoryContext

    /// What a check found, for the caller to act on (remediation).
    enum Result: Sendable, Equatable {
        case clean, drifted, failed, skipped
    }

    /// What a check tells people, as a commit.
    enum Report: Equatable {
        /// Drift that differs from the last reported drift (or follows a clean check).
        case newDrift
        /// The drift reported before is gone.
        case resolved
        /// The check failed after one that did not (a failing check is reported once).
        case checkFailed
    }

    /// Whether `check` is worth a commit: new drift once, the same drift never again, its
    /// resolution once, a failing check once. `previous` is the last check of the same commit
    /// that did not fail; `lastAny` the last check of any kind.
    static func report(_ check: DriftCheckRecord, previous: DriftCheckRecord?, lastAny: DriftCheckRecord?) -> Report? {
        switch check.status {
        case .drifted:
            let sameAsBefore = previous?.status == .drifted
                && DriftReport.fingerprint(previous?.resources ?? []) == DriftReport.fingerprint(check.resources)
            return sameAsBefore ? nil : .newDrift
        case .clean:
            return previous?.status == .drifted ? .resolved : nil
        case .failed:
            return lastAny?.status == .failed ? nil : .checkFailed
        }
    }

    func check(_ stack: StackLayout) async throws -> Result {
        let store = environment.store
        guard let record = try await store.stack(id: stack.id), let deployedHex = record.deployedCommit,
              let deployed = ObjectID(deployedHex)
        else { return .skipped }
        var logger = environment.logger
        logger[metadataKey: "stack"] = "\(stack.id)"
        logger[metadataKey: "commit"] = "\(deployed.short)"
        let previous = try await store.driftChecks(stackId: stack.id, limit: 20).first { $0.status != .failed && $0.commit == deployedHex }
        let log = try await environment.startRun(stackID: stack.id, kind: .driftCheck)
        let started = Date()
        var check = DriftCheckRecord(runId: log.runId, stackId: stack.id, commit: deployedHex, status: .failed, checkedAt: started)
        do {
            let files = StackFiles(try await repository.terraformFiles(stack, at: deployed))
            let report = try await StackRun.with(files.target(stack), setup: environment.terraform, repository: repository.config,
                                                 policy: environment.policy, sink: log, logger: logger) { run in
                try await run.runner.drift()
            }
            check.resources = report.resources.map { resource in
                DriftedResource(address: resource.address, change: resource.kind.rawValue, attributes: resource.attributes.map {
                    DriftedAttribute(path: $0.path, expected: $0.old.description, actual: $0.new.description)
                })
            }
            check.status = report.hasDrift ? .drifted : .clean
        } catch where error.isCancellation {
            await log.finish(.interrupted)
            throw CancellationError()
        } catch let error as TerraformError where error.isStateLocked {
            log.note("skipped: \(error)")
            await log.finish(.finished)
            throw ReconcileFailure.transient(error.description)
        } catch {
            check.error = "\(error)"
            logger.warning("drift check failed", metadata: ["error": "\(error)"])
        }
        check.durationMs = Int(Date().timeIntervalSince(started) * 1000)
        log.note("drift check: \(check.status.rawValue)")
        await log.finish(.finished)

        let driftFile = StatusFiles.path(folder: "drift", repositoryID: repository.id, stackPath: stack.path, ext: "md")
        var message: String?
        var extra: [FileChange] = []
        switch Self.report(check, previous: previous, lastAny: try await store.driftChecks(stackId: stack.id, limit: 1).first) {
        case .newDrift:
            message = DriftReport.commitMessage(stackID: stack.id, resources: check.resources)
            extra = [.write(driftFile, DriftReport.markdown(stackID: stack.id, commit: deployedHex, check: check))]
        case .resolved:
            message = DriftReport.resolvedMessage(stackID: stack.id)
            extra = [.delete(path: driftFile)]
        case .checkFailed:
            message = "drift(\(stack.id)): check failed"
        case nil:
            break
        }
        check.reported = message != nil
        try await store.insertDriftCheck(check)
        environment.metrics.setDriftedStacks(try await store.stackCounts().drifted)
        if let message {
            await StatusReporter(environment: environment, repository: repository).report(stack, message: message, extra: extra)
        }
        logger.info("drift checked", metadata: ["status": "\(check.status.rawValue)", "reported": "\(check.reported)"])
        return switch check.status {
        case .clean: .clean
        case .drifted: .drifted
        case .failed: .failed
        }
    }
}
