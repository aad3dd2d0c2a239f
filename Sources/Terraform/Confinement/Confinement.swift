import Foundation
import Subprocess

#if canImport(Glibc)
import Glibc
#endif

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Bubblewrap (`bwrap`) around every terraform process, so that whatever a stack's code makes
/// terraform or a provider read (`file()`, a local-file argument, `/proc/*/environ`) can only
/// be in its workspace.
///
/// A confined process gets new pid, ipc, uts (and, where the kernel allows, cgroup)
/// namespaces, no capabilities, a fresh `/proc` that shows only its own processes, a minimal
/// `/dev`, a private `/tmp`, and of the host only what `ConfinementView` lists. Networking is
/// shared: terraform must reach AWS (or the emulator on loopback).
///
/// Deliberately not used:
/// - `--die-with-parent`: an apply must outlive a killed daemon and persist its state
///   (issue 12, item 7); a SIGKILL at the daemon's death is what left 0-byte states.
/// - `--new-session`: the runner already starts bwrap in a new session (`setsid`), so
///   nothing inside has a controlling terminal and `TIOCSTI` injection is impossible; a second
///   session inside would move terraform out of the process group the runner interrupts on a
///   timeout, and it would not stop cleanly.
///
/// Called *confinement* throughout: "sandbox" means the AWS emulator.
public struct Confinement: Sendable, Hashable {
    /// Where Debian's `bubblewrap` package installs it.
    public static let defaultBubblewrap = "/usr/bin/bwrap"

    /// Path of the `bwrap` executable.
    public var bubblewrap: String
    /// Host paths every confined process also sees read-only, beyond its view (none by
    /// default; tests add a shell for `local-exec`, which stacks may not use).
    public var additionalReadOnly: [String]

    /// A confinement with bubblewrap at `bubblewrap`.
    public init(bubblewrap: String = Confinement.defaultBubblewrap, additionalReadOnly: [String] = []) {
        self.bubblewrap = bubblewrap
        self.additionalReadOnly = additionalReadOnly
    }

    /// The namespace and file-system arguments that come before every view's binds.
    static let isolationArguments = [
        "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        "--cap-drop", "ALL",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
    ]

    /// The argument vector given to `bwrap` to run `executable arguments` in `workingDirectory`
    /// seeing only `view` (plus the executable itself, read-only).
    public func arguments(executable: String, arguments: [String], view: ConfinementView,
                          workingDirectory: String) -> [String] {
        var view = view
        view.readOnly.insert(executable, at: 0)
        view.readOnly += additionalReadOnly
        if Self.isDynamicallyLinked(executable) {
            view.readOnly += ConfinementView.libraryDirectories
        }
        return Self.isolationArguments
            + view.mountArguments(exists: { FileManager.default.fileExists(atPath: $0) })
            + ["--chdir", workingDirectory, "--", executable] + arguments
    }

    /// Checks that bubblewrap is installed and can create the confinement here, by running
    /// `terraform version -json` confined, exactly as runs will be, and returns the binary with
    /// its version (so no terraform process, not even this one, runs unconfined).
    ///
    /// - Throws: `.confinementUnavailable` with bubblewrap's own message and what to do;
    ///   `.versionUndetectable` when terraform ran but printed no version.
    @discardableResult
    public func probe(terraform: String) async throws(TerraformError) -> TerraformBinary {
        guard access(bubblewrap, X_OK) == 0 else {
            throw .confinementUnavailable(bubblewrap: bubblewrap, detail: "not installed (no executable at \(bubblewrap))",
                                          remedy: Self.missingRemedy)
        }
        let directory = "/"
        let argv = arguments(executable: terraform, arguments: ["version", "-json"], view: ConfinementView(),
                             workingDirectory: directory)
        let outcome: (success: Bool, stdout: String, stderr: String)
        do {
            let result = try await Subprocess.run(
                .path(FilePath(bubblewrap)), arguments: Arguments(argv),
                environment: .custom(["PATH": "/usr/local/bin:/usr/bin:/bin", "CHECKPOINT_DISABLE": "1",
                                      "TF_CLI_CONFIG_FILE": "/dev/null"]),
                output: .string(limit: 64 * 1024), error: .string(limit: 16 * 1024))
            outcome = (result.terminationStatus.isSuccess, result.standardOutput, result.standardError)
        } catch {
            throw .confinementUnavailable(bubblewrap: bubblewrap, detail: "could not start it: \(error)",
                                          remedy: Self.missingRemedy)
        }
        guard outcome.success else {
            let message = outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .confinementUnavailable(bubblewrap: bubblewrap, detail: message.isEmpty ? "it failed without a message" : message,
                                          remedy: Self.remedy(forFailure: message))
        }
        return try TerraformBinary.parseVersion(json: outcome.stdout, path: terraform)
    }

