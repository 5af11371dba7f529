import ConsoleKit
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Finding 3 of the security probe: cutting the audit trail's tail, rewinding `audit_head`, or emptying the table
/// passed `audit verify`. The signed checkpoints kept outside the database (`AuditCheckpoint`) now catch each.
@Suite("Audit anchor: signed checkpoints outside the table reveal a cut tail (S18)")
struct AuditAnchorTests {
    let audit = AuditTests()

    func sql(_ app: Application, _ statement: String) async throws {
        for part in statement.split(separator: ";") {
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(String(part))).run()
        }
    }

    func lastSequence(_ app: Application) async throws -> Int64 {
        try await AuditTrail.lastRow(on: app.db as! any SQLDatabase)?.sequence ?? 0
    }

    func hash(_ app: Application, at sequence: Int64) async throws -> String {
        try #require(try await AuditPurge.head(at: sequence, on: app.db)).hash.hexEncoded
    }

    @Test("rows deleted from the end with the audit_head row: verify fails and says from where")
    func tailAndHeadDeleted() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let last = try await lastSequence(app)
            try await sql(app, "DELETE FROM audit_log WHERE seq > \(last - 2); DELETE FROM audit_head")
            let result = try await audit.verify(app)
            #expect(!result.passed)
            #expect(result.output.contains("第\(last - 1)至\(last)行缺失"), "\(result.output)")
        }
    }

    @Test("audit_head rewound to an earlier row, with and without the rows after it: verify fails")
    func headRewound() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let last = try await lastSequence(app)
            let earlier = try await hash(app, at: last - 2)
            try await sql(app, "UPDATE audit_head SET seq = \(last - 2), hash = '\(earlier)' WHERE id = 1")
            let rewound = try await audit.verify(app)
            #expect(!rewound.passed)
            #expect(rewound.output.contains("audit_head"), "\(rewound.output)")
            try await sql(app, "DELETE FROM audit_log WHERE seq > \(last - 2)")
            let cut = try await audit.verify(app)
            #expect(!cut.passed)
            #expect(cut.output.contains("第\(last - 1)至\(last)行缺失"), "\(cut.output)")
        }
    }

    @Test("every row deleted and the head reset to the start: verify fails from row 1")
    func everyRowDeleted() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let last = try await lastSequence(app)
            try await sql(app, "DELETE FROM audit_log; UPDATE audit_head SET seq = 0, hash = '\(AuditChain.genesisHash.hexEncoded)' WHERE id = 1")
            let result = try await audit.verify(app)
            #expect(!result.passed)
            #expect(result.output.contains("第1至\(last)行缺失"), "\(result.output)")
        }
    }

    @Test("a tail cut and written over by new rows: the writer keeps its checkpoint and verify finds the replaced row")
    func cutAndRegrown() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let last = try await lastSequence(app)
            let earlier = try await hash(app, at: last - 2)
            try await sql(app, "DELETE FROM audit_log WHERE seq > \(last - 2); UPDATE audit_head SET seq = \(last - 2), hash = '\(earlier)' WHERE id = 1")
            // The application goes on appending after the cut: rows last-1 … last+1 are new rows.
            try await audit.makeRows(app)
            let step = try await app.auditAnchor.checkpoint(app)
            guard case .alarm = step else { Issue.record("the checkpoint moved past a cut: \(step)"); return }
            let result = try await audit.verify(app)
            #expect(!result.passed)
            #expect(result.output.contains("第\(last)行：哈希值与审计锚点记录的不符"), "\(result.output)")
        }
    }

    @Test("rows committed after the last checkpoint (a crash before the next one) are not a false alarm")
    func rowsAfterCheckpoint() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: admin.form(AuditTests.pointFields)) { res in
                #expect(res.status == .seeOther)
            }
            let result = try await audit.verify(app)
            #expect(result.passed, "\(result.output)")
        }
    }

    @Test("a forged checkpoint file, or one signed with another deployment's key, fails verification by name")
    func forgedAnchor() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let folder = AuditAnchorFolder(dataDirectory: app.jiujinban.configuration.dataDirectory)
            let file = folder.file(of: app.jiujinban.configuration.instanceName)
            let genuine = try String(contentsOf: file, encoding: .utf8)
            let checkpoint = try #require(AuditCheckpoint.parse(genuine))
            let forged = genuine.replacingOccurrences(of: "\"seq\":\(checkpoint.head.sequence)", with: "\"seq\":\(checkpoint.head.sequence - 1)")
            try forged.write(to: file, atomically: true, encoding: .utf8)
            let edited = try await audit.verify(app)
            #expect(!edited.passed)
            #expect(edited.output.contains("签名无效"), "\(edited.output)")

            let foreign = AuditCheckpoint.sign(head: checkpoint.head, at: AuditInstant(Date()), writer: "other",
                                               key: SecretKeys.random().auditKey)
            try (foreign.line + "\n").write(to: file, atomically: true, encoding: .utf8)
            let other = try await audit.verify(app)
            #expect(!other.passed)
            #expect(other.output.contains("签名无效"), "\(other.output)")
        }
    }

    @Test("no anchor at all fails; a checkpoint line taken from the log restores verification (--anchor)")
    func anchorFromLog() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let folder = AuditAnchorFolder(dataDirectory: app.jiujinban.configuration.dataDirectory)
            let file = folder.file(of: app.jiujinban.configuration.instanceName)
            let line = try String(contentsOf: file, encoding: .utf8)
            try FileManager.default.removeItem(at: folder.directory)
            let missing = try await audit.verify(app)
            #expect(!missing.passed)
            #expect(missing.output.contains("未找到审计锚点"), "\(missing.output)")

            let logged = FileManager.default.temporaryDirectory.appendingPathComponent("anchor-\(UUID().uuidString).log")
            defer { try? FileManager.default.removeItem(at: logged) }
            try "2026-11-25T02:00:00Z [ INFO ] audit checkpoint \(line)".write(to: logged, atomically: true, encoding: .utf8)
            let restored = try await audit.verify(app, arguments: ["--anchor", logged.path])
            #expect(restored.passed, "\(restored.output)")
            // And the logged checkpoint alone still catches a cut tail.
            let last = try await lastSequence(app)
            try await sql(app, "DELETE FROM audit_log WHERE seq = \(last); UPDATE audit_head SET seq = \(last - 1), hash = '\(try await hash(app, at: last - 1))' WHERE id = 1")
            let cut = try await audit.verify(app, arguments: ["--anchor", logged.path])
            #expect(!cut.passed)
            #expect(cut.output.contains("第\(last)至\(last)行缺失"), "\(cut.output)")
        }
    }

    @Test("an instance that finds no anchor anywhere audits where it starts; the logged checkpoint still catches the cut")
    func anchorLostAndRestarted() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            #expect(try await auditCount("audit.anchor_started", on: app) == 1)
            let folder = AuditAnchorFolder(dataDirectory: app.jiujinban.configuration.dataDirectory)
            let logged = try String(contentsOf: folder.file(of: app.jiujinban.configuration.instanceName), encoding: .utf8)
            // The folder is deleted, the tail cut (a service point and the anchor's start), and the server restarted
            // (a new writer, another host name).
            try FileManager.default.removeItem(at: folder.directory)
            let last = try await lastSequence(app)
            try await sql(app, "DELETE FROM audit_log WHERE seq >= \(last - 1); UPDATE audit_head SET seq = \(last - 2), hash = '\(try await hash(app, at: last - 2))' WHERE id = 1")
            #expect(try await auditCount("audit.anchor_started", on: app) == 0)
            try await AuditAnchor(dataDirectory: app.jiujinban.configuration.dataDirectory, instance: "restarted").checkpoint(app)
            #expect(try await auditCount("audit.anchor_started", on: app) == 1)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("anchor-\(UUID().uuidString).log")
            defer { try? FileManager.default.removeItem(at: file) }
            try ("audit checkpoint " + logged).write(to: file, atomically: true, encoding: .utf8)
            let result = try await audit.verify(app, arguments: ["--anchor", file.path])
            #expect(!result.passed, "\(result.output)")
        }
    }

    @Test("a new writer continues the furthest checkpoint in the folder, whoever wrote it")
    func newWriterContinues() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let fresh = AuditAnchor(dataDirectory: app.jiujinban.configuration.dataDirectory, instance: "another-host")
            let last = try await lastSequence(app)
            try await sql(app, "DELETE FROM audit_log WHERE seq >= \(last - 1); UPDATE audit_head SET seq = \(last - 2), hash = '\(try await hash(app, at: last - 2))' WHERE id = 1")
            let step = try await fresh.checkpoint(app)
            guard case .alarm = step else { Issue.record("a new writer re-anchored a cut table: \(step)"); return }
            // It raised the alarm instead of starting an anchor of its own.
            #expect(try await auditCount("audit.anchor_started", on: app) == 0)
        }
    }

    @Test("two instances' checkpoints of one chain both anchor it; the furthest decides how far the table must reach")
    func twoInstances() async throws {
        try await TestApp.run { app in
            try await audit.makeRows(app)
            let other = AuditAnchor(dataDirectory: app.jiujinban.configuration.dataDirectory, instance: "app-2")
            try await other.checkpoint(app)
            let admin = try await app.session(as: .countySystemAdmin)
            try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: admin.form(AuditTests.pointFields)) { _ in }
            try await other.checkpoint(app)
            let both = try await audit.verify(app)
            #expect(both.passed, "\(both.output)")
            #expect(both.output.contains("依据 2 个审计锚点"), "\(both.output)")
            let last = try await lastSequence(app)
            try await sql(app, "DELETE FROM audit_log WHERE seq = \(last); UPDATE audit_head SET seq = \(last - 1), hash = '\(try await hash(app, at: last - 1))' WHERE id = 1")
            let cut = try await audit.verify(app)
            #expect(!cut.passed, "the second instance's checkpoint names the deleted row")
        }
    }
}
