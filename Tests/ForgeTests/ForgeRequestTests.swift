import EZBuiltConfiguration
import Foundation
import Testing
@testable import Forge

/// Each forge's documented shape of "create a commit status", built without sending anything.
@Suite struct ForgeRequestTests {
    static let sha = "0123456789abcdef0123456789abcdef01234567"
    static let status = CommitStatus(sha: sha, state: .pending, context: "ezbuilt/acme/web", description: "planning acme/web")

    static func forge(_ kind: ForgeKind, _ api: String, project: String = "acme/infra", target: String? = "https://ezbuilt.example") -> ForgeSettings {
        ForgeSettings(kind: kind, api: URL(string: api)!, project: project, tokenEnv: "T", targetURL: target.flatMap(URL.init(string:)))
    }

    @Test func githubPostsToReposStatusesWithABearerToken() throws {
        let request = try #require(ForgeRequest(posting: Self.status, to: Self.forge(.github, "https://api.github.com"), token: "s3cret"))
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://api.github.com/repos/acme/infra/statuses/\(Self.sha)")
        #expect(request.headers["Authorization"] == "Bearer s3cret")
        #expect(request.headers["Accept"] == "application/vnd.github+json")
        let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])
        #expect(body == ["state": "pending", "context": "ezbuilt/acme/web", "description": "planning acme/web", "target_url": "https://ezbuilt.example"])
    }

    @Test func giteaPostsUnderAPIv1WithATokenHeader() throws {
        let request = try #require(ForgeRequest(posting: Self.status, to: Self.forge(.gitea, "https://git.example.com/"), token: "s3cret"))
        #expect(request.url.absoluteString == "https://git.example.com/api/v1/repos/acme/infra/statuses/\(Self.sha)")
        #expect(request.headers["Authorization"] == "token s3cret")
        let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])
        #expect(body["state"] == "pending")
        #expect(body["context"] == "ezbuilt/acme/web")
    }

    @Test(arguments: [(CommitStatus.State.pending, "running"), (.success, "success"), (.failure, "failed")])
    func gitlabNamesTheContextAndSpeaksPipelineStates(_ state: CommitStatus.State, _ expected: String) throws {
        var status = Self.status
        status.state = state
        let request = try #require(ForgeRequest(posting: status, to: Self.forge(.gitlab, "https://gitlab.example.com", project: "platform/team/infra", target: nil), token: "s3cret"))
        #expect(request.url.absoluteString == "https://gitlab.example.com/api/v4/projects/platform%2Fteam%2Finfra/statuses/\(Self.sha)")
        #expect(request.headers["PRIVATE-TOKEN"] == "s3cret")
        #expect(request.headers["Authorization"] == nil)
        let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])
        #expect(body == ["state": expected, "name": "ezbuilt/acme/web", "description": "planning acme/web"])
    }

    @Test func theRedactedDescriptionHasNoToken() throws {
        for kind in ForgeKind.allCases {
            let request = try #require(ForgeRequest(posting: Self.status, to: Self.forge(kind, "https://forge.example"), token: "s3cret-token"))
            #expect(!request.redactedDescription.contains("s3cret"))
            #expect(request.redactedDescription.hasPrefix("POST https://forge.example"))
        }
    }

    @Test func descriptionsAreOneLineWithinTheLimit() {
        let long = CommitStatus(sha: Self.sha, state: .failure, context: "c", description: String(repeating: "x", count: 300) + "\nsecond line")
        #expect(long.postedDescription.count == CommitStatus.descriptionLimit)
        #expect(long.postedDescription.hasSuffix("…"))
        let short = CommitStatus(sha: Self.sha, state: .failure, context: "c", description: "blocked by policy\nmore")
        #expect(short.postedDescription == "blocked by policy")
    }
}
