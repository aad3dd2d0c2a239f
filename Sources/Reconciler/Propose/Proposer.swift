import Foundation
import Git
import Logging
import Store
import Terraform

/// Makes the proposal for one stack on one branch: generate → guard → validate → plan →
/// findings and cost → commit `terraform/*` and `PLAN.md` back onto the branch.
struct Proposer: Sendable {
    let environment: ReconcilerEnvironment
    let repository: RepositoryContext

    private var store: Store { environment.store }

    /// Proposes `stack` on the current tip of `branch`. Does nothing when the branch's PLAN.md
    /// already records the current fingerprint (the daemon's own commit, or nothing changed).
    func propose(_ stack: StackLayout, branch: String) async throws {
        precondition(branch != repository.config.deployBranch && branch != repository.config.statusBranch)
        let git = repository.git
        guard let tip = try await git.tip(of: branch) else { return }
        var logger = environment.logger
        logger[metadataKey: "stack"] = "\(stack.id)"
        logger[metadataKey: "branch"] = "\(branch)"
        logger[metadataKey: "commit"] = "\(tip.short)"

        guard let requirements = try await repository.requirements(stack, at: tip) else { return }
        let files = StackFiles(try await repository.terraformFiles(stack, at: tip))
        let settings = GenerationSettings(defaultRegion: repository.config.aws.region)
        let started = Date()
        let generated = environment.generator.generate(requirements: requirements, options: settings)
        let fingerprint = Fingerprint.proposal(generatorVersion: environment.generator.version, inputHash: generated.inputHash, custom: files.custom)
        if let plan = try? await git.readFile(stack.planFile, at: tip),
           ProposalMarkdown.fingerprint(in: String(decoding: plan, as: UTF8.self)) == fingerprint {
            return
        }

        logger.info("proposing")
        let log = try environment.startRun(stackID: stack.id, kind: .proposal)
        try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .proposing, detail: "branch \(branch)")
        var summary = ProposalSummary(
            stackID: stack.id, branch: branch, sourceCommit: tip.description, fingerprint: fingerprint,
            generatorVersion: environment.generator.version, refused: generated.refused,
            understood: generated.understood, diagnostics: generated.diagnostics,
            resources: generated.resources, customFiles: files.custom.keys.sorted())
        summary.diagnostics += files.ignored.map { DiagnosticEntry(severity: "warning", file: stack.terraformFile($0.name), message: "ignored: \($0.reason)") }
        var status: ProposalStatus = .proposed
        var failure: String?
        var runStatus = RunStatus.finished

        do {
            if generated.refused {
                log.note("requirements refused: \(generated.diagnostics.filter { $0.severity == "error" }.map(\.message).joined(separator: "; "))")
                status = .refused
            } else {
                try await check(&summary, files: files.terraformInputs(generated: generated.files), stack: stack, log: log, logger: logger)
                if summary.blockingBanner != nil { status = .blocked }
                if case .failed = summary.guardResult { status = .failed }
                if case .failed = summary.validation { status = .failed }
                if case .failed = summary.plan { status = .failed }
            }
        } catch is CancellationError {
            runStatus = .interrupted
            log.finish(runStatus)
            throw CancellationError()
        } catch {
            log.note("not proposed now: \(error)")
            log.finish(.finished)
            throw error
        }

        var changes: [FileChange] = []
        let newFiles = generated.refused ? [:] : generated.files
        for (name, contents) in newFiles.sorted(by: { $0.key < $1.key }) where files.generated[name] != contents {
            changes.append(.write(path: stack.terraformFile(name), contents: contents))
        }
        for name in files.generated.keys.sorted() where newFiles[name] == nil {
            changes.append(.delete(path: stack.terraformFile(name)))
        }
        // PLAN.md quotes terraform's errors and plan: nothing the daemon knows as secret may reach the branch.
        changes.append(.write(path: stack.planFile,
                              contents: Data(environment.terraform.redactor.redact(ProposalMarkdown.render(summary)).utf8)))

        var generatedCommit: ObjectID?
        do {
            let message = "ezbuilt: propose \(stack.id) (\(Self.headline(status, summary)))"
            let commit = try await git.commit(changes, onto: tip, author: environment.author.signature, message: message,
                                              trailers: [Trailer("EZBuilt-Generated-From", fingerprint)])
            try await git.push(commit: commit, to: branch, expectedRemoteTip: tip)
            generatedCommit = commit
            log.note("committed \(commit.short) to \(branch)")
        } catch let gitError as GitError where gitError.isRetryableAfterFetch {
            // Someone pushed meanwhile: their commit stands; propose again on the new tip.
            log.note("\(branch) moved while proposing; will propose again on the new tip")
            log.finish(.finished)
            try? await git.fetch()
            throw ReconcileFailure.waiting("\(branch) moved", retryAfter: .seconds(1))
        } catch {
            failure = "could not commit the proposal: \(error)"
            status = .failed
        }
        log.finish(runStatus)

