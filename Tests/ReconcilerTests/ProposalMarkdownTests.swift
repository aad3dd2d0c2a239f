import Cost
import Policy
import Store
import Testing
@testable import Reconciler

@Suite struct ProposalMarkdownTests {
    func summary(_ change: (inout ProposalSummary) -> Void = { _ in }) -> ProposalSummary {
        var summary = ProposalSummary(stackID: "acme/web", branch: "feature/x", sourceCommit: String(repeating: "a", count: 40),
                                      fingerprint: String(repeating: "f", count: 64), generatorVersion: "0.1.0")
        change(&summary)
        return summary
    }

    @Test func theFingerprintRoundTripsSoTheDaemonNeverLoops() {
        let text = ProposalMarkdown.render(summary())
        #expect(ProposalMarkdown.fingerprint(in: text) == String(repeating: "f", count: 64))
        #expect(ProposalMarkdown.fingerprint(in: "# a PLAN.md written by a person\n") == nil)
    }

    @Test func userTextCannotBreakTheDocument() {
        let text = ProposalMarkdown.render(summary {
            $0.refused = true
            $0.diagnostics = [DiagnosticEntry(severity: "error", line: 3, message: "not understood: \"<script>alert(1)</script> | ![x](http://evil) `code`\"\n## Injected heading")]
        })
        #expect(text.contains("Result: refused"))
        #expect(!text.contains("<script>"))
        #expect(!text.contains("\n## Injected heading"))
        #expect(text.contains("line 3"))
    }

    @Test func theBlockingBannerIsRenderedOnceAsMarkdown() {
        let text = ProposalMarkdown.render(summary {
            $0.plan = .done([])
            $0.review = PolicyReview(findings: .notChecked(reason: "the plan's JSON ended early"), cost: .notEstimated(reason: "the plan's JSON ended early"))
        })
        #expect(text.contains("> **Blocked:** the security checks could not run: the plan’s JSON ended early") || text.contains("> **Blocked:** the security checks could not run: the plan's JSON ended early"), "\(text)")
        #expect(text.contains("Result: blocked by policy"))
        #expect(!text.contains("&gt;") && !text.contains("\\*\\*"))
    }

    @Test func aReadyPlanListsItsChangesAndCounts() {
        let text = ProposalMarkdown.render(summary {
            $0.guardResult = .done(2)
            $0.validation = .done(0)
            $0.plan = .done([.init(address: "aws_s3_bucket.logs", action: "create"), .init(address: "aws_sqs_queue.jobs", action: "replace")])
            $0.review = PolicyReview(findings: .checked(PolicyReport(findings: [], skipped: [], presets: [], blockOn: .high)),
                                     cost: .estimated(CostReport(region: "us-east-1", lines: [])))
        })
        #expect(text.contains("Result: ready to merge.** Merging applies exactly this Terraform (+1 ~0 -0 ±1)"))
        #expect(text.contains("| create | `aws_s3_bucket.logs` |"))
        #expect(text.contains("## Security findings\n\n"))
        #expect(text.contains("No active findings."))
        #expect(text.contains("## Estimated monthly cost\n\n"))
        #expect(!text.contains("ready to merge.** Merging applies exactly this Terraform (+1 ~0 -0 ±1).\n##"))
    }
}
