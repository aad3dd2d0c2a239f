import Foundation

/// One change to the tree of a commit being written.
public enum FileChange: Sendable, Hashable {
    /// Create or replace the file at `path` with `contents`; parent directories are created.
    case write(path: String, contents: Data, executable: Bool = false)
    /// Remove whatever is at `path` (file, link, submodule or whole directory); a directory left
    /// empty disappears; removing something absent changes nothing.
    case delete(path: String)

    /// Writes UTF-8 text to `path`.
    public static func write(_ path: String, _ text: String, executable: Bool = false) -> FileChange {
        .write(path: path, contents: Data(text.utf8), executable: executable)
    }

    /// The path changed.
    public var path: String {
        switch self {
        case .write(let path, _, _), .delete(let path): path
        }
    }
}
