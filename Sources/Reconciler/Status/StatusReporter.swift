import Foundation
import Git
import Logging
import Store

/// Commits a stack's status files (and drift report) to the status branch after an event.
/// A failure to report is logged, never fatal: the store and the API still have the event.
struct StatusReporter: Sendable {
    let environment: ReconcilerEnvironment
    let repository: RepositoryContext

    /// Commits `stacks/<repo>/<path>.md` and `.json` with `message`, plus `extra` changes.
    func report(_ stack: StackLayout, message: String, extra: [FileChange] = []) async {
        do {
            guard let snapshot = try await StackSnapshot.load(stackID: stack.id, from: environment.store) else { return }
            let changes: [FileChange] = [
                .write(StatusFiles.path(folder: "stacks", repositoryID: repository.id, stackPath: stack.path, ext: "md"), StatusFiles.markdown(snapshot)),
                .write(path: StatusFiles.path(folder: "stacks", repositoryID: repository.id, stackPath: stack.path, ext: "json"), contents: try StatusFiles.json(snapshot)),
            ] + extra
            let redactor = environment.terraform.redactor
            try await repository.status.commit(redactor.redact(changes), message: redactor.redact(message))
        } catch {
            var logger = environment.logger
            logger[metadataKey: "stack"] = "\(stack.id)"
            logger.error("could not write the status branch", metadata: ["error": "\(error)", "event": "\(message)"])
        }
    }
}
