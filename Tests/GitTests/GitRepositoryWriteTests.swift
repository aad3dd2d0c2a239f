import Foundation
import Git
import Testing

/// Commits built in the object database and fast-forward pushes, checked with the git CLI.
@Suite struct GitRepositoryWriteTests {
    @Test func commitWithoutAWorkingTreeThenPushIsWhatGitSees() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: [
            "README.md": "hello\n", "infra/web/requirements.md": "A bucket.\n", "old/only.txt": "bye\n", "old/keep/k.txt": "k\n",
        ])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let tip = try #require(try await repository.tip(of: "main"))

        let commit = try await repository.commit(
            [
                .write("infra/web/terraform/main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n"),
                .write("infra/web/PLAN.md", "# Plan\n"),
                .write("README.md", "hello again\n"),
                .write(path: "bin/tool", contents: Data("#!/bin/sh\n".utf8), executable: true),
                .write(path: "empty.txt", contents: Data()),
                .delete(path: "old/only.txt"),
                .delete(path: "old/keep/k.txt"),
                .delete(path: "never/existed.txt"),
            ],
            onto: tip,
            author: GitFixture.author,
            message: "Generate infra/web\n\nRegenerated from requirements.",
            trailers: [Trailer("EZBuilt-Generated-From", "abc123"), Trailer("EZBuilt-Stack", "infra/web")])

        // Nothing moved yet: committing writes objects, not refs.
        #expect(try fixture.revParse("main", in: remote) == tip)
        #expect(try await repository.tip(of: "main") == tip)

        try await repository.push(commit: commit, to: "main", expectedRemoteTip: tip)
        #expect(try fixture.revParse("main", in: remote) == commit)
        #expect(try await repository.tip(of: "main") == commit)
        #expect(try fixture.revParse("main^", in: remote) == tip)

        let tree = try fixture.lsTree("main", in: remote)
        #expect(tree == [
            "README.md": "100644 blob",
            "bin/tool": "100755 blob",
            "empty.txt": "100644 blob",
            "infra/web/PLAN.md": "100644 blob",
            "infra/web/requirements.md": "100644 blob",
            "infra/web/terraform/main.tf": "100644 blob",
        ])
        #expect(try fixture.git(["--git-dir", remote.path, "show", "main:README.md"]) == "hello again\n")
        #expect(try fixture.git(["--git-dir", remote.path, "cat-file", "-s", "main:empty.txt"]) == "0\n")
        let trailers = try fixture.git(["--git-dir", remote.path, "log", "-1", "--format=%(trailers:only,unfold)", "main"])
        #expect(trailers == "EZBuilt-Generated-From: abc123\nEZBuilt-Stack: infra/web\n\n")
        let author = try fixture.git(["--git-dir", remote.path, "log", "-1", "--format=%an <%ae> %at", "main"])
        #expect(author == "EZBuilt Test <test@ezbuilt.invalid> 1700000000\n")
        try fixture.git(["--git-dir", remote.path, "fsck", "--strict"])

        let info = try await repository.commitInfo(commit)
        #expect(info.parents == [tip])
        #expect(info.trailers == [Trailer("EZBuilt-Generated-From", "abc123"), Trailer("EZBuilt-Stack", "infra/web")])
        #expect(info.message.hasPrefix("Generate infra/web\n\nRegenerated from requirements.\n\n"))
        #expect(try await repository.changedPaths(from: tip, to: commit) == [
            "README.md", "bin/tool", "empty.txt", "infra/web/PLAN.md", "infra/web/terraform/main.tf", "old/keep/k.txt", "old/only.txt",
        ])
    }

    @Test func aPushRaceHasOneWinnerAndTheLoserSucceedsAfterRefetch() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["status.md": "start\n"])
        let writerA = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("a.git"))
        let writerB = try await GitRepository.cloneOrOpen(url: "file://" + remote.path, into: fixture.path("b.git"))
        let base = try #require(try await writerA.tip(of: "main"))
        #expect(try await writerB.tip(of: "main") == base)

        let commitA = try await writerA.commit([.write("a.md", "from A\n")], onto: base, author: GitFixture.author, message: "A")
        let commitB = try await writerB.commit([.write("b.md", "from B\n")], onto: base, author: GitFixture.author, message: "B")
        async let pushA: GitError? = attempt { try await writerA.push(commit: commitA, to: "main", expectedRemoteTip: base) }
        async let pushB: GitError? = attempt { try await writerB.push(commit: commitB, to: "main", expectedRemoteTip: base) }
        let results = await [pushA, pushB]

        let failures = results.compactMap { $0 }
        try #require(failures.count == 1, "exactly one writer must lose, got \(results)")
        guard case .nonFastForward(let ref, _) = failures[0] else {
            Issue.record("the loser must get nonFastForward, got \(failures[0])")
            return
        }
        #expect(ref == "refs/heads/main")
        #expect(failures[0].isRetryableAfterFetch)
        let (winnerCommit, loser, loserFile) = results[0] == nil ? (commitA, writerB, "b.md") : (commitB, writerA, "a.md")
        #expect(try fixture.revParse("main", in: remote) == winnerCommit)

        // The loser refetches, rebuilds its change on the new tip and wins this time.
        try await loser.fetch()
        let newTip = try #require(try await loser.tip(of: "main"))
        #expect(newTip == winnerCommit)
        let retry = try await loser.commit([.write(loserFile, "retried\n")], onto: newTip, author: GitFixture.author, message: "retry")
        try await loser.push(commit: retry, to: "main", expectedRemoteTip: newTip)

        #expect(try fixture.revParse("main", in: remote) == retry)
        #expect(try fixture.git(["--git-dir", remote.path, "rev-list", "--count", "main"]) == "3\n")
        #expect(Set(try fixture.lsTree("main", in: remote).keys) == ["status.md", "a.md", "b.md"])
    }

    @Test func pushingOntoABranchSomeoneElseMovedIsNonFastForward() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let base = try #require(try await repository.tip(of: "main"))
        let human = try fixture.pushWithGit(to: remote, branch: "main", files: ["human.txt": "h\n"])
        let mine = try await repository.commit([.write("mine.txt", "m\n")], onto: base, author: GitFixture.author, message: "mine")

        // Stale expectation: the compare-and-swap refuses.
        let stale = await attempt { try await repository.push(commit: mine, to: "main", expectedRemoteTip: base) }
        #expect(stale?.isRetryableAfterFetch == true, "\(String(describing: stale))")
        // Right expectation, but the commit is not built on it: still not a fast-forward.
        try await repository.fetch()
        let humanID = try ObjectID(parsing: human)
        let notOnTip = await attempt { try await repository.push(commit: mine, to: "main", expectedRemoteTip: humanID) }
        #expect(notOnTip?.isRetryableAfterFetch == true, "\(String(describing: notOnTip))")
        #expect(try fixture.revParse("main", in: remote) == humanID)
    }

    @Test func anOrphanRootCommitIsPushedToANewBranch() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let root = try await repository.commit(
            [.write("stacks/infra-web.md", "# deployed\n"), .write("stacks/infra-web.json", "{}\n")],
            onto: nil, author: GitFixture.author, message: "status", trailers: [Trailer("EZBuilt-Status", "1")])
        #expect(try await repository.commitInfo(root).parents.isEmpty)

        try await repository.push(commit: root, to: "ezbuilt/status", expectedRemoteTip: nil)
        #expect(try fixture.revParse("refs/heads/ezbuilt/status", in: remote) == root)
        #expect(try fixture.git(["--git-dir", remote.path, "rev-list", "--count", "ezbuilt/status"]) == "1\n")
        #expect(Set(try fixture.lsTree("ezbuilt/status", in: remote).keys) == ["stacks/infra-web.md", "stacks/infra-web.json"])
        #expect(try await repository.branches().map(\.name) == ["ezbuilt/status", "main"])

        // "Create" again although it exists now: refused, nothing overwritten.
        let other = try await repository.commit([.write("x", "x\n")], onto: nil, author: GitFixture.author, message: "other")
        await #expect(throws: GitError.self) { try await repository.push(commit: other, to: "ezbuilt/status", expectedRemoteTip: nil) }
        #expect(try fixture.revParse("refs/heads/ezbuilt/status", in: remote) == root)

        // An empty root commit is allowed too (git's empty tree).
        let empty = try await repository.commit([], onto: nil, author: GitFixture.author, message: "empty")
        #expect(try await repository.listFiles(at: empty).isEmpty)
        #expect(try await repository.commitInfo(empty).tree.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
    }

    @Test func deletingTheLastFileOfADirectoryRemovesTheDirectory() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a/b/c/only.txt": "1\n", "a/sibling.txt": "2\n", "file": "f\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let tip = try #require(try await repository.tip(of: "main"))
        let commit = try await repository.commit(
            [.delete(path: "a/b/c/only.txt"), .delete(path: "file/inside")],
            onto: tip, author: GitFixture.author, message: "delete")
        #expect(try await repository.listFiles(at: commit).map(\.path) == ["a/sibling.txt", "file"])
        await #expect(throws: GitError.notFound(path: "a/b", commit: commit)) { try await repository.listDirectory("a/b", at: commit) }
        let wholeDirectory = try await repository.commit([.delete(path: "a")], onto: tip, author: GitFixture.author, message: "rm -r")
        #expect(try await repository.listFiles(at: wholeDirectory).map(\.path) == ["file"])
    }

    @Test(arguments: ["docs/my file.md", "ünïcødé/日本語.txt", "emoji 🚀/a  b.txt", "tab\there.txt", "quote\"and'.md", "ＦＵＬＬ/ｗｉｄｔｈ"])
    func unicodeAndSpacePathsAreWrittenAndPushed(path: String) async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let tip = try #require(try await repository.tip(of: "main"))
        let commit = try await repository.commit([.write(path, "∑ content\n")], onto: tip, author: GitFixture.author, message: "add \(path)")
        try await repository.push(commit: commit, to: "main", expectedRemoteTip: tip)
        #expect(Set(try fixture.lsTree("main", in: remote).keys) == ["a.txt", path])
        #expect(try fixture.git(["--git-dir", remote.path, "cat-file", "blob", "main:\(path)"]) == "∑ content\n")
        #expect(try await repository.readFile(path, at: commit) == Data("∑ content\n".utf8))
        #expect(try await repository.changedPaths(from: tip, to: commit) == [path])
    }

    @Test(arguments: ["../escape.txt", "/etc/cron.d/x", "a/../../b", ".git/hooks/post-update", "x/.Git/config", "a//b", "./a", "", "dir/"])
    func commitsRefuseHostilePaths(path: String) async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let tip = try #require(try await repository.tip(of: "main"))
        for change in [FileChange.write(path, "x"), .delete(path: path)] {
            let error = await #expect(throws: GitError.self) {
                try await repository.commit([change], onto: tip, author: GitFixture.author, message: "bad")
            }
            guard case .invalidPath(let refused, _) = error else {
                Issue.record("expected invalidPath for \(path.debugDescription), got \(String(describing: error))")
                continue
            }
            #expect(refused == path)
        }
    }

    @Test func conflictingChangesAndBadTrailersAreRefused() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let tip = try #require(try await repository.tip(of: "main"))
        let author = GitFixture.author
        let refused: [([FileChange], [Trailer], String)] = [
            ([.write("x", "1"), .write("x", "2")], [], "ok"),
            ([.write("d/x", "1"), .delete(path: "d")], [], "ok"),
            ([.write("d", "1"), .write("d/x", "2")], [], "ok"),
            ([.write("y", "1")], [Trailer("Bad Key", "v")], "ok"),
            ([.write("y", "1")], [Trailer("Key", "two\nlines")], "ok"),
            ([.write("y", "1")], [], "  \n "),
        ]
        for (changes, trailers, message) in refused {
            await #expect(throws: GitError.self, "\(changes) \(trailers) \(message.debugDescription)") {
                try await repository.commit(changes, onto: tip, author: author, message: message, trailers: trailers)
            }
        }
        let unknownParent = try ObjectID(parsing: String(repeating: "0f", count: 20))
        await #expect(throws: GitError.objectNotFound(unknownParent)) {
            try await repository.commit([.write("y", "1")], onto: unknownParent, author: author, message: "m")
        }
        await #expect(throws: GitError.invalidArgument("\"bad..name\" is not a valid branch name")) {
            try await repository.push(commit: tip, to: "bad..name", expectedRemoteTip: nil)
        }
    }

    @Test func writesOnlyChangeTheChangedSubtrees() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["left/a.txt": "a\n", "right/b.txt": "b\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("clone.git"))
        let tip = try #require(try await repository.tip(of: "main"))
        let commit = try await repository.commit([.write("right/c.txt", "c\n")], onto: tip, author: GitFixture.author, message: "c")
        let before = try await repository.listDirectory("", at: tip)
        let after = try await repository.listDirectory("", at: commit)
        #expect(before.first { $0.name == "left" }?.oid == after.first { $0.name == "left" }?.oid)
        #expect(before.first { $0.name == "right" }?.oid != after.first { $0.name == "right" }?.oid)
        // Writing identical content gives the identical tree.
        let same = try await repository.commit([.write("left/a.txt", "a\n")], onto: tip, author: GitFixture.author, message: "same")
        #expect(try await repository.commitInfo(same).tree == repository.commitInfo(tip).tree)
    }
}

/// Runs `body` and returns the `GitError` it threw, or `nil` when it succeeded.
func attempt(_ body: () async throws -> Void) async -> GitError? {
    do {
        try await body()
        return nil
    } catch let error as GitError {
        return error
    } catch {
        return .invalidArgument("unexpected error \(error)")
    }
}
