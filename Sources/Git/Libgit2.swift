import Foundation
import CLibgit2

/// The process-wide libgit2 set-up, done once on first use.
enum Libgit2 {
    /// `git_libgit2_init()`'s result; negative when libgit2 could not start.
    private static let initResult: Int32 = {
        let result = git_libgit2_init()
        guard result >= 0 else { return result }
        // The daemon's behaviour must not depend on whoever's ~/.gitconfig or /etc/gitconfig is
        // around (url.insteadOf, proxies, hooks paths): only the repository's own config counts.
        for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA] {
            _ = ezb_git_opts_set_search_path(level, "")
        }
        _ = ezb_git_opts_enable_strict_object_creation(1)
        _ = ezb_git_opts_set_user_agent("ezbuilt")
        GitMemoryLimits.standard.apply()
        return result
    }()

    /// Makes sure libgit2 is initialised; throws when it failed to start.
    static func ensureInitialized() throws(GitError) {
        let result = initResult
        if result < 0 { throw GitError.last(result, "initialise libgit2") }
    }
}

/// Sole owner of one libgit2 object pointer: frees it exactly once, when the owner goes away.
final class GitHandle {
    let pointer: OpaquePointer
    private let free: (OpaquePointer) -> Void

    init(_ pointer: OpaquePointer, free: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.free = free
    }

    deinit { free(pointer) }

    /// Calls a libgit2 constructor (`git_x_new(&out, …)`) and takes ownership of what it made.
    static func make(
        _ operation: @autoclosure () -> String,
        free: @escaping (OpaquePointer) -> Void,
        _ body: (inout OpaquePointer?) -> Int32
    ) throws(GitError) -> GitHandle {
        var out: OpaquePointer?
        let code = body(&out)
        if code < 0 { throw GitError.last(code, operation()) }
        guard let out else { throw GitError.libgit2(code: -1, klass: 0, message: "libgit2 returned no object", operation: operation()) }
        return GitHandle(out, free: free)
    }
}

/// A C string array (`git_strarray`) that owns its copies of the strings.
final class OwnedStrArray {
    private var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) }
    }

    deinit { pointers.forEach { free($0) } }

    /// Calls `body` with a `git_strarray` valid only for the duration of the call.
    func withStrArray<R>(_ body: (inout git_strarray) throws -> R) rethrows -> R {
        try pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&array)
        }
    }
}
