import HCL
import PlanModel

/// A resource an apply failed on, with terraform's message (summary and detail), read from the
/// diagnostics of its `-json` output.
public struct ResourceFailure: Sendable, Hashable {
    /// The resource instance address.
    public var address: String
    /// What terraform said, redacted.
    public var message: String

    public init(address: String, message: String) {
        self.address = address
        self.message = message
    }
}

/// Recovery of an apply that failed because objects it was creating already exist: a run
/// that died before writing its state (the state lost) had made them. They are imported by
/// the identifier the plan gives them, and the plan is applied again; nothing is created twice.
///
/// Only what this stack's own applies set out to create is adopted (see `CreationLedger`):
/// an object of the same name that someone else made is never imported, because a later
/// destroy of the stack would delete it.
public enum ImportRecovery {
    /// One object to import: where it goes and the id `terraform import` takes.
    public struct Target: Sendable, Hashable, Codable, Comparable {
        /// The resource instance address.
        public var address: String
        /// The import id.
        public var id: String

        public init(address: String, id: String) {
            self.address = address
            self.id = id
        }

        public static func < (lhs: Target, rhs: Target) -> Bool { (lhs.address, lhs.id) < (rhs.address, rhs.id) }
    }

    /// An object that already exists and is not imported, with why.
    public struct Refusal: Sendable, Hashable, CustomStringConvertible {
        /// The resource instance address.
        public var address: String
        /// Why it is not imported.
        public var reason: String

        public init(address: String, reason: String) {
            self.address = address
            self.reason = reason
        }

        public var description: String { "\(address): \(reason)" }
    }

    /// What to do about a failed apply.
    public enum Decision: Sendable, Hashable {
        /// The failure is not (only) about objects that already exist: it stands as it is.
        case notApplicable
        /// Import these, then apply again.
        case importing([Target])
        /// Objects already exist and cannot be imported: the apply stays failed, naming each.
        case refused([Refusal])
    }

    /// Whether terraform's words say a create found the object there already (S3
    /// `BucketAlreadyExists`/`BucketAlreadyOwnedByYou`, IAM `EntityAlreadyExists`, DynamoDB
    /// "Table already exists", CloudWatch `ResourceAlreadyExistsException`, …).
    public static func saysAlreadyExists(_ message: String) -> Bool {
        message.contains(/(?i)already ?(exists?|owned)/)
    }

    /// What `plan` creates, with each import id that is derivable: what the ledger records
    /// before the plan is applied.
    public static func creations(in plan: PlanDocument) -> [Target] {
        plan.changes.filter { $0.mode == .managed && ($0.action == .create || $0.action == .replace) }.compactMap { change in
            guard case .success(let id) = ImportIdentifier.id(for: change) else { return nil }
            return Target(address: change.address, id: id)
        }.sorted()
    }

    /// Decides on a failed apply of `plan`: import when every resource it failed on was being
    /// created and already exists, its import id is derivable from the plan, and `created`
    /// (the stack's ledger) shows an earlier apply of this stack set out to create exactly it.
    public static func decide(failures: [ResourceFailure], plan: PlanDocument, created: Set<Target>) -> Decision {
        guard !failures.isEmpty, failures.allSatisfy({ saysAlreadyExists($0.message) }) else { return .notApplicable }
        var targets: [Target] = []
        var refusals: [Refusal] = []
        for address in Set(failures.map(\.address)).sorted() {
            guard let change = plan.change(for: address), change.action == .create else {
                refusals.append(Refusal(address: address, reason: "already exists, and the plan does not create it"))
                continue
            }
            switch ImportIdentifier.id(for: change) {
            case .failure(let unavailable):
                refusals.append(Refusal(address: address, reason: "already exists and cannot be imported (\(unavailable)); import it by hand (terraform import) or delete it"))
            case .success(let id):
                let target = Target(address: address, id: id)
                if !isWritableAddress(address) {
                    refusals.append(Refusal(address: address, reason: "already exists, and its address cannot be written as an import target"))
                } else if !created.contains(target) {
                    refusals.append(Refusal(address: address, reason: "\(id) already exists, and no earlier apply of this stack created it: EZBuilt adopts only what it made; rename it in requirements.md, or import it by hand"))
                } else {
                    targets.append(target)
                }
            }
        }
        return refusals.isEmpty ? .importing(targets) : .refused(refusals)
    }

    /// Terraform `import` blocks for `targets` (addresses checked by `decide`, ids quoted).
    public static func importBlocks(_ targets: [Target]) -> String {
        "# Written by EZBuilt to adopt what an apply killed before writing its state had created.\n"
            + targets.sorted().map { "import {\n  to = \($0.address)\n  id = \(HCLText.quoted($0.id))\n}\n" }.joined()
    }

    /// The changes of the plan made with the import blocks that the failed plan did not make:
    /// it may do what the failed plan did, and for an imported address update it (or leave
    /// it alone) instead of creating it; nothing else. Each as "action address".
    public static func unexpectedChanges(recovery: [ResourceChange], original: [ResourceChange], imported: Set<String>) -> [String] {
        let allowed = Set(original.map { "\($0.action.rawValue) \($0.address)" })
        return recovery.filter { $0.action != .noOp && $0.action != .read }.compactMap { change in
            let entry = "\(change.action.rawValue) \(change.address)"
            if allowed.contains(entry) { return nil }
            if imported.contains(change.address), change.action == .update { return nil }
            return entry
        }.sorted()
    }

    /// Whether `address` is a plain resource instance address (module path, type, name, and a
    /// numeric or simple string key) that can be written as HCL unquoted.
    static func isWritableAddress(_ address: String) -> Bool {
        address.wholeMatch(of: /(module\.[A-Za-z_][A-Za-z0-9_-]*(\[[0-9]+\]|\["[A-Za-z0-9_.:\/ -]*"\])?\.)*[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(\[[0-9]+\]|\["[A-Za-z0-9_.:\/ -]*"\])?/) != nil
    }
}
