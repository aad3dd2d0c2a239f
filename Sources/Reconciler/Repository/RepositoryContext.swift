import EZBuiltConfiguration
import Foundation
import Git

/// One watched repository: its config, its bare mirror in the data directory, and the writer
/// of its status branch.
public final class RepositoryContext: Sendable {
    public let config: RepositoryConfig
    public let git: GitRepository
    public let status: StatusBranch
    public let glob: PathGlob

    init(config: RepositoryConfig, git: GitRepository, author: CommitAuthor) {
        self.config = config
        self.git = git
        self.status = StatusBranch(git: git, branch: config.statusBranch, deployBranch: config.deployBranch, author: author)
        self.glob = PathGlob(config.stacks)
    }

    public var id: String { config.id }

    func layout(_ path: String) -> StackLayout { StackLayout(repositoryID: config.id, path: path) }

    /// The stacks at `commit`; a stalled failure when there are more than `maxStacksPerPush`
    /// (a push that would queue thousands of terraform runs is refused whole, and says so).
    func stacks(at commit: ObjectID) async throws -> [StackLayout] {
        let files = try await git.listFiles(at: commit).filter(\.isRegularFile).map(\.path)
        let paths = StackDiscovery.stackPaths(in: files, matching: glob)
        guard paths.count <= config.maxStacksPerPush else {
            throw ReconcileFailure.stalled("commit \(commit.short) holds \(paths.count) stacks, more than the \(config.maxStacksPerPush) "
                + "allowed per push (maxStacksPerPush): nothing was scheduled; split the change or raise the limit")
        }
        return paths.map(layout)
    }

    /// A stack's requirements.md at `commit`: nil when absent; a stalled failure when it is a
    /// symlink or a submodule (never followed).
    func requirements(_ stack: StackLayout, at commit: ObjectID) async throws -> Data? {
        do {
            return try await git.readFile(stack.requirements, at: commit)
        } catch {
            if case .notAFile(let path, let kind) = error {
                throw ReconcileFailure.stalled("\(path) is a \(kind), not a regular file; it is never followed")
            }
            throw error
        }
    }

    /// The regular files directly in a stack's `terraform/` directory at `commit` (links and
    /// submodules are reported by the git layer and never followed or read).
    func terraformFiles(_ stack: StackLayout, at commit: ObjectID) async throws -> [(name: String, contents: Data, kind: TreeEntry.Kind)] {
        let entries: [TreeEntry]
        do {
            entries = try await git.listDirectory(stack.terraformDirectory, at: commit)
        } catch {
            if case .notFound = error { return [] }
            throw error
        }
        var files: [(String, Data, TreeEntry.Kind)] = []
        for entry in entries {
            guard entry.isRegularFile else {
                files.append((entry.name, Data(), entry.kind))
                continue
            }
            files.append((entry.name, try await git.readFile(entry.path, at: commit) ?? Data(), entry.kind))
        }
        return files
    }
}

/// Who the daemon's commits are by.
public struct CommitAuthor: Sendable, Hashable {
    public var name: String
    public var email: String

    public init(name: String = "EZBuilt", email: String = "ezbuilt@localhost") {
        self.name = name
        self.email = email
    }

    var signature: Signature { Signature(name: name, email: email, date: Date()) }
}
