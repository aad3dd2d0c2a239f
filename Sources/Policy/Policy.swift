import PlanModel

/// Entry points of the policy target: the guard before terraform runs, the security checks
/// and presets over the plan, and the decision the deployer obeys.
public enum Policy {
    /// Runs the guard over a stack's files (see ``Guard``).
    public static func guardStack(
        files: [(path: String, contents: String)], settings: PolicySettings = PolicySettings()
    ) -> GuardReport {
        Guard.check(files: files, configuration: settings.guardConfiguration)
    }

    /// Runs the guard over a stack's files as bytes (a file that is not UTF-8 is refused).
    public static func guardStack(
        bytes files: [(path: String, contents: [UInt8])], settings: PolicySettings = PolicySettings()
    ) -> GuardReport {
        Guard.check(bytes: files, configuration: settings.guardConfiguration)
    }

    /// Runs every security check over `plan`, applies inline skips found in `sources` (the
    /// stack's `.tf` files) and the settings' presets and blocking threshold.
    public static func evaluate(
        plan: PlanDocument, sources: [(path: String, contents: String)] = [], settings: PolicySettings = PolicySettings()
    ) throws(PolicyError) -> PolicyReport {
        var presets: [CompliancePreset] = []
        for name in settings.presets {
            guard let preset = CompliancePresets.all[name] else { throw .unknownPreset(name) }
            presets.append(preset)
        }
        let skipsByAddress = InlineSkip.collect(from: sources)
        let addressIndex = Dictionary(plan.resources.map { ($0.address, $0.configAddress) }, uniquingKeysWith: { a, _ in a })
        let context = PlanContext(plan: plan)
        var active: [Finding] = []
        var skipped: [Finding] = []
        for check in SecurityChecks.all {
            let controls = presets.flatMap { preset in
                preset.controls(for: check.definition.id).map { (preset.name, $0) }
            }
            for failure in check.evaluate(context) {
                var severity = max(check.definition.severity, failure.severity ?? check.definition.severity)
                for (_, control) in controls {
                    if let minimum = control.minimumSeverity { severity = max(severity, minimum) }
                }
                let configAddress = addressIndex[failure.address] ?? ResourceConfiguration.stripIndexes(failure.address)
                let skip = skipsByAddress[configAddress]?.first { check.definition.allIDs.contains($0.checkID.uppercased()) }
                let finding = Finding(
                    check: check.definition, address: failure.address, message: failure.message, severity: severity,
                    controls: controls.map { ControlReference(preset: $0.0, controlID: $0.1.id, title: $0.1.title) },
                    skip: skip)
                if skip == nil { active.append(finding) } else { skipped.append(finding) }
            }
        }
        let order: (Finding, Finding) -> Bool = {
            ($0.severity, $1.check.id, $1.address) > ($1.severity, $0.check.id, $0.address)
        }
        return PolicyReport(
            findings: active.sorted(by: order), skipped: skipped.sorted(by: order),
            presets: settings.presets, blockOn: settings.blockOn)
    }

    /// The deployer's decision: refused when the guard refused anything or a finding is at or
    /// above the blocking threshold.
    public static func decision(guardReport: GuardReport? = nil, report: PolicyReport?) -> PolicyDecision {
        var reasons = (guardReport?.violations ?? []).map { "guard: \($0.description)" }
        reasons += (report?.blockingFindings ?? []).map {
            "\($0.severity.label) \($0.check.id) \($0.address): \($0.message)"
        }
        return reasons.isEmpty ? .allow : .block(reasons: reasons)
    }
}
