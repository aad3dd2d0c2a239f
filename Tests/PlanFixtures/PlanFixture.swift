import Foundation
import PlanModel

/// Builds minimal `terraform show -json` documents following the documented format
/// (format_version 1.2): planned_values, resource_changes and a configuration section with
/// references and constant values, then decodes them with the real decoder.
public struct PlanFixture: Sendable {
    /// One resource block instance.
    public struct Resource: Sendable {
        public var type: String
        public var name: String
        /// The planned values, as JSON object text.
        public var values: String
        /// Attribute → references, as terraform writes them (`aws_s3_bucket.b.id`).
        public var references: [String: [String]] = [:]
        /// Attributes written as literals in the source.
        public var constants: [String] = []
        /// `count` index or `for_each` key as JSON text (`0`, `"a"`).
        public var index: String? = nil
        /// `after_unknown` marks, as JSON object text.
        public var unknown: String = "{}"
        /// `sensitive_values` marks, as JSON object text.
        public var sensitive: String = "{}"
        public var mode: String = "managed"

        public init(
            _ type: String, _ name: String, _ values: String, references: [String: [String]] = [:],
            constants: [String] = [], index: String? = nil, unknown: String = "{}", sensitive: String = "{}",
            mode: String = "managed"
        ) {
            self.type = type
            self.name = name
            self.values = values
            self.references = references
            self.constants = constants
            self.index = index
            self.unknown = unknown
            self.sensitive = sensitive
            self.mode = mode
        }

        public var address: String {
            (mode == "data" ? "data." : "") + "\(type).\(name)" + (index.map { "[\($0)]" } ?? "")
        }
    }

    public var resources: [Resource]
    public var region = "us-east-1"

    public init(_ resources: [Resource], region: String = "us-east-1") {
        self.resources = resources
        self.region = region
    }

    public func json() -> String {
        func quote(_ text: String) -> String {
            let data = try? JSONEncoder().encode(text)
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        let planned = resources.map { r in
            """
            {"address":\(quote(r.address)),"mode":"\(r.mode)","type":\(quote(r.type)),"name":\(quote(r.name)),\
            \(r.index.map { "\"index\":\($0)," } ?? "")"provider_name":"registry.terraform.io/hashicorp/aws",\
            "schema_version":0,"values":\(r.values),"sensitive_values":\(r.sensitive)}
            """
        }
        let changes = resources.filter { $0.mode == "managed" }.map { r in
            """
            {"address":\(quote(r.address)),"mode":"managed","type":\(quote(r.type)),"name":\(quote(r.name)),\
            \(r.index.map { "\"index\":\($0)," } ?? "")"provider_name":"registry.terraform.io/hashicorp/aws",\
            "change":{"actions":["create"],"before":null,"after":\(r.values),"after_unknown":\(r.unknown),\
            "before_sensitive":false,"after_sensitive":\(r.sensitive)}}
            """
        }
        var seen = Set<String>()
        let configuration = resources.compactMap { r -> String? in
            let block = (r.mode == "data" ? "data." : "") + "\(r.type).\(r.name)"
            guard seen.insert(block).inserted else { return nil }
            var expressions: [String] = []
            for (attribute, refs) in r.references.sorted(by: { $0.key < $1.key }) {
                expressions.append("\(quote(attribute)):{\"references\":[\(refs.map(quote).joined(separator: ","))]}")
            }
            for attribute in r.constants {
                expressions.append("\(quote(attribute)):{\"constant_value\":\"x\"}")
            }
            return """
                {"address":\(quote(block)),"mode":"\(r.mode)","type":\(quote(r.type)),"name":\(quote(r.name)),\
                "provider_config_key":"aws","expressions":{\(expressions.joined(separator: ","))},"schema_version":0}
                """
        }
        return """
            {"format_version":"1.2","terraform_version":"1.11.4",
             "planned_values":{"root_module":{"resources":[\(planned.joined(separator: ",\n"))]}},
             "resource_changes":[\(changes.joined(separator: ",\n"))],
             "configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws",
               "expressions":{"region":{"constant_value":\(quote(region))}}}},
               "root_module":{"resources":[\(configuration.joined(separator: ",\n"))]}}}
            """
    }

    public func document() throws -> PlanDocument {
        try PlanDocument.decode(showJSON: Data(json().utf8))
    }
}
