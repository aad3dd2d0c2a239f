import Testing
@testable import Store

/// Conditions are derived from the one status the recorder writes, so they never disagree.
struct StackConditionsTests {
    @Test(arguments: StackStatus.allCases)
    func everyStatusHasThreeConsistentConditions(status: StackStatus) {
        let record = StackRecord(id: "r/s", repositoryId: "r", path: "s", status: status, statusDetail: "why")
        let conditions = record.conditions
        #expect(conditions.map(\.type) == [.ready, .reconciling, .stalled])
        let holding = conditions.filter(\.status).map(\.type)
        // A stack is at most one of ready, in progress, or waiting for a person.
        #expect(holding.count <= 1, "\(status): \(holding)")
        #expect(conditions.allSatisfy { $0.reason == status.reason })
        // The message goes with the condition that holds.
        for condition in conditions {
            #expect((condition.message != nil) == condition.status)
        }
    }

    @Test(arguments: [
        (StackStatus.deployed, StackCondition.Kind?.some(.ready), StackCondition.Reason.applied),
        (.deploying, .reconciling, .progressing),
        (.interrupted, .reconciling, .interrupted),
        (.needsApproval, .stalled, .needsApproval),
        (.unreviewed, .stalled, .unreviewed),
        (.stale, .stalled, .staleGeneration),
        (.refused, .stalled, .requirementsRefused),
        (.proposed, nil, .awaitingMerge),
    ])
    func statusesMapToTheConditionAPersonExpects(status: StackStatus, holds: StackCondition.Kind?, reason: StackCondition.Reason) {
        let conditions = StackRecord(id: "r/s", repositoryId: "r", path: "s", status: status).conditions
        #expect(conditions.first(where: \.status)?.type == holds)
        #expect(conditions.first?.reason == reason)
    }
}
