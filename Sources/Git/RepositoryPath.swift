/// Checks and splits paths inside a repository tree. Every path from outside (requirements,
/// generated files, API callers) passes here before it reaches libgit2.
enum RepositoryPath {
    /// Splits `path` into components, refusing anything that could escape the tree or touch git's
    /// own data: absolute paths, empty components, `.`, `..`, `.git` (any case), NUL, backslashes.
    static func components(_ path: String, allowRoot: Bool = false) throws(GitError) -> [String] {
        if path.isEmpty {
            if allowRoot { return [] }
            throw .invalidPath(path: path, reason: "the path is empty")
        }
        if path.hasPrefix("/") { throw .invalidPath(path: path, reason: "absolute paths are not allowed") }
        if path.utf8.contains(0) { throw .invalidPath(path: path, reason: "NUL bytes are not allowed") }
        if path.contains("\\") { throw .invalidPath(path: path, reason: "backslashes are not allowed") }
        let trimmed = allowRoot && path.hasSuffix("/") ? String(path.dropLast()) : path
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts {
            switch part {
            case "": throw .invalidPath(path: path, reason: "empty path components are not allowed")
            case ".", "..": throw .invalidPath(path: path, reason: "\"\(part)\" components are not allowed")
            default:
                if part.lowercased() == ".git" {
                    throw .invalidPath(path: path, reason: "\".git\" components are not allowed")
                }
            }
        }
        return parts
    }

    /// The path with a single `/` between components; `""` for the root.
    static func normalized(_ path: String, allowRoot: Bool = false) throws(GitError) -> String {
        try components(path, allowRoot: allowRoot).joined(separator: "/")
    }
}
