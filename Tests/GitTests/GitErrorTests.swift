import Foundation
import Git
import Testing

/// Bad URLs and bad credentials fail fast, with errors that name what failed and hold no secret.
@Suite struct GitErrorTests {
    /// A bound well above what a connection refused or a missing path takes, and far below any
    /// network timeout, so "fails fast" is checked without being flaky.
    static let fast: Duration = .seconds(30)  // generous: the suite shares 2 cores; a hang would never end

    enum BadRemote: String, CaseIterable, CustomTestStringConvertible {
        case missingPath, missingFileURL, closedHTTPSPort, closedHTTPPortWithToken
        var testDescription: String { rawValue }

        func url(_ fixture: GitFixture, port: Int) -> (url: String, shown: String) {
            switch self {
            case .missingPath:
                let path = fixture.path("does/not/exist.git").path
                return (path, path)
            case .missingFileURL:
                let path = fixture.path("nope.git").path
                return ("file://" + path, path)
            case .closedHTTPSPort:
                return ("https://127.0.0.1:\(port)/acme/infra.git", "https://127.0.0.1:\(port)/acme/infra.git")
            case .closedHTTPPortWithToken:
                return ("http://x-access-token:s3cr3t-t0ken@127.0.0.1:\(port)/acme/infra.git", "http://***@127.0.0.1:\(port)/acme/infra.git")
            }
        }
    }

