import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Sandbox
import Testing
@testable import Terraform

#if canImport(Glibc)
import Glibc
#endif

/// A unique temporary directory removed by `cleanup()`.
struct TemporaryDirectory {
    let url: URL

    init(_ label: String = "tf") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ezbuilt-\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ component: String) -> String { url.appendingPathComponent(component).path }

    func write(_ name: String, _ text: String) throws {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// The sandbox's moto launcher, with the calls tests make against it.
extension MotoServer {
    /// Runs a Python script with boto3 pointed at this server (`ENDPOINT` is set); one
    /// interpreter for many calls is much faster than one `aws` process per call.
    @discardableResult
    func python(_ script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "test"
        environment["AWS_SECRET_ACCESS_KEY"] = "test"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["ENDPOINT"] = endpoint.absoluteString
        environment.removeValue(forKey: "AWS_PROFILE")
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AWSCLIError(arguments: ["python3"] + arguments, message: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs the AWS CLI against this server and returns stdout; throws on failure.
    @discardableResult
    func aws(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws", "--endpoint-url", endpoint.absoluteString, "--region", "us-east-1", "--output", "json"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "test"
        environment["AWS_SECRET_ACCESS_KEY"] = "test"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment.removeValue(forKey: "AWS_PROFILE")
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AWSCLIError(arguments: arguments, message: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct AWSCLIError: Error, CustomStringConvertible {
    let arguments: [String]
    let message: String
    var description: String { "aws \(arguments.joined(separator: " ")): \(message)" }
}

/// Runs `body` with a fresh moto server, stopping it afterwards.
func withMoto<T>(_ body: (MotoServer) async throws -> T) async throws -> T {
    let moto = try await MotoServer.start()
    do {
        let result = try await body(moto)
        await moto.stop()
        return result
    } catch {
        await moto.stop()
        throw error
    }
}

/// Options for tests: the real terraform, the provider mirror, a private CLI directory, and
/// the daemon's default confinement. `shell` lets confined runs see the system's programs,
/// for the tests whose `local-exec` provisioner stands in for a slow provider call.
func testOptions(root: URL, gracePeriod: Duration = .seconds(5), shell: Bool = false) async throws -> TerraformOptions {
    let binary = try await TerraformBinary.detect(configuredPath: "/usr/local/bin/terraform")
    let cli = CLIConfiguration(providerSource: .filesystemMirror(path: "/opt/tf-plugins"),
                               directory: root.appendingPathComponent("terraform"))
    let confinement = Confinement(additionalReadOnly: shell ? ["/bin", "/usr/bin", "/lib", "/lib64", "/usr/lib"] : [])
    return TerraformOptions(binary: binary, cli: cli, gracePeriod: gracePeriod, confinement: confinement)
}

let testLogger = Logger(label: "ezbuilt.terraform.tests")

/// The provider requirement every AWS test configuration starts with.
let awsRequirement = """
    terraform {
      required_providers {
        aws = { source = "hashicorp/aws" }
      }
    }

    """

/// Whether a process exists.
func processExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
}

/// Pids of the processes whose process group is `group`, read from /proc.
func processesInGroup(_ group: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields: state, ppid, pgrp, ...
        guard fields.count > 2, let pgrp = Int32(fields[2]) else { return false }
        return pgrp == group && fields[0] != "Z"
    }
}
