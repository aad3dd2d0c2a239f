import Foundation
import Testing
@testable import EZBuiltConfiguration

/// The repository root, found from this file's location.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct ConfigLoadingTests {
    @Test func annotatedExampleLoads() throws {
        let config = try EZBuiltConfig.load(path: repositoryRoot.appendingPathComponent("Config/ezbuilt.example.yaml").path)
        #expect(config.dataDir == "/var/lib/ezbuilt")
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(config.terraform.pluginDir == "/opt/tf-plugins")
        #expect(config.terraform.timeout == .seconds(1800))
        #expect(config.terraform.confine)
        #expect(config.auth.tokens.map(\.actor) == ["token:9f86d081884c", "token:ci-deployer"])
        #expect(config.defaults.maxStacksPerPush == 200)
        #expect(config.repositories.map(\.id) == ["acme-infra", "sandbox-playground"])
        #expect(config.policy == PolicyConfig(presets: ["soc2"], blockOn: "high"))
        let acme = try #require(config.repository(id: "acme-infra"))
        #expect(acme.credentials == .token(env: "GIT_TOKEN", username: "x-access-token"))
        #expect(acme.aws.roleArn == "arn:aws:iam::111122223333:role/EZBuiltDeployer")
        #expect(acme.aws.externalIdEnv == "ACME_EXTERNAL_ID")
        #expect(acme.aws.defaultTags == ["managed-by": "ezbuilt"])
        #expect(acme.aws.stacks == [StackAccount(pattern: "prod/**", region: "eu-west-1", roleArn: "arn:aws:iam::444455556666:role/EZBuiltDeployer",
                                                 externalIdEnv: "ACME_PROD_EXTERNAL_ID")])
        #expect(acme.drift == DriftSettings(enabled: true, interval: .seconds(3600), remediate: false))
        let playground = try #require(config.repository(id: "sandbox-playground"))
        #expect(playground.pollInterval == .seconds(10))
        #expect(playground.aws.region == "us-east-1")
        #expect(playground.statusBranch == "ezbuilt/status")
        #expect(acme.forge == ForgeSettings(kind: .github, api: URL(string: "https://api.github.com")!, project: "acme/infra",
                                            tokenEnv: "ACME_FORGE_TOKEN", targetURL: URL(string: "https://ezbuilt.acme.example")))
        #expect(playground.forge == ForgeSettings(kind: .gitea, api: URL(string: "http://127.0.0.1:3000")!, project: "play/ground", tokenEnv: "GITEA_TOKEN"))
    }

    @Test(arguments: [
        ("{ kind: gitea, api: 'https://git.example.com/api/v1/', project: a/b, tokenEnv: T }", "https://git.example.com"),
        ("{ kind: gitlab, api: 'https://gitlab.example.com/api/v4', project: g/s/n, tokenEnv: T }", "https://gitlab.example.com"),
        ("{ kind: github, project: a/b, tokenEnv: T }", "https://api.github.com"),
        ("{ kind: github, api: 'https://ghe.example.com/api/v3/', project: a/b, tokenEnv: T }", "https://ghe.example.com/api/v3"),
    ])
    func forgeAPIIsTheBaseWithoutTheVersionPath(_ yaml: String, _ api: String) throws {
        let config = try EZBuiltConfig.parse(yaml: "repositories:\n  - id: a\n    url: /a\n    forge: \(yaml)")
        #expect(config.repositories.first?.forge?.api.absoluteString == api)
    }

    @Test func defaultsFillWhatIsLeftOut() throws {
        let config = try EZBuiltConfig.parse(yaml: """
            defaults: { pollInterval: 5m, driftInterval: 2h, region: eu-west-1 }
            repositories:
              - id: r
                url: file:///srv/r.git
            """)
        let repository = try #require(config.repositories.first)
        #expect(repository.pollInterval == .seconds(300))
        #expect(repository.drift.interval == .seconds(7200))
        #expect(repository.aws.region == "eu-west-1")
        #expect(repository.deployBranch == "main")
        #expect(repository.stacks == "**/requirements.md")
        #expect(repository.allowDestroy == false)
        #expect(repository.requireReview == true)
        #expect(repository.aws.allowedRegions == nil)
        #expect(config.policy.blockOn == "critical")
        #expect(config.listen.isLoopback)
    }

    @Test func confinementIsOnUnlessTurnedOffExplicitly() throws {
        #expect(try EZBuiltConfig.parse(yaml: "repositories: []").terraform.confine)
        #expect(try EZBuiltConfig.parse(yaml: "terraform: { confine: true }").terraform.confine)
        #expect(try !EZBuiltConfig.parse(yaml: "terraform: { confine: false }").terraform.confine)
        #expect(throws: ConfigErrors.self) { try EZBuiltConfig.parse(yaml: "terraform: { confine: maybe }") }
    }

    @Test func theStacksPerPushLimitIsInheritedAndOverridable() throws {
        let config = try EZBuiltConfig.parse(yaml: """
            defaults: { maxStacksPerPush: 5 }
            repositories:
              - id: a
                url: file:///srv/a.git
              - id: b
                url: file:///srv/b.git
                maxStacksPerPush: 9
            """)
        #expect(config.repositories.map(\.maxStacksPerPush) == [5, 9])
        #expect(try EZBuiltConfig.parse(yaml: "repositories: []").defaults.maxStacksPerPush == 200)
        #expect(throws: ConfigErrors.self) { try EZBuiltConfig.parse(yaml: "defaults: { maxStacksPerPush: 0 }") }
    }

    @Test func sandboxTakesABooleanOrALoopbackEndpoint() throws {
        #expect(try EZBuiltConfig.parse(yaml: "sandbox: true").sandbox == SandboxSettings())
        #expect(try EZBuiltConfig.parse(yaml: "sandbox: false").sandbox == nil)
        let config = try EZBuiltConfig.parse(yaml: "sandbox: { endpoint: 'http://127.0.0.1:5123' }")
        #expect(config.sandbox?.endpoint?.port == 5123)
    }

    @Test func theModelBackendIsOptionalAndReadWithItsDefaults() throws {
        #expect(try EZBuiltConfig.parse(yaml: "dataDir: /tmp/x").generator.llm == nil)
        let config = try EZBuiltConfig.parse(yaml: """
            generator:
              llm: { endpoint: 'http://127.0.0.1:8081/v1', model: qwen2.5-7b-instruct, apiKeyEnv: EZBUILT_LLM_API_KEY }
            """)
        #expect(config.generator.llm == LanguageModelSettings(endpoint: URL(string: "http://127.0.0.1:8081/v1")!, model: "qwen2.5-7b-instruct",
                                                              apiKeyEnv: "EZBUILT_LLM_API_KEY", timeout: .seconds(60), maxAttempts: 3))
        let remote = try EZBuiltConfig.parse(yaml: "generator: { llm: { endpoint: 'https://llm.example.com/v1', model: m, timeout: 2m, maxAttempts: 5 } }")
        #expect(remote.generator.llm?.timeout == .seconds(120) && remote.generator.llm?.maxAttempts == 5 && remote.generator.llm?.apiKeyEnv == nil)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        let yaml: String
        let error: String
        var testDescription: String { error }
    }

    @Test(arguments: [
        Broken(yaml: """
            repositories:
              - id: a
                url: /srv/a.git
                drift:
                  interval: 1x
            """, error: #"repositories[0].drift.interval: "1x" is not a duration (write it like 30s, 5m, 1h) (line 5)"#),
        Broken(yaml: "listen: everywhere", error: #"listen: "everywhere" is not host:port (for example 127.0.0.1:8080) (line 1)"#),
        Broken(yaml: "terraform:\n  parallelism: 0", error: "terraform.parallelism: 0 is outside 1...64 (line 2)"),
        Broken(yaml: "terraform:\n  parallelism: two", error: #"terraform.parallelism: "two" is not a whole number (line 2)"#),
        Broken(yaml: "defaults:\n  pollIntervall: 30s", error: "defaults.pollIntervall: unknown key (known here: driftInterval, maxStacksPerPush, pollInterval, region) (line 2)"),
        Broken(yaml: "defaults:\n  region: mars-north-1x", error: #"defaults.region: "mars-north-1x" is not an AWS region (for example us-east-1) (line 2)"#),
        Broken(yaml: "repositories:\n  - url: /srv/a.git", error: "repositories[0].id: is required (line 2)"),
        Broken(yaml: "repositories:\n  - id: Bad Id\n    url: /a", error: #"repositories[0].id: "Bad Id" must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters (line 2)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n  - id: a\n    url: /b", error: #"repositories[1].id: "a" is already the id of another repository (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    deployBranch: 'feature..x'", error: #"repositories[0].deployBranch: "feature..x" is not a valid branch name (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    statusBranch: main", error: "repositories[0].statusBranch: must differ from deployBranch (the deploy branch is never written) (line 4)"),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    stacks: '../**/requirements.md'", error: #"repositories[0].stacks: "../**/requirements.md" must be a relative glob ending in requirements.md, without '..' (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    credentials: { tokenEnv: T, sshKey: /k }", error: "repositories[0].credentials: give tokenEnv or sshKey, not both (line 4)"),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    credentials: { tokenEnv: 'not-a-name' }", error: #"repositories[0].credentials.tokenEnv: "not-a-name" is not an environment variable name (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    aws: { roleArn: 'arn:aws:iam::12:role/x' }", error: #"repositories[0].aws.roleArn: "arn:aws:iam::12:role/x" is not an IAM role ARN (arn:aws:iam::123456789012:role/Name) (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    allowDestroy: maybe", error: #"repositories[0].allowDestroy: "maybe" is not true or false (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    requireReview: sometimes", error: #"repositories[0].requireReview: "sometimes" is not true or false (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    aws: { region: us-east-1, allowedRegions: [eu-west-1] }", error: "repositories[0].aws.allowedRegions: does not contain the repository's own region us-east-1 (line 4)"),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    aws: { region: us-east-1, allowedRegions: [us-east-1, mars-1] }", error: #"repositories[0].aws.allowedRegions: "mars-1" is not an AWS region name (like eu-west-1) (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    state: { backend: s3 }", error: "repositories[0].state.bucket: is required (line 4)"),
        Broken(yaml: "sandbox: { endpoint: 'http://10.1.2.3:5000' }", error: #"sandbox.endpoint: "http://10.1.2.3:5000" is not an http URL on a loopback address (line 1)"#),
        Broken(yaml: "repositories: 3", error: "repositories: expected a list (line 1)"),
        Broken(yaml: "dataDir: /a\ndataDir: /b", error: "dataDir: is given more than once (line 2)"),
        Broken(yaml: "listen: [unclosed", error: "not valid YAML: did not find expected ',' or ']' (line 2)"),
        Broken(yaml: "- just\n- a list", error: "expected a mapping of keys to values (line 1)"),
        Broken(yaml: "", error: "the file is empty"),
        Broken(yaml: "policy:\n  presets: [hipaa, iso9001]", error: #"policy.presets: "iso9001" is not a preset (known: cis-aws, soc2, hipaa, pci-dss) (line 2)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    forge: { kind: bitbucket, project: a/b, tokenEnv: T }", error: #"repositories[0].forge.kind: "bitbucket" is not a forge (github, gitlab or gitea) (line 4)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    forge:\n      kind: gitea\n      project: a/b\n      tokenEnv: T", error: "repositories[0].forge.api: is required for gitea (the server's base URL, like https://gitea.example.com) (line 5)"),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    forge:\n      kind: github\n      project: a/b/c\n      tokenEnv: T", error: #"repositories[0].forge.project: "a/b/c" is not owner/name (line 6)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    forge:\n      kind: gitlab\n      api: 'ftp://x'\n      project: a/b\n      tokenEnv: T", error: #"repositories[0].forge.api: "ftp://x" is not an http(s) URL without user, query or fragment (line 6)"#),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    forge:\n      kind: github\n      project: a/b", error: "repositories[0].forge.tokenEnv: is required (line 5)"),
        Broken(yaml: "repositories:\n  - id: a\n    url: /a\n    forge:\n      kind: github\n      project: a/b\n      tokenEnv: T\n      token: abc", error: "repositories[0].forge.token: unknown key (known here: api, kind, project, targetUrl, tokenEnv) (line 8)"),
        Broken(yaml: "generator:\n  llm: { endpoint: 'http://llm.example.com/v1', model: m }", error: #"generator.llm.endpoint: "http://llm.example.com/v1" is not an https URL, or an http URL on a loopback address, without user, query or fragment (the key must not cross a network in clear text) (line 2)"#),
        Broken(yaml: "generator:\n  llm:\n    endpoint: 'https://llm.example.com/v1'", error: "generator.llm.model: is required (line 3)"),
        Broken(yaml: "generator:\n  llm: { endpoint: 'https://x.example.com', model: m, apiKey: sk-123 }", error: "generator.llm.apiKey: unknown key (known here: apiKeyEnv, endpoint, maxAttempts, model, timeout) (line 2)"),
        Broken(yaml: "policy:\n  blockOn: severe", error: #"policy.blockOn: "severe" is not a severity (low, medium, high, critical or never) (line 2)"#),
    ])
    func brokenConfigNamesKeyAndLine(_ broken: Broken) throws {
        let error = try #require(throws: ConfigErrors.self) { try EZBuiltConfig.parse(yaml: broken.yaml) }
        #expect(error.errors.map(\.description).contains(broken.error), "got: \(error.errors.map(\.description))")
    }

    @Test func everyProblemIsReportedInFileOrder() throws {
        let error = try #require(throws: ConfigErrors.self) {
            try EZBuiltConfig.parse(yaml: """
                listen: nope
                terraform: { timeout: forever }
                repositories:
                  - id: ok
                    url: /a
                    colour: blue
                """, file: "daemon.yaml")
        }
        #expect(error.errors.compactMap(\.line) == [1, 2, 6])
        #expect(error.description.hasPrefix("daemon.yaml: listen:"))
    }

    @Test func missingFileIsAClearError() throws {
        let error = try #require(throws: ConfigErrors.self) { try EZBuiltConfig.load(path: "/nonexistent/ezbuilt.yaml") }
        #expect(error.description.contains("/nonexistent/ezbuilt.yaml: cannot read the file"))
    }
}

@Suite struct ConfigValueTests {
    @Test(arguments: [
        ("30s", Duration.seconds(30)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
        ("1h30m", .seconds(5400)), ("2d", .seconds(172_800)), ("250ms", .milliseconds(250)), ("1.5h", .seconds(5400)),
    ])
    func durationsParse(_ text: String, _ expected: Duration) {
        #expect(ConfigDuration.parse(text) == expected)
    }

    @Test(arguments: ["", "30", "1x", "h", "-5m", "5 m", "0s", "400d"])
    func nonDurationsAreRejected(_ text: String) {
        #expect(ConfigDuration.parse(text) == nil)
    }

    @Test func durationsFormatBack() {
        #expect(ConfigDuration.format(.seconds(5400)) == "1h30m")
        #expect(ConfigDuration.format(.milliseconds(1500)) == "1s500ms")
    }

    @Test(arguments: ["main", "feature/x", "ezbuilt/status", "release-1.2", "feature/ünïcode"])
    func validBranchNames(_ name: String) { #expect(Validate.branchName(name)) }

    @Test(arguments: ["", "a..b", "a b", "/a", "a/", "-a", "a.lock", "a~1", "a:b", "x/.hidden", "@", "a\u{1}b"])
    func invalidBranchNames(_ name: String) { #expect(!Validate.branchName(name)) }

    @Test func listenAddressesParse() {
        #expect(Validate.listenAddress("[::1]:9000") == ListenAddress(host: "::1", port: 9000))
        #expect(Validate.listenAddress("0.0.0.0:80")?.isLoopback == false)
        #expect(Validate.listenAddress("localhost:70000") == nil)
    }
}
