/// Finds the stacks of a repository: every directory whose `requirements.md` matches the
/// repository's `stacks` glob.
public enum StackDiscovery {
    /// The file that makes a directory a stack.
    public static let requirementsFile = "requirements.md"

    /// Stack directories (`""` for the repository root), sorted, from a list of file paths.
    ///
    /// A `requirements.md` inside a stack's own generated `terraform/` directory is not a
    /// stack: it would be the daemon's output feeding its input.
    public static func stackPaths(in files: [String], matching glob: PathGlob) -> [String] {
        var stacks: Set<String> = []
        for file in files where file == requirementsFile || file.hasSuffix("/" + requirementsFile) {
            guard glob.matches(file) else { continue }
            let directory = String(file.dropLast(requirementsFile.count))
            let path = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            if path.split(separator: "/").last == "terraform" { continue }
            stacks.insert(path)
        }
        return stacks.sorted()
    }

    /// The stack id: `<repository id>/<path>`, with `.` for a stack at the root.
    public static func stackID(repository: String, path: String) -> String {
        "\(repository)/\(path.isEmpty ? "." : path)"
    }

    /// `path/name`, or `name` for the root stack.
    public static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path)/\(name)"
    }
}
