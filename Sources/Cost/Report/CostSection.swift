import EZBuiltCore
import Foundation

/// Renders a ``CostReport`` as the PLAN.md cost section and as plain text for `ezbuilt cost`.
public enum CostSection {
    /// The body of PLAN.md's `## Estimated monthly cost` section (the caller writes that
    /// heading): total, difference from deployed, a table per resource with not-priced and
    /// free resources stated as such, assumptions and price sources.
    public static func markdown(_ report: CostReport) -> String {
        var lines: [String] = []
        if report.prices == nil {
            lines.append("**No total: no prices for region \(report.region).** EZBuilt's price table covers \(PriceTable.regions.joined(separator: ", ")).")
        } else {
            lines.append("**Total: \(Money.format(report.total)) per month** (\(report.region), on-demand list prices, 730 hours/month)." + notPricedNote(report))
        }
        if let deployed = report.deployed, let difference = report.difference {
            lines.append("Deployed now: \(Money.format(deployed.total)) per month; difference: **\(Money.format(difference, signed: true))** per month.")
        }
        lines += ["", "| Resource | Monthly | Change | Details |", "|---|---:|---:|---|"]
        for line in report.lines {
            let amount: String
            let details: String
            switch line.status {
            case .priced:
                amount = Money.format(line.monthly ?? 0)
                details = line.components.map { component in
                    Markdown.cell("\(component.name): \(Money.formatQuantity(component.quantity)) × \(Money.formatUnitPrice(component.price.amount))/\(component.price.unit) = \(Money.format(component.monthly))")
                }.joined(separator: "<br>")
            case .free:
                amount = "$0.00"
                details = "free (no charge for this resource type)"
            case .notPriced(let reason):
                amount = "not priced"
                details = Markdown.cell(reason.description)
            }
            lines.append("| \(Markdown.code(line.address, inTable: true)) | \(amount) | \(change(line, report)) | \(details) |")
        }
        if let deployed = report.deployed {
            let current = Set(report.lines.map(\.address))
            for (address, amount) in deployed.perAddress.sorted(by: { $0.key < $1.key }) where !current.contains(address) {
                let removed = amount.map { Money.format(-$0, signed: true) } ?? "not priced"
                lines.append("| \(Markdown.code(address, inTable: true)) | removed | \(removed) | destroyed by this change |")
            }
        }
        let assumptions = report.assumptions
        if !assumptions.isEmpty {
            lines += ["", "Usage assumptions (usage-based prices are estimates):", ""]
            lines += assumptions.map { "- \($0)" }
        }
        let sources = report.sources
        if !sources.isEmpty {
            lines += ["", "Price sources: " + sources.joined(separator: ", ") + "."]
        }
        if let prices = report.prices, !sources.isEmpty {
            lines += ["", "Prices for \(prices.region) (\(prices.asOf)): \(prices.basis)."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Plain text for `ezbuilt cost`: one block per resource with its components, the total,
    /// the difference from deployed and the assumptions. Amounts in dollars with cents.
    public static func plainText(_ report: CostReport) -> String {
        var lines = ["Estimated monthly cost (\(report.region), on-demand list prices, 730 hours/month)", ""]
        let width = max(40, (report.lines.map(\.address.count).max() ?? 0) + 2)
        for line in report.lines {
            let label = line.address.padding(toLength: width, withPad: " ", startingAt: 0)
            switch line.status {
            case .priced:
                lines.append("\(label)\(rightAligned(Money.format(line.monthly ?? 0)))")
                for component in line.components {
                    lines.append("    \(component.name): \(Money.formatQuantity(component.quantity)) x \(Money.formatUnitPrice(component.price.amount))/\(component.price.unit) = \(Money.format(component.monthly))")
                }
            case .free:
                lines.append("\(label)\(rightAligned("$0.00"))  free")
            case .notPriced(let reason):
                lines.append("\(label)\(rightAligned("not priced"))  \(reason)")
            }
        }
        lines.append("")
        if report.prices == nil {
            lines.append("No total: no prices for region \(report.region) (prices cover \(PriceTable.regions.joined(separator: ", ")))")
        } else {
            lines.append("Total".padding(toLength: width, withPad: " ", startingAt: 0) + rightAligned(Money.format(report.total)) + " per month" + notPricedNote(report))
        }
        if let deployed = report.deployed, let difference = report.difference {
            lines.append("Deployed now".padding(toLength: width, withPad: " ", startingAt: 0) + rightAligned(Money.format(deployed.total)))
            lines.append("Difference".padding(toLength: width, withPad: " ", startingAt: 0) + rightAligned(Money.format(difference, signed: true)))
        }
        let assumptions = report.assumptions
        if !assumptions.isEmpty {
            lines += ["", "Assumptions:"] + assumptions.map { "  - \($0)" }
        }
        let sources = report.sources
        if !sources.isEmpty {
            lines += ["", "Prices from:"] + sources.map { "  - \($0)" }
            if let prices = report.prices { lines.append("  (\(prices.region), \(prices.asOf): \(prices.basis))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func notPricedNote(_ report: CostReport) -> String {
        let count = report.notPriced.count
        return count == 0 ? "" : " \(count) resource\(count == 1 ? " is" : "s are") not priced and not included."
    }

    private static func change(_ line: CostLine, _ report: CostReport) -> String {
        guard let deployed = report.deployed else { return "" }
        guard let now = line.monthly else { return "?" }
        guard let entry = deployed.perAddress[line.address] else { return Money.format(now, signed: true) + " (new)" }
        guard let before = entry else { return "?" }
        return Money.format(now - before, signed: true)
    }

    private static func rightAligned(_ text: String) -> String {
        String(repeating: " ", count: max(0, 12 - text.count)) + text
    }
}
