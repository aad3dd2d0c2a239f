import Foundation
import Hummingbird
import ServiceLifecycle
import Synchronization

/// A loopback HTTP server answering `GET /jwks.json` with a fixed document, counting fetches:
/// the identity provider's key endpoint, for the JWKS-by-URL path.
enum JWKSServer {
    static func with(_ jwks: Data, _ body: (URL, @Sendable () -> Int) async throws -> Void) async throws {
        let fetches = Mutex(0)
        let counter: @Sendable () -> Int = { fetches.withLock { $0 } }
        let router = Router()
        router.get("/jwks.json") { _, _ -> Response in
            fetches.withLock { $0 += 1 }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: jwks)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: .init(label: "jwks")))
        let running = Task { try await group.run() }
        guard let port = await ports.first(where: { _ in true }), let url = URL(string: "http://127.0.0.1:\(port)/jwks.json") else {
            running.cancel()
            throw TestFailure("the JWKS server did not start")
        }
        do {
            try await body(url, counter)
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
        await group.triggerGracefulShutdown()
        try await running.value
    }
}
