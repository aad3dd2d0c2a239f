import ArgumentParser
import Cost
import EZBuiltConfiguration
import Foundation
import Logging
import PlanModel
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

/// One stack on the local disk, run through the same guard, runner and policy as the daemon.
struct LocalStack {
    let options: StackOptions
    let settings: EZBuiltConfig
    let runner: TerraformRunner
    let workspaces: WorkspaceManager
    let policy: StandardPolicy
    let sources: [(path: String, contents: Data)]

    /// Loads config, reads the stack, runs the guard (nothing runs when it refuses), and prepares
    /// a workspace and runner. Terraform's output goes to standard error.
    static func open(_ options: StackOptions) async throws -> LocalStack {
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
        let region = options.region ?? settings.defaults.region
        var endpoint: URL?
        if let sandbox = options.sandbox {
            guard let url = Validate.loopbackURL(sandbox) else {
                printError("--sandbox: \"\(sandbox)\" is not an http URL on a loopback address")
                throw ExitCode.validationFailure
            }
            endpoint = url
        }
        let logger = Logger(label: "ezbuilt")
        let stackURL = URL(fileURLWithPath: options.directory).standardizedFileURL
        let stackID = "local/" + stackURL.path.split(separator: "/").suffix(3).joined(separator: "/")
        let policy = StandardPolicy(config: settings.policy, defaultRegion: region)
        let setup: TerraformSetup
        do {
            setup = try await DaemonSetup.terraform(config: settings, sandboxEndpoint: endpoint, logger: logger)
        } catch let error as TerraformError {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let workspace = try setup.workspaces.create(stack: stackID, from: .stackDirectory(stackURL))
        for skipped in workspace.skipped {
            printError("skipped \(skipped.path): \(skipped.reason.rawValue)")
        }
        let tooLarge = workspace.skipped.filter { $0.reason == .tooLarge }
        guard tooLarge.isEmpty else {
            setup.workspaces.finish(workspace, succeeded: true)
            printError("error: \(TerraformSetup.refusedFiles(tooLarge))")
            throw ExitCode.failure
        }
        let sources = try workspace.files.map { name in
            (path: name, contents: try Data(contentsOf: workspace.directory.appendingPathComponent(name)))
        }
        guard !sources.isEmpty else {
            setup.workspaces.finish(workspace, succeeded: true)
            printError("\(options.directory): no .tf files (run `ezbuilt generate requirements.md --out \(options.directory)/terraform` first)")
            throw ExitCode.failure
        }
        let refusals = policy.guardFiles(sources)
        guard refusals.isEmpty else {
            setup.workspaces.finish(workspace, succeeded: true)
            for refusal in refusals {
                printError("\(refusal.file ?? "?"):\(refusal.line.map(String.init) ?? "?"): \(refusal.message)")
            }
            printError("refused by the guard: nothing was run")
            throw ExitCode.failure
        }
        let repository = RepositoryConfig(id: "local", url: stackURL.path, aws: AWSSettings(region: region))
        let runtime = setup.runtime(for: repository, stackID: stackID)
        let runner = TerraformRunner(options: setup.options, runtime: runtime, workspace: workspace, sink: StandardErrorSink(),
                                     redactor: Redactor(parent: setup.redactor), logger: logger)
        try runner.prepare()
        try await runner.initialize()
        return LocalStack(options: options, settings: settings, runner: runner, workspaces: setup.workspaces, policy: policy, sources: sources)
    }

    func finish(succeeded: Bool) {
        workspaces.finish(runner.workspace, succeeded: succeeded)
    }

    /// Plans, prints the changes, findings and cost; returns the plan and the review.
    func planAndReview() async throws -> (SavedPlan, PolicyReview) {
        let plan = try await runner.plan()
        let review = policy.review(planJSON: plan.showJSON, sources: sources)
        print("Resource changes:")
        let changes = plan.summary.resourceChanges.filter { $0.action != .noOp && $0.action != .read }
        if changes.isEmpty { print("  none") }
        for change in changes { print("  \(change.action.rawValue) \(change.address)") }
        print("\nSecurity findings:\n" + review.findingsMarkdown)
        print("Estimated monthly cost:\n" + costText(plan))
        if let banner = review.blockingBanner { print("BLOCKED: \(banner)") }
        return (plan, review)
    }

    func costText(_ plan: SavedPlan) -> String {
        guard let document = try? PlanDocument.decode(showJSON: plan.showJSON) else { return "  (the plan could not be read)" }
        let region = options.region ?? settings.defaults.region
        let report = CostEstimator.estimate(document, defaultRegion: region).compared(to: CostEstimator.estimateDeployed(document, defaultRegion: region))
        return CostSection.plainText(report)
    }
}

/// Prints terraform's (already redacted) output to standard error.
struct StandardErrorSink: LogSink {
    func write(_ line: LogLine) { printError(line.text) }
}

/// Runs `body`, turning errors into a message and exit code 1.
func runStack(_ options: StackOptions, _ body: (LocalStack) async throws -> Int32) async throws {
    let stack = try await LocalStack.open(options)
    do {
        let code = try await body(stack)
        stack.finish(succeeded: true)
        if code != 0 { throw ExitCode(code) }
    } catch let exit as ExitCode {
        throw exit
    } catch {
        stack.finish(succeeded: false)
        printError("error: \(error)")
        throw ExitCode.failure
    }
}

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Guard, plan, and print resource changes, findings and cost for one stack directory.")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { stack in
            _ = try await stack.planAndReview()
            return 0
        }
    }
}

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply", abstract: "Guard, plan, check policy, and apply exactly that plan for one stack directory.")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { stack in
            let (plan, review) = try await stack.planAndReview()
            if review.isBlocking {
                printError("not applied: blocked by policy")
                return 1
            }
            let result = try await stack.runner.apply(plan, deployment: "cli-\(Int(Date().timeIntervalSince1970))")
            print("Applied." + (result.snapshot.map { " State snapshot: \($0)" } ?? ""))
            return 0
        }
    }
}

struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drift", abstract: "Check one deployed stack for drift: exit 0 no drift, 2 drift, 1 error.")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { stack in
            let report = try await stack.runner.drift()
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
        try await runStack(options) { stack in
            _ = try await stack.runner.destroy(deployment: "cli-destroy-\(Int(Date().timeIntervalSince1970))")
            print("Destroyed.")
            return 0
        }
    }
}

struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cost", abstract: "Estimate the monthly cost of one stack directory's plan (dollars and cents).")
    @OptionGroup var options: StackOptions
    func run() async throws {
        try await runStack(options) { stack in
            let plan = try await stack.runner.plan()
            print(stack.costText(plan))
            return 0
        }
    }
}
