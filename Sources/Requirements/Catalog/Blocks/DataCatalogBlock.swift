import Foundation

/// Glue Data Catalog database with a crawler over the stack's (or a named) S3 prefix, on a
/// schedule, with a role that can read only that data.
enum DataCatalogBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var database: Sourced<String>?
        var s3Path: Sourced<String>?
        var schedule: Sourced<String>?
        var crawler: Sourced<Bool>?
    }
    static let kind = "dataCatalog"
    static let noun = "Glue Data Catalog database"
    static let lexicon = Lexicon(
        mention: "\\b(glue( data)?( catalog)?|data catalog|crawlers?|catalog database|glue database|partitions?)\\b",
        strong: "\\b(glue( data)?( catalog)?( database)?|data catalog|crawlers?)\\b", exclude: "\\bglue (jobs?|etl)\\b", nameNoun: "(?:glue database|catalog database|database|crawler)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_glue_catalog_database", "aws_glue_crawler", "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment"],
        iamActions: ["glue:CreateDatabase", "glue:DeleteDatabase", "glue:GetDatabase", "glue:UpdateDatabase", "glue:CreateCrawler", "glue:DeleteCrawler", "glue:GetCrawler", "glue:UpdateCrawler", "glue:TagResource", "glue:GetTags", "iam:PassRole"],
        endpoints: ["glue", "iam"], pricedTypes: ["aws_glue_crawler"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        if let d = s.text.capture("(?i)\\b(?:glue |catalog )?database\\s*(?:name)?\\s*(?:is|:|=|called|named)?\\s*[`\"“]([A-Za-z0-9_]{1,255})[`\"”]") { hit = p.database.read(d.lowercased(), line: s.line) }
        if let path = s.text.capture("(s3://[A-Za-z0-9._/-]+)") { hit = p.s3Path.read(path, line: s.line) || hit }
        if s.says("\\bcrawl") {
            hit = p.crawler.read(s.choice("\\bcrawl\\w*") ?? true, line: s.line) || hit
            if let sched = Values.schedule(in: s.normalized), sched.hasPrefix("cron") { hit = p.schedule.read(sched, line: s.line) || hit }
        }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let db = p.database?.value ?? NameReader.identifier(ctx.blockName(c, "catalog"))
        ctx.resource("aws_glue_catalog_database", c.id, [a("name", .string(db))])
        guard p.crawler?.value != false else { return }
        let bucket = ctx.created(.bucket).first
        let target: HCLExpression
        let bucketARN: HCLExpression
        if let path = p.s3Path?.value {
            target = .string(path)
            let name = String(path.dropFirst(5).prefix { $0 != "/" })
            bucketARN = .string("arn:aws:s3:::\(name)")
        } else if let bucket {
            target = .template([.literal("s3://"), .interpolation("aws_s3_bucket.\(bucket.id).bucket"), .literal("/")])
            bucketARN = .reference("aws_s3_bucket.\(bucket.id).arn")
        } else { return }
        let role = "\(c.id)_crawler"
        ctx.role(id: role, name: ctx.blockName(c, "catalog") + "-crawler", service: "glue.amazonaws.com")
        ctx.resource("aws_iam_role_policy_attachment", role, [a("role", .reference("aws_iam_role.\(role).name")), a("policy_arn", .string("arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"))])
        ctx.rolePolicy(id: "\(role)_read", role: .reference("aws_iam_role.\(role).id"), statements: [
            PolicyStatement(actions: ["s3:GetObject", "s3:ListBucket"], resources: [bucketARN, .template([.interpolation(refText(bucketARN)), .literal("/*")])]),
        ])
        ctx.resource("aws_glue_crawler", c.id, [
            a("name", .string(ctx.blockName(c, "catalog") + "-crawler")), a("database_name", .reference("aws_glue_catalog_database.\(c.id).name")),
            a("role", .reference("aws_iam_role.\(role).arn")), p.schedule.map { a("schedule", .string($0.value)) } ?? nil,
            b("s3_target", [a("path", target)]),
            b("schema_change_policy", [a("update_behavior", .string("UPDATE_IN_DATABASE")), a("delete_behavior", .string("LOG"))]),
        ])
    }

    /// The text of an expression for use inside a template.
    static func refText(_ e: HCLExpression) -> String {
        if case .reference(let r) = e { return r }
        if case .string(let s) = e { return "\"\(s)\"" }
        return "null"
    }
}
