import Foundation

/// Every registered building block. Adding a block is one file under `Catalog/Blocks/` and one
/// line here; discovery, routing, spec serialisation, rendering and the deployer-role, emulator
/// and pricing data all read this list.
enum BlockRegistry {
    static let all: [BlockDefinition] = [
        BlockDefinition(DNSZoneBlock.self),
        BlockDefinition(CertificateBlock.self),
        BlockDefinition(APIDomainBlock.self),
        BlockDefinition(WebFirewallBlock.self),
        BlockDefinition(NetworkLoadBalancerBlock.self),
        BlockDefinition(MemcachedBlock.self),
        BlockDefinition(SearchDomainBlock.self),
        BlockDefinition(WarehouseBlock.self),
        BlockDefinition(DataCatalogBlock.self),
        BlockDefinition(QueryWorkgroupBlock.self),
        BlockDefinition(StreamBlock.self),
        BlockDefinition(DeliveryStreamBlock.self),
        BlockDefinition(WorkflowBlock.self),
        BlockDefinition(EventBusBlock.self),
        BlockDefinition(ScheduleBlock.self),
        BlockDefinition(UserPoolBlock.self),
        BlockDefinition(EmailIdentityBlock.self),
        BlockDefinition(BackupPlanBlock.self),
        BlockDefinition(ParameterStoreBlock.self),
        BlockDefinition(LogMetricsBlock.self),
        BlockDefinition(PeeringBlock.self),
        BlockDefinition(CIIdentityBlock.self),
        BlockDefinition(RegistryAccessBlock.self),
        BlockDefinition(FileAccessPointBlock.self),
        BlockDefinition(SecretRotationBlock.self),
        BlockDefinition(RestAPIBlock.self),
        BlockDefinition(RegistryReplicationBlock.self),
        BlockDefinition(EventRuleBlock.self),
        BlockDefinition(BucketReplicationBlock.self),
        BlockDefinition(ManagedPolicyBlock.self),
        BlockDefinition(TableAutoscalingBlock.self),
        BlockDefinition(DataVolumeBlock.self),
        BlockDefinition(BucketEventsBlock.self),
        BlockDefinition(PathRoutingBlock.self),
        BlockDefinition(HealthCheckBlock.self),
    ]

    static let byKind: [String: BlockDefinition] = Dictionary(all.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })

    /// The block registered under `kind`.
    static func definition(_ kind: String) -> BlockDefinition? { byKind[kind] }

    /// Union of what every block declares it needs (for the role template, emulator and cost).
    static var needs: BlockNeeds {
        var n = BlockNeeds(resourceTypes: [], iamActions: [], endpoints: [], pricedTypes: [])
        for d in all {
            n.resourceTypes += d.needs.resourceTypes.filter { !n.resourceTypes.contains($0) }
            n.iamActions += d.needs.iamActions.filter { !n.iamActions.contains($0) }
            n.endpoints += d.needs.endpoints.filter { !n.endpoints.contains($0) }
            n.pricedTypes += d.needs.pricedTypes.filter { !n.pricedTypes.contains($0) }
        }
        return n
    }
}
