import Foundation
import Git
import Testing

/// What libgit2 may keep in memory: the process-wide limits, and handles released between uses.
@Suite struct GitMemoryTests {
    @Test func theObjectCacheIsCappedForTheWholeProcess() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        // Opening a repository initialises libgit2, which applies the limits.
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("data/clone.git"))
        _ = try await repository.branches()
        let cache = try GitMemoryLimits.cachedMemory()
        #expect(cache.allowed == GitMemoryLimits.standard.objectCacheBytes)
        #expect(cache.allowed < 256 << 20, "libgit2's default would keep 256 MiB")
    }

    @Test func aClosedRepositoryOpensAgainOnItsNextUseAndSeesNewCommits() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("data/clone.git"))
        let first = try await repository.tip(of: "main")
        #expect(await repository.isOpen)
        await repository.close()
        #expect(await !repository.isOpen)

        // Every kind of call reopens it: read, fetch, write and push.
        #expect(try await repository.readFile("a.txt", at: try #require(first)) == Data("1\n".utf8))
        await repository.close()
        let pushed = try fixture.pushWithGit(to: remote, branch: "main", files: ["b.txt": "2\n"])
        try await repository.fetch()
        await repository.close()
        let main = try #require(try await repository.tip(of: "main"))
        #expect(main == (try ObjectID(parsing: pushed)))
        await repository.close()
        let author = Signature(name: "t", email: "t@localhost", date: Date())
        let commit = try await repository.commit([.write(path: "c.txt", contents: Data("3\n".utf8))], onto: main, author: author, message: "c")
        await repository.close()
        try await repository.push(commit: commit, to: "main", expectedRemoteTip: main)
        #expect(try fixture.revParse("main", in: remote) == commit)
    }
}
