import Foundation
import Git
import Testing

/// Fetch and push over a real network protocol (git:// served by `git daemon` on loopback), where
/// libgit2 negotiates with the server's receive-pack and the server answers per ref.
@Suite struct GitRemoteProtocolTests {
    @Test func cloneAndPushOverTheNetwork() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let daemon = try await GitDaemon(serving: fixture)
        defer { daemon.stop() }
        let repository = try await GitRepository.cloneOrOpen(url: daemon.url("remote.git"), into: fixture.path("clone.git"))
        let tip = try #require(try await repository.tip(of: "main"))
        #expect(tip == (try fixture.revParse("main", in: remote)))

        let commit = try await repository.commit([.write("dir/b.txt", "2\n")], onto: tip, author: GitFixture.author, message: "b")
        try await repository.push(commit: commit, to: "main", expectedRemoteTip: tip)
        #expect(try fixture.revParse("main", in: remote) == commit)
        let orphan = try await repository.commit([.write("s.md", "s\n")], onto: nil, author: GitFixture.author, message: "status")
        try await repository.push(commit: orphan, to: "ezbuilt/status", expectedRemoteTip: nil)
        #expect(try fixture.revParse("refs/heads/ezbuilt/status", in: remote) == orphan)
        try await repository.fetch()
        #expect(try await repository.branches() == [Branch(name: "ezbuilt/status", tip: orphan), Branch(name: "main", tip: commit)])
    }

    @Test func aNetworkPushRaceHasOneWinnerAndTheLoserSucceedsAfterRefetch() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let daemon = try await GitDaemon(serving: fixture)
        defer { daemon.stop() }
        let writerA = try await GitRepository.cloneOrOpen(url: daemon.url("remote.git"), into: fixture.path("a.git"))
        let writerB = try await GitRepository.cloneOrOpen(url: daemon.url("remote.git"), into: fixture.path("b.git"))
        let base = try #require(try await writerA.tip(of: "main"))
        let commitA = try await writerA.commit([.write("a.md", "A\n")], onto: base, author: GitFixture.author, message: "A")
        let commitB = try await writerB.commit([.write("b.md", "B\n")], onto: base, author: GitFixture.author, message: "B")
        async let pushA: GitError? = attempt { try await writerA.push(commit: commitA, to: "main", expectedRemoteTip: base) }
        async let pushB: GitError? = attempt { try await writerB.push(commit: commitB, to: "main", expectedRemoteTip: base) }
        let results = await [pushA, pushB]
        let failures = results.compactMap { $0 }
        try #require(failures.count == 1, "exactly one writer must lose, got \(results)")
        #expect(failures[0].isRetryableAfterFetch, "\(failures[0])")
        let loser = results[0] == nil ? writerB : writerA
        let winner = results[0] == nil ? commitA : commitB
        #expect(try fixture.revParse("main", in: remote) == winner)

        try await loser.fetch()
        let newTip = try #require(try await loser.tip(of: "main"))
        let retry = try await loser.commit([.write("retry.md", "r\n")], onto: newTip, author: GitFixture.author, message: "retry")
        try await loser.push(commit: retry, to: "main", expectedRemoteTip: newTip)
        #expect(try fixture.revParse("main", in: remote) == retry)
        #expect(try fixture.git(["--git-dir", remote.path, "rev-list", "--count", "main"]) == "3\n")
    }

    @Test func aRefTheServerRejectsIsAnErrorEvenThoughThePushCallSucceeds() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        // The server refuses every update with its own reason, after the pack was sent.
        let hook = remote.appendingPathComponent("hooks/update")
        try Data("#!/bin/sh\necho 'protected branch' >&2\nexit 1\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let daemon = try await GitDaemon(serving: fixture)
        defer { daemon.stop() }
        let repository = try await GitRepository.cloneOrOpen(url: daemon.url("remote.git"), into: fixture.path("clone.git"))
        let tip = try #require(try await repository.tip(of: "main"))
        let commit = try await repository.commit([.write("b.txt", "2\n")], onto: tip, author: GitFixture.author, message: "b")

        let error = await attempt { try await repository.push(commit: commit, to: "main", expectedRemoteTip: tip) }
        guard case .pushRejected(let ref, let reason) = error else {
            Issue.record("expected pushRejected, got \(String(describing: error))")
            return
        }
        #expect(ref == "refs/heads/main")
        #expect(reason.contains("hook declined"))
        #expect(error?.isRetryableAfterFetch == false)
        #expect(try fixture.revParse("main", in: remote) == tip)
        #expect(try await repository.tip(of: "main") == tip)
    }

    @Test func aStaleExpectedTipIsCaughtInNegotiation() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let daemon = try await GitDaemon(serving: fixture)
        defer { daemon.stop() }
        let repository = try await GitRepository.cloneOrOpen(url: daemon.url("remote.git"), into: fixture.path("clone.git"))
        let base = try #require(try await repository.tip(of: "main"))
        let moved = try ObjectID(parsing: try fixture.pushWithGit(to: remote, branch: "main", files: ["h.txt": "h\n"]))
        let mine = try await repository.commit([.write("m.txt", "m\n")], onto: base, author: GitFixture.author, message: "m")
        let error = await attempt { try await repository.push(commit: mine, to: "main", expectedRemoteTip: base) }
        guard case .nonFastForward(let ref, let reason) = error else {
            Issue.record("expected nonFastForward, got \(String(describing: error))")
            return
        }
        #expect(ref == "refs/heads/main")
        #expect(reason.contains(moved.short), "\(reason)")
        #expect(try fixture.revParse("main", in: remote) == moved)
    }
}
