// Measures what the Terraform target costs on top of Terraform itself:
// workspace size, init time, our wall time of a plan (plan -out + show -json + decode,
// streamed and redacted) divided by the same terraform commands run bare, and a proposal's
// terraform work (the stack's own workspace: init only when providers changed, no separate
// validate) divided by the naive sequence init + validate + plan + show in a fresh directory.
// Needs: terraform, the provider mirror (/opt/tf-plugins or $EZBUILT_PLUGIN_DIR), moto_server.
import Foundation
import Logging
import Terraform

#if canImport(Glibc)
import Glibc
#endif

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
}

func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard ok else { throw BenchmarkFailure(description: "no free loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

func portOpen(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}

/// Bytes of a tree without following symlinks (what `du` counts, in apparent size).
func diskUsage(_ url: URL) -> Int {
    guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isSymbolicLinkKey, .fileSizeKey]) else { return 0 }
    var total = 0
    for case let file as URL in enumerator {
        let values = try? file.resourceValues(forKeys: [.isSymbolicLinkKey, .fileSizeKey])
        if values?.isSymbolicLink == true { enumerator.skipDescendants(); continue }
        total += values?.fileSize ?? 0
    }
    return total
}

/// Runs a command bare (Foundation Process, output discarded), returning seconds; confined
/// like the daemon's own runs when `confinement` is given, so both sides pay the same.
func bare(_ executable: String, _ arguments: [String], in directory: URL, environment: [String: String],
          confinement: Confinement?, view: ConfinementView) throws -> Double {
    let process = Process()
    if let confinement {
        process.executableURL = URL(fileURLWithPath: confinement.bubblewrap)
        process.arguments = confinement.arguments(executable: executable, arguments: arguments, view: view,
                                                  workingDirectory: directory.path)
    } else {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
    }
    process.currentDirectoryURL = directory
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = Date()
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchmarkFailure(description: "bare \(arguments.first ?? "") failed (\(process.terminationStatus))")
    }
    return Date().timeIntervalSince(start)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

let code = """
    terraform {
      required_providers {
        aws = { source = "hashicorp/aws" }
      }
    }
    provider "aws" {
      region = "us-east-1"
      default_tags {
        tags = { Stack = "bench" }
      }
    }
    resource "aws_s3_bucket" "b" { bucket = "bench-bucket" }
    resource "aws_sqs_queue" "q" { name = "bench-queue" }
    resource "aws_dynamodb_table" "t" {
      name         = "bench"
      billing_mode = "PAY_PER_REQUEST"
      hash_key     = "id"
      attribute {
        name = "id"
        type = "S"
      }
    }

    """

let rounds = Int(ProcessInfo.processInfo.environment["BENCH_ROUNDS"] ?? "") ?? 4
let pluginDir = ProcessInfo.processInfo.environment["EZBUILT_PLUGIN_DIR"] ?? "/opt/tf-plugins"
let root = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-bench-\(UUID().uuidString.prefix(8))")
try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
let port = try freePort()
let moto = Process()
moto.executableURL = URL(fileURLWithPath: "/usr/bin/env")
moto.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
moto.standardOutput = FileHandle.nullDevice
moto.standardError = FileHandle.nullDevice
try moto.run()
func stopMoto() {
    kill(moto.processIdentifier, SIGTERM)
    moto.waitUntilExit()
    try? FileManager.default.removeItem(at: root)
}

