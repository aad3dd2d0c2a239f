import Foundation
import PlanModel
import Requirements

/// Checks a model's answer against the schema it was given, before anything decodes it: the
/// first problem found is named by its JSON path, so the model can be told exactly what to fix.
enum AnswerCheck {
    /// Parses `text` as JSON and checks it against `schema`; returns the parsed bytes or the
    /// exact problem.
    static func check(_ text: String, against schema: JSONSchema) -> Result<Data, ModelAnswerError> {
        let data = Data(Self.unfenced(text).utf8)
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            return .failure(ModelAnswerError("the answer is not JSON: \(Self.reason(error))"))
        }
        if let problem = Self.problem(value, schema, path: "$") {
            return .failure(ModelAnswerError("the answer does not match the schema: \(problem)"))
        }
        return .success(data)
    }

    /// The first place `value` does not follow `schema`, or nil.
    static func problem(_ value: JSONValue, _ schema: JSONSchema, path: String) -> String? {
        switch schema {
        case .string: return value.stringValue == nil ? "\(path): expected a string, got \(kind(value))" : nil
        case .boolean: return value.boolValue == nil ? "\(path): expected true or false, got \(kind(value))" : nil
        case .null: return value.isNull ? nil : "\(path): expected null, got \(kind(value))"
        case .number: return value.numberValue == nil ? "\(path): expected a number, got \(kind(value))" : nil
        case .integer: return integer(value) == nil ? "\(path): expected an integer, got \(kind(value))" : nil
        case .stringIn(let allowed):
            guard let s = value.stringValue, allowed.contains(s) else { return "\(path): expected one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), got \(kind(value))" }
            return nil
        case .integerIn(let allowed):
            guard let n = integer(value), allowed.contains(n) else { return "\(path): expected one of \(allowed.map(String.init).joined(separator: ", ")), got \(kind(value))" }
            return nil
        case .array(let items):
            guard let list = value.arrayValue else { return "\(path): expected a list, got \(kind(value))" }
            for (i, item) in list.enumerated() { if let p = problem(item, items, path: "\(path)[\(i)]") { return p } }
            return nil
        case .object(let properties):
            guard let object = value.objectValue else { return "\(path): expected an object, got \(kind(value))" }
            let known = Set(properties.map(\.name))
            if let extra = object.keys.sorted().first(where: { !known.contains($0) }) { return "\(path).\(extra): not allowed (allowed: \(properties.map(\.name).joined(separator: ", ")))" }
            for p in properties {
                guard let member = object[p.name] else { return "\(path).\(p.name): missing" }
                if let problem = problem(member, p.schema, path: "\(path).\(p.name)") { return problem }
            }
            return nil
        case .anyOf(let choices):
            let problems = choices.compactMap { problem(value, $0, path: path) }
            if problems.count < choices.count { return nil }
            // Name the choice the value meant: an object whose `kind` picks it, else the closest.
            if let kind = value.objectValue?["kind"]?.stringValue,
               let chosen = choices.first(where: { if case .object(let ps) = $0, case .stringIn(let k)? = ps.first(where: { $0.name == "kind" })?.schema { return k == [kind] }; return false }) {
                return problem(value, chosen, path: path)
            }
            if value.objectValue?["kind"] != nil { return "\(path).kind: not a building block of the schema" }
            // A value that is not null meant the other choice: name what is wrong inside it.
            let meant = value.isNull ? choices : choices.filter { $0 != .null }
            return meant.compactMap { problem(value, $0, path: path) }.first ?? problems.first
        }
    }

    private static func integer(_ value: JSONValue) -> Int? {
        guard let n = value.numberValue, n == n.rounded(), abs(n) < 1e15 else { return nil }
        return Int(n)
    }

    private static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? "\(Int(n))" : "\(n)"
        case .string(let s): "\"\(s.count > 40 ? String(s.prefix(37)) + "..." : s)\""
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// Models asked for JSON sometimes wrap it in a Markdown code fence anyway.
    private static func unfenced(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), let open = trimmed.firstIndex(of: "\n") else { return trimmed }
        return String(trimmed[trimmed.index(after: open)..<trimmed.index(trimmed.endIndex, offsetBy: -3)])
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let ctx) = error {
            return (ctx.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? ctx.debugDescription
        }
        return "\(error)"
    }
}
