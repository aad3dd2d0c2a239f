import Foundation
import Requirements
import Store

/// The embedded, deterministic requirements compiler behind the reconciler's generator seam.
public struct RuleBasedGenerator: StackGenerator {
    public init() {}

    public var version: String { Generator.version }

    public func generate(requirements: Data, options: GenerationSettings, context: GenerationContext) async -> GeneratedStack {
        Self.stack(Generator.generate(bytes: Array(requirements), options: GenerationOptions(defaultRegion: options.defaultRegion)))
    }

    /// A generation as the reconciler keeps it.
    static func stack(_ result: GenerationResult) -> GeneratedStack {
        GeneratedStack(
            inputHash: result.spec.inputHash,
            refused: result.refused,
            files: Dictionary(result.files.map { ($0.name, Data($0.content.utf8)) }) { first, _ in first },
            diagnostics: result.diagnostics.map { DiagnosticEntry(severity: $0.severity.rawValue, line: $0.line > 0 ? $0.line : nil, message: $0.message) },
            understood: Self.understood(result.spec),
            resources: result.resources.map { "\($0.type).\($0.name)" })
    }

    /// What each line of the document became, from the lines the spec records, and who read
    /// it: the rules, or the language model (`spec.model`).
    static func understood(_ spec: Spec) -> [ProposalSummary.Understood] {
        var byLine: [Int: [String]] = [:]
        var source: [Int: ProposalSummary.Understood.Source] = [:]
        let modelBlocks = Set(spec.model?.blocks.map(\.id) ?? [])
        func add(_ line: Int, _ text: String, _ from: ProposalSummary.Understood.Source = .rules) {
            guard line > 0 else { return }
            byLine[line, default: []].append(text)
            if source[line] != .rules { source[line] = from }
        }
        add(spec.settings.region.line, "region \(spec.settings.region.value)")
        if let environment = spec.settings.environment { add(environment.line, "environment \(environment.value)") }
        if let prefix = spec.settings.namePrefix { add(prefix.line, "name prefix \(prefix.value)") }
        for (key, value) in spec.settings.tags.sorted(by: { $0.key < $1.key }) { add(value.line, "tag \(key)=\(value.value)") }
        for component in spec.components {
            let subject = component.kind.noun + (component.name.map { " \"\($0.value)\"" } ?? "")
            add(component.line, (component.ownership == .existing ? "existing " : "") + subject)
            if let name = component.name, name.line != component.line { add(name.line, "\(subject): name") }
            for (key, property) in component.properties.sorted(by: { $0.key < $1.key }) {
                add(property.line, "\(subject): \(key) = \(Self.text(property.value))")
            }
        }
        for block in spec.blocks {
            let from: ProposalSummary.Understood.Source = modelBlocks.contains(block.id) ? .model : .rules
            let subject = block.kind + (block.name.map { " \"\($0.value)\"" } ?? "")
            add(block.line, (block.ownership == .existing ? "existing " : "") + subject, from)
            if let name = block.name, name.line != block.line { add(name.line, "\(subject): name", from) }
            for value in block.sourcedValues { add(value.line, "\(subject): \(value.path) = \(value.value)", from) }
        }
        return byLine.keys.sorted().map { ProposalSummary.Understood(line: $0, meaning: byLine[$0, default: []].joined(separator: "; "), source: source[$0] ?? .rules) }
    }

    private static func text(_ value: PropertyValue) -> String {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): flag ? "yes" : "no"
        case .strings(let list): list.joined(separator: ", ")
        }
    }
}
