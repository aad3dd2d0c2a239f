import EZBuiltCore
import Crypto
import Foundation
import PlanModel
import Logging

/// Settings shared by every run of the daemon: the binary, the CLI configuration it owns and
/// the time limits of each command.
public struct TerraformOptions: Sendable {
    /// Time limits per command; exceeded → SIGINT, grace period, SIGKILL of the group.
    public struct Timeouts: Sendable, Hashable {
        /// `init`.
        public var initialize: Duration = .seconds(300)
        /// `validate`.
        public var validate: Duration = .seconds(120)
        /// `plan` (including refresh-only plans).
        public var plan: Duration = .seconds(1800)
        /// `apply` (including destroys).
        public var apply: Duration = .seconds(3600)
        /// `show`, `output`, `state list`/`pull`.
        public var show: Duration = .seconds(120)

        /// Default limits (init 5 min, plan 30 min, apply 60 min).
        public init() {}
    }

    /// The executable.
    public var binary: TerraformBinary
    /// The CLI configuration and environment.
    public var cli: CLIConfiguration
    /// Time limits.
    public var timeouts: Timeouts
    /// Time between SIGINT and SIGKILL.
    public var gracePeriod: Duration
    /// Bubblewrap around every command (the default); nil runs terraform unconfined, which
    /// only an explicit `terraform.confine: false` asks for.
    public var confinement: Confinement?

    /// Creates options; every command is confined unless `confinement` is nil.
    public init(binary: TerraformBinary, cli: CLIConfiguration, timeouts: Timeouts = Timeouts(),
                gracePeriod: Duration = .seconds(20), confinement: Confinement? = Confinement()) {
        self.binary = binary
        self.cli = cli
        self.timeouts = timeouts
        self.gracePeriod = gracePeriod
        self.confinement = confinement
    }
}

/// A plan saved to a file, with the exact bytes that were reviewed, so that `apply` applies
/// exactly that plan and nothing else.
public struct SavedPlan: Sendable {
    /// Path of the plan file in the workspace.
    public let path: String
    /// The plan file's bytes when it was decoded.
    public let contents: Data
    /// The plan, decoded once from `show -json` into the one plan model (what Policy, Cost,
    /// the review and the deployer read), every sensitive value redacted.
    public let document: PlanDocument
}

/// The outcome of an apply (or destroy).
public struct ApplyResult: Sendable, Hashable {
    /// The snapshot taken before the apply (nil when there was no state yet or the backend is remote).
    public var snapshot: String?
    /// Root outputs after the apply, redacted.
    public var outputs: [String: PlanOutput]
    /// Lock left by a killed run and cleared before this one, if any.
    public var clearedLock: String?
    /// Addresses imported because an earlier apply had created them and its state was lost.
    public var imported: [String] = []
}

/// Runs Terraform commands for one workspace with the daemon's runtime settings, decoding
/// every JSON result into redacted types and streaming every log line through the redactor.
public struct TerraformRunner: Sendable {
    /// Daemon-wide options.
    public let options: TerraformOptions
    /// Runtime settings of the stack.
    public let runtime: RuntimeSettings
    /// The workspace the commands run in.
    public let workspace: Workspace
    /// Where log lines go (already redacted).
    public let sink: any LogSink
    /// The redactor shared by every command of this run.
    public let redactor: Redactor
    /// Logger for the daemon's own messages.
    public let logger: Logger
    /// Called with the pid (= process group) of each command as it starts.
    public let onProcessStart: @Sendable (Int32) -> Void
    /// Where snapshots of a remote (S3) state are written (`state pull`); local states keep
    /// theirs beside the state file.
    public let remoteSnapshotDirectory: URL?

    /// Name of the plan file in the workspace.
    public static let planFileName = "ezbuilt.tfplan"

    /// Creates a runner; the configured secrets (external id) are registered with `redactor`.
    public init(options: TerraformOptions, runtime: RuntimeSettings, workspace: Workspace, sink: any LogSink,
                redactor: Redactor = Redactor(), logger: Logger, remoteSnapshotDirectory: URL? = nil,
                onProcessStart: @escaping @Sendable (Int32) -> Void = { _ in }) {
        self.remoteSnapshotDirectory = remoteSnapshotDirectory
        self.options = options
        self.runtime = runtime
        self.workspace = workspace
        self.sink = sink
        self.redactor = redactor
        var logger = logger
        logger[metadataKey: "stack"] = "\(workspace.stack)"
        self.logger = logger
        self.onProcessStart = onProcessStart
        redactor.add(runtime.secrets)
    }

