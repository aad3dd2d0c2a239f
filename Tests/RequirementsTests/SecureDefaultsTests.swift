import Foundation
import Requirements
import Testing

/// Secure by default: the Terraform of every example and catalog block, planned for real
/// (terraform against moto), has no HIGH or CRITICAL security finding. The plan and the check
/// run in `CorpusPlanTests` (one terraform process for every stack); this suite holds the
/// catalog documents and checks that, with the examples, they use every block.
struct SecureDefaultsTests {
    @Test func theCheckedDocumentsUseEveryBlock() throws {
        var texts = try ExampleFiles.names.map { String(decoding: try ExampleFiles.requirements($0), as: UTF8.self) }
        texts += TerraformValidationTests.extraDocuments.map(\.1) + Self.moreBlocks.map(\.text)
        let kinds = Set(texts.flatMap { Generator.generate($0).spec.components.map(\.kind) })
        #expect(Set(ComponentKind.allCases).subtracting(kinds).isEmpty, "blocks not covered: \(Set(ComponentKind.allCases).subtracting(kinds))")
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
}
