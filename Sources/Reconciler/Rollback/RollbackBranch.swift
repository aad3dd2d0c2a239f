import EZBuiltCore
import EZBuiltConfiguration
import Foundation
import Git
import Store

/// A reviewed rollback: the branch `ezbuilt/rollback/<stack>-<N>`, made from the deploy
/// branch's tip, holding the `requirements.md` and generated files deployment N applied (and
/// no PLAN.md). It is proposed like any branch (PLAN.md shows the plan back to that version),
/// and merging it applies it through the normal review rules: nothing is applied without a
/// proposal and a merge.
struct RollbackBranch: Sendable {
    let repository: RepositoryContext
    let store: Store
    let author: CommitAuthor

    /// `ezbuilt/rollback/<stack>-<N>`, the stack id made one ref component (`acme-infra-web`).
    static func name(stackID: String, deployment: Int64) -> String {
        "ezbuilt/rollback/\(SafeName.component(stackID, replacement: "-", maxLength: 200))-\(deployment)"
    }

    /// Pushes the rollback branch of `stack` to deployment `deploymentID`.
    func create(_ stack: StackLayout, deploymentID: Int64) async throws -> RollbackResult {
        guard let deployment = try await store.deployment(id: deploymentID), deployment.stackId == stack.id else {
            return .notFound("stack \(stack.id) has no deployment \(deploymentID)")
        }
        guard deployment.action == .apply, deployment.status == .succeeded, let commit = ObjectID(deployment.commit) else {
            return .conflict("deployment \(deploymentID) of \(stack.id) is \(deployment.status.rawValue), not an applied version to go back to")
        }
        let git = repository.git
        let branch = Self.name(stackID: stack.id, deployment: deploymentID)
        guard try await git.tip(of: branch) == nil else {
            return .conflict("the branch \(branch) exists already: review and merge it, or delete it to make it again")
        }
        guard let base = try await git.tip(of: repository.config.deployBranch) else {
            return .conflict("the deploy branch \(repository.config.deployBranch) has no commit")
        }
        guard let requirements = try await repository.requirements(stack, at: commit) else {
            return .conflict("\(stack.requirements) is missing at \(commit.short), deployment \(deploymentID)'s commit")
        }
        let wanted = try await repository.terraformFiles(stack, at: commit).filter { $0.kind == .file || $0.kind == .executable }
        let present = try await repository.terraformFiles(stack, at: base)
        var changes: [FileChange] = [.write(path: stack.requirements, contents: requirements)]
        for file in wanted {
            changes.append(.write(path: stack.terraformFile(file.name), contents: file.contents, executable: file.kind == .executable))
        }
        let keep = Set(wanted.map(\.name))
        for file in present where !keep.contains(file.name) {
            changes.append(.delete(path: stack.terraformFile(file.name)))
        }
        // The proposal writes the plan back to that version; the old PLAN.md planned something else.
        changes.append(.delete(path: stack.planFile))
        let message = "ezbuilt: roll back \(stack.id) to deployment \(deploymentID) (\(commit.short))\n\n"
            + "The requirements and generated files deployment \(deploymentID) applied. EZBuilt proposes this branch like any\n"
            + "other; merging it applies the plan shown in \(stack.planFile)."
        let created = try await git.commit(changes, onto: base, author: author.signature, message: message,
                                           trailers: [Trailer("EZBuilt-Rollback-Of", "\(deploymentID)")])
        try await git.push(commit: created, to: branch, expectedRemoteTip: nil)
        return .created(branch: branch, commit: created.description)
    }
}

/// Rollback from the command line (`ezbuilt rollback`): the same branch, made from a fresh
/// clone of the repository with the daemon's store, so it works with or without the daemon.
public enum Rollback {
    /// Makes the rollback branch of `stackID` to deployment `deploymentID`, cloning the
    /// repository into `workDirectory`.
    public static func createBranch(config: EZBuiltConfig, store: Store, stackID: String, deploymentID: Int64,
                                    workDirectory: URL, author: CommitAuthor = CommitAuthor()) async throws -> RollbackResult {
        guard let repositoryConfig = config.repositories.first(where: { stackID.hasPrefix($0.id + "/") }) else {
            return .notFound("no configured repository holds stack \(stackID)")
        }
        guard let record = try await store.stack(id: stackID) else { return .notFound("no stack \(stackID)") }
        let git = try await GitRepository.cloneOrOpen(url: repositoryConfig.url, into: workDirectory, credentials: repositoryConfig.credentials.git)
        let context = RepositoryContext(config: repositoryConfig, git: git, author: author)
        let result = try await RollbackBranch(repository: context, store: store, author: author)
            .create(context.layout(record.path), deploymentID: deploymentID)
        await git.close()
        return result
    }
}
