import ArgumentParser
import Cost
import EZBuiltConfiguration
import Foundation
import Logging
import PlanModel
import Policy
import Reconciler
import Terraform

/// Options every single-stack command takes.
struct StackOptions: ParsableArguments {
    @Argument(help: "The stack directory (holding terraform/), or the terraform directory itself.")
    var directory: String

    @Option(name: .long, help: "A daemon configuration file: terraform settings, data directory, default region, policy.")
    var config: String?

    @Option(name: .long, help: "Point the AWS provider at an emulator at this loopback URL (for example moto).")
    var sandbox: String?

    @Option(name: .customLong("plugin-dir"), help: "A provider filesystem mirror (overrides the config's terraform.pluginDir).")
    var pluginDir: String?

    @Option(name: .long, help: "The region when the code names none (overrides the config's defaults.region).")
    var region: String?

    @Flag(name: .customLong("no-confine"),
          help: "Run terraform without bubblewrap confinement (as terraform.confine: false): the stack's code can read this machine's files.")
    var noConfine = false
}

/// One stack on the local disk, run through the same pipeline (`StackRun`: guard, runner,
/// policy) as the daemon.
struct LocalStack {
    let target: StackRun.Target
    let setup: TerraformSetup
    let repository: RepositoryConfig
    let policy: StandardPolicy

