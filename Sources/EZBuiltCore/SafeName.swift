/// The one way a name from outside (a stack id, a deployment id) becomes one component of a
/// file path or a git ref: an allowlist of characters, bounded, never empty, never hidden or
/// a parent reference.
public enum SafeName {
    /// `text` as one path or ref component: ASCII letters, digits, `-`, `_` and `.` kept, every
    /// other character (path separators, spaces, unicode, control characters) becomes
    /// `replacement`; a `.` that would start the name or follow another `.` also does (no
    /// hidden file, no `..`), and so does a leading `-` (never read as an option). At most
    /// `maxLength` characters; empty text gives `replacement` alone.
    ///
    /// - Precondition: `replacement` is `_` or `-`.
    public static func component(_ text: String, replacement: Character = "_", maxLength: Int = 120) -> String {
        precondition(replacement == "_" || replacement == "-", "a replacement outside the allowlist")
        var out = ""
        for character in text {
            guard out.count < maxLength else { break }
            let kept: Bool
            switch character {
            case "-": kept = !out.isEmpty
            case ".": kept = !out.isEmpty && out.last != "."
            default: kept = character.isASCII && (character.isLetter || character.isNumber || character == "_")
            }
            out.append(kept ? character : (out.isEmpty ? "_" : replacement))
        }
        return out.isEmpty ? String(replacement == "-" ? "_" : replacement) : out
    }

    /// ``component(_:replacement:maxLength:)`` (at most 80 characters) plus `-` and a hash of
    /// the whole text, so two texts that differ only in replaced or cut characters never share
    /// a name (`acme/infra/web` → `acme_infra_web-8c1f03a2`).
    public static func unique(_ text: String) -> String {
        component(text, maxLength: 80) + "-" + String(fnv1a(text) & 0xffff_ffff, radix: 16)
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs and platforms (Swift's `Hasher` is not),
    /// which a directory name that must be found again after a restart needs.
    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash
    }
}