    /// What to do when bubblewrap is missing.
    static let missingRemedy =
        "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; or scripts/setup), or set "
            + "terraform.confine: false (ezbuilt plan/apply: --no-confine) to run terraform unconfined, where the code "
            + "of any branch can read the daemon's files"

    /// What to do about bubblewrap's error `message`, by its known causes.
    static func remedy(forFailure message: String) -> String {
        let lower = message.lowercased()
        var causes: [String] = []
        if lower.contains("unprivileged") || lower.contains("no permissions to creat") || lower.contains("setting up uid map")
            || lower.contains("creating new namespace failed") {
            causes.append("the kernel refuses unprivileged user namespaces: allow them (sysctl kernel.unprivileged_userns_clone=1 "
                + "on Debian; user.max_user_namespaces > 0; on Ubuntu 23.10+ kernel.apparmor_restrict_unprivileged_userns=0 "
                + "or an AppArmor profile for bwrap), or in a container run it with --security-opt seccomp=unconfined "
                + "--security-opt apparmor=unconfined")
        }
        if lower.contains("mount proc") || lower.contains("proc on") {
            causes.append("the container masks /proc, so a fresh /proc cannot be mounted: run the container with "
                + "--security-opt systempaths=unconfined (Docker) or procMount: Unmasked (Kubernetes)")
        }
        if lower.contains("operation not permitted") && causes.isEmpty {
            causes.append("a seccomp or AppArmor policy forbids creating namespaces or mounts (common in containers): "
                + "run the container with --security-opt seccomp=unconfined --security-opt apparmor=unconfined, or on a host")
        }
        causes.append("as a last resort set terraform.confine: false (ezbuilt plan/apply: --no-confine): terraform then runs "
            + "unconfined and the code of any branch can read the daemon's files")
        return causes.joined(separator: "; ")
    }

    /// Whether the ELF file at `path` asks for a dynamic loader (has a `PT_INTERP` header).
    static func isDynamicallyLinked(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 64), header.count == 64,
              header.prefix(4) == Data([0x7f, 0x45, 0x4c, 0x46]), header[4] == 2, header[5] == 1 else {
            return false  // not a 64-bit little-endian ELF: nothing to add
        }
        func integer(_ data: Data, _ offset: Int, _ size: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in (0..<size).reversed() { value = value << 8 | UInt64(data[data.startIndex + offset + index]) }
            return value
        }
        let tableOffset = integer(header, 0x20, 8)
        let entrySize = Int(integer(header, 0x36, 2))
        let count = Int(integer(header, 0x38, 2))
        guard entrySize >= 4, count > 0, count < 4096 else { return false }
        do {
            try handle.seek(toOffset: tableOffset)
            guard let table = try handle.read(upToCount: entrySize * count), table.count == entrySize * count else { return false }
            return (0..<count).contains { integer(table, $0 * entrySize, 4) == 3 }  // PT_INTERP
        } catch {
            return false
        }
    }
}
