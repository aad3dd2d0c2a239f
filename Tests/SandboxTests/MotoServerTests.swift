import Foundation
import Testing
import Sandbox

@Suite struct MotoServerTests {
    @Test func startsOnAFreeLoopbackPortAndStops() async throws {
        let moto = try await MotoServer.start()
        #expect(moto.endpoint.host == "127.0.0.1")
        #expect(LoopbackPort.isAccepting(moto.port))
        #expect(moto.isRunning)
        await moto.stop()
        #expect(!moto.isRunning)
        #expect(!LoopbackPort.isAccepting(moto.port))
    }

    @Test func twoServersRunSideBySide() async throws {
        let first = try await MotoServer.start()
        let second = try await MotoServer.start()
        #expect(first.port != second.port)
        #expect(LoopbackPort.isAccepting(first.port) && LoopbackPort.isAccepting(second.port))
        await first.stop()
        await second.stop()
    }

    @Test func aMissingExecutableIsAClearError() async throws {
        let error = try await #require(throws: SandboxError.self) {
            try await MotoServer.start(executable: "/nonexistent/moto_server")
        }
        #expect(error.description.contains("pip install"))
    }

    @Test func freePortsAreNotInUse() throws {
        let port = try LoopbackPort.free()
        #expect(port > 0 && port < 65536)
        #expect(!LoopbackPort.isAccepting(port))
    }
}
