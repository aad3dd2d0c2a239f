import Foundation
import Testing
@testable import Terraform

struct StateGuardTests {
    @Test func snapshotsKeepHistoryAndCorruptStateNamesTheLatestSnapshot() throws {
        let temp = try TemporaryDirectory("state")
        defer { temp.cleanup() }
        let stateGuard = StateGuard(statePath: temp.path("state/terraform.tfstate"))
        try stateGuard.prepare()
        #expect(try stateGuard.snapshot(deployment: "d1") == nil)
        try temp.write("state/terraform.tfstate", "")
        try stateGuard.verifyReadable()
        try temp.write("state/terraform.tfstate", "{\"version\": 4, \"serial\": 1, \"lineage\": \"l\"}")
        try stateGuard.verifyReadable()
        let first = try #require(try stateGuard.snapshot(deployment: "d1"))
        let second = try #require(try stateGuard.snapshot(deployment: "d1"))
        #expect(first != second)
        #expect(stateGuard.snapshots().count == 2)
        try temp.write("state/terraform.tfstate", "{\"version\": 4, \"serial\"")
        #expect(throws: TerraformError.stateCorrupt(path: stateGuard.statePath, snapshot: stateGuard.snapshots().last)) {
            try stateGuard.verifyReadable()
        }
    }

    @Test func leftoverLockInfoWithoutAHolderIsCleared() throws {
        let temp = try TemporaryDirectory("state")
        defer { temp.cleanup() }
        let stateGuard = StateGuard(statePath: temp.path("terraform.tfstate"))
        try temp.write("terraform.tfstate", "")
        #expect(try stateGuard.recoverStaleLock() == .unlocked)
        try temp.write(".terraform.tfstate.lock.info", "{\"ID\": \"x\", \"Who\": \"root@host\"}")
        #expect(stateGuard.lockHolder() == nil)
        #expect(try stateGuard.recoverStaleLock() == .clearedStale(info: "{\"ID\": \"x\", \"Who\": \"root@host\"}"))
        #expect(!FileManager.default.fileExists(atPath: stateGuard.lockInfoPath))
    }
}

/// The leftovers of a dead state-writing run are ended; a live run is never touched.
struct RunRecordTests {
    /// Starts `sh` as the leader of a new session whose child `sleep` outlives it when
    /// `leaderExits`; returns the group id.
    func group(leaderExits: Bool) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        let script = leaderExits ? "echo $$; sleep 300 >/dev/null 2>&1 & exit 0" : "echo $$; exec sleep 300"
        process.arguments = ["sh", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        return try #require(Int32(line.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func leftoversOfADeadRunAreEndedAndALiveRunIsLeftAlone() async throws {
        let temp = try TemporaryDirectory("run-record")
        defer { temp.cleanup() }
        let record = RunRecord(path: temp.path("running-group"))
        #expect(record.endLeftovers() == nil)

        let dead = try group(leaderExits: true)
        var waited = 0
        while RunRecord.isAlive(dead), waited < 100 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(!RunRecord.isAlive(dead))
        #expect(RunRecord.processes(inGroup: dead).count == 1)
        record.save(group: dead)
        #expect(record.endLeftovers() == 1)
        #expect(record.group == nil)
        try await Task.sleep(for: .milliseconds(200))
        #expect(RunRecord.processes(inGroup: dead).isEmpty)

        let live = try group(leaderExits: false)
        record.save(group: live)
        #expect(record.endLeftovers() == nil)
        #expect(RunRecord.isAlive(live))
        kill(-live, SIGKILL)
        record.clear()
    }
}
