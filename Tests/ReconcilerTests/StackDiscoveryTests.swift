import Testing
@testable import Reconciler

@Suite struct PathGlobTests {
    @Test(arguments: [
        ("**/requirements.md", "requirements.md", true),
        ("**/requirements.md", "infra/web/requirements.md", true),
        ("**/requirements.md", "infra/web/requirements.mdx", false),
        ("infra/*/requirements.md", "infra/web/requirements.md", true),
        ("infra/*/requirements.md", "infra/a/b/requirements.md", false),
        ("infra/**/requirements.md", "infra/requirements.md", true),
        ("stacks/?/requirements.md", "stacks/a/requirements.md", true),
        ("stacks/?/requirements.md", "stacks/ab/requirements.md", false),
        ("stacks/[a-c]*/requirements.md", "stacks/billing/requirements.md", true),
        ("stacks/[!a-c]*/requirements.md", "stacks/billing/requirements.md", false),
        ("*/requirements.md", "web/requirements.md", true),
        ("**/prod-*/**/requirements.md", "teams/prod-eu/db/requirements.md", true),
        ("**/prod-*/**/requirements.md", "teams/staging/db/requirements.md", false),
    ])
    func globMatches(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(PathGlob(pattern).matches(path) == expected)
    }
}

@Suite struct StackDiscoveryTests {
    @Test func findsStacksAndSkipsGeneratedDirectories() {
        let files = [
            "README.md", "requirements.md",
            "infra/web/requirements.md", "infra/web/terraform/main.tf",
            "infra/web/terraform/requirements.md",
            "infra/db/Requirements.md", "teams/a b/ünï/requirements.md",
        ]
        #expect(StackDiscovery.stackPaths(in: files, matching: PathGlob("**/requirements.md")) == ["", "infra/web", "teams/a b/ünï"])
        #expect(StackDiscovery.stackPaths(in: files, matching: PathGlob("infra/*/requirements.md")) == ["infra/web"])
    }

    @Test func stackIDsNameRepositoryAndPath() {
        #expect(StackDiscovery.stackID(repository: "acme", path: "infra/web") == "acme/infra/web")
        #expect(StackDiscovery.stackID(repository: "acme", path: "") == "acme/.")
    }
}
