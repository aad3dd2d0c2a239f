import PlanFixtures
import Foundation
import PlanModel
import Testing

@testable import Policy

@Suite struct CompliancePresetTests {
    @Test func shipsTheFourPresets() {
        #expect(Set(CompliancePresets.all.keys) == ["cis-aws", "soc2", "hipaa", "pci-dss"])
    }

    @Test(arguments: ["cis-aws", "soc2", "hipaa", "pci-dss"])
    func everyControlMapsOnlyToExistingChecks(preset name: String) throws {
        let preset = try #require(CompliancePresets.all[name])
        let known = Set(SecurityChecks.definitions.map(\.id))
        #expect(!preset.controls.isEmpty)
        #expect(Set(preset.controls.map(\.id)).count == preset.controls.count, "duplicate control ids")
        for control in preset.controls {
            #expect(!control.checks.isEmpty, "\(name) \(control.id) maps no check")
            for check in control.checks { #expect(known.contains(check), "\(name) \(control.id) → unknown \(check)") }
        }
    }

    @Test(arguments: [
        ("hipaa", "EZB-S3-006", "164.312(a)(2)(iv)"),
        ("pci-dss", "EZB-SEC-002", "8.6.2"),
        ("cis-aws", "EZB-VPC-001", "3.7"),
        ("soc2", "EZB-S3-007", "A1.2"),
    ])
    func presetsListTheirControlsOnFindings(preset: String, check: String, control: String) throws {
        let testCase = try #require(CheckCases.all.first { $0.id == check })
        let report = try Policy.evaluate(plan: PlanFixture(testCase.failing).document(), settings: PolicySettings(presets: [preset]))
        let finding = try #require(report.findings.first { $0.check.id == check })
        #expect(finding.controls.contains { $0.preset == preset && $0.controlID == control })
    }

    @Test(arguments: [
        ("EZB-S3-006", [String](), Severity.medium),
        ("EZB-S3-006", ["hipaa"], .high),
        ("EZB-SEC-002", [], .high),
        ("EZB-SEC-002", ["pci-dss"], .critical),
        ("EZB-RDS-001", ["soc2"], .critical),
        ("EZB-LAMBDA-001", [], .low),
        ("EZB-LAMBDA-001", ["hipaa"], .medium),
        ("EZB-LAMBDA-001", ["soc2", "hipaa"], .medium),
    ])
    func presetsRaiseButNeverLowerSeverity(check: String, presets: [String], expected: Severity) throws {
        let testCase = try #require(CheckCases.all.first { $0.id == check })
        let report = try Policy.evaluate(plan: PlanFixture(testCase.failing).document(), settings: PolicySettings(presets: presets))
        #expect(report.findings.first { $0.check.id == check }?.severity == expected)
    }

    @Test func settingsDecodeFromConfigurationWithDefaults() throws {
        let full = try JSONDecoder().decode(
            PolicySettings.self, from: Data(#"{"presets":["hipaa"],"blockOn":"high","allowedProviders":["aws","random"]}"#.utf8))
        #expect(full == PolicySettings(presets: ["hipaa"], blockOn: .high, allowedProviders: ["aws", "random"]))
        let empty = try JSONDecoder().decode(PolicySettings.self, from: Data("{}".utf8))
        #expect(empty == PolicySettings())
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PolicySettings.self, from: Data(#"{"blockOn":"severe"}"#.utf8))
        }
    }

    @Test func unknownPresetsAreRejectedByName() throws {
        let plan = try PlanFixture([]).document()
        #expect(throws: PolicyError.unknownPreset("iso27001")) {
            try Policy.evaluate(plan: plan, settings: PolicySettings(presets: ["hipaa", "iso27001"]))
        }
        #expect(PolicyError.unknownPreset("x").description.contains("cis-aws, hipaa, pci-dss, soc2"))
    }

    @Test(arguments: [
        (Severity?.none, false),
        (.critical, false),
        (.high, true),
        (.low, true),
    ])
    func blockingFollowsTheThreshold(blockOn: Severity?, blocks: Bool) throws {
        // One HIGH finding (unencrypted EBS) and one LOW (Lambda tracing).
        let resources = CheckCases.all.first { $0.id == "EZB-EC2-001" }!.failing
            + CheckCases.all.first { $0.id == "EZB-LAMBDA-001" }!.failing
        let report = try Policy.evaluate(plan: PlanFixture(resources).document(), settings: PolicySettings(blockOn: blockOn))
        #expect(report.isBlocking == blocks)
        #expect(report.blockingFindings.isEmpty != blocks)
        switch Policy.decision(report: report) {
        case .allow: #expect(!blocks)
        case .block(let reasons):
            #expect(blocks)
            #expect(reasons.contains { $0.contains("EZB-EC2-001") && $0.contains("aws_ebs_volume.v") })
        }
    }

    @Test func guardViolationsAlwaysBlock() {
        let guardReport = Guard.check(files: [("main.tf", "data \"external\" \"x\" {\n program = [\"true\"]\n}\n")])
        guard case .block(let reasons) = Policy.decision(guardReport: guardReport, report: nil) else {
            Issue.record("expected a block")
            return
        }
        #expect(reasons == ["guard: main.tf:1: [external-data] data \"external\" runs a program during plan"])
        #expect(Policy.decision(guardReport: GuardReport(violations: []), report: nil) == .allow)
    }
}

@Suite struct InlineSkipTests {
    private let volume = PlanFixture.Resource("aws_ebs_volume", "data", #"{"size":20,"type":"gp3","encrypted":false}"#)

    private func evaluate(_ source: String, blockOn: Severity? = .high) throws -> PolicyReport {
        try Policy.evaluate(
            plan: PlanFixture([volume]).document(), sources: [("main.tf", source)],
            settings: PolicySettings(blockOn: blockOn))
    }

    @Test(arguments: [
        "# ezbuilt:ignore:EZB-EC2-001 scratch volume, no data",
        "#checkov:skip=CKV_AWS_3:scratch volume, no data",
        "#trivy:ignore:AWS-0026 scratch volume, no data",
        "#trivy:ignore:AVD-AWS-0026 scratch volume, no data",
        "# tfsec:ignore:AVD-AWS-0026 scratch volume, no data",
        "// ezbuilt:ignore:ezb-ec2-001 scratch volume, no data",
    ])
    func skipCommentsAboveTheBlockSilenceTheFindingWithTheirReason(comment: String) throws {
        let report = try evaluate("""
            \(comment)
            resource "aws_ebs_volume" "data" {
              size = 20
            }
            """)
        #expect(!report.findings.contains { $0.check.id == "EZB-EC2-001" })
        let skipped = try #require(report.skipped.first { $0.check.id == "EZB-EC2-001" })
        #expect(skipped.skip?.reason == "scratch volume, no data")
        #expect(skipped.skip?.line == 1)
        #expect(!report.isBlocking)
        #expect(report.skipped.count == 1)
    }

    @Test func skipInsideTheBlockApplies() throws {
        let report = try evaluate("""
            resource "aws_ebs_volume" "data" {
              size      = 20
              encrypted = false # ezbuilt:ignore:EZB-EC2-001 test fixture volume
            }
            """)
        #expect(report.skipped.first?.skip?.reason == "test fixture volume")
        #expect(report.skipped.first?.skip?.line == 3)
    }

    @Test(arguments: [
        ("separated by a blank line", """
            # ezbuilt:ignore:EZB-EC2-001 not for this block

            resource "aws_ebs_volume" "data" {
              size = 20
            }
            """),
        ("for another check", """
            # ezbuilt:ignore:EZB-EC2-002 wrong check
            resource "aws_ebs_volume" "data" {
              size = 20
            }
            """),
        ("on another resource", """
            # ezbuilt:ignore:EZB-EC2-001 other volume
            resource "aws_ebs_volume" "other" {
              size = 20
            }
            resource "aws_ebs_volume" "data" {
              size = 20
            }
            """),
        ("inside a heredoc", """
            resource "aws_ebs_volume" "data" {
              size = 20
              tags = { note = <<EOT
            # ezbuilt:ignore:EZB-EC2-001 not a comment
            EOT
              }
            }
            """),
    ])
    func skipsThatDoNotApplyLeaveTheFindingActive(name: String, source: String) throws {
        let report = try evaluate(source)
        #expect(report.findings.contains { $0.check.id == "EZB-EC2-001" }, "\(name)")
        #expect(report.skipped.isEmpty, "\(name)")
        #expect(report.isBlocking)
    }

    @Test func legacyTfsecNamesAreAccepted() throws {
        let database = CheckCases.db(["deletion_protection": "false"])
        let report = try Policy.evaluate(
            plan: PlanFixture([database]).document(),
            sources: [("db.tf", """
                #tfsec:ignore:aws-rds-enable-deletion-protection -- dev database, torn down nightly
                resource "aws_db_instance" "db" {
                  engine = "postgres"
                }
                """)])
        #expect(report.skipped.map(\.check.id) == ["EZB-RDS-005"])
        #expect(report.skipped.first?.skip?.reason == "dev database, torn down nightly")
    }

    @Test func skipWithoutReasonSaysSo() throws {
        let report = try evaluate("""
            #trivy:ignore:AVD-AWS-0026
            resource "aws_ebs_volume" "data" {
              size = 20
            }
            """)
        #expect(report.skipped.first?.skip?.reason == "(no reason given)")
    }

    @Test func skipsInLocalModulesApplyToModuleAddresses() throws {
        let files: [(path: String, contents: String)] = [
            ("main.tf", "module \"storage\" {\n  source = \"./modules/storage\"\n}\n"),
            ("modules/storage/main.tf", "# ezbuilt:ignore:EZB-EC2-001 module scratch disk\nresource \"aws_ebs_volume\" \"data\" {\n  size = 20\n}\n"),
        ]
        let skips = InlineSkip.collect(from: files)
        #expect(skips["module.storage.aws_ebs_volume.data"]?.first?.reason == "module scratch disk")
        #expect(skips["aws_ebs_volume.data"] == nil)
    }
}