    @Test(arguments: BadRemote.allCases)
    func aBadURLFailsFastWithAnErrorNamingIt(remote: BadRemote) async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let (url, shown) = remote.url(fixture, port: try closedLoopbackPort())
        let dir = fixture.path("data/clone.git")
        let clock = ContinuousClock()
        let start = clock.now
        let error = await attempt { _ = try await GitRepository.cloneOrOpen(url: url, into: dir) }
        #expect(clock.now - start < Self.fast)
        let failure = try #require(error)
        guard case .libgit2(_, _, let message, let operation) = failure else {
            Issue.record("expected a libgit2 error, got \(failure)")
            return
        }
        #expect(failure.description.contains(shown), "\(failure)")
        #expect(operation.hasPrefix("fetch from"))
        #expect(!message.isEmpty)
        #expect(!failure.description.contains("s3cr3t"), "\(failure)")
        // A failed clone leaves nothing behind, so the next attempt starts clean.
        #expect(!FileManager.default.fileExists(atPath: dir.path))
    }

    @Test func aMissingSSHKeyFailsBeforeConnecting() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let port = try closedLoopbackPort()
        let key = fixture.path("keys/id_ed25519").path
        let credentials = GitCredentials.sshKey(privateKeyPath: key)
        let error = await attempt {
            _ = try await GitRepository.cloneOrOpen(url: "ssh://git@127.0.0.1:\(port)/acme/infra.git", into: fixture.path("c.git"), credentials: credentials)
        }
        #expect(error == .credentialsUnavailable(reason: "the ssh private key \(key) does not exist or is not readable"))
        #expect(!FileManager.default.fileExists(atPath: fixture.path("c.git").path))
    }

    @Test func anUnsetTokenVariableFailsBeforeConnecting() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let variable = "EZBUILT_TEST_UNSET_\(UUID().uuidString.replacingOccurrences(of: "-", with: "_"))"
        let error = await attempt {
            _ = try await GitRepository.cloneOrOpen(url: "https://127.0.0.1:1/x.git", into: fixture.path("c.git"), credentials: .token(envVar: variable))
        }
        #expect(error == .credentialsUnavailable(reason: "the token environment variable $\(variable) is not set or empty"))
    }

    @Test func aRefusedTokenGivesUpAfterABoundedNumberOfAttempts() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let server = try RefusingHTTPServer(in: fixture)
        defer { server.stop() }
        // PATH is always set, so the test needs no setenv (unsafe while other tests spawn
        // processes); its value stands in for a secret that must never show up in the error.
        let secret = try #require(ProcessInfo.processInfo.environment["PATH"])
        let url = "http://127.0.0.1:\(server.port)/acme/infra.git"
        let clock = ContinuousClock()
        let start = clock.now
        let error = await attempt {
            _ = try await GitRepository.cloneOrOpen(url: url, into: fixture.path("c.git"), credentials: .token(envVar: "PATH", username: "bot"))
        }
        #expect(clock.now - start < Self.fast)
        guard case .authenticationFailed(let shownURL, let attempts, _) = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(shownURL == url)
        #expect(attempts == 3)
        #expect(!(error?.description.contains(secret) ?? true))
        // The server saw exactly the bounded number of tries, each with the token as basic auth.
        let expected = "Basic " + Data("bot:\(secret)".utf8).base64EncodedString()
        let headers = try server.authorizationHeaders()
        #expect(headers.count == 3)
        #expect(headers.allSatisfy { $0 == expected })
    }

    @Test func aRemoteAskingForCredentialsWhenNoneAreConfiguredFailsAtOnce() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let server = try RefusingHTTPServer(in: fixture)
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/acme/infra.git"
        let error = await attempt { _ = try await GitRepository.cloneOrOpen(url: url, into: fixture.path("c.git")) }
        #expect(error == .authenticationFailed(url: url, attempts: 1, reason: "the remote asked for credentials and none are configured"))
        #expect(try server.authorizationHeaders().isEmpty)
    }

    @Test func fetchingWithoutARemoteSaysSo() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.git(["init", "--quiet", "--bare", fixture.path("plain.git").path])
        let repository = try GitRepository.open(at: fixture.path("plain.git"))
        await #expect(throws: GitError.noRemote(name: "origin")) { try await repository.fetch() }
        #expect(try await repository.branches().isEmpty)
    }

    @Test(arguments: [
        ("https://x-access-token:ghp_secret@github.com/acme/infra.git", "https://***@github.com/acme/infra.git"),
        ("https://user@host.example/a.git", "https://***@host.example/a.git"),
        ("https://host.example/a@b.git", "https://host.example/a@b.git"),
        ("ssh://git@host.example:2222/a.git", "ssh://***@host.example:2222/a.git"),
        ("git@host.example:acme/infra.git", "git@host.example:acme/infra.git"),
        ("/srv/git/infra.git", "/srv/git/infra.git"),
    ])
    func remoteURLsAreShownWithUserInfoScrubbed(url: String, shown: String) async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.git(["init", "--quiet", "--bare", fixture.path("r.git").path])
        try fixture.git(["--git-dir", fixture.path("r.git").path, "remote", "add", "origin", url])
        let repository = try GitRepository.open(at: fixture.path("r.git"))
        #expect(await repository.remoteURL() == shown)
    }

    @Test func errorsCarryCodeClassMessageAndOperation() async throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let remote = try fixture.makeRemote(files: ["a.txt": "1\n"])
        let repository = try await GitRepository.cloneOrOpen(url: remote.path, into: fixture.path("c.git"))
        let tip = try #require(try await repository.tip(of: "main"))
        let badAuthor = Signature(name: "Evil <name>", email: "e@x", date: Date())
        let error = await attempt { _ = try await repository.commit([.write("a", "b")], onto: tip, author: badAuthor, message: "m") }
        guard case .libgit2(let code, let klass, let message, let operation) = error else {
            Issue.record("expected a libgit2 error, got \(String(describing: error))")
            return
        }
        #expect(code < 0)
        #expect(klass != 0)
        #expect(message.contains("angle brackets"), "\(message)")
        #expect(operation.contains("Evil <name>"))
        #expect(error?.code == code)
    }
}

/// Object ids parse strictly and round-trip.
@Suite struct ObjectIDTests {
    @Test(arguments: [
        (String(repeating: "a", count: 40), true),
        ("0123456789ABCDEF0123456789abcdef01234567", true),
        (String(repeating: "a", count: 39), false),
        (String(repeating: "a", count: 41), false),
        (String(repeating: "g", count: 40), false),
        ("", false),
        ("main", false),
    ])
    func parsesOnlyFortyHexDigits(text: String, valid: Bool) throws {
        #expect((ObjectID(text) != nil) == valid)
        if valid {
            let id = try ObjectID(parsing: text)
            #expect(id.description == text.lowercased())
            let encoded = try JSONEncoder().encode(id)
            #expect(try JSONDecoder().decode(ObjectID.self, from: encoded) == id)
        } else {
            #expect(throws: GitError.invalidObjectID(text)) { try ObjectID(parsing: text) }
        }
    }
}
