import Foundation
import PlanModel

extension JSONValue {
    /// Parses terraform's JSON output; `what` names it in the error.
    public static func decode(_ data: Data, what: String) throws(TerraformError) -> JSONValue {
        do {
            return try parse(data)
        } catch {
            throw .decoding(what: what, detail: String(describing: error).prefix(300).description)
        }
    }
}
