import CLibgit2

/// The id of a git object (commit, tree or blob): 40 lowercase hex digits.
///
/// A plain `Sendable` value so ids can cross actors, be stored in the database and be compared
/// without touching libgit2.
public struct ObjectID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// The id as 40 lowercase hex digits.
    public let hex: String

    /// Parses 40 hex digits (either case); `nil` for anything else.
    public init?(_ description: String) {
        guard description.utf8.count == 40,
              description.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) })
        else { return nil }
        hex = description.lowercased()
    }

    /// Parses 40 hex digits, throwing `GitError.invalidObjectID` naming the bad input.
    public init(parsing text: String) throws {
        guard let id = ObjectID(text) else { throw GitError.invalidObjectID(text) }
        self = id
    }

    init(_ oid: git_oid) {
        var oid = oid
        var buffer = [CChar](repeating: 0, count: 41)
        _ = buffer.withUnsafeMutableBufferPointer { git_oid_fmt($0.baseAddress, &oid) }
        hex = String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The libgit2 form of this id.
    var oid: git_oid {
        var oid = git_oid()
        // Cannot fail: `hex` was validated when this value was made.
        _ = git_oid_fromstrn(&oid, hex, 40)
        return oid
    }

    /// The hex digits.
    public var description: String { hex }

    /// The first 12 hex digits, for messages read by people.
    public var short: String { String(hex.prefix(12)) }

    /// Orders ids by their hex digits, so lists of ids print in a stable order.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

    /// Decodes an id from a single hex string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text.debugDescription) is not a 40-digit git object id")
        }
        self = id
    }

    /// Encodes the id as a single hex string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
