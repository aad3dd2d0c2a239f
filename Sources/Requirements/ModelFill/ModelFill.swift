import Foundation

/// A sentence of the document the rules did not understand, as it is shown to a model
/// (secret-looking values already redacted).
public struct UnansweredSentence: Sendable, Equatable, Codable {
    /// 1-based line in the document.
    public var line: Int
    /// The statement's text.
    public var text: String
}

/// What a language model is asked about one document: the sentences the rules did not
/// understand, the rules' spec as context, and the schema its answer must follow.
public struct ModelQuestion: Sendable, Equatable {
    /// The sentences to answer, in document order.
    public var sentences: [UnansweredSentence]
    /// The spec the rules made of the rest of the document (spec.json).
    public var rulesSpec: String
    /// The schema of the answer: building blocks of the registry, citing only these lines.
    public var schema: JSONSchema
}

/// What a model contributed to a spec: the building blocks it filled, recorded in spec.json
/// (`model`) so a reviewer sees what came from the model and the deployer can regenerate the
/// same Terraform from the same answer without asking again.
public struct ModelContribution: Codable, Sendable, Equatable {
    /// The model that answered, as configured.
    public var model: String
    /// The sentences it was asked about (an answer is used again only for the same sentences).
    public var sentences: [UnansweredSentence]
    /// The blocks it filled that the rules did not already have, as answered (before
    /// defaults), with their final ids.
    public var blocks: [BlockComponent]

    /// Creates a contribution.
    public init(model: String, sentences: [UnansweredSentence], blocks: [BlockComponent]) {
        self.model = model
        self.sentences = sentences
        self.blocks = blocks
    }

    /// The lines it was asked about.
    public var lines: [Int] { sentences.map(\.line) }

    /// Every line the contribution cites: each block's own line and the line of each of its values.
    public var citedLines: Set<Int> {
        Set(blocks.flatMap { [$0.line] + $0.sourcedValues.map(\.line) }.filter { $0 > 0 })
    }
}

/// Why a model's answer cannot be used; the description is sent back to the model verbatim.
public struct ModelAnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The model path of the compiler: the question for the sentences the rules did not
/// understand, the schema of an answer (derived from the block registry), decoding an answer
/// into building blocks, and merging them into the rules' spec, where the rules win.
public enum ModelFill {
    /// Schema of every registered block's properties that can be described, by kind; a block
    /// whose properties cannot be probed is left out of the model's choices (the registry test
    /// requires every block to be describable).
    static func blockSchemas(lines: [Int]) -> [(kind: String, noun: String, properties: Result<JSONSchema, PropertySchema.Unsupported>)] {
        let probe = PropertySchema(lines: .integerIn(lines))
        return BlockRegistry.all.map { def in
            (def.kind, def.noun, Result { try def.describeProperties(probe) }.mapError { ($0 as? PropertySchema.Unsupported) ?? PropertySchema.Unsupported(type: def.kind, reason: "\($0)") })
        }
    }

    /// The schema of an answer about `lines`: `{"blocks": [...]}`, each block one of the
    /// registry's kinds with its typed properties, citing only those lines.
    public static func answerSchema(lines: [Int]) -> JSONSchema {
        let lineSchema = JSONSchema.integerIn(lines)
        let nameSchema = (try? PropertySchema(lines: lineSchema).describe(Sourced<String>.self).schema) ?? .string
        let kinds: [JSONSchema] = blockSchemas(lines: lines).compactMap { entry in
            guard case .success(let properties) = entry.properties else { return nil }
            return .object([
                .init("kind", .stringIn([entry.kind])),
                .init("line", lineSchema),
                .init("name", .nullable(nameSchema)),
                .init("properties", properties),
            ])
        }
        return .object([.init("blocks", .array(.anyOf(kinds)))])
    }

