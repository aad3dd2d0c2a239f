import EZBuiltCore
import EZBuiltConfiguration
import Foundation
import Git
import Logging
import Store
import Terraform

/// Polls one repository and turns what changed into jobs: proposals for branches, deployments
/// for the deploy branch, and drift checks for deployed stacks when they are due.
actor RepositoryWatcher {
    let config: RepositoryConfig
    private let environment: ReconcilerEnvironment
    private let queue: WorkQueue
    private let mirror: URL
    nonisolated let doorbell = Doorbell()
    private var context: RepositoryContext?
    /// Branch tips already handled; a poll with no new tips walks no trees.
    private var lastSeen: [String: ObjectID] = [:]
    private var driftRequested: Set<String> = []
    /// The stacks at the deploy branch's tip, so that re-checking an unmoved tip walks no tree.
    private var deployStacks: (tip: ObjectID, stacks: [StackLayout])?
    /// Deployments found interrupted at start-up, reported once the repository is open.
    private var interrupted: [DeploymentRecord]
    private var logger: Logger

    init(config: RepositoryConfig, environment: ReconcilerEnvironment, queue: WorkQueue, interrupted: [DeploymentRecord]) {
        self.config = config
        self.environment = environment
        self.queue = queue
        self.interrupted = interrupted
        mirror = environment.terraform.dataDirectory.appendingPathComponent("repositories", isDirectory: true)
            .appendingPathComponent(SafeName.unique(config.id) + ".git", isDirectory: true)
        var logger = environment.logger
        logger[metadataKey: "repository"] = "\(config.id)"
        self.logger = logger
    }

    /// Branches whose tip cannot be scheduled (a stalled failure), with why, until they move.
    private var refusedBranches: [String: String] = [:]

    /// Polls until cancelled: every `pollInterval`, or at once when the doorbell rings.
    func loop() async {
        while !Task.isCancelled {
            await poll()
            await doorbell.wait(upTo: config.pollInterval)
        }
    }

    /// Asks for a drift check of `stackID` at the next poll (and rings the doorbell).
    func requestDrift(_ stackID: String) {
        driftRequested.insert(stackID)
        Task { await doorbell.ring() }
    }

    /// One poll: fetch, then schedule what the new tips and the clock call for.
    func poll() async {
        let store = environment.store
        let started = ContinuousClock.now
        do {
            let context = try await open()
            do {
                try await context.git.fetch()
                environment.metrics.recordGitFetch(repository: config.id, duration: ContinuousClock.now - started, success: true)
            } catch {
                environment.metrics.recordGitFetch(repository: config.id, duration: ContinuousClock.now - started, success: false)
                throw error
            }
            try await store.recordFetch(repositoryId: config.id, error: nil)
            logger.trace("fetched", metadata: ["took": "\(ContinuousClock.now - started)"])
            try await reportInterrupted(context)
            let branches = try await context.git.branches()
            for branch in branches {
                let moved = lastSeen[branch.name] != branch.tip
                // The deploy branch is compared with what is applied at every poll, not only when
                // its tip moves: a merge that arrived while its stack was deploying is deployed
                // right after. A branch refused as it is waits until it moves.
                guard moved || (branch.name == config.deployBranch && refusedBranches[branch.name] == nil) else { continue }
                if moved { refusedBranches[branch.name] = nil }
                do {
                    if branch.name == config.statusBranch {
                        // Written by us; never an input.
                    } else if branch.name == config.deployBranch {
                        try await scheduleDeployments(context, tip: branch.tip)
                    } else {
                        try await scheduleProposals(context, branch: branch.name, tip: branch.tip)
                    }
                } catch let error where !(error is CancellationError) {
                    // A branch that can never be scheduled as it is (too many stacks, a tree that
                    // cannot be read) is reported once and left until it moves; others go on.
                    guard case .stalled(let message) = ReconcileFailure.classify(error) else { throw error }
                    logger.notice("branch not scheduled until it moves", metadata: ["branch": "\(branch.name)", "reason": "\(message)"])
                    refusedBranches[branch.name] = "\(branch.name) at \(branch.tip.short): \(message)"
                }
                lastSeen[branch.name] = branch.tip
            }
            let names = Set(branches.map(\.name))
            lastSeen = lastSeen.filter { names.contains($0.key) }
            refusedBranches = refusedBranches.filter { names.contains($0.key) }
            if !refusedBranches.isEmpty {
                // The repository's status (API, status page) says why until the branch moves.
                try await store.recordFetch(repositoryId: config.id, error: refusedBranches.sorted { $0.key < $1.key }.map(\.value).joined(separator: "; "))
            }
            try await scheduleDriftChecks(context)
        } catch is CancellationError {
            return
        } catch {
            logger.warning("poll failed", metadata: ["error": "\(error)"])
            try? await store.recordFetch(repositoryId: config.id, error: "\(error)")
        }
        // Between polls the mirror holds no libgit2 memory (object cache, pack windows, open
        // files); jobs that read it meanwhile open it again.
        await context?.git.close()
    }

    private func open() async throws -> RepositoryContext {
        if let context { return context }
        try await environment.store.upsertRepository(id: config.id, url: URLCredentials.scrub(config.url))
        let git = try await GitRepository.cloneOrOpen(url: config.url, into: mirror, credentials: config.credentials.git)
        let context = RepositoryContext(config: config, git: git, author: environment.author)
        self.context = context
        logger.info("repository opened", metadata: ["mirror": "\(mirror.path)"])
        return context
    }

    /// A deployment of this repository found interrupted (its replica died): reported and
    /// deployed again at the next poll, which starts now.
    func noteInterrupted(_ deployment: DeploymentRecord) {
        interrupted.append(deployment)
        Task { await doorbell.ring() }
    }

    private func reportInterrupted(_ context: RepositoryContext) async throws {
        guard !interrupted.isEmpty else { return }
        let deployments = interrupted
        interrupted = []
        for deployment in deployments {
            guard let stack = try await environment.store.stack(id: deployment.stackId) else { continue }
            try await environment.store.setStackStatus(id: stack.id, repositoryId: stack.repositoryId, path: stack.path, status: .interrupted,
                                                 detail: "deployment \(deployment.id ?? 0) was interrupted; reconciling again")
            await StatusReporter(environment: environment, repository: context)
                .report(context.layout(stack.path), message: "deploy(\(stack.id)): interrupted at \(deployment.commit.prefix(10)); reconciling again")
        }
    }

    // MARK: Proposals

    private func scheduleProposals(_ context: RepositoryContext, branch: String, tip: ObjectID) async throws {
        for stack in try await context.stacks(at: tip) {
            let proposer = Proposer(environment: environment, repository: context)
            await queue.submit(Job(key: JobKey(stackID: stack.id, kind: .propose, branch: branch), repositoryID: config.id, run: leased(stack.id) { [environment] in
                try await Self.measured("propose", environment) { try await proposer.propose(stack, branch: branch) }
            }))
        }
    }

    // MARK: Deployments

    private func scheduleDeployments(_ context: RepositoryContext, tip: ObjectID) async throws {
        let store = environment.store
        let stacks: [StackLayout]
        if let known = deployStacks, known.tip == tip {
            stacks = known.stacks
        } else {
            stacks = try await context.stacks(at: tip)
            deployStacks = (tip, stacks)
        }
        for stack in stacks where try await needsDeployment(context, stack, tip: tip) {
            await submitDeployment(context, stack, commit: tip)
        }
        let present = Set(stacks.map(\.id))
        for record in try await store.stacks(repositoryId: config.id) where !present.contains(record.id) {
            guard let deployedHex = record.deployedCommit, let deployed = ObjectID(deployedHex),
                  DeploymentRules.shouldQueueDestroy(last: try await store.deployments(stackId: record.id, limit: 1).first,
                                                     allowDestroy: config.allowDestroy, tip: tip.description)
            else { continue }
            guard let deployment = try await store.insertDeploymentUnlessBusy(DeploymentRecord(
                stackId: record.id, commit: tip.description, action: .destroy, owner: environment.leases?.owner))
            else { continue }  // another replica queued it a moment ago
            let destroyer = Destroyer(environment: environment, repository: context)
            let layout = context.layout(record.path)
            await queue.submit(Job(key: JobKey(stackID: record.id, kind: .deploy), repositoryID: config.id, run: leased(record.id) { [environment] in
                try await Self.measured("destroy", environment) {
                    try await destroyer.remove(layout, deployedCommit: deployed, deploymentID: deployment.id ?? 0)
                }
            }, superseded: { [store] in await Self.markSuperseded(store, deployment) },
               stalled: { [environment] reason in await Self.markStalled(environment, context, deployment, reason: reason) }))
        }
    }

    /// Whether `stack` needs a deployment at `tip` (see `DeploymentRules`).
    private func needsDeployment(_ context: RepositoryContext, _ stack: StackLayout, tip: ObjectID) async throws -> Bool {
        let store = environment.store
        let baseline = DeploymentRules.baseline(last: try await store.deployments(stackId: stack.id, limit: 1).first,
                                                deployedCommit: try await store.stack(id: stack.id)?.deployedCommit)
        guard case .commit(let commit) = baseline, let from = ObjectID(commit), from != tip else {
            return DeploymentRules.needsDeployment(baseline: baseline, tip: tip.description) { _ in true }
        }
        let changed = try await context.git.changedPaths(from: from, to: tip).contains(where: stack.owns)
        return DeploymentRules.needsDeployment(baseline: baseline, tip: tip.description) { _ in changed }
    }

    private func submitDeployment(_ context: RepositoryContext, _ stack: StackLayout, commit: ObjectID, trigger: DeploymentTrigger = .merge,
                                  approved: (plan: String, by: String)? = nil) async {
        let store = environment.store
        do {
            if try await store.stack(id: stack.id) == nil {
                try await store.setStackStatus(id: stack.id, repositoryId: config.id, path: stack.path, status: .new)
            }
            // Of replicas seeing one merge, the first to queue it deploys it.
            guard let deployment = try await store.insertDeploymentUnlessBusy(DeploymentRecord(
                stackId: stack.id, commit: commit.description, pendingPlan: approved?.plan, approvedBy: approved?.by, trigger: trigger,
                owner: environment.leases?.owner))
            else { return }
            let deployer = Deployer(environment: environment, repository: context)
            await queue.submit(Job(key: JobKey(stackID: stack.id, kind: .deploy), repositoryID: config.id, run: leased(stack.id) { [environment] in
                try await Self.measured("deploy", environment) {
                    try await deployer.deploy(stack, commit: commit, deploymentID: deployment.id ?? 0)
                }
            }, superseded: { [store] in await Self.markSuperseded(store, deployment) },
               stalled: { [environment] reason in await Self.markStalled(environment, context, deployment, reason: reason) }))
        } catch {
            logger.error("could not queue a deployment", metadata: ["stack": "\(stack.id)", "error": "\(error)"])
        }
    }

    /// A deployment whose retries ran out: failed, reported once, not retried until the stack's
    /// files change again.
    private static func markStalled(_ environment: ReconcilerEnvironment, _ context: RepositoryContext, _ deployment: DeploymentRecord, reason: String) async {
        let store = environment.store
        guard var record = try? await store.deployment(id: deployment.id ?? 0), !record.status.isFinal,
              let stack = try? await store.stack(id: record.stackId)
        else { return }
        record.status = record.action == .destroy ? .destroyFailed : .failed
        record.finishedAt = Date()
        record.error = "stalled: \(reason)"
        try? await store.updateDeployment(record)
        _ = try? await store.setStackStatus(id: stack.id, repositoryId: stack.repositoryId, path: stack.path, status: .failed, detail: "stalled: \(reason)")
        await StatusReporter(environment: environment, repository: context)
            .report(context.layout(stack.path), message: "deploy(\(stack.id)): stalled at \(record.commit.prefix(10)) after repeated failures")
    }

    private static func markSuperseded(_ store: Store, _ deployment: DeploymentRecord) async {
        var record = deployment
        record.status = .superseded
        record.finishedAt = Date()
        record.error = "a newer commit arrived before this one was applied"
        try? await store.updateDeployment(record)
    }

    // MARK: Drift

    private func scheduleDriftChecks(_ context: RepositoryContext) async throws {
        let store = environment.store
        let requested = driftRequested
        driftRequested = []
        for record in try await store.stacks(repositoryId: config.id) where record.deployedCommit != nil && record.status != .destroyed {
            let due: Bool
            if requested.contains(record.id) {
                due = true
            } else if config.drift.enabled {
                var last = try await store.driftChecks(stackId: record.id, limit: 1).first?.checkedAt
                if last == nil { last = try await store.deployments(stackId: record.id, limit: 1).first?.finishedAt }
                let since = last ?? record.updatedAt
                due = Date().timeIntervalSince(since) >= Self.seconds(config.drift.interval)
            } else {
                due = false
            }
            guard due else { continue }
            let layout = context.layout(record.path)
            let checker = DriftChecker(environment: environment, repository: context)
            let remediate = config.drift.remediate
            let scheduled = Date()
            let asked = requested.contains(record.id)
            await queue.submit(Job(key: JobKey(stackID: record.id, kind: .drift), repositoryID: config.id, run: leased(record.id) { [weak self, environment] in
                // Another replica may have checked the stack since it was found due.
                if !asked, let last = try await environment.store.driftChecks(stackId: layout.id, limit: 1).first, last.checkedAt >= scheduled { return }
                let result = try await Self.measured("drift", environment) { try await checker.check(layout) }
                if result == .drifted, remediate, let self { await self.remediate(layout) }
            }))
        }
    }

    /// Re-applies the deployed commit of a drifted stack.
    private func remediate(_ stack: StackLayout) async {
        guard let context, let hex = try? await environment.store.stack(id: stack.id)?.deployedCommit, let commit = ObjectID(hex) else { return }
        logger.notice("remediating drift by re-applying the deployed commit", metadata: ["stack": "\(stack.id)"])
        await submitDeployment(context, stack, commit: commit, trigger: .remediation)
    }

    /// Applies the plan `fingerprint` that waits for approval on `stackID`, exactly as saved.
    func approve(stackID: String, plan fingerprint: String, by identity: String) async throws -> ApprovalResult {
        guard let context, let record = try await environment.store.stack(id: stackID) else { return .notWaiting }
        guard let waiting = try await environment.store.deployments(stackId: stackID, limit: 1).first,
              waiting.status == .needsApproval, let pending = waiting.pendingPlan, let commit = ObjectID(waiting.commit)
        else { return .notWaiting }
        guard pending == fingerprint else { return .differentPlan(waiting: pending) }
        logger.notice("plan approved", metadata: ["stack": "\(stackID)", "plan": "\(fingerprint)", "by": "\(identity)"])
        await submitDeployment(context, context.layout(record.path), commit: commit, trigger: .approval, approved: (fingerprint, identity))
        return .approved
    }

    /// Pushes the branch that rolls `stackID` back to deployment `deploymentID`, then polls at
    /// once so it is proposed.
    func rollback(stackID: String, to deploymentID: Int64, by identity: String) async throws -> RollbackResult {
        let context = try await open()
        guard let record = try await environment.store.stack(id: stackID) else { return .notFound("no stack \(stackID)") }
        try await context.git.fetch()
        let result = try await RollbackBranch(repository: context, store: environment.store, author: environment.author)
            .create(context.layout(record.path), deploymentID: deploymentID)
        if case .created(let branch, _) = result {
            logger.notice("rollback branch pushed", metadata: ["stack": "\(stackID)", "deployment": "\(deploymentID)", "branch": "\(branch)", "by": "\(identity)"])
            await doorbell.ring()
        }
        return result
    }

    /// The state snapshots of `stackID`, oldest first; nil when the stack is unknown. A stack
    /// whose state is not a local file has none the daemon keeps.
    func stateSnapshots(stackID: String) async throws -> [StateSnapshot]? {
        guard try await environment.store.stack(id: stackID) != nil else { return nil }
        guard let state = localState(stackID) else { return [] }
        return state.snapshots().map { path in
            let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
            let name = (path as NSString).lastPathComponent
            return StateSnapshot(name: name, deployment: name.split(separator: ".").first.flatMap { Int64($0) },
                                 bytes: (attributes[.size] as? Int) ?? 0, takenAt: (attributes[.modificationDate] as? Date) ?? .distantPast)
        }
    }

    /// Makes snapshot `name` the state of `stackID` again, keeping the state it replaces as a
    /// snapshot. Refused while a job of the stack runs or waits, or terraform holds its state;
    /// no job of the stack starts meanwhile.
    func restoreState(stackID: String, snapshot name: String, by identity: String) async throws -> RestoreResult {
        guard try await environment.store.stack(id: stackID) != nil else { return .notFound("no stack \(stackID)") }
        guard let state = localState(stackID) else {
            return .refused("the state of \(stackID) is not a local file the daemon keeps (state.backend); restore it with the backend's own versioning")
        }
        // Only a name the daemon listed: never a path from the request.
        guard let path = state.snapshots().first(where: { ($0 as NSString).lastPathComponent == name }) else {
            return .notFound("stack \(stackID) has no state snapshot \(name)")
        }
        guard await queue.claim(stackID: stackID) else {
            return .refused("\(stackID) is busy (a proposal, deployment or drift check runs or waits); try again when it is idle")
        }
        let result: RestoreResult
        do {
            result = try Self.restore(state, from: path)
        } catch {
            await queue.release(stackID: stackID)
            throw error
        }
        await queue.release(stackID: stackID)
        if case .restored = result {
            logger.notice("state snapshot restored", metadata: ["stack": "\(stackID)", "snapshot": "\(name)", "by": "\(identity)"])
        }
        return result
    }

    /// Copies the snapshot at `path` over the state, after saving the state as a snapshot.
    private static func restore(_ state: StateGuard, from path: String) throws -> RestoreResult {
        if let holder = state.lockHolder() {
            return .refused("terraform (pid \(holder)) holds the state; try again when it is done")
        }
        let saved = try state.snapshot(deployment: "before-restore")
        let contents = try Data(contentsOf: URL(fileURLWithPath: path))
        try contents.write(to: URL(fileURLWithPath: state.statePath), options: .atomic)
        return .restored(savedAs: saved.map { ($0 as NSString).lastPathComponent })
    }

    private func localState(_ stackID: String) -> StateGuard? {
        guard case .local(let path) = environment.terraform.runtime(for: config, stackID: stackID).backend else { return nil }
        return StateGuard(statePath: path)
    }

    /// A stack's requirements and Terraform at `hex` (paths relative to the stack); nil when
    /// the stack or the commit is unknown, or the mirror is not open yet.
    func stackFiles(stackID: String, commit hex: String) async throws -> [String: Data]? {
        guard let context, let record = try await environment.store.stack(id: stackID), let commit = ObjectID(hex) else { return nil }
        let layout = context.layout(record.path)
        var files: [String: Data] = [:]
        do {
            // A commit the mirror does not hold (or a requirements.md that is a link) is no file set.
            if let requirements = try await context.requirements(layout, at: commit) { files["requirements.md"] = requirements }
        } catch {
            return nil
        }
        for file in try await context.terraformFiles(layout, at: commit) where file.kind == .file || file.kind == .executable {
            files["terraform/" + file.name] = file.contents
        }
        return files
    }

    /// A job's work, under the stack's lease when replicas share the store.
    private nonisolated func leased(_ stackID: String, _ work: @escaping @Sendable () async throws -> Void) -> @Sendable () async throws -> Void {
        guard let leases = environment.leases else { return work }
        return { try await leases.holding(stackID, work) }
    }

    /// Runs a job's work, recording its duration and outcome in the metrics.
    private static func measured<T: Sendable>(_ kind: String, _ environment: ReconcilerEnvironment, _ work: () async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        do {
            let value = try await work()
            environment.metrics.recordReconcile(kind: kind, outcome: "success", duration: ContinuousClock.now - started)
            environment.metrics.recordTerraformRun(command: kind, duration: ContinuousClock.now - started)
            return value
        } catch {
            let outcome = switch error as? ReconcileFailure {
            case .waiting: "waiting"
            case .stalled: "stalled"
            default: error is CancellationError ? "interrupted" : "error"
            }
            environment.metrics.recordReconcile(kind: kind, outcome: outcome, duration: ContinuousClock.now - started)
            throw error
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension GitCredentialSettings {
    /// The git layer's form of the configured credentials.
    var git: GitCredentials {
        switch self {
        case .none: .none
        case .token(let env, let username): .token(envVar: env, username: username)
        case .sshKey(let path, let passphraseEnv): .sshKey(privateKeyPath: path, passphraseEnv: passphraseEnv)
        }
    }
}
