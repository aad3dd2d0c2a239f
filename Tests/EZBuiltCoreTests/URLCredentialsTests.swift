import Testing
import EZBuiltCore

/// The one URL credential scrubber: no token in a remote URL reaches a log, a record or an answer.
@Suite struct URLCredentialsTests {
    @Test(arguments: [
        ("https://user:token@github.com/acme/infra.git", "https://***@github.com/acme/infra.git"),
        ("https://x-access-token:ghp_abc123@github.com", "https://***@github.com"),
        ("https://user%40corp:p%2Fw%3A%40@host:8443/repo", "https://***@host:8443/repo"),
        ("https://user:p@ss@host/repo", "https://***@host/repo"),
        ("fetch https://tok@h1/a failed; retry https://u:p@h2?x=1#f", "fetch https://***@h1/a failed; retry https://***@h2?x=1#f"),
        ("ssh://git@host:22/repo", "ssh://***@host:22/repo"),
        (#"{"url":"https://tok@host"}"#, #"{"url":"https://***@host"}"#),
        ("<https://tok@host>", "<https://***@host>"),
        ("git@github.com:acme/infra.git", "git@github.com:acme/infra.git"),
        ("https://github.com/acme and mail bob@example.com", "https://github.com/acme and mail bob@example.com"),
        ("https://host/path@not-user-info", "https://host/path@not-user-info"),
        ("https://@host/x", "https://@host/x"),
        ("", ""),
    ])
    func userInfoNeverSurvives(input: String, expected: String) {
        #expect(URLCredentials.scrub(input) == expected)
    }
}
