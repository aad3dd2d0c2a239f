import Foundation

/// AWS Backup: a vault (optionally locked), a plan with rules (schedule, retention, cold
/// storage, copies), and a tag-based selection through the service role.
enum BackupPlanBlock: BuildingBlock {
    struct Rule: Codable, Sendable, Equatable {
        var name: String
        var schedule: String
        var deleteAfterDays: Int
        var coldAfterDays: Int?
    }
    struct Properties: BlockProperties {
        var rules: [Rule] = []
        var lock: Sourced<Bool>?
        var minRetentionDays: Sourced<Int>?
        var maxRetentionDays: Sourced<Int>?
        var lockGraceDays: Sourced<Int>?
        var tagKey: Sourced<String>?
        var tagValue: Sourced<String>?
        var resourceARNs: [String] = []
    }
    static let kind = "backupPlan"
    static let noun = "AWS Backup plan"
    static let lexicon = Lexicon(
        mention: "\\b(aws backup|backup (plan|vault|rules?|selection)s?|backups?|vault lock|compliance mode|governance mode|restore points?|recovery points?)\\b",
        strong: "\\b(aws backup|backup (plan|vault)s?|vault lock)\\b", exclude: "\\b(backup (retention|window)|automated backups|(efs )?(automatic )?backups? policy|default (aws )?backup (plan|vault))\\b", nameNoun: "(?:vault|plan|backup vault|backup plan)")
    static let needs = BlockNeeds(
        resourceTypes: ["aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_backup_plan", "aws_backup_selection", "aws_iam_role", "aws_iam_role_policy_attachment"],
        iamActions: ["backup:CreateBackupVault", "backup:DeleteBackupVault", "backup:DescribeBackupVault", "backup:PutBackupVaultLockConfiguration", "backup:DeleteBackupVaultLockConfiguration", "backup:CreateBackupPlan", "backup:DeleteBackupPlan", "backup:GetBackupPlan", "backup:UpdateBackupPlan", "backup:CreateBackupSelection", "backup:DeleteBackupSelection", "backup:GetBackupSelection", "backup:TagResource", "backup:ListTags", "backup-storage:MountCapsule", "kms:CreateGrant", "kms:DescribeKey", "iam:PassRole"],
        endpoints: ["backup", "iam"], pricedTypes: ["aws_backup_vault"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let t = s.normalized
        if let sched = Values.schedule(in: s.text) ?? Values.schedule(in: t), s.says("\\b(backups?|snapshots?|daily|weekly|monthly|nightly|every|keep|retain)\\b") {
            let keep = Values.days(in: s.after("\\b(keep|kept|retain(ed)?|retention|for|delete after|expire)\\w*\\b") ?? "") ?? 35
            let cold = s.says("\\bcold\\b") ? Values.days(in: s.after("\\bcold( storage)?\\b( after)?") ?? "") : nil
            let name = t.has("\\bmonthly|each month|every month\\b") ? "monthly" : t.has("\\bweekly|every (week|sunday|monday|saturday)\\b") ? "weekly" : "daily"
            if let i = p.rules.firstIndex(where: { $0.name == name }) { p.rules[i] = Rule(name: name, schedule: sched.hasPrefix("rate") ? "cron(0 5 * * ? *)" : sched, deleteAfterDays: keep, coldAfterDays: cold) }
            else { p.rules.append(Rule(name: name, schedule: sched.hasPrefix("rate") ? "cron(0 5 * * ? *)" : sched, deleteAfterDays: keep, coldAfterDays: cold)) }
            hit = true
        }
        if s.says("\\b(lock|immutable|worm|cannot be deleted|can't be deleted|compliance mode|governance mode|ransomware)\\b") {
            hit = p.lock.read(s.choice("\\b(lock|immutable|worm|compliance mode|governance mode)\\w*\\b") ?? true, line: s.line) || hit
            if let n = t.capture("\\bmin(?:imum)?(?: retention)?(?: of)?\\s*(\\d+)\\s*days?") .flatMap({ Int($0) }) { p.minRetentionDays.read(n, line: s.line) }
            if let n = t.capture("\\bmax(?:imum)?(?: retention)?(?: of)?\\s*(\\d+)\\s*days?") .flatMap({ Int($0) }) { p.maxRetentionDays.read(n, line: s.line) }
            if let n = t.capture("(\\d+)[- ]days? (?:grace|cooling[- ]off|to change)|(?:grace|cooling[- ]off)[^.]{0,20}?(\\d+)\\s*days?").flatMap({ Int($0) }) { p.lockGraceDays.read(n, line: s.line) }
        }
        if let m = s.text.match("(?i)\\btag(?:ged)?\\s*(?:with\\s*)?[`\"“]?([A-Za-z0-9_.:/+-]+)[`\"”]?\\s*[:=]\\s*[`\"“]?([A-Za-z0-9_.:/+-]+)[`\"”]?") { hit = p.tagKey.read(m[1], line: s.line) || hit; p.tagValue.read(m[2], line: s.line) }
        for arn in Values.arns(in: s.text) where ["rds", "dynamodb", "elasticfilesystem", "ec2", "s3"].contains(arn.service) && !p.resourceARNs.contains(arn.text) { p.resourceARNs.append(arn.text); hit = true }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let name = ctx.blockName(c, "backup")
        ctx.resource("aws_backup_vault", c.id, [a("name", .string(name)), ctx.kmsKeyARN.map { a("kms_key_arn", $0) } ?? nil])
        if p.lock?.value == true {
            let rules = p.rules.isEmpty ? [Rule(name: "daily", schedule: "", deleteAfterDays: 35, coldAfterDays: nil)] : p.rules
            ctx.resource("aws_backup_vault_lock_configuration", c.id, [
                a("backup_vault_name", .reference("aws_backup_vault.\(c.id).name")),
                a("min_retention_days", .int(p.minRetentionDays?.value ?? rules.map(\.deleteAfterDays).min() ?? 7)),
                a("max_retention_days", .int(p.maxRetentionDays?.value ?? max(36500 / 10, rules.map(\.deleteAfterDays).max() ?? 365))),
                p.lockGraceDays.map { a("changeable_for_days", .int(max(3, $0.value))) } ?? nil,
            ])
        }
        let rules = p.rules.isEmpty ? [Rule(name: "daily", schedule: "cron(0 5 * * ? *)", deleteAfterDays: 35, coldAfterDays: nil)] : p.rules
        var items: [HCLBodyItem?] = [a("name", .string(name))]
        for r in rules {
            var lifecycle: [HCLBodyItem?] = [a("delete_after", .int(max(r.deleteAfterDays, (r.coldAfterDays ?? 0) + 90 * (r.coldAfterDays == nil ? 0 : 1))))]
            if let cold = r.coldAfterDays { lifecycle.insert(a("cold_storage_after", .int(cold)), at: 0) }
            items.append(b("rule", [
                a("rule_name", .string(r.name)), a("target_vault_name", .reference("aws_backup_vault.\(c.id).name")), a("schedule", .string(r.schedule)),
                a("start_window", .int(60)), a("completion_window", .int(360)), b("lifecycle", lifecycle),
            ]))
        }
        ctx.resource("aws_backup_plan", c.id, items)
        ctx.role(id: "\(c.id)_backup", name: name + "-backup", service: "backup.amazonaws.com")
        ctx.resource("aws_iam_role_policy_attachment", "\(c.id)_backup", [a("role", .reference("aws_iam_role.\(c.id)_backup.name")), a("policy_arn", .string("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"))])
        ctx.resource("aws_iam_role_policy_attachment", "\(c.id)_restore", [a("role", .reference("aws_iam_role.\(c.id)_backup.name")), a("policy_arn", .string("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"))])
        var selection: [HCLBodyItem?] = [a("name", .string(name + "-selection")), a("plan_id", .reference("aws_backup_plan.\(c.id).id")), a("iam_role_arn", .reference("aws_iam_role.\(c.id)_backup.arn"))]
        if !p.resourceARNs.isEmpty { selection.append(a("resources", .strings(p.resourceARNs))) }
        else { selection.append(b("selection_tag", [a("type", .string("STRINGEQUALS")), a("key", .string(p.tagKey?.value ?? "Backup")), a("value", .string(p.tagValue?.value ?? "true"))])) }
        ctx.resource("aws_backup_selection", c.id, selection)
    }
}
