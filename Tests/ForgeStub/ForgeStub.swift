import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A stand-in forge on a free loopback port: it records every request it is sent and answers
/// with the status code `respond` picks (by the request's 0-based index), 201 by default.
public final class ForgeStub: Sendable {
    /// One request as the stub received it.
    public struct Recorded: Sendable {
        public var method: String
        /// The path as sent, percent-encoding kept (`/api/v4/projects/group%2Fname/…`).
        public var path: String
        /// Header fields by lower-cased name.
        public var headers: [String: String]
        public var body: Data

        /// The body as a JSON object of strings.
        public var json: [String: String] {
            (try? JSONSerialization.jsonObject(with: body) as? [String: String]) ?? [:]
        }
    }

    /// `http://127.0.0.1:PORT`.
    public let base: URL
    private let recorded: SharedLog
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(base: URL, recorded: SharedLog, group: ServiceGroup, running: Task<Void, any Error>) {
        self.base = base
        self.recorded = recorded
        self.group = group
        self.running = running
    }

    /// Starts a stub. `respond` gets the index of each request and returns its status code.
    public static func start(respond: @escaping @Sendable (Int) -> Int = { _ in 201 }) async throws -> ForgeStub {
        let store = SharedLog()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let entry = Recorded(method: request.method.rawValue, path: request.head.path ?? "", headers: headers,
                                 body: Data(buffer.readableBytesView))
            let index = store.append(entry)
            return Response(status: .init(code: respond(index)), body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        var logger = Logger(label: "forge-stub")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            running.cancel()
            throw StubError("the forge stub did not start")
        }
        return ForgeStub(base: URL(string: "http://127.0.0.1:\(port)")!, recorded: store, group: group, running: running)
    }

    /// Every request so far, in arrival order.
    public var requests: [Recorded] { recorded.all }

    /// Waits until `condition` holds for the requests so far, up to `limit`.
    public func wait(within limit: Duration, until condition: ([Recorded]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while ContinuousClock.now < deadline {
            if condition(requests) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(requests)
    }

    /// Stops the server and waits for it.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }
}

/// The request log, shared between the responder and the stub.
private final class SharedLog: Sendable {
    private let log = Mutex<[ForgeStub.Recorded]>([])
    var all: [ForgeStub.Recorded] { log.withLock { $0 } }
    func append(_ entry: ForgeStub.Recorded) -> Int {
        log.withLock { $0.append(entry); return $0.count - 1 }
    }
}

struct StubError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