    /// Loads config and reads the stack's Terraform files (nothing runs yet).
    static func load(_ options: StackOptions, logger: Logger) async throws -> LocalStack {
        var settings = EZBuiltConfig()
        if let path = options.config {
            do {
                settings = try EZBuiltConfig.load(path: path)
            } catch {
                printError(error.description)
                throw ExitCode.failure
            }
        } else {
            settings.dataDir = URL(fileURLWithPath: options.directory).appendingPathComponent(".ezbuilt").path
        }
        if let pluginDir = options.pluginDir { settings.terraform.pluginDir = pluginDir }
        if options.noConfine { settings.terraform.confine = false }
        var endpoint: URL?
        if let sandbox = options.sandbox {
            guard let url = Validate.loopbackURL(sandbox) else {
                printError("--sandbox: \"\(sandbox)\" is not an http URL on a loopback address")
                throw ExitCode.validationFailure
            }
            endpoint = url
        }
        let stackURL = URL(fileURLWithPath: options.directory).standardizedFileURL
        let stackID = "local/" + stackURL.path.split(separator: "/").suffix(3).joined(separator: "/")
        guard case .directory(let terraformURL) = WorkspaceSource.stackDirectory(stackURL) else { throw ExitCode.failure }
        let (files, skipped) = try WorkspaceManager.readStackDirectory(terraformURL)
        // A file terraform would read, or one that cannot be read safely (a symlink, an oversized
        // file, state, overrides), refuses the stack: planning the rest would show a plan of code
        // that is not what the directory holds. Files terraform never loads are only mentioned.
        let refused = skipped.filter { file in
            switch file.reason {
            case .notTerraform: file.path.contains(".tf")
            case .notDirectlyInTerraformDirectory, .hidden: false
            default: true
            }
        }
        for file in skipped {
            printError("\(refused.contains(file) ? "refused" : "skipped") \(file.path): \(file.reason.rawValue)")
        }
        guard refused.isEmpty else {
            printError("refused: nothing was run")
            throw ExitCode.failure
        }
        guard !files.isEmpty else {
            printError("\(options.directory): no .tf files (run `ezbuilt generate requirements.md --out \(options.directory)/terraform` first)")
            throw ExitCode.failure
        }
        let spec = terraformURL.appendingPathComponent("spec.json")
        let specRegion = (try? FileManager.default.destinationOfSymbolicLink(atPath: spec.path)) == nil
            ? FileManager.default.contents(atPath: spec.path).flatMap(StackRun.region(inSpec:)) : nil
        let repository = RepositoryConfig(id: "local", url: stackURL.path, aws: AWSSettings(region: settings.defaults.region))
        let setup: TerraformSetup
        do {
            setup = try await DaemonSetup.terraform(config: settings, sandboxEndpoint: endpoint, logger: logger)
        } catch let error as TerraformError {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        return LocalStack(target: StackRun.Target(stackID: stackID, files: files.map { (path: $0.0, contents: $0.1) },
                                                  region: options.region ?? specRegion),
                          setup: setup, repository: repository, policy: StandardPolicy(config: settings.policy))
    }
}

/// Plans, prints the changes, findings and cost; returns the plan and the review.
func planAndReview(_ run: StackRun) async throws -> (SavedPlan, PolicyReview) {
    let (plan, review) = try await run.planAndReview()
    print("Resource changes:")
    let changes = plan.document.changes.filter { $0.action != .noOp && $0.action != .read }
    if changes.isEmpty { print("  none") }
    for change in changes { print("  \(change.action.rawValue) \(change.address)") }
    switch review.findings {
    case .checked(let report): print("\nSecurity findings:\n" + FindingsSection.markdown(report))
    case .notChecked(let reason): print("\nSecurity findings: not checked (\(reason))")
    }
    switch review.cost {
    case .estimated(let report): print("Estimated monthly cost:\n" + CostSection.plainText(report))
    case .notEstimated(let reason): print("Estimated monthly cost: not estimated (\(reason))")
    }
    if let banner = review.blockingBanner { print("BLOCKED: \(banner)") }
    return (plan, review)
}

/// The cost estimate of a plan as plain text, priced in the stack's region.
func costText(_ plan: SavedPlan, region: String) -> String {
    let document = plan.document
    let report = CostEstimator.estimate(document, defaultRegion: region).compared(to: CostEstimator.estimateDeployed(document, defaultRegion: region))
    return CostSection.plainText(report)
}

/// Prints terraform's (already redacted) output to standard error.
struct StandardErrorSink: LogSink {
    func write(_ line: LogLine) { printError(line.text) }
}

/// Runs `body` on the stack's run, turning errors into a message and exit code 1. A refused
/// stack runs nothing.
func runStack(_ options: StackOptions, _ body: (StackRun) async throws -> Int32) async throws {
    let logger = Logger(label: "ezbuilt")
    let stack = try await LocalStack.load(options, logger: logger)
    do {
        let code = try await StackRun.with(stack.target, setup: stack.setup, repository: stack.repository, policy: stack.policy,
                                           sink: StandardErrorSink(), logger: logger, body)
        if code != 0 { throw ExitCode(code) }
    } catch let exit as ExitCode {
        throw exit
    } catch let refusal as StackRun.Refusal {
        for entry in refusal.diagnostics {
            printError("\(entry.file ?? "?"):\(entry.line.map(String.init) ?? "?"): \(entry.message)")
        }
        printError(refusal.isGuard ? "refused by the guard: nothing was run" : "refused: nothing was run")
        throw ExitCode.failure
    } catch {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Guard, plan, and print resource changes, findings and cost for one stack directory.")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { run in
            _ = try await planAndReview(run)
            return 0
        }
    }
}

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply", abstract: "Guard, plan, check policy, and apply exactly that plan for one stack directory.")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { run in
            let (plan, review) = try await planAndReview(run)
            if review.isBlocking {
                printError("not applied: blocked by policy")
                return 1
            }
            let result = try await run.runner.apply(plan, deployment: "cli-\(Int(Date().timeIntervalSince1970))")
            print("Applied." + (result.snapshot.map { " State snapshot: \($0)" } ?? ""))
            return 0
        }
    }
}

struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drift", abstract: "Check one deployed stack for drift: exit 0 no drift, 2 drift, 1 error.")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { run in
            let report = try await run.runner.drift()
            guard report.hasDrift else {
                print("No drift.")
                return 0
            }
            print("Drift: \(report.resources.count) resource\(report.resources.count == 1 ? "" : "s") changed outside Terraform")
            for line in report.lines { print("  \(line)") }
            return 2
        }
    }
}

struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "destroy", abstract: "Destroy everything one stack directory manages.")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { run in
            _ = try await run.runner.destroy(deployment: "cli-destroy-\(Int(Date().timeIntervalSince1970))")
            print("Destroyed.")
            return 0
        }
    }
}

struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cost", abstract: "Estimate the monthly cost of one stack directory's plan (dollars and cents).")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { run in
            let plan = try await run.runner.plan()
            print(costText(plan, region: run.region))
            return 0
        }
    }
}
