import PlanFixtures
import Policy
import Testing
@testable import Reconciler

/// Policy returns a typed report; PLAN.md's findings section and banner are rendered here, once.
@Suite struct FindingsSectionTests {
    typealias R = PlanFixture.Resource

    /// One failing resource per severity: CRITICAL (world-open ingress), HIGH (unencrypted
    /// EBS), MEDIUM (KMS key without rotation), LOW (Lambda without tracing).
    static let failing = [
        R("aws_vpc_security_group_ingress_rule", "all", #"{"ip_protocol":"-1","cidr_ipv4":"0.0.0.0/0"}"#),
        R("aws_ebs_volume", "v", #"{"availability_zone":"us-east-1a","size":20,"type":"gp3","encrypted":false}"#),
        R("aws_kms_key", "k", #"{"enable_key_rotation":false,"customer_master_key_spec":"SYMMETRIC_DEFAULT"}"#),
        R("aws_lambda_function", "f", #"{"function_name":"f","tracing_config":[{"mode":"PassThrough"}]}"#),
    ]

    @Test func groupsFindingsBySeverityWithAllIDsAndRemediation() throws {
        let report = try Policy.evaluate(
            plan: PlanFixture(Self.failing).document(), settings: PolicySettings(presets: ["cis-aws"], blockOn: .high))
        let markdown = FindingsSection.markdown(report)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(headings == ["### CRITICAL (1)", "### HIGH (1)", "### MEDIUM (1)", "### LOW (1)"])
        #expect(markdown.contains("EZBuilt EZB-SG-003 · Trivy AWS-0107 (AVD-AWS-0107) · Checkov CKV_AWS_277"))
        #expect(markdown.contains("`aws_vpc_security_group_ingress_rule.all`"))
        #expect(markdown.contains("fix: Open only the ports"))
        #expect(markdown.contains("**blocks deployment**"))
        #expect(markdown.contains("Compliance presets: cis-aws (CIS AWS Foundations Benchmark v3.0.0)."))
        #expect(markdown.contains("**Blocking:** 2 finding(s) at or above HIGH"))
        let finding = try #require(report.findings.first { !$0.controls.isEmpty })
        let control = try #require(finding.controls.first)
        #expect(markdown.contains("\(control.preset) \(control.controlID)"))
        let banner = try #require(FindingsSection.banner(report))
        #expect(!banner.contains("\n"))
        #expect(banner.contains("2 findings at or above HIGH"))
    }

    @Test func cleanReportSaysSo() throws {
        let report = try Policy.evaluate(plan: PlanFixture([]).document())
        let markdown = FindingsSection.markdown(report)
        #expect(markdown.contains("No active findings."))
        #expect(markdown.contains("No blocking threshold configured"))
        #expect(FindingsSection.banner(report) == nil)
    }

    @Test func skipReasonsFromTheRepositoryAreEscapedOnce() throws {
        let source = """
            # ezbuilt:ignore:EZB-EC2-001 <script>x</script> | *scratch* [volume](http://evil)
            resource "aws_ebs_volume" "v" {
              size = 20
            }
            """
        let report = try Policy.evaluate(
            plan: PlanFixture([Self.failing[1]]).document(), sources: [("main.tf", source)], settings: PolicySettings(blockOn: .high))
        let markdown = FindingsSection.markdown(report)
        #expect(markdown.contains("### Skipped (1)"))
        #expect(markdown.contains("&lt;script&gt;x&lt;/script&gt; \\| \\*scratch\\* \\[volume\\](http://evil)"), "\(markdown)")
        #expect(markdown.contains("at `main.tf:1`"))
        #expect(!markdown.contains("<script>") && !markdown.contains("&amp;lt;"))
    }
}
