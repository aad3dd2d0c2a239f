/// The one scrubber of credentials in URLs (`https://user:token@host/…`): every text that
/// may hold a remote URL (git errors, repository records, API answers, logs) passes through it
/// before anyone sees it.
public enum URLCredentials {
    /// What the user info of a URL is replaced by.
    public static let placeholder = "***"

    /// `text` with the user info of every `scheme://userinfo@host` in it replaced by
    /// ``placeholder``. The authority runs to the first `/`, `?`, `#`, white space, quote or
    /// angle bracket, and the user info to its *last* `@`, so a password with an unencoded `@`
    /// is scrubbed whole; percent-encoded user info is scrubbed as it is written.
    public static func scrub(_ text: String) -> String {
        guard text.contains("@"), text.contains("://") else { return text }
        var result = ""
        var rest = Substring(text)
        while let separator = rest.firstRange(of: "://") {
            result += rest[..<separator.upperBound]
            let authority = rest[separator.upperBound...]
            let end = authority.firstIndex(where: isAuthorityEnd) ?? authority.endIndex
            if let at = authority[..<end].lastIndex(of: "@"), at > authority.startIndex {
                result += placeholder
                rest = authority[at...]
            } else {
                rest = authority
            }
        }
        return result + rest
    }

    private static func isAuthorityEnd(_ character: Character) -> Bool {
        switch character {
        case "/", "?", "#", "\"", "<", ">", "`": true
        default: character.isWhitespace
        }
    }
}
