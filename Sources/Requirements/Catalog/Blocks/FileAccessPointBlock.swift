import Foundation

/// EFS access points on the stack's file system (root directory, POSIX owner and creation
/// permissions) and a file system policy that denies unencrypted transport and, with access
/// points, mounts that bypass them.
enum FileAccessPointBlock: BuildingBlock {
    struct AccessPoint: Codable, Sendable, Equatable {
        var path: String
        var uid: Int
        var gid: Int
        var permissions: String
    }
    struct Properties: BlockProperties {
        var accessPoints: [AccessPoint] = []
        var enforceTLS: Sourced<Bool>?
    }
    static let kind = "fileAccessPoint"
    static let noun = "EFS access point"
    static let repeatable = false
    static let lexicon = Lexicon(mention: "\\b(access points?|posix (user|uid|owner)|uid|gid|file system policy|efs policy)\\b", strong: "\\b(access points?|file system policy)\\b", exclude: "\\bs3 access points?\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_efs_access_point", "aws_efs_file_system_policy"],
        iamActions: ["elasticfilesystem:CreateAccessPoint", "elasticfilesystem:DeleteAccessPoint", "elasticfilesystem:DescribeAccessPoints", "elasticfilesystem:PutFileSystemPolicy", "elasticfilesystem:DescribeFileSystemPolicy", "elasticfilesystem:DeleteFileSystemPolicy", "elasticfilesystem:TagResource"],
        endpoints: ["efs"], pricedTypes: [])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        var hit = false
        let uid = s.normalized.capture("\\buid\\s*[:=]?\\s*(\\d{1,10})").flatMap { Int($0) }
        let gid = s.normalized.capture("\\bgid\\s*[:=]?\\s*(\\d{1,10})").flatMap { Int($0) } ?? uid
        let perms = s.normalized.capture("\\b(?:permissions?|mode|chmod)\\s*[:=]?\\s*`?(0?[0-7]{3})\\b") ?? "0750"
        let paths = s.text.matches("[`\"“](/[A-Za-z0-9_./-]*)[`\"”]").map { $0.groups[1] }
        for path in paths where !p.accessPoints.contains(where: { $0.path == path }) {
            p.accessPoints.append(AccessPoint(path: path, uid: uid ?? 1000, gid: gid ?? 1000, permissions: perms)); hit = true
        }
        if paths.isEmpty, let uid, let i = p.accessPoints.indices.last { p.accessPoints[i].uid = uid; p.accessPoints[i].gid = gid ?? uid; hit = true }
        if s.says("\\b(tls|in transit|encrypted transport|secure transport)\\b") { hit = p.enforceTLS.read(s.choice("\\b(tls|in transit|secure transport)\\b") ?? true, line: s.line) || hit }
        return hit || context.mentionsBlock
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create, let fs = ctx.created(.fileSystem).first else { return }
        let points = c.properties.accessPoints.isEmpty ? [AccessPoint(path: "/data", uid: 1000, gid: 1000, permissions: "0750")] : c.properties.accessPoints
        for (k, ap) in points.enumerated() {
            ctx.resource("aws_efs_access_point", points.count == 1 ? c.id : "\(c.id)_\(k + 1)", [
                a("file_system_id", .reference("aws_efs_file_system.\(fs.id).id")),
                b("posix_user", [a("uid", .int(ap.uid)), a("gid", .int(ap.gid))]),
                b("root_directory", [a("path", .string(ap.path)), b("creation_info", [a("owner_uid", .int(ap.uid)), a("owner_gid", .int(ap.gid)), a("permissions", .string(ap.permissions))])]),
                RenderContext.nameTag("\(ctx.baseName)-\(NameReader.identifier(ap.path))"),
            ])
        }
        ctx.data("aws_iam_policy_document", "\(c.id)_fs", [
            b("statement", [
                a("sid", .string("DenyInsecureTransport")), a("effect", .string("Deny")), a("actions", .strings(["*"])),
                a("resources", .list([.reference("aws_efs_file_system.\(fs.id).arn")])),
                b("principals", [a("type", .string("AWS")), a("identifiers", .strings(["*"]))]),
                b("condition", [a("test", .string("Bool")), a("variable", .string("aws:SecureTransport")), a("values", .strings(["false"]))]),
            ]),
            b("statement", [
                a("sid", .string("MountThroughAccessPointsOnly")), a("actions", .strings(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"])),
                a("resources", .list([.reference("aws_efs_file_system.\(fs.id).arn")])),
                b("principals", [a("type", .string("AWS")), a("identifiers", .strings(["*"]))]),
                b("condition", [a("test", .string("StringLike")), a("variable", .string("elasticfilesystem:AccessPointArn")), a("values", .list(points.indices.map { .reference("aws_efs_access_point.\(points.count == 1 ? c.id : "\(c.id)_\($0 + 1)").arn") }))]),
            ]),
        ])
        ctx.resource("aws_efs_file_system_policy", c.id, [a("file_system_id", .reference("aws_efs_file_system.\(fs.id).id")), a("policy", .reference("data.aws_iam_policy_document.\(c.id)_fs.json"))])
    }
}
