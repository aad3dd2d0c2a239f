import Foundation
import PlanFixtures
import PlanModel
import Requirements
import Testing

@testable import Cost

/// Every resource type the generator can emit is priced, declared free, or says why it cannot
/// be priced before apply. The types are not a list kept by hand: they are what the building
/// blocks of the registry (and the older catalog kinds and shared helpers) declare they may
/// render (`DeployerPermissions.declarations`); `DeployerPermissionsTests` proves that every
/// type the generator writes for the examples, the practice corpus and every block case is
/// declared there.
@Suite struct GeneratedTypesPricingTests {
    /// Declared resource type → the declaration that names it first.
    static let declared: [String: String] = {
        var types: [String: String] = [:]
        for declaration in DeployerPermissions.declarations {
            for type in declaration.resourceTypes where types[type] == nil { types[type] = declaration.source }
        }
        return types
    }()

    @Test func theDeclarationsCoverTheWholeRegistry() throws {
        // Not a list to keep up to date: a floor that fails if the collection itself broke.
        #expect(Self.declared.count >= 80, "types: \(Self.declared.keys.sorted())")
        for type in ["aws_s3_bucket", "aws_opensearch_domain", "aws_lambda_provisioned_concurrency_config", "aws_cloudwatch_log_metric_filter"] {
            #expect(Self.declared[type] != nil, "\(type) is declared by no building block")
        }
    }

    /// Each type alone, with no attributes: a priced type may need an attribute to be priced
    /// (`instance_type`), which is an answer; a type the estimator does not know, or knows but
    /// has no price for in the region, is a gap.
    @Test(arguments: PriceTable.regions)
    func everyDeclaredTypeIsPricedFreeOrSaysWhy(region: String) throws {
        let types = Self.declared.keys.sorted()
        let resources = types.map { PlanFixture.Resource($0, "x", "{}") }
        let report = CostEstimator.estimate(try PlanFixture(resources, region: region).document())
        #expect(Set(report.lines.map(\.type)) == Set(types))
        for line in report.lines {
            switch line.status {
            case .priced, .free, .notPriced(reason: .usageBased), .notPriced(reason: .unknownUntilApply):
                continue
            case .notPriced(let reason):
                Issue.record("\(line.type) (declared by \(Self.declared[line.type] ?? "?")) is neither priced nor free in \(region): \(reason)")
            }
        }
    }
}
