import Foundation

/// Who made a commit and when (used for both author and committer).
public struct Signature: Sendable, Hashable {
    /// Display name; must not contain `<`, `>` or a newline.
    public var name: String
    /// E-mail address; must not contain `<`, `>` or a newline.
    public var email: String
    /// When; stored with second precision in UTC.
    public var date: Date

    /// Makes a signature, dated now unless told otherwise.
    public init(name: String, email: String, date: Date = Date()) {
        self.name = name
        self.email = email
        self.date = date
    }
}
