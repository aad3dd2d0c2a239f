import Requirements
import Testing

/// A quoted word after "secret" is the secret's name; only an assignment is a value to refuse.
@Suite struct SecretNamingTests {
    @Test(arguments: [
        "- A Secrets Manager secret `orders-db-credentials`.",
        "- A secret named orders-db-credentials in Secrets Manager.",
        "- Keep the API token in a Secrets Manager secret called \"partner-api-token\".",
    ])
    func aNamedSecretIsCreatedWithoutAValue(_ line: String) {
        let result = Generator.generate("# app\n- Region: us-east-1\n\(line)\n")
        #expect(!result.refused, "\(result.diagnostics.map(\.formatted))")
        #expect(result.resources.contains { $0.type == "aws_secretsmanager_secret" })
        #expect(!result.files.contains { $0.content.contains("aws_secretsmanager_secret_version") })
    }

    @Test(arguments: [
        "- The admin password is `hunter2hunter2`.",
        "- db password: 'S3cr3tPassw0rd'",
        "- token = \"abcdef123456\"",
    ])
    func aLiteralSecretValueIsRefused(_ line: String) {
        let result = Generator.generate("# app\n- Region: us-east-1\n- A private S3 bucket named `acme-x`.\n\(line)\n")
        #expect(result.refused)
        #expect(result.diagnostics.contains { $0.line == 4 && $0.message.contains("secret values are never written") })
    }
}
