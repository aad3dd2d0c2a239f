import Foundation

/// An extra EBS volume attached to the stack's instance (or an existing one named by id):
/// always encrypted (with the stack's key when it has one), gp3 unless another type is asked,
/// in the instance's availability zone.
enum DataVolumeBlock: BuildingBlock {
    struct Properties: BlockProperties {
        var sizeGiB: Sourced<Int>?
        var volumeType: Sourced<String>?
        var iops: Sourced<Int>?
        var throughput: Sourced<Int>?
        var device: Sourced<String>?
        var instanceID: Sourced<String>?
    }
    static let kind = "dataVolume"
    static let noun = "EBS data volume"
    static let lexicon = Lexicon(
        mention: "\\b(ebs volumes?|data volumes?|data disks?|extra (ebs )?(volumes?|disks?)|additional (ebs )?(volumes?|disks?)|second(ary)? (ebs )?(volumes?|disks?)|separate (ebs )?(volumes?|disks?)|attached volumes?|volume attachment)\\b",
        strong: nil, exclude: "\\b(root|boot) (ebs )?(volume|disk)\\b", nameNoun: nil)
    static let needs = BlockNeeds(
        resourceTypes: ["aws_ebs_volume", "aws_volume_attachment"],
        iamActions: ["ec2:CreateVolume", "ec2:DeleteVolume", "ec2:DescribeVolumes", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:ModifyVolume", "ec2:CreateTags", "ec2:DescribeInstances"],
        endpoints: ["ec2"], pricedTypes: ["aws_ebs_volume"], dataSources: ["aws_instance"])

    static func read(_ s: Statement, into p: inout Properties, context: BlockReadContext) -> Bool {
        guard context.mentionsBlock else { return false }
        var hit = false
        if let g = Values.gibibytes(in: s.normalized) { hit = p.sizeGiB.read(max(1, Int(g.rounded())), line: s.line) }
        if let t = s.normalized.capture("\\b(gp3|gp2|io1|io2|st1|sc1)\\b") { hit = p.volumeType.read(t, line: s.line) || hit }
        if let n = s.normalized.capture("\\b(\\d[\\d,]*)\\s*(?:provisioned )?iops\\b") { hit = p.iops.read(Int(n.replacingOccurrences(of: ",", with: "")), line: s.line) || hit }
        if let n = s.normalized.capture("\\b(\\d+)\\s*(?:mb/s|mbps|mib/s)\\b") { hit = p.throughput.read(Int(n), line: s.line) || hit }
        if let d = s.text.capture("(/dev/(?:sd|xvd|nvme)[a-z0-9]{1,4})\\b") { hit = p.device.read(d, line: s.line) || hit }
        if let i = Values.ids("i", in: s.text).first { hit = p.instanceID.read(i, line: s.line) || hit }
        return true
    }

    static func render(_ c: BlockInstance<Properties>, into ctx: inout RenderContext) {
        guard c.ownership == .create else { return }
        let p = c.properties
        let instance: (id: HCLExpression, zone: HCLExpression)
        if let i = p.instanceID?.value {
            ctx.data("aws_instance", c.id, [a("instance_id", .string(i))])
            instance = (.string(i), .reference("data.aws_instance.\(c.id).availability_zone"))
        } else if let i = ctx.created(.instance).first {
            instance = (.reference("aws_instance.\(i.id).id"), .reference("aws_instance.\(i.id).availability_zone"))
        } else {
            ctx.diagnostics.append(Diagnostic(.warning, line: c.line, "the EBS volume has no instance to attach to: the stack creates none and the document names none (i-…)"))
            return
        }
        let type = p.volumeType?.value ?? "gp3"
        ctx.resource("aws_ebs_volume", c.id, [
            a("availability_zone", instance.zone), a("size", .int(p.sizeGiB?.value ?? 100)), a("type", .string(type)),
            ["gp3", "io1", "io2"].contains(type) ? p.iops.map { a("iops", .int($0.value)) } ?? nil : nil,
            type == "gp3" ? p.throughput.map { a("throughput", .int($0.value)) } ?? nil : nil,
            a("encrypted", .bool(true)), ctx.kmsKeyARN.map { a("kms_key_id", $0) } ?? nil,
            RenderContext.nameTag(ctx.blockName(c, "data")),
        ])
        ctx.resource("aws_volume_attachment", c.id, [
            a("device_name", .string(p.device?.value ?? "/dev/sdf")), a("volume_id", .reference("aws_ebs_volume.\(c.id).id")), a("instance_id", instance.id),
        ])
    }
}
