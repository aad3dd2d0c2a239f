import Foundation

/// What the deployer role must be allowed to do, derived from what every building block
/// declares: the registered blocks' `needs`, the older catalog kinds' `needs` and the shared
/// helpers'. Nothing here is a list of services kept beside the catalog.
public enum DeployerPermissions {
    /// One source of needs: a block, an older kind, or the shared helpers.
    public struct Declaration: Sendable, Equatable {
        /// The block kind (`stream`), the older kind (`bucket`) or `shared`.
        public let source: String
        /// Resource types it may render.
        public let resourceTypes: [String]
        /// Data source types it may read.
        public let dataSources: [String]
        /// IAM actions it declares.
        public let actions: [String]
    }

    /// Every declaration, registered blocks first.
    public static let declarations: [Declaration] = {
        let blocks = BlockRegistry.all.map { ($0.kind, $0.needs) }
        let older = ComponentKind.allCases.map { ($0.rawValue, $0.needs) }
        return (blocks + older + [("shared", BlockNeeds.shared)]).map { source, needs in
            Declaration(source: source, resourceTypes: needs.resourceTypes, dataSources: needs.dataSources, actions: needs.iamActions)
        }
    }()

    /// The role's actions: the union of every declaration, without those a service wildcard
    /// (`ec2:*`) already allows, sorted.
    public static let actions: [String] = compact(declarations.flatMap(\.actions))

    /// Resource and data source types some declaration covers.
    public static let declaredTypes: Set<String> = Set(declarations.flatMap { $0.resourceTypes + $0.dataSources })

    /// `actions` without duplicates and without an action whose service is allowed whole.
    static func compact(_ actions: [String]) -> [String] {
        let unique = Set(actions)
        let wholeServices = Set(unique.filter { $0.hasSuffix(":*") }.map { String($0.dropLast(2)) })
        return unique.filter { action in
            guard !action.hasSuffix(":*"), let colon = action.firstIndex(of: ":") else { return true }
            return !wholeServices.contains(String(action[..<colon]))
        }.sorted()
    }
}
