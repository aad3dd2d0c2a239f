import ArgumentParser
import Foundation
import Requirements

/// `ezbuilt templates [NAME]`: lists the embedded example documents or prints one.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "templates", abstract: "List the example requirements documents, or print one")

    @Argument(help: "Name of the template to print.")
    var name: String?

    func run() throws {
        guard let name else {
            for t in Templates.all { print("\(t.name)\t\(t.summary)") }
            return
        }
        guard let t = Templates.all.first(where: { $0.name == name }) else {
            FileHandle.standardError.write(Data("error: no template named \(name); run `ezbuilt templates` to list them\n".utf8))
            throw ExitCode(1)
        }
        print(t.requirements, terminator: t.requirements.hasSuffix("\n") ? "" : "\n")
    }
}
