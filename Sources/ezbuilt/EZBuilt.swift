import ArgumentParser
import Foundation

/// `ezbuilt`: the EZBuilt daemon and its single-purpose commands.
@main
struct EZBuilt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ezbuilt",
        abstract: "GitOps for AWS: plain-English requirements in git become reviewed, applied, drift-checked infrastructure.",
        version: EZBuiltVersion.current,
        subcommands: [
            CheckConfigCommand.self,
            GenerateCommand.self,
            TemplatesCommand.self,
            ServeCommand.self,
            PlanCommand.self,
            ApplyCommand.self,
            DriftCommand.self,
            DestroyCommand.self,
            CostCommand.self,
            AWSCommand.self,
            RollbackCommand.self,
        ]
    )

    /// Runs the command; a usage error exits 1 (not ArgumentParser's 64), as the commands
    /// document: 0 done, 1 usage or I/O error, and command-specific codes such as 2 and 3.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}

/// The version of this build, printed by `ezbuilt --version`.
enum EZBuiltVersion {
    static let current = "0.1.0"
}
