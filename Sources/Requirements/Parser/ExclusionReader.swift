/// What a document rules out ("not wanted: a NAT gateway", "no flow logs", "~~Transit gateway~~ —
/// not now"), as the Terraform resource types that must then not be built. A thing ruled out in
/// one place and asked for in another is not excluded.
enum ExclusionReader {
    /// How people name things that are often implied, and the resource types that build them
    /// (parts and extras only: never the type a document's main ask is built from).
    static let lexicon: [(words: String, types: [String])] = [
        ("nat( gateways?)?", ["aws_nat_gateway"]),
        ("elastic ips?|eips?", ["aws_eip"]),
        ("flow logs?", ["aws_flow_log"]),
        ("internet gateways?|igws?", ["aws_internet_gateway"]),
        ("(vpc )?peering( connections?)?", ["aws_vpc_peering_connection"]),
        ("transit gateways?( attachments?)?", ["aws_ec2_transit_gateway", "aws_ec2_transit_gateway_vpc_attachment"]),
        ("vpc endpoints?|(interface|gateway) endpoints?|privatelink", ["aws_vpc_endpoint"]),
        ("(a )?new vpc|(a )?vpc of (its|our) own", ["aws_vpc"]),
        ("(customer[- ]managed |kms |cmk )+keys?|cmks?", ["aws_kms_key", "aws_kms_alias"]),
        ("dashboards?", ["aws_cloudwatch_dashboard"]),
        ("(sns )?topics?|sns", ["aws_sns_topic"]),
        ("(sns |e-?mail )?subscriptions?", ["aws_sns_topic_subscription"]),
        ("secrets manager( secrets?)?", ["aws_secretsmanager_secret", "aws_secretsmanager_secret_version"]),
        ("cloudfront|cdn", ["aws_cloudfront_distribution"]),
        ("waf|web acl|firewall rules?", ["aws_wafv2_web_acl"]),
        ("(eventbridge )?scheduler", ["aws_scheduler_schedule", "aws_scheduler_schedule_group"]),
        ("iam users?", ["aws_iam_user"]),
        ("access keys?", ["aws_iam_access_key"]),
        ("read replicas?", []),
        ("dms|database migration service", ["aws_dms_replication_instance", "aws_dms_replication_task", "aws_dms_endpoint"]),
        ("key pairs?", ["aws_key_pair"]),
        ("route ?53|dns records?", ["aws_route53_record"]),
        ("(acm )?certificates?", ["aws_acm_certificate"]),
        ("backup (plans?|vaults?)", ["aws_backup_plan", "aws_backup_vault"]),
    ]

    /// The resource types the document rules out, each with the line that does.
    static func excluded(in statements: [Statement]) -> [Sourced<String>] {
        var ruledOut: [String: Int] = [:]
        var asked: Set<String> = []
        for s in statements where s.shape != .code {
            for (words, types) in lexicon where !types.isEmpty {
                for m in s.normalized.matches("\\b(" + words + ")\\b") {
                    switch PolarityReader.polarity(of: s, offset: m.offset, length: m.groups[0].utf16.count) {
                    case .negated: for t in types where ruledOut[t] == nil { ruledOut[t] = s.line }
                    case .create: asked.formUnion(types)
                    case .existing, .context: break
                    }
                }
            }
        }
        return ruledOut.filter { !asked.contains($0.key) }.map { Sourced($0.key, line: $0.value) }.sorted { ($0.line, $0.value) < ($1.line, $1.value) }
    }
}
