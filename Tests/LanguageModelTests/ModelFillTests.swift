import Foundation
import Testing
import PlanModel
@testable import LanguageModel
@testable import Requirements

/// The compiler's side of the model path: the schema out of the registry, the question, the
/// answer check, decoding and merging (pure, no network).
@Suite struct ModelFillTests {
    static let document = RecordedAnswers.requirements

    @Test func everyRegisteredBlockHasAnAnswerSchema() throws {
        for entry in ModelFill.blockSchemas(lines: [1]) {
            if case .failure(let error) = entry.properties { Issue.record("\(entry.kind): \(error)") }
        }
        guard case .object(let top) = ModelFill.answerSchema(lines: [1]), case .array(.anyOf(let kinds))? = top.first?.schema else {
            Issue.record("the answer schema is not {blocks: [anyOf]}")
            return
        }
        #expect(kinds.count == BlockRegistry.all.count)
    }

    @Test func theStreamSchemaIsTypedByItsPropertiesAndCitesOnlyAskedLines() throws {
        let schema = ModelFill.answerSchema(lines: [6, 9])
        guard case .object(let top) = schema, case .array(.anyOf(let kinds))? = top.first?.schema,
              let stream = kinds.first(where: { if case .object(let ps) = $0 { return ps.first?.schema == .stringIn(["stream"]) }; return false }),
              case .object(let fields) = stream, case .object(let properties)? = fields.first(where: { $0.name == "properties" })?.schema
        else { Issue.record("no stream block in \(schema.json)"); return }
        let sourcedInt = JSONSchema.object([.init("value", .integer), .init("line", .integerIn([6, 9]))])
        #expect(properties.first { $0.name == "shards" }?.schema == .anyOf([sourcedInt, .null]))
        #expect(properties.first { $0.name == "consumers" }?.schema == .array(.string))
        #expect(properties.first { $0.name == "onDemand" }?.schema == .anyOf([.object([.init("value", .boolean), .init("line", .integerIn([6, 9]))]), .null]))
        #expect(fields.first { $0.name == "line" }?.schema == .integerIn([6, 9]))
        #expect(schema.json.contains("\"additionalProperties\":false"))
    }

    @Test func theRulesMissTheStreamSentenceAndTheQuestionCarriesIt() throws {
        let rules = Generator.generate(Self.document)
        #expect(!rules.resources.contains { $0.type == "aws_kinesis_stream" })
        let question = try #require(ModelFill.question(text: Self.document, result: rules))
        #expect(question.sentences.map(\.line) == [6])
        #expect(question.sentences.first?.text.contains("4 shards") == true)
        #expect(question.rulesSpec.contains("clicks-archive-ezb"))
    }

    @Test func aDocumentTheRulesUnderstandAsksNothing() {
        let text = "Region: eu-west-1.\n\n- An S3 bucket `plain-bucket-ezb` for logs.\n"
        #expect(ModelFill.question(text: text, result: Generator.generate(text)) == nil)
    }

