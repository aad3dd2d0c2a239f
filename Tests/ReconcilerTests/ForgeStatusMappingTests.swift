import Forge
import Store
import Testing
@testable import Reconciler

/// What each proposal and deployment outcome tells the forge.
@Suite struct ForgeStatusMappingTests {
    @Test(arguments: [
        (ProposalStatus.proposed, CommitStatus.State.success, "ready to merge: +1 ~0 -0"),
        (.refused, .failure, "requirements refused; see PLAN.md"),
        (.blocked, .failure, "blocked by policy; see PLAN.md"),
        (.failed, .failure, "checks failed; see PLAN.md"),
    ])
    func aProposalIsReadyToMergeOnlyWhenProposed(_ status: ProposalStatus, _ state: CommitStatus.State, _ description: String) {
        let headline = status == .proposed ? "+1 ~0 -0" : Proposer.headline(status, nil)
        let mapped = ForgeStatuses.proposal(status, headline: headline)
        #expect(mapped.0 == state)
        #expect(mapped.1 == description)
    }

    @Test(arguments: DeploymentStatus.allCases)
    func onlyAppliedOrDestroyedDeploymentsSucceedAndUnfinishedOnesSayNothing(_ status: DeploymentStatus) {
        let deployment = DeploymentRecord(stackId: "acme/web", commit: "c0ffee", status: status, error: "the reason", counts: PlanCounts(add: 2))
        let mapped = ForgeStatuses.deployment(deployment)
        switch status {
        case .succeeded:
            #expect(mapped?.0 == .success)
            #expect(mapped?.1 == "applied (+2 ~0 -0)")
        case .destroyed:
            #expect(mapped?.0 == .success)
        case .queued, .running, .interrupted, .superseded:
            #expect(mapped == nil, "an unfinished deployment is reconciled again; it posts nothing")
        default:
            #expect(mapped?.0 == .failure)
            #expect(mapped?.1 == "\(status.rawValue): the reason")
        }
    }

    @Test func theContextNamesTheStack() {
        #expect(CommitStatus.context(stackID: "acme/infra/web") == "ezbuilt/acme/infra/web")
    }
}
