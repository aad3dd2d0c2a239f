import Foundation
import Logging
import PlanModel
import Policy
import Requirements
import Sandbox
import Terraform
import Testing

/// Secure by default: the Terraform of every example and catalog block, planned for real
/// (terraform against moto), has no HIGH or CRITICAL security finding.
@Suite(.enabled(if: TerraformCLI.available, "terraform and /opt/tf-plugins are needed"))
struct SecureDefaultsTests {
    @Test func everyCatalogBlockPlansWithoutHighOrCriticalFindings() async throws {
        var documents: [(name: String, text: String)] = []
        for name in ExampleFiles.names {
            documents.append((name, String(decoding: try ExampleFiles.requirements(name), as: UTF8.self)))
        }
        documents += TerraformValidationTests.extraDocuments.map { ($0.0, $0.1) }
        documents += Self.moreBlocks
        // Documents that use things that already exist (a named VPC, role or hosted zone) can
        // only be planned where those exist; the others must cover every block that creates.
        documents = documents.filter { document in
            let result = Generator.generate(document.text)
            let lookups = result.files.contains { $0.content.contains("data \"aws_route53_zone\"") }
            return !lookups && !result.spec.components.contains { $0.ownership == .existing }
        }
        let kinds = Set(documents.flatMap { Generator.generate($0.text).spec.components.map(\.kind) })
        // The static site's certificate needs an existing hosted zone; its bucket and
        // distribution are planned without one in another document.
        #expect(Set(ComponentKind.allCases).subtracting(kinds).isEmpty, "blocks not covered: \(Set(ComponentKind.allCases).subtracting(kinds))")

        let moto = try await Sandbox.MotoServer.start()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-secure-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let binary = try await TerraformBinary.detect(configuredPath: TerraformCLI.binary)
        let options = TerraformOptions(binary: binary, cli: CLIConfiguration(
            providerSource: .filesystemMirror(path: TerraformCLI.pluginDir), directory: root.appendingPathComponent("cli"),
            extraEnvironment: ["AWS_ENDPOINT_URL": moto.endpoint.absoluteString]))
        let workspaces = WorkspaceManager(root: root.appendingPathComponent("workspaces"))

        var results: [(name: String, blocking: [String], error: String?)] = []
        try await withThrowingTaskGroup(of: (String, [String], String?).self) { group in
            var pending = documents[...]
            func next() {
                guard let document = pending.popFirst() else { return }
                group.addTask {
                    try await Self.findings(document, options: options, workspaces: workspaces, moto: moto.endpoint, root: root)
                }
            }
            for _ in 0..<3 { next() }
            while let result = try await group.next() {
                results.append(result)
                next()
            }
        }
        await moto.stop()
        #expect(results.count == documents.count)
        for result in results.sorted(by: { $0.name < $1.name }) {
            #expect(result.error == nil, "\(result.name): \(result.error ?? "")")
            #expect(result.blocking.isEmpty, "\(result.name) has HIGH/CRITICAL findings: \(result.blocking)")
        }
    }

    /// Blocks that the examples only show next to existing resources, here on their own.
    static let moreBlocks: [(name: String, text: String)] = [
        ("containers-and-friends", """
        # Orders platform
        - Region: us-east-1
        - An ECS Fargate service `orders-api` running the image from an ECR repository `orders`, 1 vCPU and 2 GB, 2 tasks, port 8080, behind a load balancer.
        - A Secrets Manager secret `orders-db-credentials`.
        - An EFS file system `orders-shared` for the tasks.
        - An EC2 instance `orders-batch` with 2 vCPU and 4 GB.
        - A Redis cache `orders-cache` with 1 node.
        """),
        ("keys-sites-instances-alarms", """
        # Orders extras
        - Region: us-east-1
        - A KMS key `orders-key` with automatic rotation.
        - A static website `orders-site` served through CloudFront.
        - A standalone EC2 instance named `orders-batch`, 2 vCPU and 4 GB of memory.
        - An SNS topic `orders-alerts` and a CloudWatch alarm on the instance when CPU is above 80% for 10 minutes, notifying the topic.
        """),
        ("service-role", """
        # CI role

        Region: us-east-1

        ## Role `orders-ci-runner`
        - Trust: `ec2.amazonaws.com` only
        - `s3:GetObject` on `orders-artifacts/builds/*` only
        - Instance profile `orders-ci-runner` wrapping the role
        """),
    ]

    /// Plans one document against moto and returns its HIGH and CRITICAL findings.
    static func findings(_ document: (name: String, text: String), options: TerraformOptions, workspaces: WorkspaceManager, moto: URL, root: URL) async throws -> (String, [String], String?) {
        let result = Generator.generate(document.text)
        guard !result.refused else { return (document.name, [], "refused: \(result.diagnostics.map(\.formatted))") }
        let files = result.files.filter { $0.name.hasSuffix(".tf") }.map { ($0.name, Data($0.content.utf8)) }
        let workspace = try workspaces.create(stack: document.name, from: .files(files))
        let runtime = RuntimeSettings(region: result.spec.settings.region.value, sandboxEndpoint: moto,
                                      backend: .local(path: root.appendingPathComponent("state/\(document.name).tfstate").path))
        let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: MemoryLogSink(), logger: Logger(label: "test"))
        do {
            try runner.prepare()
            try await runner.initialize()
            let plan = try await runner.plan()
            workspaces.finish(workspace, succeeded: true)
            let report = try Policy.evaluate(plan: try plan.document.get(),
                                             sources: result.files.map { ($0.name, $0.content) })
            let blocking = report.findings.filter { $0.severity >= .high }.map { "\($0.check.id) \($0.address): \($0.message)" }
            return (document.name, blocking, nil)
        } catch {
            workspaces.finish(workspace, succeeded: false)
            return (document.name, [], "\(error)")
        }
    }
}