    @Test func aGoodAnswerFillsTheStreamBlockBesideTheRulesOutput() throws {
        let rules = Generator.generate(Self.document)
        let question = try #require(ModelFill.question(text: Self.document, result: rules))
        let data = try AnswerCheck.check(RecordedAnswers.text("good.json"), against: question.schema).get()
        let contribution = try ModelFill.contribution(from: data, question: question, rulesSpec: rules.spec, model: "stub")
        let result = Generator.generate(bytes: Array(Self.document.utf8), model: contribution)
        #expect(!result.refused, "\(result.diagnostics)")
        #expect(result.resources.contains { $0.type == "aws_kinesis_stream" })
        #expect(result.resources.contains { $0.type == "aws_s3_bucket" })
        let main = try #require(result.files.first { $0.name == "main.tf" }?.content)
        #expect(main.contains("shard_count      = 4") || main.contains("shard_count = 4"))
        #expect(main.contains("retention_period = 72"))
        #expect(!result.diagnostics.contains { $0.message.hasPrefix("not understood") })
        let spec = try #require(result.files.first { $0.name == "spec.json" }?.content)
        let decoded = try JSONDecoder().decode(Spec.self, from: Data(spec.utf8))
        #expect(decoded.model?.model == "stub")
        #expect(decoded.model?.blocks.map(\.kind) == ["stream"])
        // The recorded answer regenerates the same bytes, without the model.
        let again = Generator.generate(bytes: Array(Self.document.utf8), model: try #require(decoded.model))
        #expect(again.files == result.files)
    }

    @Test(arguments: [
        ("not-json.txt", "the answer is not JSON"),
        ("schema-violation.json", "$.blocks[0].properties.shards.value: expected an integer, got \"four\""),
        ("unasked-line.json", "$.blocks[0].line: expected one of 6, got 5"),
    ])
    func aBadAnswerIsNamedExactly(file: String, problem: String) throws {
        let rules = Generator.generate(Self.document)
        let question = try #require(ModelFill.question(text: Self.document, result: rules))
        guard case .failure(let error) = AnswerCheck.check(RecordedAnswers.text(file), against: question.schema) else {
            Issue.record("\(file) passed the schema check")
            return
        }
        #expect(error.description.contains(problem), "\(error.description)")
    }

    static let streamDocument = """
        Region: eu-west-1.

        - A Kinesis stream `orders-ezb` with 2 shards.
        - Partner feeds arrive through a second real-time pipe.
        """

    static func streamAnswer(line: Int, name: String?) -> String {
        let named = name.map { #"{"value": "\#($0)", "line": \#(line)}"# } ?? "null"
        return #"{"blocks": [{"kind": "stream", "line": \#(line), "name": \#(named), "properties": {"shards": {"value": 9, "line": \#(line)}, "onDemand": null, "retentionHours": null, "consumers": [], "batchSize": null, "startingPosition": null}}]}"#
    }

    @Test func rulesWinWhereBothSpeak() throws {
        let rules = Generator.generate(Self.streamDocument)
        let question = try #require(ModelFill.question(text: Self.streamDocument, result: rules))
        #expect(question.sentences.map(\.line) == [4])
        // An unnamed stream could be the rules' own: theirs stands, with its 2 shards.
        let data = try AnswerCheck.check(Self.streamAnswer(line: 4, name: nil), against: question.schema).get()
        let contribution = try ModelFill.contribution(from: data, question: question, rulesSpec: rules.spec, model: "stub")
        let merged = Generator.generate(bytes: Array(Self.streamDocument.utf8), model: contribution)
        #expect(merged.resources.filter { $0.type == "aws_kinesis_stream" }.count == 1)
        #expect(merged.files.first { $0.name == "main.tf" }?.content.contains("shard_count      = 2") == true)
        #expect(merged.diagnostics.contains { $0.line == 4 && $0.message.contains("the rules already read one") })
        // A second, named stream is the model's to add.
        let named = try AnswerCheck.check(Self.streamAnswer(line: 4, name: "partner-feeds"), against: question.schema).get()
        let added = Generator.generate(bytes: Array(Self.streamDocument.utf8),
                                       model: try ModelFill.contribution(from: named, question: question, rulesSpec: rules.spec, model: "stub"))
        #expect(added.resources.filter { $0.type == "aws_kinesis_stream" }.map(\.name).sorted() == ["orders_ezb", "partner_feeds"])
    }

    @Test func anAnswerNamingAnInvalidResourceIsSentBack() throws {
        let rules = Generator.generate(Self.document)
        let question = try #require(ModelFill.question(text: Self.document, result: rules))
        let answer = #"{"blocks": [{"kind": "stream", "line": 6, "name": {"value": "bad name; rm -rf", "line": 6}, "properties": {"shards": null, "onDemand": null, "retentionHours": null, "consumers": [], "batchSize": null, "startingPosition": null}}]}"#
        let data = try AnswerCheck.check(answer, against: question.schema).get()
        #expect(throws: ModelAnswerError.self) { try ModelFill.contribution(from: data, question: question, rulesSpec: rules.spec, model: "stub") }
    }
}
