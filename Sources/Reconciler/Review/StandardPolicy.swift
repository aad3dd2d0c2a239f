import EZBuiltConfiguration
import Cost
import Foundation
import PlanModel
import Policy
import Store

/// EZBuilt's guard, security checks, compliance presets and cost estimate behind the
/// reconciler's policy seam.
public struct StandardPolicy: ProposalPolicy {
    public let settings: PolicySettings

    public init(config: PolicyConfig = PolicyConfig()) {
        settings = PolicySettings(
            presets: config.presets,
            blockOn: config.blockOn.flatMap(Severity.init(rawValue:)),
            allowedProviders: config.allowedProviders,
            allowedModuleRegistries: config.allowedModuleRegistries)
    }

    public func guardFiles(_ files: [(path: String, contents: Data)]) -> [DiagnosticEntry] {
        let report = Policy.guardStack(bytes: files.map { ($0.path, [UInt8]($0.contents)) }, settings: settings)
        return report.violations.map {
            DiagnosticEntry(severity: "error", line: $0.line, file: $0.file, message: "guard \($0.rule.rawValue): \($0.message)")
        }
    }

    public func review(plan: PlanDocument, sources: [(path: String, contents: Data)], region: String) -> PolicyReview {
        let texts = sources.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }
        let findings: PolicyReview.Findings
        do {
            findings = .checked(try Policy.evaluate(plan: plan, sources: texts, settings: settings))
        } catch {
            findings = .notChecked(reason: "\(error)")
        }
        let cost = CostEstimator.estimate(plan, defaultRegion: region)
            .compared(to: CostEstimator.estimateDeployed(plan, defaultRegion: region))
        return PolicyReview(findings: findings, cost: .estimated(cost))
    }
}
