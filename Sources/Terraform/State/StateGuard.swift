import EZBuiltCore
import Foundation
import PlanModel

#if canImport(Glibc)
import Glibc
#endif

/// Keeps a stack's local state safe: snapshots before every apply, and recovery of the lock
/// a killed run leaves behind.
///
/// Terraform's local backend locks the state file with a POSIX record lock (released by the
/// kernel when the holder dies) and writes `.terraform.tfstate.lock.info` beside it, which a
/// killed run leaves behind. The kernel is asked who holds the lock (`F_GETLK`): a lock held
/// by a live process is never touched; a leftover info file without a holder is stale and
/// removed, so the next run proceeds and the log says what was cleared.
public struct StateGuard: Sendable {
    /// What `recoverStaleLock` found.
    public enum LockStatus: Sendable, Hashable {
        /// No lock.
        case unlocked
        /// A lock left by a dead run was cleared; `info` is the lock's recorded description.
        case clearedStale(info: String)
    }

    /// Path of the state file (`dataDir/state/<stack>/terraform.tfstate`).
    public let statePath: String

    /// Creates a guard for the local state at `statePath`.
    public init(statePath: String) {
        self.statePath = statePath
    }

    /// The directory of the state.
    public var directory: String { (statePath as NSString).deletingLastPathComponent }
    /// Where snapshots are kept.
    public var snapshotsDirectory: String { (directory as NSString).appendingPathComponent("snapshots") }
    /// The lock description Terraform writes while holding the lock.
    public var lockInfoPath: String { (directory as NSString).appendingPathComponent(".terraform.tfstate.lock.info") }

    /// Creates the state directory (private to the daemon).
    public func prepare() throws(TerraformError) {
        do {
            try FileManager.default.createDirectory(atPath: snapshotsDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: snapshotsDirectory, detail: "cannot create: \(error)")
        }
    }

    /// Copies the current state to `snapshots/<deployment>.tfstate` (history is kept; an
    /// existing snapshot of the same deployment gets a numbered sibling). Returns the path,
    /// or nil when there is no state yet.
    @discardableResult
    public func snapshot(deployment: String) throws(TerraformError) -> String? {
        try prepare()
        guard FileManager.default.fileExists(atPath: statePath) else { return nil }
        let safe = SafeName.component(deployment)
        var target = (snapshotsDirectory as NSString).appendingPathComponent("\(safe).tfstate")
        var counter = 1
        while FileManager.default.fileExists(atPath: target) {
            counter += 1
            target = (snapshotsDirectory as NSString).appendingPathComponent("\(safe).\(counter).tfstate")
        }
        do {
            try FileManager.default.copyItem(atPath: statePath, toPath: target)
        } catch {
            throw .io(path: target, detail: "cannot snapshot the state: \(error)")
        }
        return target
    }

    /// Snapshot files, oldest first.
    public func snapshots() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory)) ?? []
        return names.filter { $0.hasSuffix(".tfstate") }
            .map { (snapshotsDirectory as NSString).appendingPathComponent($0) }
            .sorted { modificationDate($0) < modificationDate($1) }
    }

    /// The pid holding Terraform's lock on the state file, asked of the kernel; nil if none.
    public func lockHolder() -> Int32? {
        let fd = open(statePath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        guard fcntl(fd, F_GETLK, &lock) == 0, lock.l_type != Int16(F_UNLCK) else { return nil }
        return lock.l_pid
    }

    /// Clears the lock left by a dead run; throws `.stateLocked` when a live process holds it.
    public func recoverStaleLock() throws(TerraformError) -> LockStatus {
        if let holder = lockHolder() {
            throw .stateLocked(path: statePath, holder: "pid \(holder)")
        }
        guard FileManager.default.fileExists(atPath: lockInfoPath) else { return .unlocked }
        let info = (try? String(contentsOfFile: lockInfoPath, encoding: .utf8)) ?? ""
        // Re-check right before removing: a run may have started in between.
        if let holder = lockHolder() {
            throw .stateLocked(path: statePath, holder: "pid \(holder)")
        }
        do {
            try FileManager.default.removeItem(atPath: lockInfoPath)
        } catch {
            throw .io(path: lockInfoPath, detail: "cannot remove the stale lock: \(error)")
        }
        return .clearedStale(info: info)
    }

    /// Checks that the state (if any) is readable JSON with a version and lineage. An empty
    /// file is "no state yet": Terraform creates it to lock it before writing anything, so a
    /// run killed that early leaves one behind.
    public func verifyReadable() throws(TerraformError) {
        guard FileManager.default.fileExists(atPath: statePath) else { return }
        guard let data = FileManager.default.contents(atPath: statePath) else {
            throw .stateCorrupt(path: statePath, snapshot: snapshots().last)
        }
        if data.isEmpty { return }
        guard let state = try? JSONValue.decode(data, what: statePath),
              state["version"]?.numberValue != nil, state["lineage"]?.stringValue != nil else {
            throw .stateCorrupt(path: statePath, snapshot: snapshots().last)
        }
    }

    private func modificationDate(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}
