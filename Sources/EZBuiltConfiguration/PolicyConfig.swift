/// The `policy:` section: compliance presets, the severity that blocks a merge, and what the
/// guard allows besides the defaults.
public struct PolicyConfig: Sendable, Equatable {
    /// The presets EZBuilt maps to its checks.
    public static let knownPresets = ["cis-aws", "soc2", "hipaa", "pci-dss"]
    public static let severities = ["low", "medium", "high", "critical"]

    public var presets: [String]
    /// Findings of this severity or worse block the merge; nil never blocks.
    public var blockOn: String?
    public var allowedProviders: [String]
    public var allowedModuleRegistries: [String]

    /// Defaults: no presets, block on critical findings, the aws provider only, no registries.
    public init(presets: [String] = [], blockOn: String? = "critical", allowedProviders: [String] = ["aws"], allowedModuleRegistries: [String] = []) {
        self.presets = presets
        self.blockOn = blockOn
        self.allowedProviders = allowedProviders
        self.allowedModuleRegistries = allowedModuleRegistries
    }
}

extension PolicyConfig {
    static func parse(_ reader: MappingReader) -> PolicyConfig {
        var policy = PolicyConfig()
        if let presets = reader.strings("presets") {
            for preset in presets where !knownPresets.contains(preset) {
                reader.report("presets", "\"\(preset)\" is not a preset (known: \(knownPresets.joined(separator: ", ")))")
            }
            policy.presets = presets.filter(knownPresets.contains)
        }
        if let node = reader.value("blockOn") {
            let text = node.scalar?.string ?? ""
            if text == "never" {
                policy.blockOn = nil
            } else if severities.contains(text) {
                policy.blockOn = text
            } else {
                reader.report("blockOn", "\"\(text)\" is not a severity (low, medium, high, critical or never)")
            }
        }
        if let providers = reader.strings("allowedProviders") { policy.allowedProviders = providers }
        if let registries = reader.strings("allowedModuleRegistries") { policy.allowedModuleRegistries = registries }
        reader.rejectUnknownKeys()
        return policy
    }
}
