import EZBuiltCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One file of a stack, as read from git by the reconciler: a path relative to the stack's
/// `terraform/` directory and its bytes. Symlink blobs must not be passed (git mode 120000).
public typealias StackFile = (path: String, contents: Data)

/// Where a workspace's Terraform code comes from.
public enum WorkspaceSource: Sendable {
    /// A stack's `terraform/` directory on disk (read without following symlinks).
    case directory(URL)
    /// Files read from a git tree: paths relative to the stack's `terraform/` directory.
    case files([StackFileEntry])

    /// The source for a stack directory on disk (`ezbuilt plan DIR`): its `terraform/`
    /// subdirectory when there is one, else the directory itself.
    public static func stackDirectory(_ url: URL) -> WorkspaceSource {
        let terraform = url.appendingPathComponent("terraform", isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: terraform.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .directory(terraform)
        }
        return .directory(url)
    }

    /// Builds a source from `(path, contents)` pairs as the reconciler reads them from git.
    public static func files(_ files: [StackFile]) -> WorkspaceSource {
        .files(files.map { StackFileEntry(path: $0.path, contents: $0.contents) })
    }
}

/// A file entry of a `WorkspaceSource` (a Sendable form of `StackFile`).
public struct StackFileEntry: Sendable, Hashable {
    /// Path relative to the stack's `terraform/` directory.
    public var path: String
    /// File content.
    public var contents: Data

    /// Creates an entry.
    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }
}

/// A file that was left out of a workspace, and why.
public struct SkippedFile: Sendable, Hashable {
    /// Path as given (relative to the stack's `terraform/` directory).
    public var path: String
    /// Why it was left out.
    public var reason: StackFileFilter.Rejection
}

/// A private directory holding one run's copy of a stack's Terraform code plus the
/// runtime files the daemon writes; removed after the run, kept on failure for inspection.
public struct Workspace: Sendable {
    /// Stack id (`repo/path`), for errors and logs.
    public let stack: String
    /// The workspace directory.
    public let directory: URL
    /// Names of the stack files copied in, sorted.
    public let files: [String]
    /// Files refused by the filter.
    public let skipped: [SkippedFile]
    /// Whether the directory is the stack's own, kept between runs (its `.terraform` and
    /// lock file are reused while providers do not change), rather than a one-run copy.
    public var persistent: Bool = false

    /// Full path of a file in the workspace.
    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Contents of the stack files copied into this workspace (name → text), for scanning.
    public func stackFileContents() throws(TerraformError) -> [(name: String, text: String)] {
        var result: [(name: String, text: String)] = []
        for name in files {
            do {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                result.append((name, String(decoding: data, as: UTF8.self)))
            } catch {
                throw .io(path: path(name), detail: "cannot read: \(error)")
            }
        }
        return result
    }
}

/// Creates and removes workspaces under `root` (typically `dataDir/workspaces`).
///
/// Each run gets a fresh directory; failed runs keep theirs for inspection, and only the
/// newest `keepFailed` failed workspaces are retained so a flapping stack cannot fill the disk.
public struct WorkspaceManager: Sendable {
    /// Directory under which workspaces are created.
    public let root: URL
    /// How many failed workspaces to keep.
    public let keepFailed: Int

    /// Creates a manager; `root` is created on first use.
    public init(root: URL, keepFailed: Int = 5) {
        self.root = root
        self.keepFailed = keepFailed
    }