        try store.insertProposal(ProposalRecord(
            runId: log.runId, stackId: stack.id, branch: branch, sourceCommit: tip.description,
            generatedCommit: generatedCommit?.description, inputHash: generated.inputHash, status: status,
            diagnostics: summary.diagnostics, validationPassed: summary.validation.passed, plan: summary.counts,
            error: failure, createdAt: started, durationMs: Int(Date().timeIntervalSince(started) * 1000)))
        let stackStatus: StackStatus = switch status {
        case .proposed: .proposed
        case .refused: .refused
        case .failed: .failed
        case .blocked: .blocked
        }
        try restoreOrSetStatus(stack, proposalStatus: stackStatus, branch: branch)
        logger.info("proposed", metadata: ["status": "\(status.rawValue)"])
    }

    /// guard → init → validate → plan → review, filling the summary. Terraform failures are
    /// results (they go into PLAN.md), not errors.
    private func check(_ summary: inout ProposalSummary, files: [(path: String, contents: Data)], stack: StackLayout, log: RunLog, logger: Logger) async throws {
        let guarded = files.map { (stack.terraformFile($0.path), $0.contents) }
        let refusals = environment.policy.guardFiles(guarded)
        guard refusals.isEmpty else {
            summary.guardResult = .failed(refusals)
            summary.validation = .notRun("the guard refused the code")
            summary.plan = .notRun("the guard refused the code")
            log.note("guard refused: \(refusals.map(\.message).joined(separator: "; "))")
            return
        }
        summary.guardResult = .done(files.count)
        let runner: TerraformRunner
        do {
            runner = try environment.terraform.runner(stackID: stack.id, repository: repository.config, files: files, log: log, logger: logger)
        } catch {
            summary.validation = .failed([DiagnosticEntry(severity: "error", message: "\(error)")])
            summary.plan = .notRun("no workspace")
            return
        }
        var succeeded = false
        defer { environment.terraform.workspaces.finish(runner.workspace, succeeded: succeeded) }
        do {
            try await runner.initialize()
            let validation = try await runner.validate()
            guard validation.valid else {
                summary.validation = .failed(validation.errors.map {
                    DiagnosticEntry(severity: "error", line: $0.line, file: $0.file.map(stack.terraformFile), message: $0.detail.isEmpty ? $0.summary : "\($0.summary): \($0.detail)")
                })
                summary.plan = .notRun("validation failed")
                return
            }
            summary.validation = .done(validation.diagnostics.count)
            let plan = try await runner.plan()
            summary.plan = .done(plan.summary.resourceChanges.filter { $0.action != .noOp && $0.action != .read }.map {
                ProposalSummary.Change(address: $0.address, action: $0.action.rawValue)
            })
            let review = environment.policy.review(planJSON: plan.showJSON, sources: guarded)
            summary.findingsMarkdown = review.findingsMarkdown
            summary.blockingBanner = review.blockingBanner
            summary.costMarkdown = review.costMarkdown
            succeeded = true
        } catch {
            if error.isCancellation { throw CancellationError() }
            if error.isStateLocked { throw ReconcileFailure.transient(error.description) }
            let entry = DiagnosticEntry(severity: "error", message: error.description)
            if case .notRun = summary.validation {
                summary.validation = .failed([entry])
                summary.plan = .notRun("terraform init failed")
            } else {
                summary.plan = .failed([entry])
            }
        }
    }

    /// A proposal on a branch does not change what is deployed: a deployed stack stays
    /// `deployed` on the status page unless the proposal itself needs a person.
    private func restoreOrSetStatus(_ stack: StackLayout, proposalStatus: StackStatus, branch: String) throws {
        let current = try store.stack(id: stack.id)
        if current?.deployedCommit != nil, proposalStatus == .proposed {
            try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .deployed, detail: "proposal ready on \(branch)")
        } else {
            try store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: proposalStatus, detail: "branch \(branch)")
        }
    }

    static func headline(_ status: ProposalStatus, _ summary: ProposalSummary) -> String {
        switch status {
        case .proposed: summary.counts.map(Format.counts) ?? "no changes"
        case .refused: "requirements refused"
        case .failed: "checks failed"
        case .blocked: "blocked by policy"
        }
    }
}

extension ProposalSummary.Step {
    var passed: Bool? {
        switch self {
        case .done: true
        case .failed: false
        case .notRun: nil
        }
    }
}
