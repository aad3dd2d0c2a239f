import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The process group of a running state-writing terraform command, kept in a file so that a
/// daemon started after a crash can tell a live run (wait for it) from the leftovers of a
/// dead one (its provider plugins, still in the group after terraform itself died), and end
/// those before the state lock is cleared.
public struct RunRecord: Sendable {
    /// The file holding the group id.
    public let path: String

    /// Records `group` (the terraform process's pid, leader of its own session and group).
    public func save(group: Int32) {
        try? Data("\(group)\n".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Forgets the run (it ended and its group is gone).
    public func clear() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The recorded group, if any.
    public var group: Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Kills every process still in the recorded group when its leader (terraform) is gone,
    /// then forgets the run. Returns how many were ended; nil when there is no record or the
    /// leader is alive (a live run is never touched).
    public func endLeftovers() -> Int? {
        guard let group, group > 1 else { return nil }
        if Self.isAlive(group) { return nil }
        let members = Self.processes(inGroup: group)
        if !members.isEmpty { _ = kill(-group, SIGKILL) }
        clear()
        return members.count
    }

    /// Whether `pid` is a running (not zombie) process.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return true }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// Pids of the live processes whose process group is `group` (from /proc).
    static func processes(inGroup group: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { return false }
            // Fields after the command: state, ppid, pgrp, …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[2]) == group && fields[0] != "Z"
        }
    }
}
