import Hummingbird
import Store

/// `/healthz` (the process answers), `/readyz` (the store opens and every configured
/// repository has been fetched at least once) and `/metrics` (Prometheus text).
struct HealthRoutes: Sendable {
    let state: ServerState

    @Sendable func healthz(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try JSON.response(APIModels.Health(status: "ok", checks: nil))
    }

    /// Ready when the store answers and no repository is still waiting for its first good
    /// fetch. The body counts problems instead of naming repositories: it is unauthenticated.
    @Sendable func readyz(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        var checks: [String: String] = [:]
        var ready = true
        do {
            let records = try await state.store.repositories()
            checks["store"] = "ok"
            let reachable = Set(records.filter(\.everReachable).map(\.id))
            let waiting = state.config.repositories.filter { !reachable.contains($0.id) }.count
            let total = state.config.repositories.count
            if waiting > 0 {
                ready = false
                checks["repositories"] = "\(waiting) of \(total) not fetched successfully yet"
            } else {
                checks["repositories"] = "\(total) reachable"
            }
        } catch {
            ready = false
            checks["store"] = "cannot read the database"
        }
        // Counts only (the body is unauthenticated); the roles and reasons are in /api/v1/connections.
        let connections = await state.backend.awsConnections()
        if !connections.isEmpty {
            checks["aws"] = AWSConnectionStatus.State.allCases.compactMap { state in
                let count = connections.filter { $0.state == state }.count
                return count == 0 ? nil : "\(count) \(state.rawValue)"
            }.joined(separator: ", ")
        }
        return try JSON.response(
            APIModels.Health(status: ready ? "ready" : "not ready", checks: checks),
            status: ready ? .ok : .serviceUnavailable
        )
    }

    @Sendable func metrics(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let depth = await state.backend.queueDepth()
        state.metrics.setQueueDepth(queued: depth.queued, running: depth.running)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: state.metrics.render()))
        )
    }
}
