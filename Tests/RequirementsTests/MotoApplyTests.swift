import Foundation
import Testing
@testable import Requirements
#if canImport(Glibc)
import Glibc
#endif

/// A local moto server on a free loopback port, stopped by pid.
final class MotoServer {
    let port: Int
    let process: Process
    var endpoint: String { "http://127.0.0.1:\(port)" }

    static var available: Bool { executable != nil }
    static var executable: String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/moto_server" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init() throws {
        port = try MotoServer.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(MotoServer.executable))
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until it answers.
        for _ in 0..<150 {
            if MotoServer.accepts(port: port) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw TerraformCLI.Failure(command: "moto_server", output: "did not start on port \(port)")
    }

    /// SIGTERM, then SIGKILL if it has not exited after two seconds (werkzeug may not stop on SIGTERM).
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<20 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// Whether something accepts TCP connections on the loopback port.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw TerraformCLI.Failure(command: "bind", output: "no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// The override file the daemon would inject: endpoints, test credentials, no real AWS.
    func overrideFile() -> String {
        let services = ["s3", "ec2", "iam", "sts", "rds", "dynamodb", "sqs", "sns", "lambda", "kms", "cloudwatchlogs", "cloudwatch", "ecr", "ecs",
                        "secretsmanager", "route53", "cloudfront", "apigateway", "apigatewayv2", "efs", "elbv2", "autoscaling", "elasticache", "events", "acm", "ssm"]
        return """
        provider "aws" {
          access_key                  = "test"
          secret_key                  = "test"
          s3_use_path_style           = true
          skip_credentials_validation = true
          skip_metadata_api_check     = true
          skip_requesting_account_id  = true

          endpoints {
        \(services.map { "    \($0) = \"\(endpoint)\"" }.joined(separator: "\n"))
          }
        }

        """
    }
}

/// A multi-block stack applies against moto and destroys cleanly.
@Suite(.enabled(if: TerraformCLI.available && MotoServer.available, "terraform, /opt/tf-plugins and moto_server are needed"))
struct MotoApplyTests {
    static let document = """
    # moto apply check
    - region: us-east-1
    - private bucket `ezbuilt-moto-check`, versioning on, delete objects after 30 days
    - DynamoDB table `ezbuilt-moto-table`, partition key `id` (S), on-demand
    - a customer-managed KMS key with rotation, alias `alias/ezbuilt-moto`
    - secret name: `ezbuilt/moto/check`, recovery window 7 days
    - SNS topic `ezbuilt-moto-alerts`
    - tags: team=platform
    """

    @Test func multiBlockStackAppliesAndDestroysAgainstMoto() throws {
        let result = Generator.generate(Self.document)
        #expect(!result.refused)
        let moto = try MotoServer()
        defer { moto.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-moto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in result.files where f.name.hasSuffix(".tf") { try Data(f.content.utf8).write(to: dir.appendingPathComponent(f.name)) }
        try Data(moto.overrideFile().utf8).write(to: dir.appendingPathComponent("ezbuilt_override.tf"))
        _ = try TerraformCLI.run(["init", "-backend=false", "-plugin-dir=\(TerraformCLI.pluginDir)", "-input=false", "-no-color"], in: dir)
        _ = try TerraformCLI.run(["apply", "-auto-approve", "-input=false", "-no-color"], in: dir)
        let state = try TerraformCLI.run(["state", "list"], in: dir)
        for r in result.resources { #expect(state.contains("\(r.type).\(r.name)"), "\(r.type).\(r.name) not in state") }
        _ = try TerraformCLI.run(["destroy", "-auto-approve", "-input=false", "-no-color"], in: dir)
        let after = try TerraformCLI.run(["state", "list"], in: dir)
        #expect(after.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
