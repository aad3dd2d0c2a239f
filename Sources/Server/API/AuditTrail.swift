import Foundation
import Hummingbird
import Store

/// Records every action taken through the API in the store's audit log: who (the identity
/// the authenticator vouched for), what (the action's name), on what (the repository or
/// stack in the path), when, and how it was answered, whether it succeeded or not.
struct AuditTrail: Sendable {
    let state: ServerState

    /// Runs `action` and records it. An action that throws is recorded with the status and
    /// message it is answered with. A record that cannot be written is logged, not thrown: the
    /// action has happened and its caller must hear so.
    func recording(_ name: String, _ request: Request, _ context: BasicRequestContext,
                   _ action: () async throws -> Response) async throws -> Response {
        let actor = state.authenticator.identity(request)
        let target = context.parameters.get("id").flatMap { $0.removingPercentEncoding } ?? ""
        do {
            let response = try await action()
            await record(AuditRecord(actor: actor, action: name, target: target, outcome: Int(response.status.code)))
            return response
        } catch {
            let apiError = APIError.from(error)
            await record(AuditRecord(actor: actor, action: name, target: target, outcome: Int(apiError.status.code), detail: apiError.message))
            throw error
        }
    }

    private func record(_ event: AuditRecord) async {
        do {
            try await state.store.recordAudit(event)
        } catch {
            state.logger.error("could not record an action in the audit log", metadata: [
                "action": "\(event.action)", "actor": "\(event.actor)", "target": "\(event.target)", "error": "\(error)",
            ])
        }
    }
}
