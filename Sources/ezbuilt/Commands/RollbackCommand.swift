import ArgumentParser
import EZBuiltConfiguration
import Foundation
import Reconciler
import Store

/// `ezbuilt rollback --config F STACK --to N`: the reviewed rollback from the command line.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Push the branch ezbuilt/rollback/<stack>-<N> holding what deployment N applied.",
        discussion: "The daemon proposes the branch like any other (PLAN.md shows the plan back to that version); merging it applies it. Nothing is applied by this command."
    )
    @Option(name: .long, help: "The daemon's configuration file (its repository and data directory are used).")
    var config: String
    @Argument(help: "The stack id (repository/path).")
    var stack: String
    @Option(name: .customLong("to"), help: "The id of an applied deployment of the stack.")
    var deployment: Int64

    func run() async throws {
        let settings: EZBuiltConfig
        do {
            settings = try EZBuiltConfig.load(path: config)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-rollback-\(UUID().uuidString.prefix(8))", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            let store = try await Store(path: DaemonSetup.databasePath(settings), redactor: DaemonSecrets.redactor(config: settings))
            switch try await Rollback.createBranch(config: settings, store: store, stackID: stack, deploymentID: deployment, workDirectory: work) {
            case .created(let branch, let commit):
                print("pushed \(branch) (\(commit.prefix(10))): EZBuilt proposes it now; merge it to apply the plan its PLAN.md shows")
            case .notFound(let reason), .conflict(let reason):
                printError("error: \(reason)")
                throw ExitCode.failure
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
