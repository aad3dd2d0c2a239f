import EZBuiltConfiguration
import Foundation
import Logging
import Testing
@testable import Reconciler

/// What the daemon makes of its data directory when it starts.
struct DaemonSetupTests {
    static func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test(.timeLimit(.minutes(1)))
    func anExistingWorldReadableDataDirectoryIsMadePrivateAtStart() async throws {
        let directory = try TemporaryDirectory("data-dir-mode")
        let data = directory.path("data")
        // An install from before 0700 left it readable by everyone.
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: data.path)
        #expect(try Self.mode(data) == 0o755)
        var config = EZBuiltConfig()
        config.dataDir = data.path
        config.terraform.binary = "/usr/local/bin/terraform"
        // The start-up path without the confinement probe (ConfinementTests cover that): the
        // data directory is made before terraform is looked at.
        config.terraform.confine = false
        let logger = Logger(label: "test")
        _ = try await DaemonSetup.terraform(config: config, sandboxEndpoint: nil, logger: logger)
        #expect(try Self.mode(data) == 0o700)
        let store = try await DaemonSetup.openStore(config, redactor: DaemonSecrets.redactor(config: config), logger: logger)
        try await store.upsertRepository(id: "demo", url: "/srv/demo.git")
        #expect(try Self.mode(URL(fileURLWithPath: DaemonSetup.databasePath(config))) == 0o600)
        await store.close()

        // A data directory that does not exist yet is made private.
        let fresh = directory.path("new/data")
        try DaemonSetup.createPrivateDataDirectory(fresh.path)
        #expect(try Self.mode(fresh) == 0o700)
    }
}
