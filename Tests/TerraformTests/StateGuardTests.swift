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
