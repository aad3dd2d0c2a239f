import Foundation

/// The daemon's use of the C heap, tuned for a long-running process whose load comes in bursts
/// (a push touching thousands of stacks) between long idle stretches.
///
/// glibc's defaults keep freed memory: up to 8 arenas per core (each thread that allocates may
/// get one, and the git lanes, NIO and the cooperative pool are many threads), and a heap top
/// that is trimmed only when a large enough block at its very end is freed. After a burst the
/// process would stay at its peak for good. `configure()` caps the arenas; `releaseFreedMemory()`
/// hands what a burst freed back to the system once the work is done.
///
/// `mallopt` and `malloc_trim` are glibc extensions that Swift's Glibc module does not export:
/// they are looked up at run time, and where they are missing (another C library) nothing is
/// tuned.
public enum ProcessMemory {
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32

    /// `M_ARENA_MAX` from glibc's `<malloc.h>`.
    private static let arenaMaxOption: Int32 = -8

    // Immutable after first use; C function pointers capture nothing.
    nonisolated(unsafe) private static let mallopt: Mallopt? = symbol("mallopt")
    nonisolated(unsafe) private static let mallocTrim: MallocTrim? = symbol("malloc_trim")

    private static func symbol<T>(_ name: String) -> T? {
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }

    /// Caps malloc arenas at two. Call once, at start, before many threads exist.
    public static func configure() {
        _ = mallopt?(arenaMaxOption, 2)
    }

    /// Returns freed heap memory to the system (every arena, not only the top of the heap).
    /// Costs about a millisecond; call when a burst of work ended, not per item.
    public static func releaseFreedMemory() {
        _ = mallocTrim?(0)
    }

    /// This process's resident set size in bytes (`VmRSS` of /proc/self/status), nil where
    /// there is no /proc.
    public static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.dropFirst("VmRSS:".count).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}
