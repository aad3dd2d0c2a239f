import Foundation

/// S3 replication from the stack's source bucket to a replica bucket (another region through an
/// aliased provider, or the same one): versioning on both sides, a role only S3 can assume with
/// only the permissions replication needs on those two buckets, one rule for the whole bucket
/// (or a prefix), delete markers when asked, the replica's storage class, and Replication Time
/// Control only when asked. The role the document asks for beside it is this role.
enum BucketReplicationBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var sourceBucket: Sourced<String>?
        var destinationBucket: Sourced<String>?
        var destinationRegion: Sourced<String>?
        var destinationAccount: Sourced<String>?
        var storageClass: Sourced<String>?
        var deleteMarkers: Sourced<Bool>?
        var prefix: Sourced<String>?
        var timeControl: Sourced<Bool>?
        var roleName: Sourced<String>?
        /// The replica bucket exists already (referenced, never created).
        var destinationExists: Sourced<Bool>?
        /// Days after which the replica's noncurrent versions expire.
        var replicaNoncurrentDays: Sourced<Int>?
    }
    static let kind = "bucketReplication"
    static let noun = "S3 replication configuration"
    static let replicaWords = "(replica|copy|copies|destination|target|dr|backup|secondary|second)"
    static let lexicon = Lexicon(
        mention: "\\b(s3 replication|bucket replication|replicat\\w*|replicas?|cross-region (replication|copy|copies)|crr|srr|replica bucket|copy bucket|delete markers?|replication time control|rtc)\\b",
        strong: "\\b(s3 replication|bucket replication|cross-region replication|same-region replication|crr|replicate (the |this |our )?[a-z0-9-]*\\s*buckets?|replicat\\w* (of )?(every|all|each|new) (objects?|files?|exports?|logs?|uploads?)|replica bucket|copy bucket|(copy|copies|replica) (of (every|all|each|the) )?[a-z0-9 -]{0,30}\\b(in|to|into) (a|another|a different|a second|the other|second) (aws )?region)\\b",
        exclude: "\\b(read replicas?|replication group|replicas? of the (database|db)|multi-az)\\b", nameNoun: nil)
    static let supersedes: [ComponentKind] = [.role]
    /// The buckets' names and regions are often listed apart from the words about copying.
    static let readsEveryStatement = true
    static let needs = BlockNeeds(
        resourceTypes: ["aws_s3_bucket_replication_configuration", "aws_iam_role", "aws_iam_role_policy"],
        iamActions: ["s3:PutReplicationConfiguration", "s3:GetReplicationConfiguration", "s3:DeleteReplicationConfiguration", "iam:PassRole"],
        endpoints: ["s3", "iam"], pricedTypes: [])

    static let bucketName = "[`\"“]?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])[`\"”]?"

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        // "replica: name in eu-west-1", "copy bucket | `name` in eu-west-1 (Ireland)", "source bucket `name`".
        for m in s.normalized.matches(bucketName + "\\s+(?:in|at)\\s+(?:region\\s+)?([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\b") where m.groups[1].contains("-") {
            if s.says("\\bsource\\b|\\bprimary\\b|\\boriginal\\b") && !s.says("\\b" + replicaWords + "\\b[^.;]{0,20}" + bucketName) {
                hit = p.sourceBucket.read(m.groups[1], line: s.line) || hit
            } else if s.says("\\b" + replicaWords + "\\b") {
                hit = p.destinationBucket.read(m.groups[1], line: s.line) || hit
                hit = p.destinationRegion.read(m.groups[2], line: s.line) || hit
                if s.says("\\b(existing|already exists|already there|not managed here)\\b") { p.destinationExists.read(true, line: s.line) }
            }
        }
        if p.destinationBucket == nil, let n = s.text.capture("(?i)\\b(?:replica|copy|destination|target) bucket\\s*(?:\\(new\\))?\\s*(?:is|:|=|called|named)?\\s*[`\"“]([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])[`\"”]") { hit = p.destinationBucket.read(n, line: s.line) || hit }
        if p.sourceBucket == nil, let n = s.text.capture("(?i)\\bsource bucket\\s*(?:\\(new\\))?\\s*(?:is|:|=|called|named)?\\s*[`\"“]([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])[`\"”]") { hit = p.sourceBucket.read(n, line: s.line) || hit }
        guard context.mentionsBlock || s.says("\\b" + replicaWords + "\\b") else { return hit }
        if s.says("\\bnoncurrent|non-current|previous versions?\\b"), s.says("\\b(replica|copy|destination)\\b"), !s.says("\\b(source|both)\\b"),
           let d = Values.days(in: s.after("\\b(expire|expires|expired|deleted|removed|after|kept)\\b") ?? "") {
            hit = p.replicaNoncurrentDays.read(d, line: s.line) || hit
        }
        if p.destinationRegion == nil, context.mentionsBlock, let r = Values.regions(in: s.normalized).last, s.says("\\b(to|in|into)\\b") { hit = p.destinationRegion.read(r, line: s.line) || hit }
        if s.says("\\bdelete markers?\\b") { hit = p.deleteMarkers.read(s.choice("\\bdelete markers?\\b") ?? true, line: s.line) || hit }
        let classes: [(String, String)] = [("standard[- _]?ia|infrequent access", "STANDARD_IA"), ("one[- _]?zone[- _]?ia", "ONEZONE_IA"), ("intelligent[- _]?tiering", "INTELLIGENT_TIERING"),
                                           ("glacier instant retrieval|glacier_ir", "GLACIER_IR"), ("deep archive", "DEEP_ARCHIVE"), ("glacier flexible|\\bglacier\\b", "GLACIER")]
        if s.says("\\b(replica|copy|copies|destination|replicated|storage class)\\b") {
            for (pattern, cls) in classes where s.says("\\b(" + pattern + ")\\b") { hit = p.storageClass.read(cls, line: s.line) || hit; break }
        }
        if s.says("\\b(replication time control|rtc)\\b") {
            let ruledOut = s.says("\\b(out of scope|not needed|not required|no need|isn't needed|no|not|without|don't|do not|skip)\\b") || s.normalizedContext.has("\\b(out of scope|not in scope|non-goals?)\\b")
            // A question asks for nothing, and what was ruled out stays out.
            if ruledOut { hit = p.timeControl.read(false, line: s.line) || hit }
            else if !s.text.trimmed.hasSuffix("?"), p.timeControl?.value != false, s.choice("\\b(replication time control|rtc)\\b") == true { hit = p.timeControl.read(true, line: s.line) || hit }
        }
        if let acct = s.normalized.capture("(?<![\\d-])(\\d{12})(?![\\d-])"), s.says("\\b(another|other|different|separate|destination|dr|backup) account\\b") { hit = p.destinationAccount.read(acct, line: s.line) || hit }
        if s.says("\\bprefix\\b"), let pre = s.text.capture("(?i)\\bprefix\\s*[`\"“]([^`\"”]{1,255})[`\"”]") { hit = p.prefix.read(pre, line: s.line) || hit }
        if s.says("\\brole\\b"), let n = s.text.capture("(?i)\\brole\\s*(?:named|called)?\\s*[`\"“]([A-Za-z0-9+=,.@_-]{1,64})[`\"”]") { hit = p.roleName.read(n, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let buckets = ctx.created(.bucket)
        let named = { (n: String?) in n.flatMap { n in buckets.first { $0.name?.value == n } } }
        guard let source = named(p.sourceBucket?.value) ?? buckets.first(where: { p.destinationBucket == nil || $0.name?.value != p.destinationBucket?.value }) else {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "replication was asked for but the stack creates no source bucket"))
            return
        }
        // The source named here but left unnamed by the bucket's own reading takes that name.
        if source.name == nil, let n = p.sourceBucket?.value,
           let k = ctx.blocks.firstIndex(where: { $0.type == "resource" && $0.labels == ["aws_s3_bucket", source.id] }) {
            ctx.blocks[k].body = ctx.blocks[k].body.map { if case .attribute("bucket", _) = $0 { return .attribute("bucket", .string(n)) }; return $0 }
        }
        var replica = named(p.destinationBucket?.value) ?? (p.destinationBucket == nil ? buckets.first { $0.id != source.id } : nil)
        // A new replica bucket named only here is created like any bucket of the stack.
        if replica == nil, let n = p.destinationBucket?.value, p.destinationExists?.value != true {
            var made = Component(kind: .bucket, id: NameReader.identifier(n), name: Sourced(n, line: p.destinationBucket?.line ?? c.line), line: p.destinationBucket?.line ?? c.line)
            if let d = p.replicaNoncurrentDays { made.set("noncurrentDays", .int(d.value), line: d.line) }
            BucketBlock.render(made, into: &ctx)
            replica = made
        }
        // The replica's lifecycle read from the source's words is the replica's alone.
        if let d = p.replicaNoncurrentDays, source.properties["noncurrentDays"]?.line == d.line {
            ctx.blocks.removeAll { $0.type == "resource" && $0.labels == ["aws_s3_bucket_lifecycle_configuration", source.id] }
        }
        let destinationARN: HCLExpression
        if let replica {
            destinationARN = .reference("aws_s3_bucket.\(replica.id).arn")
            // The replica's own resources go to its region's provider.
            if let region = p.destinationRegion?.value, let provider = ctx.provider(for: region) {
                for k in ctx.blocks.indices where ctx.blocks[k].type == "resource" && ctx.blocks[k].labels.count == 2
                    && ctx.blocks[k].labels[0].hasPrefix("aws_s3_bucket") && ctx.blocks[k].labels[1] == replica.id {
                    ctx.blocks[k].body.insert(.attribute("provider", provider), at: 0)
                }
            }
        } else if let n = p.destinationBucket?.value {
            destinationARN = .string("arn:aws:s3:::\(n)")
        } else {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "replication was asked for without a replica bucket; name the bucket the objects are copied to"))
            return
        }
        let sourceARN = HCLExpression.reference("aws_s3_bucket.\(source.id).arn")
        let role = "\(c.id)_s3"
        ctx.role(id: role, name: p.roleName?.value ?? ctx.name(source, source.id) + "-replication", service: "s3.amazonaws.com")
        ctx.rolePolicy(id: role, role: .reference("aws_iam_role.\(role).id"), statements: [
            PolicyStatement(sid: "ReadSourceConfiguration", actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"], resources: [sourceARN]),
            PolicyStatement(sid: "ReadSourceVersions", actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], resources: [tpl(.interpolation("aws_s3_bucket.\(source.id).arn"), .literal("/*"))]),
            PolicyStatement(sid: "WriteReplicas", actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                            resources: [replica.map { tpl(.interpolation("aws_s3_bucket.\($0.id).arn"), .literal("/*")) } ?? .string("arn:aws:s3:::\(p.destinationBucket?.value ?? "")/*")]),
        ])
        var destination: [HCLBodyItem?] = [a("bucket", destinationARN), a("storage_class", .string(p.storageClass?.value ?? "STANDARD"))]
        if let acct = p.destinationAccount?.value {
            destination += [a("account", .string(acct)), b("access_control_translation", [a("owner", .string("Destination"))])]
        }
        if p.timeControl?.value == true {
            destination += [b("replication_time", [a("status", .string("Enabled")), b("time", [a("minutes", .int(15))])]),
                            b("metrics", [a("status", .string("Enabled")), b("event_threshold", [a("minutes", .int(15))])])]
        }
        var depends: [HCLExpression] = [.reference("aws_s3_bucket_versioning.\(source.id)")]
        if let replica { depends.append(.reference("aws_s3_bucket_versioning.\(replica.id)")) }
        ctx.resource("aws_s3_bucket_replication_configuration", c.id, [
            a("bucket", .reference("aws_s3_bucket.\(source.id).id")), a("role", .reference("aws_iam_role.\(role).arn")),
            b("rule", [
                a("id", .string(p.prefix == nil ? "replicate-everything" : "replicate-prefix")), a("status", .string("Enabled")),
                b("filter", p.prefix.map { [a("prefix", .string($0.value))] } ?? []),
                b("delete_marker_replication", [a("status", .string(p.deleteMarkers?.value == true ? "Enabled" : "Disabled"))]),
                b("destination", destination),
            ]),
            .comment("Replication needs versioning on both buckets first."),
            a("depends_on", .list(depends)),
        ])
    }
}
