import ArgumentParser
import EZBuiltConfiguration

/// `ezbuilt check-config FILE`: validates a configuration file without starting anything.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file: prints every error with its key and line, or a one-line summary."
    )

    @Argument(help: "The YAML configuration file.")
    var file: String

    func run() throws {
        do {
            let config = try EZBuiltConfig.load(path: file)
            let sandbox = config.sandbox.map { $0.endpoint.map { ", sandbox at \($0.absoluteString)" } ?? ", sandbox (moto started by the daemon)" } ?? ""
            let repositories = config.repositories.count == 1 ? "1 repository" : "\(config.repositories.count) repositories"
            print("\(file): ok: \(repositories), listen \(config.listen), data in \(config.dataDir), terraform parallelism \(config.terraform.parallelism)\(sandbox)")
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
