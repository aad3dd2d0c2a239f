import Hummingbird

/// Registers every route with the access it needs. Access is declared here, next to the
/// path, so one table shows what is public, what is a read and what is an action.
struct RouteRegistrar {
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// Who may call a route.
    enum Access {
        /// Anyone: health probes, and webhooks (which carry their own signature).
        case open
        /// Reads: open when `auth.publicRead`, else a token or JWT.
        case read
        /// Actions: always a token or JWT; each call is recorded in the audit log under this name.
        case action(String)
        /// Sensitive reads (the audit log): always a token or JWT, even with `auth.publicRead`.
        case restricted
    }

    let router: Router<BasicRequestContext>
    let state: ServerState

    func registerAll() {
        let health = HealthRoutes(state: state)
        add(.get, "/healthz", .open, health.healthz)
        add(.get, "/readyz", .open, health.readyz)
        add(.get, "/metrics", .read, health.metrics)

        let page = StatusPageRoute(state: state)
        add(.get, "/", .read, page.render)
        add(.get, "/compare", .read, ComparePageRoute(state: state).render)
        add(.get, "/login", .open, LoginRoute(state: state).login)

        let api = APIRoutes(state: state)
        add(.get, "/api/v1/openapi.json", .open, api.openAPI)
        add(.get, "/api/v1/repositories", .read, api.repositories)
        add(.get, "/api/v1/connections", .read, api.connections)
        add(.get, "/api/v1/repositories/{id}", .read, api.repository)
        add(.post, "/api/v1/repositories/{id}/sync", .action("sync"), api.sync)
        add(.get, "/api/v1/stacks", .read, api.stacks)
        add(.get, "/api/v1/stacks/{id}", .read, api.stack)
        add(.get, "/api/v1/stacks/{id}/history", .read, api.history)
        add(.get, "/api/v1/stacks/{id}/drift", .read, api.driftChecks)
        add(.get, "/api/v1/stacks/{id}/compare", .read, api.compare)
        add(.post, "/api/v1/stacks/{id}/drift-check", .action("drift-check"), api.requestDriftCheck)
        add(.post, "/api/v1/stacks/{id}/approve", .action("approve"), api.approve)
        add(.post, "/api/v1/stacks/{id}/rollback", .action("rollback"), api.rollback)
        add(.get, "/api/v1/stacks/{id}/states", .read, api.states)
        add(.post, "/api/v1/stacks/{id}/states/{name}/restore", .action("restore-state"), api.restoreState)
        add(.get, "/api/v1/deployments", .read, api.deployments)
        add(.get, "/api/v1/deployments/{id}", .read, api.deployment)
        add(.get, "/api/v1/runs/{id}", .read, api.run)
        add(.get, "/api/v1/runs/{id}/log", .read, api.runLog)
        add(.get, "/api/v1/audit", .restricted, api.audit)

        let webhooks = WebhookRoutes(state: state)
        for provider in WebhookProvider.allCases {
            add(.post, RouterPath("/api/v1/webhooks/\(provider.rawValue)"), .open) { request, context in
                try await webhooks.receive(provider, request, context)
            }
        }
    }

    private func add(_ method: HTTPRequest.Method, _ path: RouterPath, _ access: Access, _ handler: @escaping Handler) {
        let authenticator = state.authenticator
        let audit = AuditTrail(state: state)
        router.on(path, method: method) { request, context -> Response in
            switch access {
            case .open: break
            case .read: try await authenticator.authorize(request, .read)
            case .restricted: try await authenticator.authorize(request, .action)
            case .action(let name):
                try await authenticator.authorize(request, .action)
                return try await audit.recording(name, request, context) { try await handler(request, context) }
            }
            return try await handler(request, context)
        }
    }
}