    /// The state guard of a local backend, nil for a remote one.
    public var stateGuard: StateGuard? {
        if case .local(let path) = runtime.backend { return StateGuard(statePath: path) }
        return nil
    }

    /// Writes the runtime files (override, CLI configuration) and prepares the state directory.
    public func prepare() throws(TerraformError) {
        try options.cli.install()
        try OverrideWriter.write(runtime, into: workspace)
        try stateGuard?.prepare()
    }

    /// `terraform init` (serialised process-wide when a shared plugin cache is used), skipped
    /// when this workspace was initialised before from the same inputs: providers, modules,
    /// backend and CLI configuration (see `initStamp`).
    public func initialize() async throws(TerraformError) {
        let stampPath = workspace.path(".terraform/ezbuilt-init.stamp")
        let stamp = try initStamp()
        if FileManager.default.contents(atPath: stampPath) == Data(stamp.utf8) {
            sink.write(LogLine(stream: .system, text: "init: reusing the workspace's providers (nothing they depend on changed)"))
            return
        }
        try? FileManager.default.removeItem(atPath: stampPath)
        try await runInit()
        // Stamped after init: the lock file it wrote is one of the inputs.
        try? Data(try initStamp().utf8).write(to: URL(fileURLWithPath: stampPath), options: .atomic)
    }