    /// Creates a one-run workspace for `stack` filled from `source` through `StackFileFilter`.
    public func create(stack: String, from source: WorkspaceSource) throws(TerraformError) -> Workspace {
        let name = SafeName.unique(stack) + "-" + UUID().uuidString.prefix(8).lowercased()
        let directory = root.appendingPathComponent(name, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: directory.path, detail: "cannot create workspace: \(error)")
        }
        return try fill(directory, stack: stack, from: source)
    }

    /// The stack's own workspace, emptied of everything but what `terraform init` produced
    /// (`.terraform`, `.terraform.lock.hcl`) and filled from `source`. The caller must run one
    /// command sequence at a time per stack (the daemon's queue runs one job per stack).
    public func reuse(stack: String, from source: WorkspaceSource) throws(TerraformError) -> Workspace {
        let directory = root.appendingPathComponent("stacks", isDirectory: true)
            .appendingPathComponent(SafeName.unique(stack), isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where name != ".terraform" && name != ".terraform.lock.hcl" {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        } catch {
            throw .io(path: directory.path, detail: "cannot prepare the stack's workspace: \(error)")
        }
        var workspace = try fill(directory, stack: stack, from: source)
        workspace.persistent = true
        return workspace
    }

    private func fill(_ directory: URL, stack: String, from source: WorkspaceSource) throws(TerraformError) -> Workspace {
        var skipped: [SkippedFile] = []
        var accepted: [(String, Data)] = []
        switch source {
        case .files(let entries):
            for entry in entries {
                if let rejection = StackFileFilter.rejection(forRelativePath: entry.path) {
                    skipped.append(SkippedFile(path: entry.path, reason: rejection))
                } else if entry.contents.count > StackFileFilter.maximumFileSize {
                    skipped.append(SkippedFile(path: entry.path, reason: .tooLarge))
                } else {
                    accepted.append((entry.path, entry.contents))
                }
            }
        case .directory(let url):
            let (files, rejected) = try Self.readStackDirectory(url)
            accepted = files
            skipped = rejected
        }
        var names: [String] = []
        for (fileName, contents) in accepted {
            let target = directory.appendingPathComponent(fileName)
            do {
                try contents.write(to: target, options: .withoutOverwriting)
            } catch {
                throw .io(path: target.path, detail: "cannot write: \(error)")
            }
            names.append(fileName)
        }
        return Workspace(stack: stack, directory: directory, files: names.sorted(),
                         skipped: skipped.sorted { $0.path < $1.path })
    }

    /// Removes a workspace after a successful run, or keeps it after a failed one (pruning
    /// the oldest failed workspaces beyond `keepFailed`).
    public func finish(_ workspace: Workspace, succeeded: Bool) {
        // A stack's own workspace stays as the run left it (for inspection after a failure);
        // the next run empties it.
        if workspace.persistent { return }
        if succeeded {
            try? FileManager.default.removeItem(at: workspace.directory)
            return
        }
        let failedRoot = root.appendingPathComponent("failed", isDirectory: true)
        try? FileManager.default.createDirectory(at: failedRoot, withIntermediateDirectories: true)
        let destination = failedRoot.appendingPathComponent(workspace.directory.lastPathComponent)
        // The provider link in .terraform points into the shared mirror; keep it out so the
        // kept workspace stays small and never pins anything.
        try? FileManager.default.removeItem(at: workspace.directory.appendingPathComponent(".terraform"))
        if (try? FileManager.default.moveItem(at: workspace.directory, to: destination)) == nil {
            try? FileManager.default.removeItem(at: workspace.directory)
        }
        let kept = (try? FileManager.default.contentsOfDirectory(
            at: failedRoot, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        let sorted = kept.sorted {
            let a = (try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            let b = (try? $1.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            return a > b
        }
        for old in sorted.dropFirst(max(keepFailed, 0)) {
            try? FileManager.default.removeItem(at: old)
        }
    }

    /// Reads the regular `.tf`/`.tf.json` files directly in `url` without following any
    /// symlink (the directory itself must not be one either).
    public static func readStackDirectory(_ url: URL) throws(TerraformError) -> ([(String, Data)], [SkippedFile]) {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            throw .invalidStackDirectory(path: url.path, reason: "does not exist")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .invalidStackDirectory(path: url.path,
                                         reason: (info.st_mode & S_IFMT) == S_IFLNK ? "is a symbolic link" : "is not a directory")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw .io(path: url.path, detail: "cannot list: \(error)")
        }
        var files: [(String, Data)] = []
        var skipped: [SkippedFile] = []
        for name in names.sorted() {
            let full = url.appendingPathComponent(name).path
            var entry = stat()
            guard lstat(full, &entry) == 0 else { continue }
            let kind = entry.st_mode & S_IFMT
            if kind == S_IFDIR {
                if !name.hasPrefix(".") { skipped.append(SkippedFile(path: name, reason: .notDirectlyInTerraformDirectory)) }
                continue
            }
            if let rejection = StackFileFilter.rejection(forRelativePath: name) {
                skipped.append(SkippedFile(path: name, reason: rejection))
                continue
            }
            if kind == S_IFLNK {
                skipped.append(SkippedFile(path: name, reason: .symlink))
                continue
            }
            guard kind == S_IFREG else {
                skipped.append(SkippedFile(path: name, reason: .notRegularFile))
                continue
            }
            // O_NOFOLLOW closes the gap between lstat and open: a file swapped for a link fails.
            let fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else {
                skipped.append(SkippedFile(path: name, reason: .symlink))
                continue
            }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            var opened = stat()
            guard fstat(fd, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG else {
                skipped.append(SkippedFile(path: name, reason: .notRegularFile))
                continue
            }
            guard Int(opened.st_size) <= StackFileFilter.maximumFileSize else {
                skipped.append(SkippedFile(path: name, reason: .tooLarge))
                continue
            }
            do {
                let data = try handle.readToEnd() ?? Data()
                files.append((name, data))
            } catch {
                throw .io(path: full, detail: "cannot read: \(error)")
            }
        }
        return (files, skipped)
    }
}
