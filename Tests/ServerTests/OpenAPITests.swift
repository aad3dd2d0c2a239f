import Foundation
import Testing
import Server

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test func theDocumentListsExactlyTheRegisteredRoutes() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            let response = try await daemon.get("/api/v1/openapi.json")
            #expect(response.status == 200)
            let document = try response.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.map { "\($0.uppercased()) \(path)" }
            })
            let registered = Set(daemon.routes.map(\.description))
            #expect(registered.count >= 19, "\(registered.sorted())")
            #expect(documented.subtracting(registered).sorted() == [], "documented but not served")
            #expect(registered.subtracting(documented).sorted() == [], "served but not documented")

            // Every documented operation answers with something other than "no such route".
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let concrete = path.replacingOccurrences(of: "{id}", with: "1")
                    let result = try await daemon.request(method.uppercased(), concrete, headers: ["Authorization": "Bearer \(Fixture.token)"], body: method == "post" ? Data("{}".utf8) : nil)
                    if result.status == 404 { #expect(try result.errorMessage() != "no such route", "\(method) \(path)") }
                    // Every $ref points at a schema that exists.
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: operation), as: UTF8.self)
                    for match in text.matches(of: /#\\?\/components\\?\/schemas\\?\/([A-Za-z]+)/) {
                        #expect(schemas[String(match.output.1)] != nil, "\(method) \(path) refers to \(match.output.1)")
                    }
                }
            }
        }
    }
}
