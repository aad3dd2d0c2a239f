import Foundation

/// A monthly estimate: one line per resource, the total of what could be priced, and
/// (optionally) the difference from what is deployed.
public struct CostReport: Sendable, Hashable, Codable {
    /// Region priced.
    public var region: String
    /// One line per managed resource, in plan order.
    public var lines: [CostLine]
    /// The deployed estimate this one is compared with, if any.
    public var deployed: DeployedComparison?

    /// The previous estimate's totals, kept for the difference.
    public struct DeployedComparison: Sendable, Hashable, Codable {
        /// Total of what is deployed now.
        public var total: Decimal
        /// Per-address monthly amounts deployed now (nil entries were not priced).
        public var perAddress: [String: Decimal?]
    }

    /// Creates a report.
    public init(region: String, lines: [CostLine], deployed: DeployedComparison? = nil) {
        self.region = region
        self.lines = lines
        self.deployed = deployed
    }

    /// Sum of priced and free lines (not-priced lines are excluded and counted separately).
    public var total: Decimal {
        lines.compactMap(\.monthly).reduce(0, +)
    }

    /// The price table of the report's region; nil when EZBuilt has no prices for it (then
    /// nothing but free resources is priced, and there is no total to speak of).
    public var prices: RegionPrices? { PriceTable.tables[region] }

    /// Lines that could not be priced.
    public var notPriced: [CostLine] {
        lines.filter { if case .notPriced = $0.status { return true } else { return false } }
    }

    /// Every distinct usage assumption behind the components, sorted.
    public var assumptions: [String] {
        Array(Set(lines.flatMap(\.components).compactMap(\.assumption))).sorted()
    }

    /// Every distinct price source with its date, sorted.
    public var sources: [String] {
        Array(Set(lines.flatMap(\.components).map { "\($0.price.source) (\($0.price.asOf))" })).sorted()
    }

    /// This report with the difference from `deployed` (an estimate of what is deployed).
    public func compared(to deployed: CostReport) -> CostReport {
        var copy = self
        copy.deployed = DeployedComparison(
            total: deployed.total,
            perAddress: Dictionary(deployed.lines.map { ($0.address, $0.monthly) }, uniquingKeysWith: { first, _ in first }))
        return copy
    }

    /// Total minus the deployed total, when compared.
    public var difference: Decimal? {
        deployed.map { total - $0.total }
    }
}
