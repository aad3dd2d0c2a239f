/// Picks the smallest current instance or database class that fits a stated size.
public enum Sizing {
    /// (name, vCPU, memory GiB, burstable, arm)
    static let ec2: [(String, Double, Double, Bool, Bool)] = [
        ("t3.micro", 2, 1, true, false), ("t4g.micro", 2, 1, true, true), ("t3.small", 2, 2, true, false), ("t4g.small", 2, 2, true, true),
        ("t3.medium", 2, 4, true, false), ("t4g.medium", 2, 4, true, true), ("t3.large", 2, 8, true, false), ("t4g.large", 2, 8, true, true),
        ("m7i.large", 2, 8, false, false), ("m7g.large", 2, 8, false, true), ("r7i.large", 2, 16, false, false), ("r7g.large", 2, 16, false, true),
        ("t3.xlarge", 4, 16, true, false), ("t4g.xlarge", 4, 16, true, true), ("m7i.xlarge", 4, 16, false, false), ("m7g.xlarge", 4, 16, false, true),
        ("r7i.xlarge", 4, 32, false, false), ("r7g.xlarge", 4, 32, false, true), ("m7i.2xlarge", 8, 32, false, false), ("m7g.2xlarge", 8, 32, false, true),
        ("r7i.2xlarge", 8, 64, false, false), ("r7g.2xlarge", 8, 64, false, true), ("m7i.4xlarge", 16, 64, false, false), ("m7g.4xlarge", 16, 64, false, true),
        ("m7i.8xlarge", 32, 128, false, false), ("m7g.8xlarge", 32, 128, false, true),
    ]
    static let rds: [(String, Double, Double, Bool)] = [
        ("db.t4g.micro", 2, 1, true), ("db.t4g.small", 2, 2, true), ("db.t4g.medium", 2, 4, true), ("db.t4g.large", 2, 8, true),
        ("db.m7g.large", 2, 8, false), ("db.r7g.large", 2, 16, false), ("db.t4g.xlarge", 4, 16, true), ("db.m7g.xlarge", 4, 16, false),
        ("db.r7g.xlarge", 4, 32, false), ("db.m7g.2xlarge", 8, 32, false), ("db.r7g.2xlarge", 8, 64, false), ("db.m7g.4xlarge", 16, 64, false),
        ("db.r7g.4xlarge", 16, 128, false), ("db.m7g.8xlarge", 32, 128, false),
    ]

    /// Smallest EC2 type with at least the given vCPUs and memory.
    public static func instanceType(vcpu: Double, memoryGiB: Double, arm: Bool, burstable: Bool) -> String? {
        ec2.first { $0.1 >= vcpu && $0.2 >= memoryGiB && $0.4 == arm && (burstable || !$0.3) }?.0
    }

    /// Smallest RDS class with at least the given vCPUs and memory.
    public static func databaseClass(vcpu: Double, memoryGiB: Double, burstable: Bool) -> String? {
        rds.first { $0.1 >= vcpu && $0.2 >= memoryGiB && (burstable || !$0.3) }?.0
    }

    /// Fargate CPU units and memory MiB that fit, rounded to a valid combination.
    public static func fargate(vcpu: Double, memoryGiB: Double) -> (cpu: Int, memory: Int) {
        let cpus: [(Int, [Int])] = [(256, [512, 1024, 2048]), (512, Array(stride(from: 1024, through: 4096, by: 1024))),
                                    (1024, Array(stride(from: 2048, through: 8192, by: 1024))), (2048, Array(stride(from: 4096, through: 16384, by: 1024))),
                                    (4096, Array(stride(from: 8192, through: 30720, by: 1024)))]
        let wantCPU = Int(vcpu * 1024), wantMem = Int(memoryGiB * 1024)
        for (cpu, mems) in cpus where cpu >= wantCPU {
            if let m = mems.first(where: { $0 >= wantMem }) { return (cpu, m) }
        }
        return (4096, 30720)
    }
}
