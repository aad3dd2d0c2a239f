import Foundation
import Git

/// Writes commits to a repository's status branch, one at a time, retrying when another
/// writer moved the branch. Creates the branch as an orphan on first use.
public actor StatusBranch {
    private let git: GitRepository
    public let branch: String
    private let author: CommitAuthor

    init(git: GitRepository, branch: String, deployBranch: String, author: CommitAuthor) {
        // The config loader refuses this too; the deploy branch is never written, whatever happens.
        precondition(branch != deployBranch, "the status branch must differ from the deploy branch")
        self.git = git
        self.branch = branch
        self.author = author
    }

    /// Commits `changes` with `message`, unless they change nothing. Returns the new commit.
    @discardableResult
    public func commit(_ changes: [FileChange], message: String) async throws -> ObjectID? {
        for _ in 0..<5 {
            let parent = try await git.tip(of: branch)
            if let parent, try await changesNothing(changes, at: parent) { return nil }
            let id = try await git.commit(changes, onto: parent, author: author.signature, message: message)
            do {
                try await git.push(commit: id, to: branch, expectedRemoteTip: parent)
                return id
            } catch let error as GitError where error.isRetryableAfterFetch {
                try await git.fetch()
            }
        }
        throw ReconcileFailure.transient("the status branch \(branch) kept moving while writing to it")
    }

    private func changesNothing(_ changes: [FileChange], at commit: ObjectID) async throws -> Bool {
        for change in changes {
            switch change {
            case .write(let path, let contents, _):
                if try await git.readFile(path, at: commit) != contents { return false }
            case .delete(let path):
                if !(try await git.listFiles(at: commit, under: path).isEmpty) { return false }
            }
        }
        return true
    }
}
