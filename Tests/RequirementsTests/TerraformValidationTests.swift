import Foundation
import Testing
@testable import Requirements

/// Runs the real terraform on generated output: init from the local plugin mirror, validate, fmt -check.
enum TerraformCLI {
    static let binary = "/usr/local/bin/terraform"
    static let pluginDir = "/opt/tf-plugins"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: binary) && FileManager.default.fileExists(atPath: pluginDir) }

    struct Failure: Error, CustomStringConvertible {
        var command: String
        var output: String
        var description: String { "terraform \(command) failed:\n\(output)" }
    }

    /// Runs terraform in `dir` and returns what it printed; a non-zero exit throws unless
    /// `allowFailure` (then the output carries the diagnostics).
    static func run(_ args: [String], in dir: URL, allowFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["TF_CLI_CONFIG_FILE"] = "/dev/null"
        env["TF_IN_AUTOMATION"] = "1"
        env["CHECKPOINT_DISABLE"] = "1"
        env.removeValue(forKey: "TF_PLUGIN_CACHE_DIR")
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 && !allowFailure { throw Failure(command: args.joined(separator: " "), output: output) }
        return output
    }

    /// Writes each stack as a module of one root (one init and one validate for all of them,
    /// which keeps the suite fast), validates, checks formatting, and removes the directory.
    static func validate(stacks: [(name: String, files: [GeneratedFile])]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-tf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var root = ""
        for stack in stacks {
            let sub = dir.appendingPathComponent(stack.name)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            for f in stack.files { try Data(f.content.utf8).write(to: sub.appendingPathComponent(f.name)) }
            root += "module \"\(stack.name.replacingOccurrences(of: "-", with: "_"))\" {\n  source = \"./\(stack.name)\"\n}\n\n"
        }
        try Data(root.utf8).write(to: dir.appendingPathComponent("main.tf"))
        _ = try run(["init", "-backend=false", "-plugin-dir=\(pluginDir)", "-input=false", "-no-color"], in: dir)
        _ = try run(["validate", "-no-color"], in: dir)
        _ = try run(["fmt", "-check", "-recursive", "-no-color"], in: dir)
    }
}

/// Every catalog block's output passes terraform init, validate and fmt -check.
@Suite(.enabled(if: TerraformCLI.available, "terraform and /opt/tf-plugins are needed"))
struct TerraformValidationTests {
    /// Documents that, together with the examples, exercise every block and its variants.
    static let extraDocuments: [(String, String)] = [
        ("aurora-serverless-and-replica", """
        region: eu-west-1
        - Aurora Serverless v2 PostgreSQL 16.4 cluster `orders-aurora`, deletion protection on
        """),
        ("mysql-with-replica", """
        Region: ca-central-1. A MySQL 8.0 RDS database with 4 vCPU / 16 GB, general purpose, 200 GB storage growing up to 1 TB,
        a read replica for reporting, names `inv-db` and `inv-db-ro`, slow queries longer than 2 seconds logged.
        """),
        ("s3-triggered-lambda-and-gsi", """
        - region: us-west-2
        - bucket `photo-uploads-x`
        - lambda `thumbs` (python3.12) triggered by uploads to the bucket, memory 1 GB
        - DynamoDB table `photos`, partition key `photo_id` (S), sort key `taken_at` (N), TTL on attribute `expires_at`, stream NEW_IMAGE
        - GSI `by_owner`: partition key `owner_id` (S), keys only
        """),
        ("public-web-tier-no-cert-default-vpc", """
        A group of web servers behind a public load balancer in eu-north-1, between 2 and 4 instances, 2 vCPU and 2 GB each, arm64 graviton.
        """),
        ("standalone-instance-with-endpoints", """
        Need a box for cron jobs in eu-central-1: 2 vCPU and 8 GB, x86, 40 GB disk, in the existing VPC vpc-0c3f9a7e21d4b5a60,
        private subnet subnet-08e1d2c3b4a596f70. No public IP, access only with SSM Session Manager through VPC endpoints.
        """),
    ]

    @Test func generatedTerraformOfEveryExampleAndBlockValidatesAndIsFormatted() throws {
        var stacks: [(name: String, files: [GeneratedFile])] = []
        for name in ExampleFiles.names {
            let result = Generator.generate(bytes: try ExampleFiles.requirements(name))
            #expect(!result.refused, "\(name): \(result.diagnostics.map(\.formatted))")
            stacks.append((name, result.files.filter { $0.name.hasSuffix(".tf") }))
        }
        for (name, text) in Self.extraDocuments {
            let result = Generator.generate(text)
            #expect(!result.refused, "\(name): \(result.diagnostics.map(\.formatted))")
            stacks.append((name, result.files.filter { $0.name.hasSuffix(".tf") }))
        }
        // Every registered block alone (its unit-test documents), and blocks that reference each other.
        for (k, c) in BlockCases.all.enumerated() {
            let result = Generator.generate(c.text)
            #expect(!result.refused, "\(c.kind): \(result.diagnostics.map(\.formatted))")
            stacks.append(("block-\(k)-\(c.kind)", result.files.filter { $0.name.hasSuffix(".tf") }))
        }
        for (name, text) in Self.blockPairs {
            let result = Generator.generate(text)
            #expect(!result.refused, "\(name): \(result.diagnostics.map(\.formatted))")
            stacks.append((name, result.files.filter { $0.name.hasSuffix(".tf") }))
        }
        try TerraformCLI.validate(stacks: stacks)
    }

    /// Registered blocks together, where one renders references to another.
    static let blockPairs: [(String, String)] = [
        ("pair-zone-certificate-api-domain-email", """
        Region eu-west-1. A public Route 53 hosted zone for pairs-example.com with a TXT record `v=spf1 -all`.
        An HTTP API (API Gateway) for a Lambda function `quotes` (python3.12), on the custom domain api.pairs-example.com with an ACM certificate.
        We also send transactional e-mails from pairs-example.com with SES.
        """),
        ("pair-bus-schedule-workflow", """
        A Step Functions state machine `nightly-close`: collect → reconcile → report.
        An EventBridge Scheduler schedule group that starts it every day at 01:30 Europe/London.
        A custom event bus `ledger` with a rule for source `com.example.ledger` delivering to an SQS queue `ledger-events`.
        """),
        ("pair-efs-backup-alarms", """
        An EFS file system for shared uploads with an access point for `/uploads` (uid 1001), backed up by AWS Backup daily at 02:00 and kept 30 days.
        A metric filter on `/app/uploads` counting `UPLOAD_FAILED` lines, and a dashboard.
        """),
    ]

    @Test func everyCatalogBlockIsCoveredByTheValidatedDocuments() throws {
        var kinds = Set<ComponentKind>()
        for name in ExampleFiles.names { kinds.formUnion(Generator.generate(bytes: try ExampleFiles.requirements(name)).spec.components.filter { $0.ownership == .create }.map(\.kind)) }
        for doc in Self.extraDocuments { kinds.formUnion(Generator.generate(doc.1).spec.components.filter { $0.ownership == .create }.map(\.kind)) }
        #expect(kinds == Set(ComponentKind.allCases))
    }
}
