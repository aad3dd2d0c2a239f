import Foundation
import PostgresFixture
import Sandbox
import Store
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two `ezbuilt serve` replicas on one PostgreSQL database, with state in S3 and locks in
/// DynamoDB (moto): they share the work through the database only.
@Suite(.serialized) struct ReplicaTests {
    static let stacks = ["one", "two", "three", "four"]

    /// SQS takes about a minute to apply in moto: long enough to kill a replica mid-apply.
    static func requirements(_ name: String) -> String {
        "# Jobs \(name)\n\n- Region: us-east-1\n- An SQS queue named `acme-replica-\(name)` for background jobs.\n"
    }

    @Test(.timeLimit(.minutes(30)))
    func twoReplicasProposeAndDeployEachStackOnceAndTakeOverFromAKilledOne() async throws {
        let moto = try await MotoServer.start()
        defer { Task { await moto.stop() } }
        try await TestPostgres.with { postgres in
            let temp = try TemporaryDirectory("ezbuilt-replicas")
            _ = try aws(moto.endpoint, ["s3api", "create-bucket", "--bucket", "ezbuilt-state"])
            _ = try aws(moto.endpoint, ["dynamodb", "create-table", "--table-name", "ezbuilt-locks",
                                        "--attribute-definitions", "AttributeName=LockID,AttributeType=S",
                                        "--key-schema", "AttributeName=LockID,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST"])
            let remote = try GitRemote(in: temp, files: ["README.md": "# infra\n"])
            let environment = ["EZBUILT_TEST_DATABASE_URL": postgres.url]
            let replicas = try (1...2).map { index in
                let config = temp.path("replica\(index).yaml")
                try writeConfig(to: config, dataDir: temp.path("data\(index)"), repositoryURL: remote.bare, sandbox: moto.endpoint,
                                extra: "store: { postgres: { urlEnv: EZBUILT_TEST_DATABASE_URL, leaseDuration: 6s } }",
                                repositoryExtra: "state: { backend: s3, bucket: ezbuilt-state, keyPrefix: stacks, region: us-east-1, dynamodbTable: ezbuilt-locks }")
                return try DaemonProcess(config: config, logFile: temp.path("replica\(index).log"), environment: environment)
            }
            defer { for replica in replicas where replica.isRunning { kill(replica.pid, SIGKILL) } }
            let logs = { replicas.map { "\($0.pid):\n\($0.log.suffix(3000))" }.joined(separator: "\n---\n") }
            let store = try await Store(postgres: postgres.settings)

            // Four stacks pushed on one branch: each is proposed once, by one replica or the other.
            try remote.push(branch: "feature/jobs", files: Dictionary(uniqueKeysWithValues: Self.stacks.map {
                ("jobs/\($0)/requirements.md", Self.requirements($0))
            }), message: "Add four queues")
            let proposed = try await eventually(timeout: .seconds(900)) {
                Self.stacks.allSatisfy { remote.read("jobs/\($0)/PLAN.md", on: "feature/jobs")?.contains("Result: ready to merge") == true }
            }
            #expect(proposed, "proposals missing; replicas:\n\(logs())")
            // Both replicas keep polling: nothing more is proposed.
            try await Task.sleep(for: .seconds(6))
            let proposeCommits = remote.log("feature/jobs").filter { $0.hasPrefix("ezbuilt: propose") }
            #expect(proposeCommits.count == 4, "\(proposeCommits)")
            for name in Self.stacks {
                let proposals = try await store.proposals(stackId: "acme/jobs/\(name)")
                #expect(proposals.count == 1 && proposals.first?.status == .proposed, "acme/jobs/\(name): \(proposals)")
            }

            // Merge; once an apply runs, kill -9 the replica running it.
            try remote.merge("feature/jobs")
            var victim: DeploymentRecord?
            let applying = try await eventually(timeout: .seconds(900), every: .milliseconds(200)) {
                for name in Self.stacks {
                    guard let deployment = try await store.deployments(stackId: "acme/jobs/\(name)").first, deployment.status == .running,
                          let runId = deployment.runId,
                          try await store.logLines(runId: runId).contains(where: { $0.text.contains("Creating...") })
                    else { continue }
                    victim = deployment
                    return true
                }
                return false
            }
            #expect(applying, "no apply started; replicas:\n\(logs())")
            let killed = try #require(victim)
            let owner = try #require(killed.owner)
            let dead = try #require(replicas.first { owner.contains("-\($0.pid)-") }, "owner \(owner)")
            let survivor = try #require(replicas.first { $0 !== dead })
            await dead.killHard()

            // The survivor takes the stack over once the leases expire, and every stack ends deployed.
            let deployed = try await survivor.eventually(timeout: .seconds(900)) {
                for name in Self.stacks {
                    guard try await store.stack(id: "acme/jobs/\(name)")?.status == .deployed else { return false }
                }
                return true
            }
            #expect(deployed, "not all deployed; status: \(remote.log("ezbuilt/status")); replicas:\n\(logs())")
            let killedID = try #require(killed.id)
            let interrupted = try #require(try await store.deployment(id: killedID))
            #expect(interrupted.status == .interrupted, "\(interrupted)")
            let status = remote.log("ezbuilt/status")
            for name in Self.stacks {
                let id = "acme/jobs/\(name)"
                let deployments = try await store.deployments(stackId: id)
                // Deployed once: one succeeded deployment per stack, whichever replica ran it.
                #expect(deployments.filter { $0.status == .succeeded }.count == 1, "\(id): \(deployments)")
                #expect(deployments.allSatisfy { $0.status == .succeeded || ($0.status == .interrupted && $0.owner == owner) }, "\(id): \(deployments)")
                // Nothing lost or doubled on the status branch: one applied commit per stack, one
                // interrupted commit per deployment the dead replica left.
                #expect(status.filter { $0.hasPrefix("deploy(\(id)): applied") }.count == 1, "\(id): \(status)")
                #expect(status.filter { $0.hasPrefix("deploy(\(id)): interrupted") }.count == deployments.filter { $0.status == .interrupted }.count,
                        "\(id): \(status)")
                #expect(remote.read("stacks/\(id).md", on: "ezbuilt/status")?.contains("deployed") == true)
                #expect(try aws(moto.endpoint, ["sqs", "get-queue-url", "--queue-name", "acme-replica-\(name)"]).contains("acme-replica-\(name)"))
            }
            let takenOver = try await store.deployments(stackId: killed.stackId).first { $0.status == .succeeded }
            #expect(takenOver?.owner != nil && takenOver?.owner != owner, "\(String(describing: takenOver))")
            // The dead replica's run is interrupted, and its log is readable from the database.
            let deadRunID = try #require(killed.runId)
            #expect(try await store.run(id: deadRunID)?.status == .interrupted)
            #expect(!(try await store.logLines(runId: deadRunID)).isEmpty)

            #expect(await survivor.stop() == 0, "survivor:\n\(survivor.log.suffix(3000))")
            // No state lock is left behind (only the state digests stay in the table), and no
            // terraform of either replica is still running.
            let locks = try aws(moto.endpoint, ["dynamodb", "scan", "--table-name", "ezbuilt-locks"])
            let lockIDs = locks.matches(of: /"LockID":\s*\{\s*"S":\s*"([^"]+)"/).map { String($0.1) }
            #expect(!lockIDs.isEmpty, "the locks table was never used: \(locks)")
            #expect(lockIDs.allSatisfy { $0.hasSuffix("-md5") }, "\(lockIDs)")
            try await Task.sleep(for: .seconds(1))
            #expect(processesWorking(under: temp.url).isEmpty, "left running: \(processesWorking(under: temp.url))")
            await store.close()
        }
    }
}
