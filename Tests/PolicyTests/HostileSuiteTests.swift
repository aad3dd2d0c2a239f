import Foundation
import HostileFixtures
import Testing

@testable import Policy

/// The hostile suite (`Tests/Fixtures/hostile`, one directory per case) through the guard: each
/// case is written out as a stack next to a marker file holding a random token, read back the
/// way the workspace reader reads it (regular files only, bytes), and checked. The heavy pass
/// runs a few of the same cases through `ezbuilt plan` (CLITests.HostileSuiteCLITests).
@Suite struct HostileSuiteTests {
    static let cases = HostileCase.all()

    @Test func theSuiteHoldsAtLeast120CasesOfEveryOutcome() {
        #expect(Self.cases.count >= 120, "\(Self.cases.count) cases")
        let outcomes = Set(Self.cases.map(\.expected.outcome))
        #expect(outcomes == ["refused", "allowed", "skipped"])
        for hostile in Self.cases where hostile.expected.outcome == "refused" {
            #expect(hostile.expected.rule.flatMap(GuardRule.init(rawValue:)) != nil, "\(hostile.name): unknown rule")
            #expect(hostile.expected.file != nil, "\(hostile.name): a refusal names its file")
        }
        let covered = Set(Self.cases.compactMap(\.expected.rule))
        for rule in GuardRule.allCases {
            #expect(covered.contains(rule.rawValue), "no hostile case for \(rule.rawValue)")
        }
    }

    @Test(arguments: cases)
    func theGuardDecidesAsExpected(hostile: HostileCase) throws {
        let stack = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: stack) }
        let token = "marker-\(UUID().uuidString)"
        let marker = stack.appendingPathComponent("outside/MARKER")
        try FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(token.utf8).write(to: marker)
        try hostile.materialize(into: stack.appendingPathComponent("stack"), marker: marker.path)

        let terraform = stack.appendingPathComponent("stack/terraform")
        let files = try HostileCase.files(under: terraform).map { relative in
            (path: relative, contents: [UInt8](try Data(contentsOf: terraform.appendingPathComponent(relative))))
        }
        if hostile.expected.outcome == "skipped" {
            // The reader never follows a symlink (WorkspaceTests, and the CLI pass runs these);
            // here: the case really is a symlink and the guard is never handed its target.
            #expect(!HostileCase.symlinks(under: terraform).isEmpty, "\(hostile.name) creates no symlink")
            return
        }
        let report = Guard.check(bytes: files)
        let rendered = report.violations.map(\.description).joined(separator: "\n")
        #expect(!rendered.contains(token))

        switch hostile.expected.outcome {
        case "allowed":
            #expect(report.isApproved, "\(hostile.name): \(report.violations)")
        case "refused":
            #expect(!report.isApproved, "\(hostile.name) was approved")
            let expected = hostile.expected
            let match = report.violations.first { violation in
                violation.rule.rawValue == expected.rule && violation.file == expected.file
                    && (expected.line.map { $0 == violation.line } ?? true)
                    && (expected.reason.map { violation.message.contains($0) } ?? true)
            }
            #expect(match != nil, "\(hostile.name): expected \(expected.rule ?? "?") at \(expected.file ?? "?"):\(expected.line.map(String.init) ?? "any") containing \"\(expected.reason ?? "")\", got \(report.violations.map(\.description))")
        default:
            Issue.record("\(hostile.name): unknown outcome \(hostile.expected.outcome)")
        }
    }

    /// Generated Terraform reaches the guard like hand-written code, with its own allowance
    /// (terraform, provider and variable blocks as the generator writes them): every example
    /// the generator produced passes.
    @Test func everyGeneratedExamplePassesTheGuard() throws {
        let examples = HostileCase.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples")
        let stacks = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
        #expect(stacks.count >= 10)
        for stack in stacks {
            let terraform = examples.appendingPathComponent(stack).appendingPathComponent("terraform")
            let files = try HostileCase.files(under: terraform).map { relative in
                (path: relative, contents: [UInt8](try Data(contentsOf: terraform.appendingPathComponent(relative))))
            }
            #expect(files.contains { $0.path.hasSuffix(".tf") }, "\(stack) has no Terraform")
            let report = Guard.check(bytes: files)
            #expect(report.isApproved, "\(stack): \(report.violations.map(\.description))")
        }
    }
}
