import Foundation
import Store
import Testing
@testable import Server

@Suite("Line diff")
struct LineDiffTests {
    @Test func identicalTextsHaveNoHunks() {
        let diff = LineDiff("a\nb\n", "a\nb\n")
        #expect(!diff.hasChanges)
        #expect(diff.unified(oldName: "a/x", newName: "b/x") == "")
    }

    @Test func aChangedLineIsOneHunkWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        let diff = LineDiff(old, new)
        #expect(diff.added == 1 && diff.removed == 1)
        #expect(diff.unified(oldName: "a/f", newName: "b/f") == """
            --- a/f
            +++ b/f
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test func distantChangesAreSeparateHunksAndCloseOnesMerge() {
        let old = (1...30).map { "l\($0)" }
        var new = old
        new[2] = "x3"
        new[25] = "x26"
        #expect(LineDiff(old.joined(separator: "\n"), new.joined(separator: "\n")).hunks().map(\.header) == ["@@ -1,6 +1,6 @@", "@@ -23,7 +23,7 @@"])
        new = old
        new[2] = "x3"
        new[7] = "x8"
        #expect(LineDiff(old.joined(separator: "\n"), new.joined(separator: "\n")).hunks().count == 1)
    }

    @Test func additionsToAnEmptyTextAndRemovalsOfAll() {
        #expect(LineDiff("", "a\nb\n").hunks().map(\.header) == ["@@ -0,0 +1,2 @@"])
        #expect(LineDiff("a\n", "").hunks().map(\.header) == ["@@ -1 +0,0 @@"])
    }

    @Test func theScriptIsALongestCommonSubsequence() {
        let diff = LineDiff("a\nb\nc\nd\ne\n", "a\nc\nd\nx\ne\n")
        #expect(diff.edits == [.same("a"), .removed("b"), .same("c"), .same("d"), .added("x"), .same("e")])
    }

    @Test(arguments: [("a\nb", "b\nc"), ("", ""), ("x\n\ny\n", "x\ny\n\n"), ("p\nq\nr\ns", "s\nr\nq\np")])
    func applyingTheScriptGivesTheNewText(_ old: String, _ new: String) {
        let diff = LineDiff(old, new)
        let rebuilt = diff.edits.compactMap { edit -> String? in
            switch edit {
            case .same(let text), .added(let text): text
            case .removed: nil
            }
        }
        let original = diff.edits.compactMap { edit -> String? in
            switch edit {
            case .same(let text), .removed(let text): text
            case .added: nil
            }
        }
        #expect(rebuilt == LineDiff.lines(new))
        #expect(original == LineDiff.lines(old))
    }
}

@Suite("Stack comparison")
struct StackComparisonTests {
    static func files(requirements: String, main: String, extra: [String: String] = [:]) -> [String: Data] {
        var files = ["requirements.md": Data(requirements.utf8), "terraform/main.tf": Data(main.utf8), "terraform/spec.json": Data(UUID().uuidString.utf8)]
        for (path, text) in extra { files[path] = Data(text.utf8) }
        return files
    }

    static let one = """
        # generated
        resource "aws_s3_bucket" "assets" {
          bucket = "acme-assets"
        }

        resource "aws_s3_bucket_versioning" "assets" {
          bucket = aws_s3_bucket.assets.id
        }
        """
    static let two = """
        # generated
        resource "aws_s3_bucket" "assets" {
          bucket = "acme-assets-v2"
        }

        resource "aws_sqs_queue" "jobs" {
          name = "jobs"
        }
        """

    @Test func requirementsTerraformAndResourcesAreCompared() {
        let comparison = StackComparison(
            from: Self.files(requirements: "- A bucket\n", main: Self.one),
            to: Self.files(requirements: "- A bucket\n- A queue\n", main: Self.two, extra: ["terraform/x.custom.tf": "resource \"aws_sns_topic\" \"t\" {}\n"]))
        #expect(comparison.requirements.status == .modified)
        #expect(comparison.requirements.diff.contains("+- A queue"))
        #expect(comparison.terraform.map(\.path) == ["terraform/main.tf", "terraform/x.custom.tf"], "spec.json is left out")
        #expect(comparison.terraform.map(\.status) == [.modified, .added])
        #expect(comparison.terraform.last?.diff.hasPrefix("--- /dev/null\n+++ b/terraform/x.custom.tf\n@@ -0,0 +1 @@") == true)
        #expect(comparison.resources == [
            .init(address: "aws_s3_bucket.assets", change: .changed),
            .init(address: "aws_s3_bucket_versioning.assets", change: .removed),
            .init(address: "aws_sns_topic.t", change: .added),
            .init(address: "aws_sqs_queue.jobs", change: .added),
        ])
    }

    @Test func reformattingIsNotAResourceChange() {
        let reindented = Self.one.replacingOccurrences(of: "  bucket", with: "    bucket") + "\n\n"
        let comparison = StackComparison(from: Self.files(requirements: "r\n", main: Self.one), to: Self.files(requirements: "r\n", main: reindented))
        #expect(comparison.requirements.status == .unchanged)
        #expect(comparison.requirements.diff.isEmpty)
        #expect(comparison.resources.isEmpty)
    }
}

