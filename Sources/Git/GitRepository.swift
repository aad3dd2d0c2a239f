import EZBuiltCore
import CLibgit2
import Foundation

/// One git repository on disk (normally a bare clone in the daemon's data directory) and its
/// remote `origin`. The actor owns the only libgit2 handle to it and runs on its own dispatch
/// queue, so blocking libgit2 calls never run on the cooperative pool and never run concurrently
/// on one handle.
///
/// Everything is read from and written to the object database: there is no working tree, so
/// nothing from a repository is ever checked out, and symlinks are never followed.
public actor GitRepository {
    /// The name of the remote every repository fetches from and pushes to.
    public static let remoteName = "origin"

    /// Where the repository is (the `.git` directory, or the bare repository itself).
    public nonisolated let path: URL
    /// The libgit2 handle while open; `close()` drops it and the next call opens it again.
    private var openHandle: GitHandle?
    private let credentials: GitCredentials
    private let executor: RepositoryExecutor

    /// Runs every call on this repository's own serial queue.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    private init(path: URL, handle: GitHandle?, credentials: GitCredentials) {
        self.path = path
        self.openHandle = handle
        self.credentials = credentials
        self.executor = RepositoryExecutor(label: "ezbuilt.git.\(path.lastPathComponent)")
    }

    /// The libgit2 repository, opened again when `close()` released it.
    private func repository() throws(GitError) -> OpaquePointer {
        if let openHandle { return openHandle.pointer }
        let handle = try Self.openHandle(at: path)
        openHandle = handle
        return handle.pointer
    }

    /// Frees the libgit2 handle, and with it this repository's object cache, open pack files
    /// and mapped pack windows. The next call opens the repository again (well under a
    /// millisecond), so a repository between polls costs almost no memory. Safe at any time:
    /// no call keeps libgit2 objects across a suspension.
    public func close() {
        openHandle = nil
    }

    /// Whether the libgit2 handle is open now (tests).
    public var isOpen: Bool { openHandle != nil }

    // MARK: Opening and cloning

    /// Opens the repository at `path` (exactly there: parent directories are not searched).
    /// `credentials` are used for later fetches and pushes.
    public static func open(at path: URL, credentials: GitCredentials = .none) throws(GitError) -> GitRepository {
        try Libgit2.ensureInitialized()
        return GitRepository(path: path, handle: try openHandle(at: path), credentials: credentials)
    }

    private static func openHandle(at path: URL) throws(GitError) -> GitHandle {
        let operation = "open repository at \(path.path)"
        var out: OpaquePointer?
        let code = git_repository_open_ext(&out, path.path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if code == GIT_ENOTFOUND.rawValue { throw .notFound(path: path.path, commit: nil) }
        try check(code, operation)
        guard let out else { throw .libgit2(code: -1, klass: 0, message: "libgit2 returned no repository", operation: operation) }
        return GitHandle(out, free: git_repository_free)
    }

    /// Returns the bare clone of `url` at `dir`: reuses the repository already there (pointing its
    /// remote at `url` if it changed; call `fetch()` to update it), or makes a new bare clone and
    /// fetches every branch. `url` may be a local path, `file://`, `https://` (with `.token`) or
    /// `ssh://` / `user@host:path` (with `.sshKey`). A clone that fails leaves no directory behind.
    public static func cloneOrOpen(url: String, into dir: URL, credentials: GitCredentials = .none) async throws -> GitRepository {
        try Libgit2.ensureInitialized()
        guard !url.isEmpty else { throw GitError.invalidArgument("the remote URL is empty") }
        try credentials.validate()
        let fileManager = FileManager.default
        let existing = try? fileManager.contentsOfDirectory(atPath: dir.path)
        if let existing, !existing.isEmpty {
            let repository = try open(at: dir, credentials: credentials)
            try await repository.setRemoteURL(url)
            return repository
        }
        let existedEmpty = existing != nil
        try fileManager.createDirectory(at: dir, withIntermediateDirectories: true)
        do {
            let handle = try GitHandle.make("create bare repository at \(dir.path)", free: git_repository_free) {
                git_repository_init(&$0, dir.path, 1)
            }
            let repository = GitRepository(path: dir, handle: handle, credentials: credentials)
            try await repository.setRemoteURL(url)
            try await repository.fetch()
            return repository
        } catch {
            try? fileManager.removeItem(at: dir)
            if existedEmpty { try? fileManager.createDirectory(at: dir, withIntermediateDirectories: true) }
            throw error
        }
    }

    /// The URL of `origin` with any user info removed, or `nil` when there is no `origin`.
    public func remoteURL() -> String? {
        guard let remote = try? lookupRemote(), let url = git_remote_url(remote.pointer) else { return nil }
        return URLCredentials.scrub(String(cString: url))
    }

    /// Creates `origin` with the default fetch refspec (all branches into `refs/remotes/origin/`),
    /// or changes its URL.
    private func setRemoteURL(_ url: String) throws(GitError) {
        let repo = try repository()
        let operation = "set the URL of remote \(Self.remoteName) to \(URLCredentials.scrub(url))"
        if let remote = try? lookupRemote() {
            if let current = git_remote_url(remote.pointer), String(cString: current) == url { return }
            try check(git_remote_set_url(repo, Self.remoteName, url), operation)
        } else {
            _ = try GitHandle.make(operation, free: git_remote_free) { git_remote_create(&$0, repo, Self.remoteName, url) }
        }
    }

    private func lookupRemote() throws(GitError) -> GitHandle {
        let repo = try repository()
        var out: OpaquePointer?
        let code = git_remote_lookup(&out, repo, Self.remoteName)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue { throw .noRemote(name: Self.remoteName) }
        try check(code, "look up remote \(Self.remoteName)")
        guard let out else { throw .noRemote(name: Self.remoteName) }
        return GitHandle(out, free: git_remote_free)
    }

    // MARK: Network

    /// Fetches every branch of `origin`, pruning branches deleted there. Afterwards `branches()`
    /// shows the remote as it is now. Runs on this repository's queue, off the cooperative pool;
    /// cancelling the task stops the transfer.
    public func fetch() async throws {
        try credentials.validate()
        let repo = try repository()
        let url = try configuredRemoteURL()
        let session = RemoteSession(url: url, credentials: credentials)
        if let localPath = Self.localPath(ofRemote: url), !FileManager.default.fileExists(atPath: localPath) {
            // libgit2 reports a missing plain path as "unsupported URL protocol", which misleads.
            throw GitError.libgit2(code: GIT_ENOTFOUND.rawValue, klass: Int32(GIT_ERROR_NET.rawValue),
                                   message: "no repository at \(localPath): the path does not exist",
                                   operation: "fetch from \(session.displayURL)")
        }
        // An in-memory remote with the fetch refspec given here, not `git_remote_lookup`: looking
        // up a named remote applies `url.*.insteadOf` through a regular-expression walk of the
        // config, and libgit2 1.5 with PCRE2 leaks about 20 KB per config entry that does not
        // match (the match data is not freed on a miss): tens of KB per poll, for ever.
        let remote = try inMemoryRemote(url, repo)
        let refspecs = OwnedStrArray(["+refs/heads/*:refs/remotes/\(Self.remoteName)/*"])
        try withExtendedLifetime(session) {
            var options = git_fetch_options()
            git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
            options.callbacks = session.callbacks(payload: Unmanaged.passUnretained(session).toOpaque())
            options.prune = GIT_FETCH_PRUNE
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            let code = refspecs.withStrArray { git_remote_fetch(remote.pointer, &$0, &options, "ezbuilt: fetch") }
            try session.rethrow(code, "fetch from \(session.displayURL)")
        }
    }

    /// An anonymous remote for `url`: nothing is read from or written to the config.
    private func inMemoryRemote(_ url: String, _ repo: OpaquePointer) throws(GitError) -> GitHandle {
        var options = git_remote_create_options()
        git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION))
        options.repository = repo
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        return try GitHandle.make("prepare remote \(URLCredentials.scrub(url))", free: git_remote_free) {
            git_remote_create_with_opts(&$0, url, &options)
        }
    }

    /// `remote.origin.url`, read by its exact key (no config walk).
    private func configuredRemoteURL() throws(GitError) -> String {
        let repo = try repository()
        let config = try GitHandle.make("read the configuration of \(path.path)", free: git_config_free) {
            git_repository_config_snapshot(&$0, repo)
        }
        var value: UnsafePointer<CChar>?
        let code = git_config_get_string(&value, config.pointer, "remote.\(Self.remoteName).url")
        if code == GIT_ENOTFOUND.rawValue { throw .noRemote(name: Self.remoteName) }
        try check(code, "read remote.\(Self.remoteName).url")
        return value.map { String(cString: $0) } ?? ""
    }

    /// Makes `commit` the tip of the remote's `refs/heads/<branch>`, fast-forward only, provided
    /// the remote branch is still at `expectedRemoteTip` (`nil`: the branch must not exist yet).
    ///
    /// Throws `GitError.nonFastForward` when the remote moved (another writer won the race) or
    /// `commit` does not descend from `expectedRemoteTip`: fetch, rebuild the commit on the new
    /// tip and push again. The remote's answer is checked per ref, so a rejection is an error even
    /// when libgit2's push call itself succeeded. On success the local view of the branch
    /// (`branches()`) moves to `commit` too.
    public func push(commit: ObjectID, to branch: String, expectedRemoteTip: ObjectID?) async throws {
        let repo = try repository()
        let remoteRef = try Self.branchRef(branch)
        try credentials.validate()
        _ = try lookupCommit(commit)
        if let expectedRemoteTip, expectedRemoteTip != commit, try !isAncestor(expectedRemoteTip, of: commit) {
            throw GitError.nonFastForward(
                ref: remoteRef,
                reason: "commit \(commit.short) does not descend from the remote tip \(expectedRemoteTip.short)")
        }
        let url = try configuredRemoteURL()
        let remote = try inMemoryRemote(url, repo)

        // libgit2 pushes refs, not object ids: name the commit with a private, temporary ref.
        let token = UUID().uuidString.lowercased()
        let localRef = "refs/ezbuilt/push/\(token)"
        try createReference(localRef, commit, force: true)
        defer { _ = git_reference_remove(repo, localRef) }

        if let localPath = Self.localPath(ofRemote: url) {
            // libgit2's local transport overwrites the target ref without checking its old value,
            // so two writers could both "win". Transfer the objects under a unique ref, then move
            // the branch with a compare-and-swap on the remote's own ref database.
            let incoming = "refs/ezbuilt/incoming/\(token)"
            try pushRefspec("\(localRef):\(incoming)", remote: remote, url: url, expected: nil)
            try Self.compareAndSwap(remotePath: localPath, url: url, ref: remoteRef, to: commit,
                                    expected: expectedRemoteTip, temporaryRef: incoming)
        } else {
            try pushRefspec("\(localRef):\(remoteRef)", remote: remote, url: url, expected: (remoteRef, expectedRemoteTip))
        }
        try createReference("refs/remotes/\(Self.remoteName)/\(branch)", commit, force: true)
    }

    private func pushRefspec(_ refspec: String, remote: GitHandle, url: String, expected: (ref: String, tip: ObjectID?)?) throws {
        let session = RemoteSession(url: url, credentials: credentials)
        session.expectedUpdate = expected
        let refspecs = OwnedStrArray([refspec])
        let operation = "push \(refspec.split(separator: ":").last ?? "") to \(session.displayURL)"
        try withExtendedLifetime(session) {
            var options = git_push_options()
            git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
            options.callbacks = session.callbacks(payload: Unmanaged.passUnretained(session).toOpaque())
            let code = refspecs.withStrArray { git_remote_push(remote.pointer, &$0, &options) }
            if code == GIT_ENONFASTFORWARD.rawValue, session.error == nil, let expected {
                let reason = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "the remote has commits this clone has not fetched"
                throw GitError.nonFastForward(ref: expected.ref, reason: session.scrub(reason))
            }
            try session.rethrow(code, operation)
        }
        for rejection in session.rejectedRefs {
            let status = session.scrub(rejection.status)
            let lowered = status.lowercased()
            let lostRace = ["non-fast-forward", "fetch first", "stale info", "failed to update ref", "failed to lock", "cannot lock"]
                .contains { lowered.contains($0) }
            throw lostRace
                ? GitError.nonFastForward(ref: rejection.ref, reason: status)
                : GitError.pushRejected(ref: rejection.ref, reason: status)
        }
    }

    /// Moves `ref` in the repository at `remotePath` from `expected` to `commit` atomically (under
    /// the ref's lock), then drops the temporary ref the objects were pushed under.
    private static func compareAndSwap(remotePath: String, url: String, ref: String, to commit: ObjectID,
                                       expected: ObjectID?, temporaryRef: String) throws {
        let display = URLCredentials.scrub(url)
        let remote = try GitHandle.make("open remote repository \(display)", free: git_repository_free) {
            git_repository_open_ext(&$0, remotePath, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        }
        defer { _ = git_reference_remove(remote.pointer, temporaryRef) }
        var newOid = commit.oid
        var out: OpaquePointer?
        let message = "ezbuilt: push"
        let code: Int32
        if let expected {
            var expectedOid = expected.oid
            code = git_reference_create_matching(&out, remote.pointer, ref, &newOid, 1, &expectedOid, message)
        } else {
            code = git_reference_create(&out, remote.pointer, ref, &newOid, 0, message)
        }
        if let out { git_reference_free(out) }
        if code == GIT_EMODIFIED.rawValue || code == GIT_EEXISTS.rawValue || code == GIT_ENOTFOUND.rawValue
            || code == GIT_ELOCKED.rawValue {
            let current = GitError.last(code, "").message
            throw GitError.nonFastForward(
                ref: ref,
                reason: "the remote branch is no longer at \(expected?.short ?? "nothing") (\(current))")
        }
        try check(code, "update \(ref) in \(display)")
    }

    /// The file-system path of a remote libgit2 reaches through its local transport, else `nil`.
    static func localPath(ofRemote url: String) -> String? {
        if url.hasPrefix("file://") {
            let path = String(url.dropFirst("file://".count))
            return path.removingPercentEncoding ?? path
        }
        if url.contains("://") { return nil }
        // `user@host:path` (scp-like ssh) has a colon before any slash.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        return url
    }

    /// `refs/heads/<branch>`, after checking that git accepts it as a branch name.
    static func branchRef(_ branch: String) throws(GitError) -> String {
        let ref = "refs/heads/\(branch)"
        var valid: Int32 = 0
        guard !branch.isEmpty, !branch.hasPrefix("-"), git_reference_name_is_valid(&valid, ref) == 0, valid == 1 else {
            throw .invalidArgument("\(branch.debugDescription) is not a valid branch name")
        }
        return ref
    }

    private func createReference(_ name: String, _ target: ObjectID, force: Bool) throws(GitError) {
        let repo = try repository()
        var oid = target.oid
        let reference = try GitHandle.make("set \(name) to \(target.short)", free: git_reference_free) {
            git_reference_create(&$0, repo, name, &oid, force ? 1 : 0, "ezbuilt")
        }
        _ = reference
    }

    // MARK: Branches

    /// The remote's branches and their tips as of the last fetch (or push), sorted by name.
    public func branches() throws(GitError) -> [Branch] {
        let repo = try repository()
        let prefix = "refs/remotes/\(Self.remoteName)/"
        let iterator = try GitHandle.make("list branches", free: git_reference_iterator_free) {
            git_reference_iterator_glob_new(&$0, repo, prefix + "*")
        }
        var result: [Branch] = []
        while true {
            var reference: OpaquePointer?
            let code = git_reference_next(&reference, iterator.pointer)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "list branches")
            guard let reference else { break }
            defer { git_reference_free(reference) }
            guard git_reference_type(reference) == GIT_REFERENCE_DIRECT,
                  let name = git_reference_name(reference), let target = git_reference_target(reference)
            else { continue }
            let branch = String(String(cString: name).dropFirst(prefix.count))
            if branch == "HEAD" { continue }
            result.append(Branch(name: branch, tip: ObjectID(target)))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The tip of the remote's `branch` as of the last fetch, or `nil` when there is no such branch.
    public func tip(of branch: String) throws(GitError) -> ObjectID? {
        let repo = try repository()
        let name = "refs/remotes/\(Self.remoteName)/\(branch)"
        _ = try Self.branchRef(branch)
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, repo, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "resolve \(name)")
        return ObjectID(oid)
    }

    // MARK: Reading trees

    /// The contents of the regular file at `path` in `commit`, or `nil` when nothing is there
    /// (including when a parent component is a file or a symlink: links are not followed).
    /// Throws `notAFile` when `path` is a symlink, submodule or directory.
    public func readFile(_ path: String, at commit: ObjectID) throws(GitError) -> Data? {
        let repo = try repository()
        let normalized = try RepositoryPath.normalized(path)
        let tree = try commitTree(commit)
        guard let entry = try entry(normalized, in: tree) else { return nil }
        let kind = Self.kind(of: entry.pointer)
        guard kind == .file || kind == .executable else { throw .notAFile(path: normalized, kind: kind) }
        let blob = try GitHandle.make("read \(normalized) at \(commit.short)", free: git_blob_free) {
            git_blob_lookup(&$0, repo, git_tree_entry_id(entry.pointer))
        }
        let size = Int(git_blob_rawsize(blob.pointer))
        guard size > 0, let bytes = git_blob_rawcontent(blob.pointer) else { return Data() }
        return Data(bytes: bytes, count: size)
    }

    /// The entries directly inside the directory `path` (`""` for the root) at `commit`, in tree
    /// order. Throws `notFound` when absent and `notADirectory` when it is something else.
    public func listDirectory(_ path: String, at commit: ObjectID) throws(GitError) -> [TreeEntry] {
        let normalized = try RepositoryPath.normalized(path, allowRoot: true)
        let root = try commitTree(commit)
        if normalized.isEmpty { return try entries(of: root, prefix: "") }
        guard let entry = try entry(normalized, in: root) else { throw .notFound(path: normalized, commit: commit) }
        let kind = Self.kind(of: entry.pointer)
        guard kind == .directory else { throw .notADirectory(path: normalized, kind: kind) }
        return try entries(of: try lookupTree(git_tree_entry_id(entry.pointer).pointee), prefix: normalized)
    }

    /// Every file, symlink and submodule under `prefix` (`""` for everything) at `commit`, sorted
    /// by path. Directories are walked, links and submodules reported and never entered. An
    /// absent prefix gives an empty list; a prefix naming a file gives that file.
    public func listFiles(at commit: ObjectID, under prefix: String = "") throws(GitError) -> [TreeEntry] {
        let normalized = try RepositoryPath.normalized(prefix, allowRoot: true)
        let root = try commitTree(commit)
        var result: [TreeEntry] = []
        if normalized.isEmpty {
            try walk(root, prefix: "", into: &result)
        } else if let entry = try entry(normalized, in: root) {
            let value = Self.treeEntry(entry.pointer, path: normalized)
            if value.kind == .directory {
                try walk(try lookupTree(value.oid.oid), prefix: normalized, into: &result)
            } else {
                result.append(value)
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    private func walk(_ tree: GitHandle, prefix: String, into result: inout [TreeEntry]) throws(GitError) {
        for entry in try entries(of: tree, prefix: prefix) {
            if entry.kind == .directory {
                try walk(try lookupTree(entry.oid.oid), prefix: entry.path, into: &result)
            } else {
                result.append(entry)
            }
        }
    }

    private func entries(of tree: GitHandle, prefix: String) throws(GitError) -> [TreeEntry] {
        let count = git_tree_entrycount(tree.pointer)
        var result: [TreeEntry] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree.pointer, index), let cName = git_tree_entry_name(entry) else { continue }
            let name = String(cString: cName)
            result.append(Self.treeEntry(entry, path: prefix.isEmpty ? name : "\(prefix)/\(name)"))
        }
        return result
    }

    private static func treeEntry(_ entry: OpaquePointer, path: String) -> TreeEntry {
        let name = git_tree_entry_name(entry).map { String(cString: $0) } ?? ""
        return TreeEntry(name: name, path: path, kind: kind(of: entry), oid: ObjectID(git_tree_entry_id(entry)))
    }

    private static func kind(of entry: OpaquePointer) -> TreeEntry.Kind {
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_BLOB_EXECUTABLE: .executable
        case GIT_FILEMODE_LINK: .symlink
        case GIT_FILEMODE_COMMIT: .submodule
        case GIT_FILEMODE_TREE: .directory
        default: .file
        }
    }

    /// The tree entry at `path`, or `nil` when absent. Never passes through a link or submodule:
    /// libgit2 only descends into trees.
    private func entry(_ path: String, in tree: GitHandle) throws(GitError) -> GitHandle? {
        var out: OpaquePointer?
        let code = git_tree_entry_bypath(&out, tree.pointer, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "look up \(path)")
        guard let out else { return nil }
        return GitHandle(out, free: git_tree_entry_free)
    }

    private func lookupCommit(_ id: ObjectID) throws(GitError) -> GitHandle {
        let repo = try repository()
        var oid = id.oid
        var out: OpaquePointer?
        let code = git_commit_lookup(&out, repo, &oid)
        if code == GIT_ENOTFOUND.rawValue { throw .objectNotFound(id) }
        try check(code, "look up commit \(id)")
        guard let out else { throw .objectNotFound(id) }
        return GitHandle(out, free: git_commit_free)
    }

    private func commitTree(_ id: ObjectID) throws(GitError) -> GitHandle {
        let commit = try lookupCommit(id)
        return try GitHandle.make("read the tree of \(id)", free: git_tree_free) { git_commit_tree(&$0, commit.pointer) }
    }

    private func lookupTree(_ oid: git_oid) throws(GitError) -> GitHandle {
        let repo = try repository()
        var oid = oid
        return try GitHandle.make("look up tree \(ObjectID(oid))", free: git_tree_free) { git_tree_lookup(&$0, repo, &oid) }
    }

    // MARK: History

    /// The paths whose entries differ between `from` and `to`, sorted; with `from == nil`, every
    /// path in `to`. A changed submodule or link is reported by its own path.
    public func changedPaths(from: ObjectID?, to: ObjectID) throws(GitError) -> [String] {
        let repo = try repository()
        let newTree = try commitTree(to)
        let oldTree = try from.map { id throws(GitError) in try commitTree(id) }
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        let operation = "diff \(from?.short ?? "nothing")..\(to.short)"
        let diff = try GitHandle.make(operation, free: git_diff_free) {
            git_diff_tree_to_tree(&$0, repo, oldTree?.pointer, newTree.pointer, &options)
        }
        var paths = Set<String>()
        for index in 0..<git_diff_num_deltas(diff.pointer) {
            guard let delta = git_diff_get_delta(diff.pointer, index)?.pointee else { continue }
            if let path = delta.old_file.path { paths.insert(String(cString: path)) }
            if let path = delta.new_file.path { paths.insert(String(cString: path)) }
        }
        return paths.sorted()
    }

    /// Whether `ancestor` is `commit` or one of its ancestors (as `git merge-base --is-ancestor`).
    public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws(GitError) -> Bool {
        let repo = try repository()
        _ = try lookupCommit(ancestor)
        _ = try lookupCommit(commit)
        if ancestor == commit { return true }
        var commitOid = commit.oid
        var ancestorOid = ancestor.oid
        let code = git_graph_descendant_of(repo, &commitOid, &ancestorOid)
        try check(code, "check whether \(ancestor.short) is an ancestor of \(commit.short)")
        return code == 1
    }

    /// Reads back a commit: parents, tree, author, message and trailers.
    public func commitInfo(_ id: ObjectID) throws(GitError) -> CommitInfo {
        let commit = try lookupCommit(id)
        let message = git_commit_message(commit.pointer).map { String(cString: $0) } ?? ""
        var parents: [ObjectID] = []
        for index in 0..<git_commit_parentcount(commit.pointer) {
            if let parent = git_commit_parent_id(commit.pointer, index) { parents.append(ObjectID(parent)) }
        }
        var author = Signature(name: "", email: "", date: Date(timeIntervalSince1970: 0))
        if let signature = git_commit_author(commit.pointer)?.pointee {
            author = Signature(
                name: signature.name.map { String(cString: $0) } ?? "",
                email: signature.email.map { String(cString: $0) } ?? "",
                date: Date(timeIntervalSince1970: TimeInterval(signature.when.time)))
        }
        var trailers: [Trailer] = []
        var array = git_message_trailer_array()
        if git_message_trailers(&array, message) == 0 {
            for index in 0..<array.count {
                let trailer = array.trailers[index]
                trailers.append(Trailer(String(cString: trailer.key), String(cString: trailer.value)))
            }
            git_message_trailer_array_free(&array)
        }
        return CommitInfo(id: id, parents: parents, tree: ObjectID(git_commit_tree_id(commit.pointer)),
                          author: author, message: message, trailers: trailers)
    }

    // MARK: Writing commits

    /// Writes a commit whose tree is `parent`'s tree with `changes` applied, built directly in the
    /// object database (no working tree, no index file). `parent == nil` makes a root commit, for
    /// a new orphan branch. No ref moves: publish the commit with `push`.
    ///
    /// Paths are checked first: absolute paths, `..`, `.`, empty components and `.git` are
    /// refused, as are two changes to one path. Trailers are appended as the message's last
    /// paragraph.
    public func commit(
        _ changes: [FileChange],
        onto parent: ObjectID?,
        author: Signature,
        committer: Signature? = nil,
        message: String,
        trailers: [Trailer] = []
    ) throws(GitError) -> ObjectID {
        let repo = try repository()
        let changeTree = try ChangeNode(changes)
        let fullMessage = try Self.fullMessage(message, trailers)
        let parentCommit = try parent.map { id throws(GitError) in try lookupCommit(id) }
        let baseTree = try parentCommit.map { commit throws(GitError) in
            try GitHandle.make("read the tree of \(parent?.short ?? "")", free: git_tree_free) { git_commit_tree(&$0, commit.pointer) }
        }
        let treeOid: git_oid
        if let written = try writeTree(base: baseTree, changes: changeTree) {
            treeOid = written
        } else {
            treeOid = try writeEmptyTree()
        }
        let tree = try lookupTree(treeOid)
        let authorSignature = try SignatureHandle(author)
        let committerSignature = try SignatureHandle(committer ?? author)
        var oid = git_oid()
        var parents: [OpaquePointer?] = parentCommit.map { [$0.pointer] } ?? []
        let code = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&oid, repo, nil, authorSignature.pointer, committerSignature.pointer, nil,
                              fullMessage, tree.pointer, buffer.count, buffer.baseAddress)
        }
        try check(code, "write commit on \(parent?.short ?? "no parent")")
        return ObjectID(oid)
    }

    /// Writes the tree for one directory level; `nil` when the directory ends up empty (git has no
    /// empty directories, so the parent drops it).
    private func writeTree(base: GitHandle?, changes: ChangeNode) throws(GitError) -> git_oid? {
        let repo = try repository()
        let builder = try GitHandle.make("build tree", free: git_treebuilder_free) {
            git_treebuilder_new(&$0, repo, base?.pointer)
        }
        for (name, leaf) in changes.files.sorted(by: { $0.key < $1.key }) {
            let path = changes.path(name)
            switch leaf {
            case .write(let contents, let executable):
                var blob = git_oid()
                // An empty Data may have no base address; libgit2 wants a pointer even for 0 bytes.
                let bytes = contents.isEmpty ? Data([0]) : contents
                let code = bytes.withUnsafeBytes { buffer in
                    git_blob_create_from_buffer(&blob, repo, buffer.baseAddress, contents.count)
                }
                try check(code, "write blob for \(path)")
                let mode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB
                try check(git_treebuilder_insert(nil, builder.pointer, name, &blob, mode), "add \(path) to tree")
            case .delete:
                if git_treebuilder_get(builder.pointer, name) != nil {
                    try check(git_treebuilder_remove(builder.pointer, name), "remove \(path) from tree")
                }
            }
        }
        for (name, child) in changes.directories.sorted(by: { $0.key < $1.key }) {
            let path = changes.path(name)
            let existing = git_treebuilder_get(builder.pointer, name)
            let existingIsTree = existing.map { git_tree_entry_type($0) == GIT_OBJECT_TREE } ?? false
            let childBase = try existingIsTree ? lookupTree(git_tree_entry_id(existing).pointee) : nil
            if var subtree = try writeTree(base: childBase, changes: child) {
                try check(git_treebuilder_insert(nil, builder.pointer, name, &subtree, GIT_FILEMODE_TREE), "add \(path)/ to tree")
            } else if existingIsTree {
                try check(git_treebuilder_remove(builder.pointer, name), "remove \(path)/ from tree")
            }
        }
        if git_treebuilder_entrycount(builder.pointer) == 0 { return nil }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder.pointer), "write tree \(changes.prefix.isEmpty ? "/" : changes.prefix)")
        return oid
    }

    private func writeEmptyTree() throws(GitError) -> git_oid {
        let repo = try repository()
        let builder = try GitHandle.make("build empty tree", free: git_treebuilder_free) { git_treebuilder_new(&$0, repo, nil) }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder.pointer), "write empty tree")
        return oid
    }

    /// The message with trailers as its last paragraph, ending in a newline.
    static func fullMessage(_ message: String, _ trailers: [Trailer]) throws(GitError) -> String {
        var text = message.trimmingTrailingWhitespace()
        guard !text.isEmpty else { throw .invalidArgument("the commit message is empty") }
        for trailer in trailers {
            let validKey = !trailer.key.isEmpty && trailer.key.first != "-"
                && trailer.key.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" }
            guard validKey else { throw .invalidArgument("trailer key \(trailer.key.debugDescription) must be letters, digits and \"-\"") }
            guard !trailer.value.contains(where: \.isNewline), !trailer.value.trimmingTrailingWhitespace().isEmpty else {
                throw .invalidArgument("trailer \(trailer.key) must have a one-line, non-empty value")
            }
        }
        if !trailers.isEmpty {
            text += "\n\n" + trailers.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
        }
        return text + "\n"
    }
}

