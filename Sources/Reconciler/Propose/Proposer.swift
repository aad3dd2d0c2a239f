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
        // Another replica may have proposed the branch a moment ago: look at the remote's tip.
        if environment.leases != nil { try await git.fetch() }
        guard let tip = try await git.tip(of: branch) else { return }
        var logger = environment.logger
        logger[metadataKey: "stack"] = "\(stack.id)"
        logger[metadataKey: "branch"] = "\(branch)"
        logger[metadataKey: "commit"] = "\(tip.short)"

        guard let requirements = try await repository.requirements(stack, at: tip) else { return }
        let files = StackFiles(try await repository.terraformFiles(stack, at: tip))
        let settings = GenerationSettings(defaultRegion: repository.config.aws(forStackID: stack.id).region)
        let started = Date()
        let generated = await environment.generator.generate(
            requirements: requirements, options: settings,
            context: GenerationContext(recordedSpec: files.generated[StackFiles.specFile],
                                       check: ModelCodeCheck.check(environment: environment, repository: repository.config, stackID: stack.id, logger: logger)))
        let fingerprint = Fingerprint.proposal(generatorVersion: environment.generator.version, inputHash: generated.inputHash, files: files)
        let forge = ForgeStatuses(environment: environment, repository: repository)
        if let plan = try? await git.readFile(stack.planFile, at: tip),
           ProposalMarkdown.fingerprint(in: String(decoding: plan, as: UTF8.self)) == fingerprint {
            // A commit on top of a proposal that changes nothing it reviewed: it is the pull
            // request's head now, so it carries the proposal's status too.
            if let last = try await store.proposals(stackId: stack.id, branch: branch, limit: 1).first, last.fingerprint == fingerprint,
               let commit = last.generatedCommit, commit != tip.description {
                let headline = last.status == .proposed ? last.plan.map(Format.counts) ?? "no changes" : Self.headline(last.status, nil)
                let (state, description) = ForgeStatuses.proposal(last.status, headline: headline)
                await forge.post(tip.description, stackID: stack.id, state, description)
            }
            return
        }

        logger.info("proposing")
        await forge.post(tip.description, stackID: stack.id, .pending, "planning \(stack.id)")
        let log = try await environment.startRun(stackID: stack.id, kind: .proposal)
        // A branch's proposal is that branch's status (its PLAN.md, its proposal records); it
        // becomes the stack's status only while nothing was ever deployed.
        var ownsStatus = try await store.stack(id: stack.id)?.deployedCommit == nil
        if ownsStatus { ownsStatus = try await store.deployments(stackId: stack.id, limit: 1).isEmpty }
        if ownsStatus {
            try await store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: .proposing, detail: "branch \(branch)")
        }
        var summary = ProposalSummary(
            stackID: stack.id, branch: branch, sourceCommit: tip.description, fingerprint: fingerprint,
            generatorVersion: environment.generator.version, refused: generated.refused,
            understood: generated.understood, diagnostics: generated.diagnostics,
            resources: generated.resources, customFiles: files.custom.keys.sorted())
        var status: ProposalStatus = .proposed
        var failure: String?
        var runStatus = RunStatus.finished

        do {
            if generated.refused {
                log.note("requirements refused: \(generated.diagnostics.filter { $0.severity == "error" }.map(\.message).joined(separator: "; "))")
                status = .refused
            } else {
                try await check(&summary, target: files.target(stack, generated: generated.files), log: log, logger: logger)
                if summary.blockingBanner != nil { status = .blocked }
                if case .failed = summary.guardResult { status = .failed }
                if case .failed = summary.validation { status = .failed }
                if case .failed = summary.plan { status = .failed }
            }
        } catch is CancellationError {
            runStatus = .interrupted
            await log.finish(runStatus)
            throw CancellationError()
        } catch {
            log.note("not proposed now: \(error)")
            await log.finish(.finished)
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
            await log.finish(.finished)
            try? await git.fetch()
            throw ReconcileFailure.waiting("\(branch) moved", retryAfter: .seconds(1))
        } catch {
            failure = "could not commit the proposal: \(error)"
            status = .failed
        }
        await log.finish(runStatus)

        try await store.insertProposal(ProposalRecord(
            runId: log.runId, stackId: stack.id, branch: branch, sourceCommit: tip.description,
            generatedCommit: generatedCommit?.description, inputHash: generated.inputHash, status: status,
            diagnostics: summary.diagnostics, validationPassed: summary.validation.passed, plan: summary.counts,
            error: failure, createdAt: started, durationMs: Int(Date().timeIntervalSince(started) * 1000),
            fingerprint: fingerprint, changes: summary.reviewedChanges))
        let stackStatus: StackStatus = switch status {
        case .proposed: .proposed
        case .refused: .refused
        case .failed: .failed
        case .blocked: .blocked
        }
        let (state, description) = ForgeStatuses.proposal(status, headline: Self.headline(status, summary))
        for commit in Set([tip.description, generatedCommit?.description].compactMap { $0 }).sorted() {
            await forge.post(commit, stackID: stack.id, state, failure ?? description)
        }
        if ownsStatus {
            try await store.setStackStatus(id: stack.id, repositoryId: repository.id, path: stack.path, status: stackStatus, detail: "branch \(branch)")
        }
        logger.info("proposed", metadata: ["status": "\(status.rawValue)"])
    }

    /// The stack run (guard → init → plan → review), filling the summary. Terraform failures
    /// are results (they go into PLAN.md), not errors. There is no separate `validate`: plan
    /// reports the same errors, and only when it fails is `validate -json` asked for their
    /// files and lines.
    private func check(_ summary: inout ProposalSummary, target: StackRun.Target, log: RunLog, logger: Logger) async throws {
        var initialized = false
        do {
            let outcome = try await StackRun.with(target, setup: environment.terraform, repository: repository.config,
                                                  policy: environment.policy, sink: log, logger: logger) { run in
                initialized = true
                do {
                    let (plan, review) = try await run.planAndReview()
                    return PlanOutcome.planned(plan, review)
                } catch let error as TerraformError where !error.isCancellation && !error.isStateLocked {
                    if let validation = try? await run.runner.validate(), !validation.valid {
                        return .invalid(validation.errors)
                    }
                    return .failed(error)
                }
            }
            summary.guardResult = .done(target.files.count)
            switch outcome {
            case .planned(let plan, let review):
                summary.validation = .done(0)
                summary.plan = .done(plan.document.changeEntries)
                summary.review = review
            case .invalid(let errors):
                summary.validation = .failed(errors.map {
                    DiagnosticEntry(severity: "error", line: $0.line, file: $0.file.map(target.displayPath),
                                    message: $0.detail.isEmpty ? $0.summary : "\($0.summary): \($0.detail)")
                })
                summary.plan = .notRun("the configuration is invalid")
            case .failed(let error):
                summary.validation = .done(0)
                summary.plan = .failed([DiagnosticEntry(severity: "error", message: error.description)])
            }
        } catch let refusal as StackRun.Refusal {
            if case .guardRefused = refusal {
                summary.guardResult = .failed(refusal.diagnostics)
                log.note("\(refusal)")
            } else {
                summary.guardResult = .done(target.files.count)
                summary.validation = .failed(refusal.diagnostics)
            }
            let reason = initialized ? "not reached" : (refusal.isGuard ? "the guard refused the code" : refusal.description)
            if case .notRun = summary.validation { summary.validation = .notRun(reason) }
            summary.plan = .notRun(reason)
        } catch {
            if error.isCancellation { throw CancellationError() }
            if let error = error as? TerraformError, error.isStateLocked { throw ReconcileFailure.transient(error.description) }
            // The guard passed; the workspace, runtime files or `terraform init` failed.
            summary.guardResult = .done(target.files.count)
            summary.validation = .failed([DiagnosticEntry(severity: "error", message: "\(error)")])
            summary.plan = .notRun("terraform init failed")
        }
    }

    private enum PlanOutcome: Sendable {
        case planned(SavedPlan, PolicyReview)
        case invalid([Terraform.Diagnostic])
        case failed(TerraformError)
    }

    static func headline(_ status: ProposalStatus, _ summary: ProposalSummary?) -> String {
        switch status {
        case .proposed: summary?.counts.map(Format.counts) ?? "no changes"
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
