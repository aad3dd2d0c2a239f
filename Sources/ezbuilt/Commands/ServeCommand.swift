import ArgumentParser
import EZBuiltConfiguration
import Foundation
import Logging
import Reconciler
import Sandbox
import Server
import ServiceLifecycle
import Store
import Telemetry
import Terraform

/// `ezbuilt serve`: the long-running daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Watch the configured repositories: propose on branches, apply on merge, report drift."
    )

    @Option(name: .long, help: "The YAML configuration file.")
    var config: String

    @Flag(name: .long, help: "Point every stack at a moto_server the daemon starts on a free loopback port.")
    var sandbox = false

    @Option(name: .customLong("sandbox-endpoint"), help: "Point every stack at an AWS emulator already running at this loopback URL.")
    var sandboxEndpoint: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        ProcessMemory.configure()
        let level = logLevel
        // The daemon's one redactor: it learns the secrets once the configuration is read, and
        // every log line, stored text and terraform run goes through it.
        let redactor = Redactor()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return RedactingLogHandler(base: handler, redactor: redactor)
        }
        let logger = Logger(label: "ezbuilt")
        var settings: EZBuiltConfig
        do {
            settings = try EZBuiltConfig.load(path: config)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        redactor.add(DaemonSecrets.values(config: settings))
        if let sandboxEndpoint {
            guard let url = Validate.loopbackURL(sandboxEndpoint) else {
                printError("--sandbox-endpoint: \"\(sandboxEndpoint)\" is not an http URL on a loopback address")
                throw ExitCode.validationFailure
            }
            settings.sandbox = SandboxSettings(endpoint: url)
        } else if sandbox {
            settings.sandbox = SandboxSettings()
        }

        var moto: MotoServer?
        var endpoint = settings.sandbox?.endpoint
        if settings.sandbox != nil, endpoint == nil {
            let server = try await MotoServer.start(logger: logger)
            moto = server
            endpoint = server.endpoint
        }
        do {
            try DaemonSetup.createPrivateDataDirectory(settings.dataDir)
            let store = try await DaemonSetup.openStore(settings, redactor: redactor, logger: logger)
            let metrics = EZBuiltMetrics()
            let environment = try await DaemonSetup.environment(
                config: settings, store: store, sandboxEndpoint: endpoint,
                policy: StandardPolicy(config: settings.policy),
                metrics: metrics, logger: logger)
            let reconciler = try await Reconciler(config: settings, environment: environment)
            let server = EZBuiltServer(config: settings, store: store, live: environment.live, backend: reconciler, metrics: metrics, logger: logger)
            logger.info("ezbuilt serving", metadata: [
                "repositories": "\(settings.repositories.count)", "data": "\(settings.dataDir)",
                "sandbox": "\(endpoint?.absoluteString ?? "off")",
            ])
            let group = ServiceGroup(configuration: .init(
                services: [reconciler, server],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
            try await group.run()
        } catch {
            await moto?.stop()
            throw error
        }
        await moto?.stop()
        logger.info("ezbuilt stopped")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// The HTTP API reaches the reconciler through this seam.
extension Reconciler: ServerBackend {}
