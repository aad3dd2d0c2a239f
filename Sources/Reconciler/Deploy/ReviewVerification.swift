import Foundation

/// Whether what the deploy branch holds is what was reviewed: pure checks over the values the
/// deployer reads (the committed files, a fresh generation, PLAN.md's fingerprint, the store's
/// word on the proposal), so they are tested as tables.
enum ReviewVerification {
    /// Why a commit is not applied: the reason goes to the status branch and the API.
    struct Problem: Error, Equatable {
        let reason: String
    }

    /// The committed generated files against what the committed requirements generate now:
    /// nil when they are equal; else stale (requirements changed after the proposal, generated
    /// files edited, missing or never proposed) or refused.
    static func generation(committed: StackFiles, generated: GeneratedStack, stack: StackLayout) -> Problem? {
        if generated.refused {
            return Problem(reason: "requirements.md is refused by the generator; merge a proposal that passes")
        }
        if committed.generated.isEmpty {
            return Problem(reason: "no generated Terraform at this commit: requirements.md was merged before EZBuilt proposed it; push it to a branch and merge the proposal")
        }
        if let spec = committed.generated[StackFiles.specFile], let recorded = recordedInputHash(spec), recorded != generated.inputHash {
            return Problem(reason: "stale: spec.json records requirements \(recorded.prefix(12)) but requirements.md is \(generated.inputHash.prefix(12)); merge the proposal made from these requirements")
        }
        for name in Set(committed.generated.keys).union(generated.files.keys).sorted() where committed.generated[name] != generated.files[name] {
            return Problem(reason: committed.generated[name] == nil
                ? "stale: \(stack.terraformFile(name)) is missing; merge the proposal made from these requirements"
                : "stale: \(stack.terraformFile(name)) is not what requirements.md generates (generated files are never edited by hand; put hand-written Terraform in *.custom.tf)")
        }
        return nil
    }

    /// The review: PLAN.md at `commit` must record `expected` (the fingerprint of everything
    /// the proposal covered: generator, requirements, hand-written files), and the daemon must
    /// have proposed that fingerprint as ready (`proposed`; a PLAN.md is only text anyone can
    /// push, the store is not). Nil when reviewed; else `unreviewed`, naming the hand-written files.
    static func review(recorded: String?, expected: String, proposed: Bool, stack: StackLayout, commit: String, customFiles: [String]) -> Problem? {
        guard let recorded else {
            return Problem(reason: "unreviewed: \(stack.planFile) is missing at \(commit); push the change to a branch, let EZBuilt propose it, and merge the proposal")
        }
        guard recorded == expected else {
            let custom = customFiles.sorted().map(stack.terraformFile)
            return Problem(reason: "unreviewed: \(commit) changes what \(stack.planFile) reviewed" + (custom.isEmpty ? "" : " (hand-written files: \(custom.joined(separator: ", ")))") + "; push the change to a branch and merge the proposal")
        }
        guard proposed else {
            return Problem(reason: "unreviewed: EZBuilt never proposed \(stack.planFile)'s fingerprint \(expected.prefix(12)) as ready to merge; push the change to a branch and merge the proposal")
        }
        return nil
    }

    /// The input hash spec.json records.
    static func recordedInputHash(_ spec: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: spec) as? [String: Any] else { return nil }
        return object["inputHash"] as? String
    }
}
