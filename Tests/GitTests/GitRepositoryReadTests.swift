import Foundation
import Git
import Testing

/// Clone, fetch and reading trees at a commit, against bare repositories built with the git CLI.
@Suite struct GitRepositoryReadTests {
    @Test func cloneFetchesEveryBranchAndReadsTheTreeAtACommit() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: [
            "README.md": "hello\n",
            "infra/web/requirements.md": "A bucket.\n",
            "infra/web/terraform/main.tf": "# generated\n",
            "scripts/run.sh": "#!/bin/sh\n",
        ], executables: ["scripts/run.sh"])
        let feature = try fixture.pushWithGit(to: remote, branch: "feature/x", files: ["infra/web/requirements.md": "Two buckets.\n"])

        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("data/clone.git"))
        let main = try fixture.revParse("main", in: remote)
        #expect(try await repository.branches() == [Branch(name: "feature/x", tip: try ObjectID(parsing: feature)), Branch(name: "main", tip: main)])
        #expect(try await repository.tip(of: "main") == main)
        #expect(try await repository.tip(of: "nope") == nil)
        // A bare clone: no working tree was written.
        #expect(!FileManager.default.fileExists(atPath: fixture.path("data/clone.git/README.md").path))

        #expect(try await repository.readFile("infra/web/requirements.md", at: main) == Data("A bucket.\n".utf8))
        #expect(try await repository.readFile("infra/web/requirements.md", at: try ObjectID(parsing: feature)) == Data("Two buckets.\n".utf8))
        #expect(try await repository.readFile("infra/web/missing.md", at: main) == nil)
        #expect(try await repository.readFile("README.md/inside", at: main) == nil)
        await #expect(throws: GitError.notAFile(path: "infra/web", kind: .directory)) {
            try await repository.readFile("infra/web", at: main)
        }

        let root = try await repository.listDirectory("", at: main)
        #expect(root.map(\.name) == ["README.md", "infra", "scripts"])
        #expect(root.map(\.kind) == [.file, .directory, .directory])
        let web = try await repository.listDirectory("infra/web", at: main)
        #expect(web.map(\.path) == ["infra/web/requirements.md", "infra/web/terraform"])
        await #expect(throws: GitError.notFound(path: "infra/api", commit: main)) {
            try await repository.listDirectory("infra/api", at: main)
        }
        await #expect(throws: GitError.notADirectory(path: "README.md", kind: .file)) {
            try await repository.listDirectory("README.md", at: main)
        }

        let files = try await repository.listFiles(at: main)
        #expect(files.map(\.path) == ["README.md", "infra/web/requirements.md", "infra/web/terraform/main.tf", "scripts/run.sh"])
        #expect(files.first { $0.path == "scripts/run.sh" }?.kind == .executable)
        let lsTree = try fixture.lsTree("main", in: remote)
        #expect(Set(files.map(\.path)) == Set(lsTree.keys))
        #expect(try await repository.listFiles(at: main, under: "infra/web/terraform").map(\.path) == ["infra/web/terraform/main.tf"])
        #expect(try await repository.listFiles(at: main, under: "README.md").map(\.path) == ["README.md"])
        #expect(try await repository.listFiles(at: main, under: "nothing/here").isEmpty)
    }

    @Test func fetchSeesNewCommitsAndPrunesDeletedBranches() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        try fixture.pushWithGit(to: remote, branch: "old", files: ["b.txt": "2\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        #expect(try await repository.branches().map(\.name) == ["main", "old"])

        let newMain = try fixture.pushWithGit(to: remote, branch: "main", files: ["a.txt": "changed\n"])
        let added = try fixture.pushWithGit(to: remote, branch: "added", files: ["c.txt": "3\n"])
        try fixture.git(["--git-dir", remote.path, "branch", "-D", "old"])
        #expect(try await repository.tip(of: "main") != ObjectID(newMain))

        try await repository.fetch()
        #expect(try await repository.branches() == [
            Branch(name: "added", tip: try ObjectID(parsing: added)),
            Branch(name: "main", tip: try ObjectID(parsing: newMain)),
        ])
        #expect(try await repository.readFile("a.txt", at: try ObjectID(parsing: newMain)) == Data("changed\n".utf8))
    }

    @Test func cloneOrOpenReusesTheCloneAlreadyThere() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let dir = fixture.path("clone.git")
        let first = try await GitRepository.cloneOrOpen(url: remote.path, into: dir)
        let tip = try #require(try await first.tip(of: "main"))
        // A marker ref that a fresh clone would not have shows the directory was reused.
        try fixture.git(["--git-dir", dir.path, "update-ref", "refs/ezbuilt/marker", tip.hex])

        let moved = fixture.path("moved.git")
        try FileManager.default.moveItem(at: remote, to: moved)
        let second = try await GitRepository.cloneOrOpen(url: "file://" + moved.path, into: dir)
        #expect(try fixture.revParse("refs/ezbuilt/marker", in: dir) == tip)
        #expect(await second.remoteURL() == "file://" + moved.path)
        try await second.fetch()
        #expect(try await second.tip(of: "main") == tip)
    }

    @Test func openingSomethingThatIsNotARepositoryIsNotFound() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let dir = fixture.path("empty")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(throws: GitError.notFound(path: dir.path, commit: nil)) { try GitRepository.open(at: dir) }
    }

    @Test func changedPathsListsAddedModifiedAndDeletedFiles() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["keep.txt": "k\n", "edit.txt": "1\n", "gone/x.txt": "x\n"])
        let first = try fixture.revParse("main", in: remote)
        let second = try fixture.pushWithGit(
            to: remote, branch: "main", files: ["edit.txt": "2\n", "new dir/n.txt": "n\n"], deletions: ["gone/x.txt"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let secondID = try ObjectID(parsing: second)

        #expect(try await repository.changedPaths(from: first, to: secondID) == ["edit.txt", "gone/x.txt", "new dir/n.txt"])
        #expect(try await repository.changedPaths(from: secondID, to: first) == ["edit.txt", "gone/x.txt", "new dir/n.txt"])
        #expect(try await repository.changedPaths(from: nil, to: first) == ["edit.txt", "gone/x.txt", "keep.txt"])
        #expect(try await repository.changedPaths(from: first, to: first).isEmpty)
    }

    @Test func isAncestorFollowsHistory() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let base = try fixture.revParse("main", in: remote)
        let child = try ObjectID(parsing: try fixture.pushWithGit(to: remote, branch: "main", files: ["a.txt": "2\n"]))
        let sibling = try ObjectID(parsing: try fixture.pushWithGit(to: remote, branch: "side", files: ["b.txt": "3\n"], from: base.hex))
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))

        #expect(try await repository.isAncestor(base, of: child))
        #expect(try await !repository.isAncestor(child, of: base))
        #expect(try await repository.isAncestor(child, of: child))
        #expect(try await !repository.isAncestor(sibling, of: child))
        #expect(try await repository.isAncestor(base, of: sibling))
        let unknown = try ObjectID(parsing: String(repeating: "ab", count: 20))
        await #expect(throws: GitError.objectNotFound(unknown)) { try await repository.isAncestor(unknown, of: child) }
    }

    @Test func symlinksAndSubmodulesAreReportedAndNeverFollowed() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let submoduleCommit = String(repeating: "1234567890", count: 4)
        let remote = try fixture.makeRemote(
            files: ["real/secret.txt": "secret\n", "top.txt": "top\n"],
            symlinks: ["link.txt": "real/secret.txt", "linkdir": "real", "escape": "../../../../etc/passwd"],
            submodules: ["vendor/sub": submoduleCommit])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let main = try fixture.revParse("main", in: remote)

        let files = try await repository.listFiles(at: main)
        let kinds = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.kind) })
        #expect(kinds == ["escape": .symlink, "link.txt": .symlink, "linkdir": .symlink, "real/secret.txt": .file,
                          "top.txt": .file, "vendor/sub": .submodule])
        #expect(files.first { $0.path == "vendor/sub" }?.oid == ObjectID(submoduleCommit))

        await #expect(throws: GitError.notAFile(path: "link.txt", kind: .symlink)) { try await repository.readFile("link.txt", at: main) }
        await #expect(throws: GitError.notAFile(path: "escape", kind: .symlink)) { try await repository.readFile("escape", at: main) }
        await #expect(throws: GitError.notAFile(path: "vendor/sub", kind: .submodule)) { try await repository.readFile("vendor/sub", at: main) }
        // Through a link to a directory: absent, not the file it would reach.
        #expect(try await repository.readFile("linkdir/secret.txt", at: main) == nil)
        #expect(try await repository.readFile("vendor/sub/anything", at: main) == nil)
        await #expect(throws: GitError.notADirectory(path: "linkdir", kind: .symlink)) { try await repository.listDirectory("linkdir", at: main) }
        await #expect(throws: GitError.notADirectory(path: "vendor/sub", kind: .submodule)) { try await repository.listDirectory("vendor/sub", at: main) }
        #expect(try await repository.listFiles(at: main, under: "linkdir").map(\.kind) == [.symlink])
        #expect(try await repository.listDirectory("vendor", at: main).map(\.kind) == [.submodule])
    }

    @Test func unicodeAndSpacePathsWrittenByGitAreRead() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let paths = ["docs/my file.md", "ünïcødé/日本語.txt", "emoji 🚀/a  b.txt", "tab\there.txt"]
        let remote = try fixture.makeRemote(files: Dictionary(uniqueKeysWithValues: paths.map { ($0, "content of \($0)\n") }))
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let main = try fixture.revParse("main", in: remote)
        #expect(try await repository.listFiles(at: main).map(\.path) == paths.sorted())
        for path in paths {
            #expect(try await repository.readFile(path, at: main) == Data("content of \(path)\n".utf8))
        }
        #expect(try await repository.changedPaths(from: nil, to: main) == paths.sorted())
    }

    @Test(arguments: [
        ("../outside", "\"..\" components"),
        ("/etc/passwd", "absolute"),
        ("a/../b", "\"..\" components"),
        ("./a", "\".\" components"),
        (".git/config", "\".git\""),
        ("sub/.GIT/hooks/pre-commit", "\".git\""),
        ("a//b", "empty path components"),
        ("a\\b", "backslashes"),
        ("", "empty"),
    ])
    func hostilePathsAreRefusedBeforeReading(path: String, reason: String) async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let main = try fixture.revParse("main", in: remote)
        let error = await #expect(throws: GitError.self) { try await repository.readFile(path, at: main) }
        guard case .invalidPath(let refused, let message) = error else {
            Issue.record("expected invalidPath, got \(String(describing: error))")
            return
        }
        #expect(refused == path)
        #expect(message.contains(reason))
    }
}
