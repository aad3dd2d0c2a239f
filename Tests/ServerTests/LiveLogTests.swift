import Foundation
import Logging
import Store
import Terraform
import Testing
@testable import Reconciler

@Suite("Live logs over server-sent events")
struct LiveLogTests {
    /// One parsed server-sent event.
    struct Event: Equatable {
        var id: String?
        var event: String?
        var data: String
    }

    static func events(_ text: String) -> [Event] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var event = Event(id: nil, event: nil, data: "")
            var dataLines: [String] = []
            for line in block.split(separator: "\n", omittingEmptySubsequences: true) {
                if line.hasPrefix("id: ") { event.id = String(line.dropFirst(4)) }
                else if line.hasPrefix("event: ") { event.event = String(line.dropFirst(7)) }
                else if line.hasPrefix("data: ") { dataLines.append(String(line.dropFirst(6))) }
            }
            guard !dataLines.isEmpty else { return nil }
            event.data = dataLines.joined(separator: "\n")
            return event
        }
    }

    /// A running apply's progress reaches the live log (`event: progress`), the stack in the
    /// API and the status page's progress bar; it is gone when the run ends.
    @Test func progressOfARunningApplyIsStreamedListedAndShown() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let run = try await daemon.store.startRun(stackId: Fixture.web, kind: .deployment)
            let runId = try #require(run.id)
            let client = try StreamingClient(url: daemon.base + "/api/v1/runs/\(runId)/log?follow=true")
            defer { client.stop() }
            daemon.live.publish(progress: RunProgressRecord(runId: runId, stackId: Fixture.web, phase: "apply", done: 3, total: 10, current: "aws_s3_bucket.logs"))
            #expect(await client.wait { $0.contains("event: progress") }, "\(client.text)")
            let event = try #require(Self.events(client.text).first { $0.event == "progress" })
            let decoded = try JSONDecoder().decode(RunProgressRecord.self, from: Data(event.data.utf8))
            #expect(decoded.done == 3 && decoded.total == 10 && decoded.current == "aws_s3_bucket.logs" && decoded.phase == "apply")

            let stack = try await daemon.get("/api/v1/stacks/\(Fixture.web.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")").json()
            let progress = try #require(stack["progress"] as? [String: Any])
            #expect(progress["done"] as? Int == 3 && progress["total"] as? Int == 10)
            let page = try await daemon.get("/").text
            #expect(page.contains("<progress value=\"3\" max=\"10\"></progress> <span>applying 3 of 10 · aws_s3_bucket.logs</span>"), "\(page)")

            daemon.live.finish(runId: runId)
            let after = try await daemon.get("/api/v1/stacks/\(Fixture.web.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")").json()
            #expect(after["progress"] == nil)
            let pageAfter = try await daemon.get("/").text
            #expect(!pageAfter.contains("<progress"))
        }
    }

    /// What terraform itself printed for `apply -json` of three `terraform_data` resources
    /// (see Tests/Fixtures/terraform-json/README.md).
    static func capturedApply() throws -> [String] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/terraform-json/apply-three-resources.jsonl")
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// The glue, end to end: terraform's own `-json` lines go through the runner's parser
    /// (`RunProgress`) into the run's log (`RunLog`, what the daemon gives every terraform run)
    /// and come out of the API as `event: progress`, the stack's progress and the page's bar,
    /// with terraform's messages (not its JSON) as the log lines.
    @Test func terraformsOwnProgressFlowsThroughTheRunLogToTheStream() async throws {
        let lines = try Self.capturedApply()
        // Up to terraform starting the last of the three: two done, one in flight.
        let lastStart = try #require(lines.lastIndex { $0.contains(#""type":"apply_start""#) })
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let run = try await daemon.store.startRun(stackId: Fixture.web, kind: .deployment)
            let runId = try #require(run.id)
            let log = RunLog(runId: runId, stackId: Fixture.web, store: daemon.store, live: daemon.live, logger: Logger(label: "test"))
            let parser = RunProgress(forwardingTo: log, applyTotal: 3)
            let client = try StreamingClient(url: daemon.base + "/api/v1/runs/\(runId)/log?follow=true")
            defer { client.stop() }

            for line in lines[...lastStart] { parser.write(LogLine(stream: .stdout, text: line)) }
            let midway = #""done":2"#
            #expect(await client.wait { $0.contains(midway) && $0.contains("data: terraform_data.r1: Creating...") }, "\(client.text)")
            let progress = Self.events(client.text).filter { $0.event == "progress" }
            let latest = try JSONDecoder().decode(RunProgressRecord.self, from: Data(try #require(progress.last).data.utf8))
            #expect(latest == RunProgressRecord(runId: runId, stackId: Fixture.web, phase: "apply", done: 2, total: 3, current: "terraform_data.r1"))
            let stack = try await daemon.get("/api/v1/stacks/\(Fixture.web.pathSegment)").json()
            let listed = try #require(stack["progress"] as? [String: Any])
            #expect(listed["done"] as? Int == 2 && listed["total"] as? Int == 3 && listed["current"] as? String == "terraform_data.r1")
            let page = try await daemon.get("/").text
            #expect(page.contains("<progress value=\"2\" max=\"3\"></progress> <span>applying 2 of 3 · terraform_data.r1</span>"), "\(page)")

            for line in lines[(lastStart + 1)...] { parser.write(LogLine(stream: .stdout, text: line)) }
            await log.finish(.finished)
            #expect(await client.waitForEnd(), "the stream ends when the run ends: \(client.text)")
            let logged = Self.events(client.text).filter { $0.event == nil }.map(\.data)
            #expect(logged.first == "Terraform 1.11.4")
            #expect(logged.contains("Apply complete! Resources: 3 added, 0 changed, 0 destroyed."))
            #expect(!logged.contains { $0.hasPrefix("{") }, "terraform's JSON is logged as the text it stands for")
            #expect(try await daemon.store.logLines(runId: runId).map(\.text) == logged)
            let after = try await daemon.get("/api/v1/stacks/\(Fixture.web.pathSegment)").json()
            #expect(after["progress"] == nil)
        }
    }

    @Test func linesWrittenWhileFollowingArriveAndTheStreamEndsWithTheRun() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let run = try await daemon.store.startRun(stackId: Fixture.web, kind: .deployment)
            let runId = try #require(run.id)
            try await daemon.store.appendLogLine(runId: runId, stream: .stdout, text: "stored one")
            try await daemon.store.appendLogLine(runId: runId, stream: .stderr, text: "stored two")

            let client = try StreamingClient(url: daemon.base + "/api/v1/runs/\(runId)/log?follow=true")
            defer { client.stop() }
            #expect(await client.wait { $0.contains("data: stored two") }, "stored lines arrive first: \(client.text)")

            // Written while the client follows and the run is still running.
            for text in ["live three", "live four\nwith a second line"] {
                let line = try await daemon.store.appendLogLine(runId: runId, stream: .stdout, text: text)
                daemon.live.publish(line)
            }
            #expect(await client.wait { $0.contains("data: with a second line") }, "live lines arrive: \(client.text)")
            #expect(!client.finished, "the stream stays open while the run runs")

            try await daemon.store.finishRun(id: runId)
            daemon.live.finish(runId: runId)
            #expect(await client.waitForEnd(), "the stream ends when the run ends")

            let events = Self.events(client.text)
            #expect(events.map(\.data) == ["stored one", "stored two", "live three", "live four\nwith a second line", "finished"])
            #expect(events.last?.event == "end")
            let ids = events.dropLast().compactMap { $0.id.flatMap { Int64($0) } }
            #expect(ids.count == 4)
            #expect(ids == ids.sorted() && Set(ids).count == 4, "ids are the log line ids, in order, once each")
            let stored = try await daemon.store.logLines(runId: runId).compactMap(\.id)
            #expect(ids == stored)
        }
    }

    @Test func followingAFinishedRunReplaysItsLogAndEnds() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            let written = try await Fixture.fill(daemon.store)
            let client = try StreamingClient(url: daemon.base + "/api/v1/runs/\(written.deploymentRun)/log?follow=true")
            defer { client.stop() }
            #expect(await client.waitForEnd())
            let events = Self.events(client.text)
            #expect(events.map(\.data) == written.logLineTexts + ["finished"])
        }
    }

    @Test func aRunFinishedElsewhereEndsTheStreamWithoutAPublishedFinish() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let run = try await daemon.store.startRun(stackId: Fixture.web, kind: .driftCheck)
            let runId = try #require(run.id)
            let client = try StreamingClient(url: daemon.base + "/api/v1/runs/\(runId)/log?follow=true")
            defer { client.stop() }
            #expect(await client.wait { $0.contains("retry:") })
            // Another process wrote the last line and finished the run: nothing is published here.
            try await daemon.store.appendLogLine(runId: runId, stream: .daemon, text: "written by another process")
            try await daemon.store.finishRun(id: runId, status: .interrupted)
            #expect(await client.waitForEnd(within: .seconds(5)))
            #expect(Self.events(client.text).map(\.data) == ["written by another process", "interrupted"])
        }
    }

    @Test func lastEventIDResumesAfterTheLineAlreadySeen() async throws {
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            let written = try await Fixture.fill(daemon.store)
            let first = try #require(try await daemon.store.logLines(runId: written.deploymentRun).first?.id)
            let client = try StreamingClient(url: daemon.base + "/api/v1/runs/\(written.deploymentRun)/log?follow=true", headers: ["Last-Event-ID": "\(first)"])
            defer { client.stop() }
            #expect(await client.waitForEnd())
            #expect(Self.events(client.text).map(\.data) == Array(written.logLineTexts.dropFirst()) + ["finished"])
        }
    }

    @Test func shuttingTheServerDownEndsOpenStreams() async throws {
        var client: StreamingClient?
        try await TestDaemon.with(config: Fixture.config()) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let run = try await daemon.store.startRun(stackId: Fixture.web, kind: .deployment)
            client = try StreamingClient(url: daemon.base + "/api/v1/runs/\(try #require(run.id))/log?follow=true")
            #expect(await client?.wait { $0.contains("retry:") } == true)
        }
        // `with` returned, so graceful shutdown completed with the stream open.
        let stream = try #require(client)
        #expect(await stream.waitForEnd(), "\(stream.text)")
        #expect(stream.text.contains("event: end"))
        stream.stop()
    }
}
