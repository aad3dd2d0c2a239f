/// A stack's policy configuration (`policy: { presets: [hipaa], blockOn: high }`).
public struct PolicySettings: Sendable, Hashable, Codable {
    /// Active compliance presets by name (`cis-aws`, `soc2`, `hipaa`, `pci-dss`).
    public var presets: [String]
    /// Findings of this severity or worse block the deployment; nil never blocks.
    public var blockOn: Severity?
    /// Provider local names the guard allows.
    public var allowedProviders: [String]
    /// Module registry prefixes the guard allows.
    public var allowedModuleRegistries: [String]

    /// Creates settings; defaults: no presets, never block, `aws` only, no registries.
    public init(
        presets: [String] = [], blockOn: Severity? = nil, allowedProviders: [String] = ["aws"],
        allowedModuleRegistries: [String] = []
    ) {
        self.presets = presets
        self.blockOn = blockOn
        self.allowedProviders = allowedProviders
        self.allowedModuleRegistries = allowedModuleRegistries
    }

    private enum CodingKeys: String, CodingKey {
        case presets, blockOn, allowedProviders, allowedModuleRegistries
    }

    /// Decodes the `policy:` configuration; every key is optional and defaults as in
    /// ``init(presets:blockOn:allowedProviders:allowedModuleRegistries:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            presets: try container.decodeIfPresent([String].self, forKey: .presets) ?? [],
            blockOn: try container.decodeIfPresent(Severity.self, forKey: .blockOn),
            allowedProviders: try container.decodeIfPresent([String].self, forKey: .allowedProviders) ?? ["aws"],
            allowedModuleRegistries: try container.decodeIfPresent([String].self, forKey: .allowedModuleRegistries) ?? [])
    }

    /// The guard's part of the settings.
    public var guardConfiguration: GuardConfiguration {
        GuardConfiguration(allowedProviders: allowedProviders, allowedModuleRegistries: allowedModuleRegistries)
    }
}

/// Why policy evaluation could not run.
public enum PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A preset name that EZBuilt does not ship.
    case unknownPreset(String)

    /// A one-line description.
    public var description: String {
        switch self {
        case .unknownPreset(let name):
            return "unknown compliance preset \"\(name)\"; known: \(CompliancePresets.all.keys.sorted().joined(separator: ", "))"
        }
    }
}
