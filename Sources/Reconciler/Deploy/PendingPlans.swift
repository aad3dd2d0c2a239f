import EZBuiltCore
import Foundation
import PlanModel
import Store
import Terraform

/// Saved plans that wait for an approval, kept in the data directory by their fingerprint
/// (the sha256 of the plan file): an approval names the fingerprint, and exactly that file is
/// applied.
struct PendingPlans: Sendable {
    let directory: URL

    init(_ setup: TerraformSetup) {
        directory = setup.dataDirectory.appendingPathComponent("pending-plans", isDirectory: true)
    }

    /// Stores `plan` for `stackID`; returns its fingerprint.
    func keep(_ plan: Data, stackID: String) throws -> String {
        let fingerprint = Fingerprint.sha256(plan)
        let folder = folder(stackID)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try plan.write(to: folder.appendingPathComponent(fingerprint + ".tfplan"), options: .atomic)
        return fingerprint
    }

    /// The plan stored under `fingerprint`, checked against it.
    func read(stackID: String, fingerprint: String) throws -> Data {
        guard fingerprint.range(of: #"^[0-9a-f]{64}$"#, options: .regularExpression) != nil else {
            throw ReconcileFailure.stalled("\"\(fingerprint)\" is not a plan fingerprint")
        }
        let file = folder(stackID).appendingPathComponent(fingerprint + ".tfplan")
        guard let data = FileManager.default.contents(atPath: file.path), Fingerprint.sha256(data) == fingerprint else {
            throw ReconcileFailure.stalled("the approved plan \(fingerprint.prefix(12)) is no longer kept; merge again to plan anew")
        }
        return data
    }

    private func folder(_ stackID: String) -> URL {
        directory.appendingPathComponent(SafeName.unique(stackID), isDirectory: true)
    }
}

extension PlanDocument {
    /// The changes a plan makes (no-ops and reads left out), as reviews record them.
    var changeEntries: [ResourceChangeEntry] {
        changes.filter { $0.action != .noOp && $0.action != .read }
            .map { ResourceChangeEntry(address: $0.address, action: $0.action.rawValue) }
            .sorted()
    }
}