/// A `git_signature` owned for the duration of one commit.
private final class SignatureHandle {
    let pointer: UnsafeMutablePointer<git_signature>

    init(_ signature: Signature) throws(GitError) {
        var out: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(signature.date.timeIntervalSince1970.rounded(.down))
        let code = git_signature_new(&out, signature.name, signature.email, seconds, 0)
        try check(code, "make signature for \(signature.name.debugDescription) <\(signature.email)>")
        guard let out else { throw .invalidArgument("libgit2 made no signature for \(signature.name.debugDescription)") }
        pointer = out
    }

    deinit { git_signature_free(pointer) }
}

/// The changes of one commit arranged as a directory tree, checked for bad and conflicting paths.
private final class ChangeNode {
    enum Leaf {
        case write(Data, executable: Bool)
        case delete
    }

    let prefix: String
    var files: [String: Leaf] = [:]
    var directories: [String: ChangeNode] = [:]

    private init(prefix: String) { self.prefix = prefix }

    convenience init(_ changes: [FileChange]) throws(GitError) {
        self.init(prefix: "")
        for change in changes {
            let parts = try RepositoryPath.components(change.path)
            var node = self
            for part in parts.dropLast() {
                if node.files[part] != nil {
                    throw .invalidArgument("conflicting changes: \(node.path(part)) is changed as a file and used as a directory")
                }
                if let child = node.directories[part] {
                    node = child
                } else {
                    let child = ChangeNode(prefix: node.path(part))
                    node.directories[part] = child
                    node = child
                }
            }
            let name = parts[parts.count - 1]
            if node.files[name] != nil || node.directories[name] != nil {
                throw .invalidArgument("conflicting changes: \(node.path(name)) is changed more than once")
            }
            switch change {
            case .write(_, let contents, let executable): node.files[name] = .write(contents, executable: executable)
            case .delete: node.files[name] = .delete
            }
        }
    }

    func path(_ name: String) -> String { prefix.isEmpty ? name : "\(prefix)/\(name)" }
}