    /// The question for a document the rules generated `result` from; nil when the rules
    /// understood every sentence, or refused the document for a reason a model cannot change
    /// (a contradiction, an unanswered question, an oversized or binary file).
    public static func question(text: String, result: GenerationResult) -> ModelQuestion? {
        let lines = Set(result.diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix(notUnderstoodPrefix) }.map(\.line))
        guard !lines.isEmpty else { return nil }
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard errors.allSatisfy({ $0.line == 0 && $0.message.hasPrefix(nothingToBuildPrefix) }) else { return nil }
        var seen = Set<Int>()
        let sentences = DocumentReader.read(text).filter { lines.contains($0.line) && seen.insert($0.line).inserted }
            .map { UnansweredSentence(line: $0.line, text: AskReader.redact($0.text)) }
        guard !sentences.isEmpty else { return nil }
        return ModelQuestion(sentences: sentences, rulesSpec: Generator.encode(result.spec), schema: answerSchema(lines: sentences.map(\.line)))
    }

    /// How the rules word a sentence they did not understand (`Interpreter.reportUnused`).
    static let notUnderstoodPrefix = "not understood: "
    /// How the generator words a document with nothing to build (`Generator.generate`): the
    /// one refusal a model's blocks can lift.
    static let nothingToBuildPrefix = "refused: nothing"

    private struct Answer: Decodable {
        var blocks: [AnswerBlock]
    }

    /// One block as the model writes it: no id (the compiler names it) and always created.
    private struct AnswerBlock: Decodable {
        var kind: String
        var line: Int
        var name: Sourced<String>?
        var properties: any BlockProperties

        enum CodingKeys: String, CodingKey { case kind, line, name, properties }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(String.self, forKey: .kind)
            line = try c.decode(Int.self, forKey: .line)
            name = try c.decodeIfPresent(Sourced<String>.self, forKey: .name)
            guard let def = BlockRegistry.definition(kind) else {
                throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown building block \(kind)")
            }
            properties = try def.decode(c.superDecoder(forKey: .properties))
        }
    }

    /// Decodes an answer (already checked against `question.schema`) into the contribution of
    /// `model`: the cited lines must be ones asked about, names must be valid AWS names, and
    /// each block gets an id no component of the rules' spec has.
    public static func contribution(from answer: Data, question: ModelQuestion, rulesSpec: Spec, model: String) throws(ModelAnswerError) -> ModelContribution {
        let decoded: Answer
        do { decoded = try JSONDecoder().decode(Answer.self, from: answer) } catch {
            throw ModelAnswerError("the answer does not match the schema: \(describe(error))")
        }
        let asked = Set(question.sentences.map(\.line))
        var taken = Set(rulesSpec.components.map(\.id) + rulesSpec.blocks.map(\.id))
        var blocks: [BlockComponent] = []
        for (index, b) in decoded.blocks.enumerated() {
            let block = BlockComponent(kind: b.kind, id: "", name: b.name, line: b.line, properties: b.properties)
            let cited = [b.line] + block.sourcedValues.map(\.line) + (b.name.map { [$0.line] } ?? [])
            if let stray = cited.first(where: { !asked.contains($0) }) {
                throw ModelAnswerError("blocks[\(index)] cites line \(stray), which was not asked about (lines \(asked.sorted().map(String.init).joined(separator: ", ")))")
            }
            if let name = b.name?.value, !NameReader.valid(name) {
                throw ModelAnswerError("blocks[\(index)].name \"\(name)\" is not a valid AWS resource name")
            }
            var id = b.name.map { NameReader.identifier($0.value) } ?? b.kind, n = 2
            let base = id
            while taken.contains(id) { id = "\(base)_\(n)"; n += 1 }
            taken.insert(id)
            var named = block
            named.id = id
            blocks.append(named)
        }
        return ModelContribution(model: model, sentences: question.sentences, blocks: blocks)
    }

    /// Merges the contribution's blocks into what the rules read: a block the rules already
    /// have (same kind, and the same name or one of a kind that is not repeatable) is dropped,
    /// since rules win where both speak; the rest are resolved like the rules' own blocks and
    /// their lines count as understood.
    static func merge(_ contribution: ModelContribution, into it: inout Interpreter) {
        var accepted: [BlockComponent] = []
        for block in contribution.blocks {
            guard let def = BlockRegistry.definition(block.kind) else { continue }
            let rules = it.blocks.filter { $0.kind == block.kind && $0.ownership == .create }
            if !rules.isEmpty && (!def.repeatable || rules.contains { $0.name == nil || block.name == nil || $0.name?.value == block.name?.value }) {
                it.diagnostics.append(Diagnostic(.info, line: block.line, "the model's \(def.noun) is not used: the rules already read one from the document"))
                continue
            }
            accepted.append(block)
        }
        var recorded = contribution
        recorded.blocks = accepted
        it.model = recorded
        let cited = recorded.citedLines
        for (i, s) in it.statements.enumerated() where cited.contains(s.line) { it.used.insert(i) }
        BlockInterpreter.settle(accepted, into: &it)
    }

    /// A decoding error as a path and a reason, the way a model can act on it.
    static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case DecodingError.typeMismatch(let type, let ctx): return "\(path(ctx.codingPath)): expected \(type)"
        case DecodingError.valueNotFound(let type, let ctx): return "\(path(ctx.codingPath)): missing \(type)"
        case DecodingError.keyNotFound(let key, let ctx): return "\(path(ctx.codingPath + [key])): missing"
        case DecodingError.dataCorrupted(let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        default: return "\(error)"
        }
    }
}

