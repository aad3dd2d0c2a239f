/// Path arithmetic for files inside a stack, without touching the file system (the guard is
/// pure; symlinks are the caller's job when it reads the files).
enum StackPath {
    /// Normalizes `path` relative to the stack root; nil if it is absolute, starts with `~`, or
    /// climbs above the root.
    static func normalize(_ path: String) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.hasPrefix("~") { return nil }
        if path.count >= 2, path.dropFirst().first == ":" { return nil }  // C:\ style
        var parts: [Substring] = []
        for component in path.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            switch component {
            case ".", "": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default:
                parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Directory part of a stack-relative file path (`""` for the root).
    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[..<slash])
    }

    /// Whether a literal path argument is acceptable for a local-file argument: relative,
    /// no `~`, no `..` component at all (Terraform resolves paths from the working directory,
    /// which is the stack, so any `..` is suspicious even if it would come back inside).
    static func isSafeLiteralPath(_ path: String) -> Bool {
        if path.isEmpty || path.hasPrefix("/") || path.hasPrefix("\\") || path.hasPrefix("~") { return false }
        if path.count >= 2, path.dropFirst().first == ":" { return false }
        if path.contains("\0") || path.contains("$") || path.contains("%") { return false }
        return !path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }
}