    /// What `init` depends on, hashed: the CLI configuration, the runtime files (backend,
    /// providers), every file that mentions provider requirements, modules or a backend, and
    /// the providers implied by resource and data types. Anything else (resources, outputs,
    /// locals) can change without a new `init`. A false "changed" costs one `init`; the
    /// inputs are chosen so that a real change is never missed.
    func initStamp() throws(TerraformError) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(options.cli.render().utf8))
        var prefixes = Set<String>()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path).sorted()
        } catch {
            throw .io(path: workspace.directory.path, detail: "cannot list: \(error)")
        }
        for name in names where name.hasSuffix(".tf") || name.hasSuffix(".tf.json") || name == ".terraform.lock.hcl" {
            guard let data = FileManager.default.contents(atPath: workspace.path(name)) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for match in text.matches(of: /(?:resource|data)\s+"([A-Za-z0-9]+)_/) { prefixes.insert(String(match.1)) }
            let runtimeFile = name == OverrideWriter.overrideFileName || name == OverrideWriter.providerFileName
            if runtimeFile || name == ".terraform.lock.hcl" || ["required_providers", "module", "backend", "cloud", "provider_meta"].contains(where: text.contains) {
                hasher.update(data: Data("\(name)\u{0}".utf8))
                hasher.update(data: data)
            }
        }
        hasher.update(data: Data(prefixes.sorted().joined(separator: ",").utf8))
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private func runInit() async throws(TerraformError) {
        let arguments = ["init", "-input=false", "-no-color"]
        if options.cli.serializesInit {
            try await InitGate.shared.withExclusiveAccess { () async throws(TerraformError) in
                try await checked(arguments, timeout: options.timeouts.initialize)
            }
        } else {
            try await checked(arguments, timeout: options.timeouts.initialize)
        }
    }

    /// `terraform validate -json` → diagnostics with file and line.
    public func validate() async throws(TerraformError) -> ValidationResult {
        let outcome = try await execute(["validate", "-json", "-no-color"], timeout: options.timeouts.validate, capture: true)
        let result = try ValidationResult.decode(outcome.standardOutput, redact: redactor.redact)
        for diagnostic in result.diagnostics {
            sink.write(LogLine(stream: .stdout, text: diagnostic.description))
        }
        return result
    }

    /// `terraform plan -out` then `show -json`: the saved plan and its redacted summary.
    /// The plan's sensitive values are registered with the redactor before anything else runs.
    public func plan(destroy: Bool = false) async throws(TerraformError) -> SavedPlan {
        try recoverLock()
        let path = workspace.path(Self.planFileName)
        var arguments = ["plan", "-input=false", "-no-color", "-json", "-lock-timeout=0s", "-out=\(path)"]
        if destroy { arguments.append("-destroy") }
        try await checked(arguments, timeout: options.timeouts.plan, progress: .init(refreshTotal: stateResourceCount()))
        return try await decodePlan(at: path)
    }

    /// A plan saved earlier (an approved one), written into this workspace and decoded, ready
    /// for `apply`. Terraform itself refuses it when the state moved since it was made.
    public func loadPlan(_ contents: Data) async throws(TerraformError) -> SavedPlan {
        let path = workspace.path(Self.planFileName)
        do {
            try contents.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .io(path: path, detail: "cannot write the approved plan: \(error)")
        }
        return try await decodePlan(at: path)
    }

    /// `show -json` of a saved plan, decoded once; its sensitive values join the redactor first.
    private func decodePlan(at path: String) async throws(TerraformError) -> SavedPlan {
        let json = try await showJSON(path)
        var secrets: [String] = []
        let document: PlanDocument
        do {
            document = try PlanDocument.decode(showJSON: json, secrets: &secrets)
        } catch {
            throw .decoding(what: "plan JSON", detail: String(describing: error).prefix(300).description)
        }
        redactor.add(secrets)
        let contents: Data
        do {
            contents = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: path, detail: "cannot read the saved plan: \(error)")
        }
        let counts = document.counts
        logger.info("planned", metadata: [
            "create": "\(counts.create)", "update": "\(counts.update)",
            "delete": "\(counts.delete)", "replace": "\(counts.replace)",
        ])
        return SavedPlan(path: path, contents: contents, document: document)
    }

    /// Applies exactly `plan` (the file must be byte-identical to the one decoded), after a
    /// snapshot of the state named after `deployment`.
    ///
    /// When the apply fails only because objects it was creating already exist, made by an
    /// earlier apply of this stack whose state was lost (killed before writing it), they are
    /// imported by the ids the plan gives them and the rest is applied (`ImportRecovery`);
    /// objects that cannot be imported fail the apply naming each address.
    public func apply(_ plan: SavedPlan, deployment: String) async throws(TerraformError) -> ApplyResult {
        guard let current = FileManager.default.contents(atPath: plan.path), current == plan.contents else {
            throw .io(path: plan.path, detail: "the saved plan changed since it was reviewed; refusing to apply it")
        }
        let cleared = try recoverLock()
        let snapshot = try await snapshotState(deployment: deployment)
        let document = plan.document
        // Recorded before terraform starts: if it dies before writing its state, the ledger
        // still says what it set out to create.
        try creationLedger?.record(ImportRecovery.creations(in: document))
        let outcome = try await runApply(plan)
        var imported: [ImportRecovery.Target] = []
        if outcome.exitCode != 0 {
            switch ImportRecovery.decide(failures: outcome.failedResources, plan: document, created: creationLedger?.entries ?? []) {
            case .notApplicable:
                throw failure(of: ["apply", plan.path], outcome)
            case .refused(let refusals):
                for refusal in refusals { sink.write(LogLine(stream: .system, text: "not imported: \(refusal)")) }
                throw .existingNotImported(refusals)
            case .importing(let targets):
                try await importExisting(targets, failed: plan)
                imported = targets
            }
        }
        try creationLedger?.forget(addresses: Set(document.changes.filter { $0.action == .delete }.map(\.address)))
        let outputs = try await self.outputs()
        return ApplyResult(snapshot: snapshot, outputs: outputs, clearedLock: cleared, imported: imported.map(\.address))
    }

    /// Imports `targets` (import blocks in the workspace), plans again and applies that plan,
    /// which may do only what the `failed` plan did (an imported address updated instead of
    /// created).
    private func importExisting(_ targets: [ImportRecovery.Target], failed: SavedPlan) async throws(TerraformError) {
        let message = "importing \(targets.count) object\(targets.count == 1 ? "" : "s") an earlier apply of this stack created but whose state was lost: "
            + targets.map { "\($0.address) (\($0.id))" }.joined(separator: ", ")
        sink.write(LogLine(stream: .system, text: message))
        logger.warning("importing objects whose state was lost", metadata: ["addresses": "\(targets.map(\.address))"])
        let file = workspace.path(Self.importFileName)
        do {
            try Data(ImportRecovery.importBlocks(targets).utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw .io(path: file, detail: "cannot write the import blocks: \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: file) }
        let recovery = try await self.plan()
        let unexpected = ImportRecovery.unexpectedChanges(recovery: recovery.document.changes, original: failed.document.changes, imported: Set(targets.map(\.address)))
        guard unexpected.isEmpty else {
            throw .existingNotImported(targets.map {
                ImportRecovery.Refusal(address: $0.address, reason: "importing it would make the plan do more than was reviewed (\(unexpected.joined(separator: ", ")))")
            })
        }
        let outcome = try await runApply(recovery)
        guard outcome.exitCode == 0 else { throw failure(of: ["apply", recovery.path], outcome) }
    }

    /// `terraform apply` of a saved plan, with its progress.
    private func runApply(_ plan: SavedPlan) async throws(TerraformError) -> ProcessRunner.Outcome {
        try await execute(["apply", "-input=false", "-no-color", "-json", "-lock-timeout=0s", plan.path], timeout: options.timeouts.apply,
                          capture: false, progress: .init(applyTotal: plan.document.counts.changed))
    }

    /// Name of the import blocks `ImportRecovery` writes into the workspace (reserved: a
    /// stack file of that name is refused).
    public static let importFileName = "ezbuilt_imports.tf"

    /// What this stack's applies set out to create (beside a local state; none for a remote one,
    /// whose state is not lost with a killed process).
    var creationLedger: CreationLedger? {
        stateGuard.map { CreationLedger(directory: $0.directory) }
    }

    /// Plans and applies the destruction of everything in the state.
    public func destroy(deployment: String) async throws(TerraformError) -> ApplyResult {
        let plan = try await plan(destroy: true)
        return try await apply(plan, deployment: deployment)
    }

    /// `plan -refresh-only -out` + `show -json`, decoded into semantic drift. The exit code
    /// is not the signal (Terraform #36403); only the decoded differences are.
    public func drift() async throws(TerraformError) -> DriftReport {
        try recoverLock()
        let path = workspace.path("ezbuilt-refresh.tfplan")
        try await checked(["plan", "-refresh-only", "-input=false", "-no-color", "-lock-timeout=0s", "-out=\(path)"],
                          timeout: options.timeouts.plan)
        let json = try await showJSON(path)
        let decoded = try DriftDetector.decode(json)
        redactor.add(decoded.secrets)
        try? FileManager.default.removeItem(atPath: path)
        if decoded.report.hasDrift {
            for line in decoded.report.lines { sink.write(LogLine(stream: .system, text: "drift: " + redactor.redact(line))) }
        }
        logger.info("drift checked", metadata: ["drifted": "\(decoded.report.resources.count)",
                                                "ignored": "\(decoded.report.ignoredDifferences)"])
        return decoded.report
    }

    /// `output -json`, redacted.
    public func outputs() async throws(TerraformError) -> [String: PlanOutput] {
        let outcome = try await execute(["output", "-json", "-no-color"], timeout: options.timeouts.show, capture: true)
        guard outcome.exitCode == 0 else {
            throw .commandFailed(command: "terraform output -json", exitCode: outcome.exitCode,
                                 stderrTail: outcome.standardErrorTail.joined(separator: "\n"))
        }
        let document = try JSONValue.decode(outcome.standardOutput, what: "output -json")
        var result: [String: PlanOutput] = [:]
        for (name, output) in document.objectValue ?? [:] {
            let sensitive = output["sensitive"] == .bool(true)
            let value = output["value"] ?? .null
            if sensitive { redactor.add(value.allLeafStrings()) }
            result[name] = PlanOutput(name: name, value: sensitive ? .sensitive : value, sensitive: sensitive)
        }
        return result
    }

    /// Addresses of every resource in the state (`state list`).
    public func stateResources() async throws(TerraformError) -> [String] {
        let outcome = try await execute(["state", "list", "-no-color"], timeout: options.timeouts.show, capture: true)
        guard outcome.exitCode == 0 else {
            throw .commandFailed(command: "terraform state list", exitCode: outcome.exitCode,
                                 stderrTail: outcome.standardErrorTail.joined(separator: "\n"))
        }
        return String(decoding: outcome.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    // MARK: Internals

    /// Snapshots the state before an apply: a file copy for a local state, `state pull` for
    /// a remote one (when a snapshot directory is configured).
    private func snapshotState(deployment: String) async throws(TerraformError) -> String? {
        if let stateGuard { return try stateGuard.snapshot(deployment: deployment) }
        guard let directory = remoteSnapshotDirectory else { return nil }
        let outcome = try await execute(["state", "pull"], timeout: options.timeouts.show, capture: true)
        guard outcome.exitCode == 0 else {
            throw .commandFailed(command: "terraform state pull", exitCode: outcome.exitCode,
                                 stderrTail: outcome.standardErrorTail.joined(separator: "\n"))
        }
        guard !outcome.standardOutput.isEmpty else { return nil }
        let safe = SafeName.component(deployment)
        let target = directory.appendingPathComponent("\(safe)-\(UUID().uuidString.prefix(8)).tfstate")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try outcome.standardOutput.write(to: target, options: .withoutOverwriting)
        } catch {
            throw .io(path: target.path, detail: "cannot write the state snapshot: \(error)")
        }
        return target.path
    }

    @discardableResult
    private func recoverLock() throws(TerraformError) -> String? {
        guard let stateGuard else { return nil }
        try stateGuard.verifyReadable()
        // A live terraform holds the lock (F_GETLK) and is waited for. Its leftovers once it
        // is dead (provider plugins in its process group) are ended before anything else runs.
        if stateGuard.lockHolder() == nil, let ended = runRecord.endLeftovers(), ended > 0 {
            sink.write(LogLine(stream: .system, text: "ended \(ended) leftover process\(ended == 1 ? "" : "es") of a dead run (provider plugins)"))
            logger.warning("ended leftover processes of a dead run", metadata: ["count": "\(ended)"])
        }
        if case .clearedStale(let info) = try stateGuard.recoverStaleLock() {
            let message = "cleared a stale state lock left by a dead run: \(redactor.redact(info))"
            sink.write(LogLine(stream: .system, text: message))
            logger.warning("cleared stale state lock", metadata: ["path": "\(stateGuard.lockInfoPath)"])
            return info
        }
        return nil
    }

    private func showJSON(_ path: String) async throws(TerraformError) -> Data {
        let outcome = try await execute(["show", "-json", "-no-color", path], timeout: options.timeouts.show, capture: true)
        guard outcome.exitCode == 0 else {
            throw .commandFailed(command: "terraform show -json", exitCode: outcome.exitCode,
                                 stderrTail: outcome.standardErrorTail.joined(separator: "\n"))
        }
        return outcome.standardOutput
    }

    /// What a `-json` command's progress is measured against.
    struct ProgressTotals {
        var refreshTotal: Int?
        var applyTotal: Int?
    }

    /// Managed resource instances in the local state (what a plan refreshes); nil when unknown.
    private func stateResourceCount() -> Int? {
        guard let path = stateGuard?.statePath, let data = FileManager.default.contents(atPath: path), !data.isEmpty,
              let resources = (try? JSONValue.decode(data, what: path))?["resources"]?.arrayValue
        else { return stateGuard == nil ? nil : 0 }
        return resources.filter { $0["mode"]?.stringValue == "managed" }.reduce(0) { $0 + ($1["instances"]?.arrayValue?.count ?? 0) }
    }

    private func checked(_ arguments: [String], timeout: Duration, progress: ProgressTotals? = nil) async throws(TerraformError) {
        let outcome = try await execute(arguments, timeout: timeout, capture: false, progress: progress)
        guard outcome.exitCode == 0 else { throw failure(of: arguments, outcome) }
    }

    /// The error of a command that exited non-zero (logged).
    private func failure(of arguments: [String], _ outcome: ProcessRunner.Outcome) -> TerraformError {
        logger.error("terraform command failed", metadata: ["command": "\(arguments.first ?? "")", "exit": "\(outcome.exitCode)"])
        return .commandFailed(command: "terraform " + arguments.prefix(2).joined(separator: " "),
                              exitCode: outcome.exitCode, stderrTail: outcome.standardErrorTail.joined(separator: "\n"))
    }

    /// What this stack's terraform sees when confined: its binary, the provider mirror, the
    /// CLI configuration, CA certificates and name resolution read-only; its workspace, its
    /// local state directory and the shared plugin cache read-write (earlier snapshots of the
    /// state read-only); a private, empty `HOME`; the AWS SDK files the daemon's own identity
    /// names. Nothing else of the data directory: no other stack, no database, no config.
    public func confinementView(environment: [String: String]) -> ConfinementView {
        var readOnly = ConfinementView.systemFiles + [options.cli.configFilePath]
        var readWrite = [workspace.directory.path]
        switch options.cli.providerSource {
        case .filesystemMirror(let path): readOnly.append(path)
        case .registryWithCache(let cacheDirectory): readWrite.append(cacheDirectory)
        }
        if let stateGuard {
            readWrite.append(stateGuard.directory)
            readOnly.append(stateGuard.snapshotsDirectory)
        }
        for name in ConfinementView.awsFileVariables {
            if let path = environment[name], path.hasPrefix("/") { readOnly.append(path) }
        }
        return ConfinementView(readOnly: readOnly, readWrite: readWrite, privateDirectories: [options.cli.homeDirectory])
    }

    private func execute(_ arguments: [String], timeout: Duration, capture: Bool, progress totals: ProgressTotals? = nil) async throws(TerraformError) -> ProcessRunner.Outcome {
        // A command that writes state must outlive the daemon: output to files, and a record of
        // its process group so that leftovers of a dead run can be ended before its lock is cleared.
        let writesState = ["apply", "destroy", "import"].contains(arguments.first ?? "")
        let record = writesState ? runRecord : nil
        let environment = options.cli.environment(sandbox: runtime.sandboxEndpoint != nil)
        let request = ProcessRunner.Request(
            executable: options.binary.path,
            arguments: arguments,
            environment: environment,
            workingDirectory: workspace.directory.path,
            timeout: timeout,
            gracePeriod: options.gracePeriod,
            captureStandardOutput: capture,
            outputFile: writesState ? workspace.path(".ezbuilt-\(arguments[0])") : nil,
            confinement: options.confinement,
            view: confinementView(environment: environment))
        logger.debug("running terraform", metadata: ["command": "\(arguments.first ?? "")"])
        let started = onProcessStart
        defer { record?.clear() }
        let progress = RunProgress(forwardingTo: sink, refreshTotal: totals?.refreshTotal, applyTotal: totals?.applyTotal)
        do {
            var outcome = try await ProcessRunner.run(request, sink: progress, redactor: redactor) { group in
                record?.save(group: group)
                started(group)
            }
            // With -json, terraform's errors are messages on standard output: they lead the tail.
            outcome.standardErrorTail = progress.errors + outcome.standardErrorTail
            outcome.failedResources = progress.failures
            return outcome
        } catch .timedOut(let command, let after) where !progress.inFlight.isEmpty {
            // Say what it was stuck on: the resources still being created, changed or destroyed.
            let stuck = progress.inFlight.joined(separator: ", ")
            sink.write(LogLine(stream: .system, text: "stuck on: \(stuck)"))
            throw .timedOut(command: "\(command) (stuck on \(stuck))", after: after)
        }
    }

    /// Where the process group of a running state-writing command is recorded: beside a local
    /// state, else in the workspace.
    var runRecord: RunRecord {
        RunRecord(path: (stateGuard?.directory).map { ($0 as NSString).appendingPathComponent("running-group") }
                  ?? workspace.path(".ezbuilt-running-group"))
    }
}

/// A process-wide gate serialising `terraform init` when providers install into a shared
/// plugin cache (concurrent installs into one cache corrupt it; Atlantis #5984).
actor InitGate {
    static let shared = InitGate()
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func withExclusiveAccess<T: Sendable>(_ body: @Sendable () async throws(TerraformError) -> T) async throws(TerraformError) -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
