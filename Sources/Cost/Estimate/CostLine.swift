import Foundation

/// One priced part of a resource: quantity × unit price.
public struct CostComponent: Sendable, Hashable, Codable {
    /// What is charged, e.g. `Instance usage (t3.micro)`.
    public var name: String
    /// Monthly quantity in ``Price/unit``s.
    public var quantity: Decimal
    /// The unit price and its source.
    public var price: Price
    /// Monthly amount, rounded half-up to the cent.
    public var monthly: Decimal
    /// The usage assumption behind the quantity, when it is not from the configuration.
    public var assumption: String?

    /// Creates a component; the monthly amount is computed and rounded to cents.
    public init(name: String, quantity: Decimal, price: Price, assumption: String? = nil) {
        self.name = name
        self.quantity = quantity
        self.price = price
        self.monthly = Money.roundedToCents(quantity * price.amount)
        self.assumption = assumption
    }
}

/// How a resource was priced.
public enum CostStatus: Sendable, Hashable, Codable {
    /// Priced from the table; the amount is the sum of the components.
    case priced
    /// Free by rule (no AWS charge for this resource type itself).
    case free
    /// No price known: never counted as $0 in the total's meaning, reported explicitly.
    case notPriced(reason: NotPricedReason)
}

/// Why a resource has no price. The kind says whether the estimator knows the resource type:
/// the first two are answers about a known type; the last three say the table lacks something.
public enum NotPricedReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Billed only by use (queries, GB delivered, transitions) with no charge at rest: the
    /// volume is not guessed. The text says how AWS bills it.
    case usageBased(String)
    /// The price depends on a value the plan does not give (an instance type, the launch
    /// template's instance type); the text names that value.
    case unknownUntilApply(String)
    /// The table has no price for this variant (an instance type, an engine, a load balancer
    /// kind) in the region.
    case noPrice(String)
    /// The region has no price table.
    case noPricesForRegion(String)
    /// Nothing in the estimator prices this resource type.
    case unknownType(String)

    /// The reason as PLAN.md and `ezbuilt cost` print it.
    public var description: String {
        switch self {
        case .usageBased(let billing): "usage-based: \(billing); not estimated"
        case .unknownUntilApply(let value): "\(value) unknown until apply"
        case .noPrice(let text): text
        case .noPricesForRegion(let region): "no prices for region \(region)"
        case .unknownType(let type): "no price for resource type \(type)"
        }
    }
}

/// One resource's monthly estimate.
public struct CostLine: Sendable, Hashable, Codable {
    /// Resource address.
    public var address: String
    /// Resource type.
    public var type: String
    /// How it was priced.
    public var status: CostStatus
    /// Priced parts (empty for free and not-priced resources).
    public var components: [CostComponent]

    /// Creates a line.
    public init(address: String, type: String, status: CostStatus, components: [CostComponent] = []) {
        self.address = address
        self.type = type
        self.status = status
        self.components = components
    }

    /// Monthly amount; nil when not priced (so it can never be mistaken for $0).
    public var monthly: Decimal? {
        switch status {
        case .priced: return components.reduce(Decimal(0)) { $0 + $1.monthly }
        case .free: return 0
        case .notPriced: return nil
        }
    }
}

/// Money helpers: exact decimal dollars, rounded half-up to cents, printed with cents.
public enum Money {
    /// Rounds to two decimal places, half away from zero.
    public static func roundedToCents(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        return result
    }

    /// `$1,234.50`, `-$3.05`; always two decimals.
    public static func format(_ value: Decimal, signed: Bool = false) -> String {
        let rounded = roundedToCents(value)
        let negative = rounded < 0
        let absolute = negative ? -rounded : rounded
        let cents = NSDecimalNumber(decimal: absolute * 100).int64Value
        let dollars = cents / 100
        let remainder = cents % 100
        var digits = String(dollars)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        let text = "$\(grouped).\(remainder < 10 ? "0" : "")\(remainder)"
        if negative { return "-" + text }
        return signed ? (rounded == 0 ? "±" + text : "+" + text) : text
    }

    /// A unit price with as many decimals as it was written with (at least two).
    public static func formatUnitPrice(_ value: Decimal) -> String {
        var text = NSDecimalNumber(decimal: value).stringValue
        if !text.contains(".") { text += ".00" } else if text.split(separator: ".").last?.count == 1 { text += "0" }
        return "$" + text
    }

    /// A quantity without trailing zeros.
    public static func formatQuantity(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).stringValue
    }
}