do {
    var waited = 0
    while !portOpen(port) {
        guard waited < 200, moto.isRunning else { throw BenchmarkFailure(description: "moto_server did not start") }
        usleep(100_000)
        waited += 1
    }

    let binary = try await TerraformBinary.detect()
    let cli = CLIConfiguration(providerSource: .filesystemMirror(path: pluginDir), directory: root.appendingPathComponent("terraform"))
    let options = TerraformOptions(binary: binary, cli: cli)
    let manager = WorkspaceManager(root: root.appendingPathComponent("workspaces"))
    let logger = Logger(label: "ezbuilt.bench")
    let environment = cli.environment(sandbox: true)

    var ourInit: [Double] = [], bareInit: [Double] = [], ourPlan: [Double] = [], barePlan: [Double] = [], sizes: [Int] = []
    var inProcess: [Double] = []
    var bareValidate: [Double] = []
    for round in 0..<rounds {
        let stack = "bench/\(round)"
        func runtime(_ name: String) -> RuntimeSettings {
            RuntimeSettings(region: "us-east-1", defaultTags: ["Owner": "bench"],
                            sandboxEndpoint: URL(string: "http://127.0.0.1:\(port)"),
                            backend: RuntimeSettings.localBackend(dataDirectory: root, stack: stack + name))
        }
        func ours() async throws {
            let workspace = try manager.reuse(stack: "bench/ours", from: .files([(path: "main.tf", contents: Data(code.utf8))]))
            let sink = MemoryLogSink()
            // One stack, as the daemon has it: the same workspace and state path every round.
            var settings = runtime("ours")
            settings.backend = RuntimeSettings.localBackend(dataDirectory: root, stack: "bench/ours")
            let runner = TerraformRunner(options: options, runtime: settings, workspace: workspace, sink: sink, logger: logger)
            try runner.prepare()
            let clock = ContinuousClock()
            var start = clock.now
            try await runner.initialize()
            ourInit.append(seconds(clock.now - start))
            sizes.append(diskUsage(workspace.directory))
            start = clock.now
            let plan = try await runner.plan()
            let planWall = seconds(clock.now - start)
            ourPlan.append(planWall)
            // Time spent inside the daemon rather than in Terraform: the plan's wall time minus
            // the lifetime of its two child processes (from the "$ …" to the "exit …" line).
            var childTime = 0.0
            var started: Date?
            for line in sink.lines.drop(while: { !$0.text.hasPrefix("$ terraform plan") }) where line.stream == .system {
                if line.text.hasPrefix("$ ") { started = line.timestamp }
                if line.text.hasPrefix("exit "), let begin = started {
                    childTime += line.timestamp.timeIntervalSince(begin)
                    started = nil
                }
            }
            inProcess.append(max(0, planWall - childTime))
            guard plan.document.counts.create == 3 else { throw BenchmarkFailure(description: "unexpected plan") }
            if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil {
                for line in sink.lines where line.stream == .system { print("  ours:", line.text) }
            }
            manager.finish(workspace, succeeded: true)
        }
        // Bare: the same files (code + runtime override) and environment, the same commands
        // through Foundation's Process with output discarded.
        func bareRun() throws {
            let workspace = try manager.create(stack: stack + "-bare", from: .files([(path: "main.tf", contents: Data(code.utf8))]))
            try cli.install()
            try OverrideWriter.write(runtime("bare"), into: workspace)
            try FileManager.default.createDirectory(at: RuntimeSettings.stateDirectory(dataDirectory: root, stack: stack + "bare"),
                                                    withIntermediateDirectories: true)
            let view = TerraformRunner(options: options, runtime: runtime("bare"), workspace: workspace, sink: MemoryLogSink(),
                                       logger: logger).confinementView(environment: environment)
            func run(_ arguments: [String]) throws -> Double {
                try bare(binary.path, arguments, in: workspace.directory, environment: environment,
                         confinement: options.confinement, view: view)
            }
            bareInit.append(try run(["init", "-input=false", "-no-color"]))
            bareValidate.append(try run(["validate", "-no-color"]))
            let planFile = workspace.path("bare.tfplan")
            let planTime = try run(["plan", "-input=false", "-no-color", "-lock-timeout=0s", "-out=\(planFile)"])
            let showTime = try run(["show", "-json", "-no-color", planFile])
            barePlan.append(planTime + showTime)
            if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil {
                print(String(format: "  bare: plan %.2f s, show %.2f s", planTime, showTime))
            }
            manager.finish(workspace, succeeded: true)
        }
        // Alternate who goes first so caches and a busy machine favour neither side.
        if round % 2 == 0 {
            try await ours()
            try bareRun()
        } else {
            try bareRun()
            try await ours()
        }
    }

    print("terraform \(binary.version), \(rounds) rounds, medians")
    print(String(format: "workspace size after init: %.1f KB (provider linked from the mirror, never copied)", Double(median(sizes.map(Double.init))) / 1024))
    print(String(format: "init time: ours %.2f s, bare %.2f s", median(ourInit), median(bareInit)))
    print(String(format: "plan (plan -out + show -json): ours %.2f s, bare %.2f s", median(ourPlan), median(barePlan)))
    let ratios = zip(ourPlan, barePlan).map { $0 / $1 }
    print(String(format: "daemon-side overhead of a plan: %.3f× (median of per-round ours ÷ bare)", median(ratios)))
    print(String(format: "time inside the daemon per plan (spawn, streaming, redaction, decoding): %.0f ms", median(inProcess) * 1000))
    // A proposal's terraform work: our init (skipped after the first round: providers unchanged)
    // + plan + show, against init + validate + plan + show run bare in a fresh directory.
    var oursTotal: [Double] = [], bareTotal: [Double] = [], proposal: [Double] = []
    for round in 0..<rounds {
        let ours: Double = ourInit[round] + ourPlan[round]
        let bare: Double = bareInit[round] + bareValidate[round] + barePlan[round]
        oursTotal.append(ours)
        bareTotal.append(bare)
        proposal.append(ours / bare)
    }
    print(String(format: "proposal: ours %.2f s (init %.2f s median, reused after round 1), bare init+validate+plan+show %.2f s",
                 median(oursTotal), median(ourInit), median(bareTotal)))
    print(String(format: "proposal ratio: %.3f (median of per-round ours ÷ bare; goal ≤ 0.8)", median(proposal)))

    stopMoto()
} catch {
    stopMoto()
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
