import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// `jiujinban backup` and `jiujinban restore` (issue 20): a consistent copy taken while writes go on, restored
/// into a new folder that then serves and verifies; and every bad backup refused with nothing changed.
@Suite("Backup and restore of the embedded database", .enabled(if: !TestDatabase.usesPostgres))
struct BackupRestoreTests {
    let purge = AuditPurgeTests()

    /// A fresh folder under the temporary directory, removed by the caller.
    func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jjb-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func restoreConfiguration(_ data: URL, keys: SecretKeys = TestApp.keys) -> AppConfiguration {
        AppConfiguration(database: .sqlite(path: data.appendingPathComponent(AppConfiguration.sqliteFileName).path),
                         loadDemoData: false, dataDirectory: data.path, keys: keys)
    }

    /// What the restore refused with (its Chinese message), or nil when it succeeded.
    func refusal(_ configuration: AppConfiguration, from file: URL, replace: Bool = false) async -> String? {
        do {
            _ = try await Restore.run(configuration: configuration, from: file, replace: replace, logger: Logger(label: "test"))
            return nil
        } catch let error as PublicError {
            return error.reason
        } catch let problem as BackupProblem {
            return problem.description
        } catch {
            return "\(error)"
        }
    }

    func contents(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// An app with audit rows of two ages, the older ones archived and purged (an archive file to carry).
    func appWithArchive(_ body: @escaping (Application) async throws -> Void) async throws {
        let clock = TestClock(TestApp.fixedNow.addingTimeInterval(-200 * 86_400))
        try await TestApp.run(clock: clock.appClock) { app in
            try await purge.auditedActions(app, count: 3)
            clock.advance(by: 200 * 86_400)
            try await purge.auditedActions(app, count: 2)
            _ = try await purge.audit(app, ["purge"])
            try await body(app)
        }
    }

    @Test("a backup taken while writes go on restores into a new folder: same rows, archives, a chain that verifies, a server that serves")
    func backupAndRestore() async throws {
        try await appWithArchive { app in
            let out = try folder("backup")
            defer { try? FileManager.default.removeItem(at: out) }
            let file = out.appendingPathComponent("jjb.tar")
            // Writes continue while the copy is taken.
            async let writes: Void = purge.auditedActions(app, count: 10)
            let report = try await Backup.take(app, to: file)
            try await writes
            #expect(FileManager.default.fileExists(atPath: file.path))
            #expect(!FileManager.default.fileExists(atPath: file.path + ".partial"))
            #expect(report.auditRows > 0)

            let manifest = try BackupFile.read(file, keys: app.jiujinban.keys)
            #expect(manifest.members.contains { $0.path.hasPrefix(BackupManifest.archivesFolder) })
            #expect(manifest.members.contains { $0.path.hasPrefix(BackupManifest.anchorFolder) })
            // The keys are not in it: neither the key bytes nor their Base64 form.
            let bytes = try Data(contentsOf: file)
            for key in [app.jiujinban.keys.dataKey, app.jiujinban.keys.indexKey, app.jiujinban.keys.auditKey] {
                let raw = key.withUnsafeBytes { Data($0) }
                #expect(bytes.range(of: raw) == nil)
                #expect(bytes.range(of: Data(raw.base64EncodedString().utf8)) == nil)
            }

            let target = try folder("restored")
            defer { try? FileManager.default.removeItem(at: target) }
            let refused = await refusal(restoreConfiguration(target), from: file)
            #expect(refused == nil, "\(refused ?? "")")
            #expect(contents(target).contains(AuditArchiveFile.directoryName))

            // The restored folder serves, holds the backup's rows, and its chain verifies against the backup's anchor.
            let restored = try await Application.make(.testing)
            do {
                try await configure(restored, configuration: restoreConfiguration(target), clock: .fixed(TestApp.fixedNow))
                let report = try await AuditCommand.verify(restored)
                #expect(report.passed, "\(report.failure ?? "")")
                #expect(report.chain.lastVerified?.sequence == manifest.auditRows)
                let copy = try SQLiteCopy(path: target.appendingPathComponent(AppConfiguration.sqliteFileName).path,
                                          logger: restored.logger, eventLoop: restored.eventLoopGroup.any())
                let counts = try await copy.tableCounts()
                copy.close()
                #expect(counts["service_points"] == manifest.counts["service_points"])
                #expect(counts["audit_log"] == manifest.counts["audit_log"])
                try await restored.testing().test(.GET, "/healthz") { res in #expect(res.status == .ok) }
                let admin = try await restored.session(as: .countySystemAdmin)
                try await restored.testing().test(.GET, "/service-points", headers: admin.headers) { res in
                    #expect(res.status == .ok)
                }
            } catch {
                try? await restored.asyncShutdown()
                throw error
            }
            try await restored.asyncShutdown()
        }
    }

    @Test("a truncated backup, a damaged one and another deployment's are refused, the folder untouched")
    func badBackups() async throws {
        try await TestApp.run { app in
            try await purge.auditedActions(app, count: 2)
            let out = try folder("bad")
            defer { try? FileManager.default.removeItem(at: out) }
            let file = out.appendingPathComponent("jjb.tar")
            _ = try await Backup.take(app, to: file)
            let whole = try Data(contentsOf: file)
            let target = try folder("target")
            defer { try? FileManager.default.removeItem(at: target) }

            for cut in [100, 3_000, whole.count / 2, whole.count - 1_024] {
                let truncated = out.appendingPathComponent("cut-\(cut).tar")
                try whole.prefix(cut).write(to: truncated)
                let message = await refusal(restoreConfiguration(target), from: truncated)
                #expect(message?.contains("截断") == true || message?.contains("不是就近办的备份文件") == true, "cut \(cut): \(message ?? "accepted")")
                #expect(contents(target).allSatisfy { Restore.keptFiles.contains($0) }, "cut \(cut) left \(contents(target))")
            }

            // One byte of the database copy changed (past the manifest and the signature).
            var damaged = whole
            damaged[4 * TarHeader.blockSize + 20_000] ^= 0x01
            let damagedFile = out.appendingPathComponent("damaged.tar")
            try damaged.write(to: damagedFile)
            let damagedMessage = await refusal(restoreConfiguration(target), from: damagedFile)
            #expect(damagedMessage?.contains("database/jiujinban.sqlite") == true, "\(damagedMessage ?? "accepted")")

            // Another deployment: its keys differ; the message names them.
            let other = await refusal(restoreConfiguration(target, keys: .random()), from: file)
            #expect(other?.contains("另一套部署") == true, "\(other ?? "accepted")")
            #expect(other?.contains("JIUJINBAN_AUDIT_KEY") == true)
            #expect(other?.contains("JIUJINBAN_DATA_KEY") == true)

            // A file that is no backup at all.
            let foreign = out.appendingPathComponent("foreign.tar")
            try Data(repeating: 0x41, count: 4_096).write(to: foreign)
            let foreignMessage = await refusal(restoreConfiguration(target), from: foreign)
            #expect(foreignMessage?.contains("不是就近办的备份文件") == true, "\(foreignMessage ?? "accepted")")
            #expect(contents(target).allSatisfy { Restore.keptFiles.contains($0) })
        }
    }

    @Test("a restore over data is refused unless --replace, which moves the old files aside; over a running server always")
    func restoreOverData() async throws {
        try await TestApp.run { app in
            let out = try folder("over")
            defer { try? FileManager.default.removeItem(at: out) }
            let file = out.appendingPathComponent("jjb.tar")
            _ = try await Backup.take(app, to: file)
            // An existing target file is never overwritten.
            await #expect(throws: PublicError.self) { try await Backup.take(app, to: file) }

            let target = try folder("occupied")
            defer { try? FileManager.default.removeItem(at: target) }
            #expect(await refusal(restoreConfiguration(target), from: file) == nil)
            let before = try Data(contentsOf: target.appendingPathComponent(AppConfiguration.sqliteFileName))
            let again = await refusal(restoreConfiguration(target), from: file)
            #expect(again?.contains("不是空的") == true, "\(again ?? "accepted")")
            #expect(again?.contains("--replace") == true)
            #expect(try Data(contentsOf: target.appendingPathComponent(AppConfiguration.sqliteFileName)) == before)

            // A server on the folder holds its lock: refused even with --replace.
            do {
                let server = try #require(try DataFolderLock.take(.shared, dataDirectory: target.path))
                let live = await refusal(restoreConfiguration(target), from: file, replace: true)
                #expect(live?.contains("正被运行中的服务使用") == true, "\(live ?? "accepted")")
                withExtendedLifetime(server) {}
            }

            #expect(await refusal(restoreConfiguration(target), from: file, replace: true) == nil)
            let aside = try #require(contents(target).first { $0.hasPrefix("before-restore-") })
            #expect(contents(target.appendingPathComponent(aside)).contains(AppConfiguration.sqliteFileName))
        }
    }
}
