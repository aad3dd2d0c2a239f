import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Store
import Telemetry
import EZBuiltConfiguration

/// The daemon's HTTP server: health, metrics, the JSON API, live logs, webhooks and the
/// status page, as one `Service` for `ezbuilt serve`'s `ServiceGroup`.
///
/// It reads the store directly and reaches the reconciler only through `ServerBackend`
/// (sync a repository, check a stack for drift, queue depth). Stack ids contain slashes, so
/// routes take them percent-encoded as one path segment: `/api/v1/stacks/demo%2Finfra%2Fweb`.
public struct EZBuiltServer: Service {
    /// One registered route, as the router holds it (`GET /api/v1/stacks/{id}`).
    public struct Route: Sendable, Hashable, CustomStringConvertible {
        /// `GET`, `POST`, …
        public let method: String
        /// The path pattern, parameters in braces.
        public let path: String
        /// `GET /api/v1/stacks/{id}`.
        public var description: String { "\(method) \(path)" }
    }

    /// The largest webhook body accepted (GitHub caps its payloads at 25 MB, but a push event
    /// for a repository of requirements files is a few KiB).
    public static let defaultWebhookBodyLimit = 1 << 20

    private let application: Application<RouterResponder<BasicRequestContext>>
    /// Every route the router serves, for the OpenAPI check and for operators.
    public let routes: [Route]

    /// Builds the server; nothing listens until `run()`.
    /// - Parameters:
    ///   - config: the daemon config (listen address, repositories and their webhook secret
    ///     variables, `auth`).
    ///   - store: the records the API reads.
    ///   - live: live log lines of running runs, for `?follow=true`.
    ///   - backend: the reconciler's control surface.
    ///   - metrics: the registry `/metrics` renders (the reconciler records into the same one).
    ///   - logger: the server's logger; requests log their route and status, never headers.
    ///   - environment: where webhook secrets are read (`webhookSecretEnv` names a key here).
    ///   - webhookBodyLimit: webhook bodies larger than this are refused with 413.
    ///   - onListening: called once the socket is bound, with the actual address (port 0 in
    ///     the config picks a free port; this is how callers learn it).
    public init(
        config: EZBuiltConfig,
        store: Store,
        live: LiveLogs,
        backend: any ServerBackend,
        metrics: EZBuiltMetrics,
        logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        webhookBodyLimit: Int = EZBuiltServer.defaultWebhookBodyLimit,
        onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }
    ) {
        let state = ServerState(
            config: config, store: store, live: live, backend: backend, metrics: metrics,
            authenticator: Authenticator(settings: config.auth, logger: logger),
            environment: environment, webhookBodyLimit: webhookBodyLimit, logger: logger
        )
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ServerMiddleware(metrics: metrics, logger: logger))
        let routes = RouteRegistrar(router: router, state: state)
        routes.registerAll()
        self.routes = router.routes.map { Route(method: $0.method.rawValue, path: $0.path.description) }

        let host = config.listen.host
        if !config.listen.isLoopback {
            logger.notice("the HTTP API listens on a non-loopback address", metadata: ["listen": "\(config.listen)"])
        }
        application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: config.listen.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.listen.port
                logger.info("HTTP API listening", metadata: ["host": "\(host)", "port": "\(port)"])
                await onListening(ListenAddress(host: host, port: port))
            },
            logger: logger
        )
    }

    /// Serves until the task is cancelled or graceful shutdown is triggered; open live-log
    /// streams end with an `end` event on shutdown.
    public func run() async throws {
        try await application.run()
    }
}

/// Everything a handler needs, shared by all of them.
struct ServerState: Sendable {
    let config: EZBuiltConfig
    let store: Store
    let live: LiveLogs
    let backend: any ServerBackend
    let metrics: EZBuiltMetrics
    let authenticator: Authenticator
    let environment: [String: String]
    let webhookBodyLimit: Int
    let logger: Logger
}

/// Turns every error into the JSON error shape, records request metrics, logs each request
/// by route (the pattern, not the path: no ids, queries or headers in logs), and marks every
/// response `X-Content-Type-Options: nosniff`, so no browser reads a JSON body (which can
/// hold text from a repository) as HTML.
struct ServerMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: EZBuiltMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status == .internalServerError {
                logger.error("request failed", metadata: ["route": "\(context.endpointPath ?? "?")", "error": "\(type(of: error))"])
            }
            response = apiError.response()
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        let route = context.endpointPath ?? "unmatched"
        metrics.recordHTTPRequest(method: request.method.rawValue, route: route, status: response.status.code, duration: ContinuousClock.now - start)
        logger.debug("request", metadata: ["method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(response.status.code)"])
        return response
    }
}
