import Foundation
import HostileFixtures
import Sandbox
import Testing

/// The heavy half of the hostile suite: the cases marked `heavy` in `Tests/Fixtures/hostile`
/// (one or more per escape class) through the real `ezbuilt plan DIR` against moto. A marker
/// file outside every workspace holds a random token; whatever the case does, the token never
/// appears in any output, and the marker is never touched. Refused cases never reach terraform;
/// allowed ones plan.
@Suite(.serialized) struct HostileSuiteCLITests {
    @Test func heavyCasesThroughEZBuiltPlanNeverLeakTheMarker() async throws {
        let cases = HostileCase.all().filter { $0.expected.heavy == true }
        #expect(cases.count >= 8)
        #expect(Set(cases.map(\.expected.outcome)) == ["refused", "allowed", "skipped"])
        // Allowed cases that name a local file inside the stack reach confined terraform too.
        #expect(cases.filter { $0.expected.outcome == "allowed" }.count >= 3)
        let moto = try await MotoServer.start()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ezbuilt-hostile-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let token = "marker-\(UUID().uuidString)"
        let marker = root.appendingPathComponent("outside/MARKER")
        try FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(token.utf8).write(to: marker)
        let markerDate = try FileManager.default.attributesOfItem(atPath: marker.path)[.modificationDate] as? Date

        for hostile in cases {
            let stack = root.appendingPathComponent(hostile.name)
            try hostile.materialize(into: stack, marker: marker.path)
            let result = try await runEZBuilt(["plan", stack.path, "--sandbox", moto.endpoint.absoluteString,
                                               "--plugin-dir", "/opt/tf-plugins", "--region", "us-east-1"])
            let output = result.stdout + result.stderr
            #expect(!output.contains(token), "\(hostile.name) leaked the marker")
            switch hostile.expected.outcome {
            case "allowed":
                // Planned by confined terraform (the stack commands confine unless told not to),
                // an in-stack file argument included.
                #expect(result.status == 0, "\(hostile.name): \(result.stderr.suffix(2000))")
                #expect(result.stdout.contains("Resource changes:\n  create "), "\(hostile.name): \(result.stdout.suffix(2000))")
            case "refused":
                #expect(result.status != 0, "\(hostile.name) was planned")
                #expect(output.contains(hostile.expected.file ?? "?"), "\(hostile.name): the refusal names no file: \(result.stderr)")
                #expect(!output.contains("Resource changes:"), "\(hostile.name) reached terraform")
            default:
                // A symlink is never followed: with nothing else in the stack, nothing runs.
                #expect(result.status != 0, "\(hostile.name) was planned")
                #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
            }
        }
        #expect(try String(contentsOf: marker, encoding: .utf8) == token)
        #expect(try FileManager.default.attributesOfItem(atPath: marker.path)[.modificationDate] as? Date == markerDate)
        await moto.stop()
    }
}
