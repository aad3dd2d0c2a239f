import Foundation

/// A bare repository standing in for the git host, and a user's clone of it.
final class GitRemote: Sendable {
    let bare: URL
    let work: URL

    /// Makes a bare repository with `main` holding `files`, and a working clone.
    init(in directory: TemporaryDirectory, files: [String: String]) throws {
        bare = directory.path("remote.git")
        work = directory.path("work")
        try sh(["git", "init", "--quiet", "--bare", "--initial-branch=main", bare.path])
        try sh(["git", "clone", "--quiet", bare.path, work.path])
        try sh(["git", "checkout", "--quiet", "-B", "main"], in: work)
        try write(files)
        try sh(["git", "add", "-A"], in: work)
        try sh(["git", "commit", "--quiet", "-m", "initial"], in: work)
        try sh(["git", "push", "--quiet", "origin", "main"], in: work)
    }

    func write(_ files: [String: String]) throws {
        for (path, text) in files {
            let url = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Commits `files` (and removals) on `branch` as the user and pushes. A new branch starts
    /// from `base` (main unless given).
    func push(branch: String, from base: String = "main", files: [String: String] = [:], remove: [String] = [], message: String) throws {
        try sh(["git", "fetch", "--quiet", "origin"], in: work)
        let exists = (try? sh(["git", "rev-parse", "--verify", "--quiet", "origin/\(branch)"], in: work)) != nil
        try sh(["git", "checkout", "--quiet", "-B", branch, exists ? "origin/\(branch)" : "origin/\(base)"], in: work)
        try write(files)
        for path in remove { try sh(["git", "rm", "-r", "--quiet", path], in: work) }
        try sh(["git", "add", "-A"], in: work)
        try sh(["git", "commit", "--quiet", "--allow-empty", "-m", message], in: work)
        try sh(["git", "push", "--quiet", "origin", branch], in: work)
    }

    /// Merges `branch` into main (a merge commit, as a pull request would) and pushes.
    func merge(_ branch: String) throws {
        try sh(["git", "fetch", "--quiet", "origin"], in: work)
        try sh(["git", "checkout", "--quiet", "-B", "main", "origin/main"], in: work)
        try sh(["git", "merge", "--quiet", "--no-ff", "-m", "Merge \(branch)", "origin/\(branch)"], in: work)
        try sh(["git", "push", "--quiet", "origin", "main"], in: work)
    }

    /// A file on a branch of the remote, or nil.
    func read(_ path: String, on branch: String) -> String? {
        try? sh(["git", "--git-dir", bare.path, "show", "\(branch):\(path)"])
    }

    /// The paths of the files under `directory` at `revision` (a branch or a commit), sorted.
    func files(under directory: String, on revision: String) -> [String] {
        guard let text = try? sh(["git", "--git-dir", bare.path, "ls-tree", "-r", "--name-only", revision, "--", directory]) else { return [] }
        return text.split(separator: "\n").map(String.init).sorted()
    }

    /// Commit subjects on a branch of the remote, newest first.
    func log(_ branch: String) -> [String] {
        guard let text = try? sh(["git", "--git-dir", bare.path, "log", "--format=%s", branch]) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    func tip(_ branch: String) -> String? {
        (try? sh(["git", "--git-dir", bare.path, "rev-parse", "--verify", "--quiet", branch]))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