@Suite("Compare route")
struct CompareRouteTests {
    @Test func twoDeploymentsOfAStackAreCompared() async throws {
        let old = StackComparisonTests.files(requirements: "- A bucket\n", main: StackComparisonTests.one)
        let new = StackComparisonTests.files(requirements: "- A bucket\n- A queue\n", main: StackComparisonTests.two)
        let backend = RecordingBackend(files: ["\(Fixture.web)@d0000000": old, "\(Fixture.web)@d2000000": new])
        try await TestDaemon.with(config: Fixture.config(publicRead: true), backend: backend) { (daemon: TestDaemon) async throws in
            try await Fixture.fill(daemon.store)
            let deployments = try await daemon.store.deployments(stackId: Fixture.web, ascending: true)
            let first = try #require(deployments.first { $0.commit == "d0000000" }?.id)
            let third = try #require(deployments.first { $0.commit == "d2000000" }?.id)
            let second = try #require(deployments.first { $0.commit == "d1000000" }?.id)
            let path = "/api/v1/stacks/\(Fixture.web.pathSegment)/compare"

            let response = try await daemon.get("\(path)?from=\(first)&to=\(third)")
            #expect(response.status == 200, "\(response.text)")
            let body = try response.json()
            #expect(body["stackId"] as? String == Fixture.web)
            #expect((body["from"] as? [String: Any])?["commit"] as? String == "d0000000")
            #expect(((body["requirements"] as? [String: Any])?["diff"] as? String)?.contains("+- A queue") == true)
            #expect((body["terraform"] as? [[String: Any]])?.map { $0["path"] as? String } == ["terraform/main.tf"])
            #expect(body["resourceCounts"] as? [String: Int] == ["added": 1, "removed": 1, "changed": 1])

            // A deployment whose commit the mirror does not hold, another stack's, none, or none given.
            #expect(try await daemon.get("\(path)?from=\(first)&to=\(second)").status == 404)
            #expect(try await daemon.get("\(path)?from=\(first)&to=999999").status == 404)
            let missing = try await daemon.get("\(path)?from=\(first)")
            #expect(missing.status == 400)
            #expect(try missing.errorMessage().contains("'to'"))
            #expect(try await daemon.get("/api/v1/stacks/\(Fixture.db.pathSegment)/compare?from=\(first)&to=\(third)").status == 404)

            // The same, side by side, on a page.
            let page = try await daemon.get("/compare?stack=\(Fixture.web.pathSegment)&from=\(first)&to=\(third)")
            #expect(page.status == 200, "\(page.text)")
            #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            #expect(page.text.contains(#"<td class="n">3</td><td class="del">  bucket = &quot;acme-assets&quot;</td><td class="n">3</td><td class="add">  bucket = &quot;acme-assets-v2&quot;</td>"#), "\(page.text)")
            #expect(page.text.contains("<code>+ aws_sqs_queue.jobs</code> added"))
            #expect(try await daemon.get("/compare?stack=\(Fixture.web.pathSegment)&from=\(first)").status == 400)
        }
    }

    @Test func sideBySideRowsPairRemovedWithAddedLines() {
        let hunk = LineDiff("a\nb\nc\nd\n", "a\nB\nx\nd\ne\n").hunks().first!
        let rows = ComparePage.rows(hunk)
        #expect(rows.map { "\($0.old.map { "\($0.number):\($0.text)" } ?? "-") | \($0.new.map { "\($0.number):\($0.text)" } ?? "-")" } == [
            "1:a | 1:a", "2:b | 2:B", "3:c | 3:x", "4:d | 4:d", "- | 5:e",
        ])
        #expect(rows.map(\.changed) == [false, true, true, false, true])
    }
}
