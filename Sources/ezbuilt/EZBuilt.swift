import ArgumentParser

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
        ]
    )
}

/// The version of this build, printed by `ezbuilt --version`.
enum EZBuiltVersion {
    static let current = "0.1.0"
}
