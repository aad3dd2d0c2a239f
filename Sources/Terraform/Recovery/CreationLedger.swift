import Foundation

/// What this stack's applies set out to create, by address and import id, kept beside its
/// local state (`created.json`) and written *before* each apply starts: the evidence that lets
/// `ImportRecovery` adopt an object an apply made but whose state was lost, and refuse an
/// object of the same name that someone else made.
///
/// Entries are added before an apply and dropped only when an applied plan deletes the address;
/// a plain "what is in the state" would be exactly what was lost.
public struct CreationLedger: Sendable {
    /// The ledger file.
    public let path: String

    /// The ledger kept in `directory` (a local state's directory).
    public init(directory: String) {
        path = (directory as NSString).appendingPathComponent("created.json")
    }

    /// The recorded entries (none when the file is missing or unreadable).
    public var entries: Set<ImportRecovery.Target> {
        guard let data = FileManager.default.contents(atPath: path),
              let targets = try? JSONDecoder().decode([ImportRecovery.Target].self, from: data)
        else { return [] }
        return Set(targets)
    }

    /// Adds `targets` (what an apply is about to create).
    public func record(_ targets: [ImportRecovery.Target]) throws(TerraformError) {
        let merged = entries.union(targets)
        guard merged.count != entries.count || !FileManager.default.fileExists(atPath: path) else { return }
        try write(merged)
    }

    /// Drops the entries of `addresses` (deleted by an applied plan).
    public func forget(addresses: Set<String>) throws(TerraformError) {
        let current = entries
        let kept = current.filter { !addresses.contains($0.address) }
        guard kept.count != current.count else { return }
        try write(kept)
    }

    private func write(_ targets: Set<ImportRecovery.Target>) throws(TerraformError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(targets.sorted()).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .io(path: path, detail: "cannot write the creation ledger: \(error)")
        }
    }
}
