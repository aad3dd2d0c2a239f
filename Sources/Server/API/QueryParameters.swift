import Hummingbird

/// Typed, validated reading of a request's query string. Every bad value is a 400 that names
/// the parameter and says what it accepts; unknown parameters are refused too, so a typo
/// (`stauts=failed`) is not silently ignored.
struct QueryParameters {
    private let values: [String: [String]]

    init(_ request: Request, allowed: Set<String>) throws(APIError) {
        var values: [String: [String]] = [:]
        for (key, value) in request.uri.queryParameters {
            values[String(key), default: []].append(String(value))
        }
        for key in values.keys.sorted() where !allowed.contains(key) {
            let known = allowed.sorted().joined(separator: ", ")
            throw APIError.badParameter(key, "is not known here (known: \(known.isEmpty ? "none" : known))")
        }
        self.values = values
    }

    /// The single value of `name`, nil when absent; twice is an error.
    func string(_ name: String) throws(APIError) -> String? {
        guard let list = values[name] else { return nil }
        guard list.count == 1 else { throw APIError.badParameter(name, "is given more than once") }
        return list[0]
    }

    /// One of `choices`.
    func choice(_ name: String, in choices: [String]) throws(APIError) -> String? {
        guard let value = try string(name) else { return nil }
        guard choices.contains(value) else {
            throw APIError.badParameter(name, "must be one of \(choices.joined(separator: ", ")) (got \(Self.quoted(value)))")
        }
        return value
    }

    /// A whole number in `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = try string(name) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw APIError.badParameter(name, "must be a whole number in \(range.lowerBound)...\(range.upperBound) (got \(Self.quoted(value)))")
        }
        return number
    }

    /// `true` or `false`.
    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let value = try string(name) else { return nil }
        switch value {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.badParameter(name, "must be true or false (got \(Self.quoted(value)))")
        }
    }

    /// The value quoted for an error message, cut short: it comes from the caller.
    static func quoted(_ value: String) -> String {
        let short = value.count > 40 ? value.prefix(40) + "…" : Substring(value)
        return "\"\(short)\""
    }
}