extension BlockComponent {
    /// Every `Sourced` value in the properties: its path, its value as text and its line.
    public var sourcedValues: [(path: String, value: String, line: Int)] {
        guard let data = try? JSONEncoder().encode(AnyProperties(properties)), let json = try? JSONSerialization.jsonObject(with: data) else { return [] }
        var out: [(String, String, Int)] = []
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                if Set(object.keys) == ["value", "line"], let line = object["line"] as? Int {
                    out.append((path, text(object["value"] ?? ""), line))
                    return
                }
                for key in object.keys.sorted() { walk(object[key]!, path.isEmpty ? key : "\(path).\(key)") }
            } else if let array = value as? [Any] {
                for (i, item) in array.enumerated() { walk(item, "\(path)[\(i)]") }
            }
        }
        func text(_ value: Any) -> String {
            if let s = value as? String { return s }
            if let list = value as? [Any] { return list.map(text).joined(separator: ", ") }
            // JSON's own spelling (true, 4, 0.5): Foundation's bridging of numbers and booleans differs by platform.
            return (try? JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed)).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
        }
        walk(json, "")
        return out
    }
}

/// Encodes type-erased properties as the block's own struct.
private struct AnyProperties: Encodable {
    let properties: any BlockProperties
    init(_ properties: any BlockProperties) { self.properties = properties }
    func encode(to encoder: any Encoder) throws { try properties.encode(to: encoder) }
}

extension ModelFill {
    /// The rules' result turned into a refusal for `reason` (the model gave no usable answer):
    /// nothing is written, the rules' diagnostics stay, the reason names the lines.
    public static func refusal(of rules: GenerationResult, _ reason: String) -> GenerationResult {
        var diagnostics = rules.diagnostics.filter { !($0.severity == .error && $0.line == 0 && $0.message.hasPrefix(nothingToBuildPrefix)) }
        diagnostics.append(Diagnostic(.error, line: 0, reason))
        diagnostics.sort { ($0.line, $1.severity, $0.message) < ($1.line, $0.severity, $1.message) }
        return GenerationResult(spec: rules.spec, files: [], diagnostics: diagnostics, refused: true, resources: [])
    }

    /// `result` with a note on each line the model's contribution was read from.
    public static func noted(_ result: GenerationResult) -> GenerationResult {
        guard let contribution = result.spec.model, !contribution.blocks.isEmpty else { return result }
        var out = result
        for line in contribution.citedLines.sorted() {
            out.diagnostics.append(Diagnostic(.info, line: line, "read by the language model \(contribution.model), not by the rules: review it closely"))
        }
        out.diagnostics.sort { ($0.line, $1.severity, $0.message) < ($1.line, $0.severity, $1.message) }
        return out
    }
}
