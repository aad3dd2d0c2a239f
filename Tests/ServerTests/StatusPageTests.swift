import Foundation
import Testing
@testable import Server

@Suite("Status page")
struct StatusPageTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The DOM after Chromium loaded the page and ran its script. Chromium's output goes to
    /// a file and its exit is polled, so no thread of the cooperative pool (which the server
    /// under test needs) is blocked while it renders.
    static func renderedDOM(_ url: String, profile: URL) async throws -> String {
        let chromium = try #require(chromium)
        let output = profile.deletingLastPathComponent().appendingPathComponent("dom-\(UUID().uuidString).html")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else { throw TestFailure("cannot create \(output.path)") }
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=2000", "--dump-dom", url,
        ]
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            throw TestFailure("chromium did not finish within 30 s")
        }
        return try String(contentsOf: output, encoding: .utf8)
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install -y chromium); the page is still checked by the HTML test below"))
    func chromiumRendersStacksBadgesTimesHistoryAndEscapesHostileText() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let profile = daemon.directory.appendingPathComponent("chromium-profile")
            let dom = try await Self.renderedDOM(daemon.base + "/", profile: profile)
            #expect(dom.contains("<title>EZBuilt status</title>"), "\(dom.prefix(500))")
            for id in [Fixture.web, Fixture.db, Fixture.app] { #expect(dom.contains(">\(id)</h2>")) }
            #expect(dom.contains(#"<span class="badge good">deployed</span>"#))
            #expect(dom.contains(#"<span class="badge bad">failed</span>"#))
            #expect(dom.contains(#"<span class="badge bad drift">drifted (1)</span>"#))
            #expect(dom.contains("2 hours ago"))
            #expect(dom.contains("took 3 min"), "deployment durations are shown")
            #expect(dom.contains("<a href=\"/compare?stack=demo%2Finfra%2Fweb&amp;from="), "deployments link to a comparison with the one before")
            #expect(dom.contains("drift checked"))
            #expect(dom.contains("<details"))
            #expect(dom.contains("proposal on <code>feature/2</code>"))
            // The hostile status detail is text, not markup: no element, no script run.
            #expect(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"))
            #expect(!dom.contains("<img src=\"x\""))
            #expect(!dom.contains("pwned</title>"))
            #expect(dom.contains(#"name="viewport""#))

            let filtered = try await Self.renderedDOM(daemon.base + "/?status=failed", profile: profile)
            #expect(filtered.contains(">\(Fixture.db)</h2>"))
            #expect(!filtered.contains(">\(Fixture.web)</h2>"))
            #expect(filtered.contains(#"aria-current="page">failed (1)</a>"#))
        }
    }

    @Test func thePageIsServedWithAStrictContentSecurityPolicyAndEscapedText() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let response = try await daemon.get("/")
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
            let policy = try #require(response.header("Content-Security-Policy"))
            #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'sha256-"))
            #expect(!response.text.contains(Fixture.hostileDetail))
            #expect(response.text.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(response.text.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
            #expect(response.text.contains("setInterval(poll,5000)"), "the page updates itself")
            #expect(response.text.contains("· <a href=\"/compare?stack=demo%2Finfra%2Fweb&amp;from="), "deployments link to a comparison with the one before")
            #expect(try await daemon.get("/?status=bogus").status == 400)
        }
    }

    @Test func theSignatureTheScriptComparesMatchesTheAPIsTimestamps() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let stacks = try #require(try await daemon.get("/api/v1/stacks").json()["stacks"] as? [[String: Any]])
            let fromAPI = stacks.map { stack in
                "\(stack["id"] as? String ?? "")|\(stack["status"] as? String ?? "")|\(stack["updatedAt"] as? String ?? "")|\((stack["drift"] as? [String: Any])?["status"] as? String ?? "")|\(stack["progress"] is [String: Any] ? "p" : "")"
            }.joined(separator: "\n")
            let page = try await daemon.get("/").text
            #expect(page.contains("data-signature=\"\(HTML.escape(fromAPI))\""), "an unchanged page does not reload itself")
        }
    }

    @Test func manyStacksArePagedWithSummaryAndFilterCountsOverAllOfThem() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            let count = StatusPageRoute.pageSize * 2 + 20
            for index in 0..<count {
                try await daemon.store.setStackStatus(id: String(format: "demo/s%03d", index), repositoryId: "demo", path: String(format: "s%03d", index),
                                                status: index % 10 == 3 ? .failed : .deployed)
            }
            let failed = (0..<count).filter { $0 % 10 == 3 }.count
            let first = try await daemon.get("/").text
            #expect(first.contains(">demo/s000</h2>") && first.contains(">demo/s049</h2>"))
            #expect(!first.contains(">demo/s050</h2>"), "one page holds \(StatusPageRoute.pageSize) stacks")
            #expect(first.contains("Stacks 1–50 of \(count)"))
            #expect(first.contains(#"<a rel="next" href="/?offset=50">"#) && !first.contains(#"rel="prev""#))
            #expect(first.contains("\(count) stacks · \(count - failed) deployed · \(failed) failing · 0 drifted"), "the summary counts every stack")
            #expect(first.contains(">failed (\(failed))</a>"))

            let last = try await daemon.get("/?offset=100").text
            #expect(last.contains(">demo/s100</h2>") && last.contains(">demo/s119</h2>") && !last.contains(">demo/s099</h2>"))
            #expect(last.contains("Stacks 101–120 of \(count)"))
            #expect(last.contains(#"<a rel="prev" href="/?offset=50">"#) && !last.contains(#"rel="next""#))
            // The script polls exactly the page it shows, so an unchanged page never reloads.
            #expect(last.contains(#"data-poll="/api/v1/stacks?limit=50&amp;offset=100""#))
            let polled = try #require(try await daemon.get("/api/v1/stacks?limit=50&offset=100").json()["stacks"] as? [[String: Any]])
            #expect(polled.map { $0["id"] as? String } == (100..<count).map { String(format: "demo/s%03d", $0) })

            let onlyFailed = try await daemon.get("/?status=failed").text
            #expect(onlyFailed.contains(">demo/s003</h2>") && !onlyFailed.contains(">demo/s000</h2>"))
            #expect(!onlyFailed.contains(#"class="pager""#), "\(failed) failed stacks fit on one page")
            #expect(onlyFailed.contains(#"data-poll="/api/v1/stacks?limit=50&amp;offset=0&amp;status=failed""#))
        }
    }

    @Test(arguments: [
        (0, "just now"), (42, "42 seconds ago"), (60, "1 minute ago"), (7200, "2 hours ago"), (7199, "1 hour ago"),
        (259_200, "3 days ago"), (-300, "in 5 minutes"),
    ] as [(Double, String)])
    func relativeTimesReadNaturally(secondsAgo: Double, expected: String) {
        let now = Date()
        #expect(HTML.relativeTime(now.addingTimeInterval(-secondsAgo), now: now) == expected)
    }

    @Test(arguments: [(850, "850 ms"), (42_000, "42 s"), (192_000, "3 min 12 s"), (180_000, "3 min"), (3_900_000, "1 h 5 min")])
    func durationsReadNaturally(milliseconds: Int, expected: String) {
        #expect(HTML.duration(milliseconds: milliseconds) == expected)
    }
}
