import Foundation
@testable import JiujinbanApp
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The data folder's disk fills up (issue 20). SQLite's `max_page_count`, set on the writer's own connection through
/// a write, makes the database full without a small filesystem: the database may not grow by a page more, exactly as
/// when the disk has no room left (`SQLITE_FULL`). `scripts/drill-disk-full` does it with a real full filesystem.
@Suite("A full disk: writes refused with a clear page, nothing half-written, reads go on, writes resume by themselves",
       .enabled(if: !TestDatabase.usesPostgres))
struct DiskFullTests {
    let engine = CaseEngineTests()

    /// Caps the database at its present size (`max_page_count` never goes below it), or lifts the cap.
    func capDatabase(_ app: Application, full: Bool) async throws {
        let limit = full ? 1 : 1_073_741_823
        try await app.jiujinban.writer.write(on: app.db) { db in
            try await (db as! any SQLDatabase).raw("PRAGMA max_page_count = \(unsafeRaw: String(limit))").run()
        }
    }

    func count(_ app: Application, _ query: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test("a case accepted on a full disk: a 507 page in Chinese, no row of it stored, one alarm; pages still read; then stored again")
    func caseOnFullDisk() async throws {
        let logs = LogCapture(), clock = TestClock()
        try await TestApp.run(clock: clock.appClock, logger: logs.logger()) { app in
            let village = try await app.session(as: .villageOperator)
            let citizenID = try await engine.citizen(app, village)
            let item = try await engine.item(app, timed: true)
            let first = try #require(try await engine.accept(app, village, citizen: citizenID, item: item.seq).1)

            try await capDatabase(app, full: true)
            // Some acceptances still fit in the pages' free room; keep accepting until one does not.
            var stored = 1, refusedKey: UUID?, refusal = ""
            for _ in 0..<400 {
                let key = UUID()
                var status = HTTPStatus.ok
                try await app.testing().test(.POST, "/cases", headers: village.formHeaders, body: village.form([
                    ("citizen", citizenID.uuidString.lowercased()), ("item", String(item.seq)),
                    ("submission", key.uuidString.lowercased()), ("documents_checked", "yes"),
                ])) { res in
                    status = res.status
                    refusal = res.body.string
                }
                guard status == .seeOther else {
                    #expect(status == .insufficientStorage)
                    refusedKey = key
                    break
                }
                stored += 1
            }
            let key = try #require(refusedKey, "the capped database never filled up")
            #expect(refusal.contains("存储空间已满，本次办理未保存，请立即联系系统管理员"))
            // The same form again, and others: refused alike, and the alarm is not repeated for each.
            for _ in 0..<3 {
                let (status, _) = try await engine.accept(app, village, citizen: citizenID, item: item.seq, key: key)
                #expect(status == .insufficientStorage)
            }
            let alarms = logs.all.filter { $0.hasPrefix("critical") && $0.contains("存储空间已满") }
            #expect(alarms.count == 1, "\(alarms)")
            #expect(!logs.all.contains { $0.hasPrefix("error") }, "\(logs.all.filter { $0.hasPrefix("error") })")

            // Nothing half-written: every case has its acceptance step and its audit row; the refused form made none.
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM cases") == stored)
            #expect(try await count(app, """
                SELECT COUNT(*) AS n FROM cases c
                WHERE NOT EXISTS (SELECT 1 FROM case_steps s WHERE s.case_id = c.id AND s.action = 'accept')
                   OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'case.accept' AND a.object_id = c.number)
                """) == 0)
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM cases WHERE submission_key = '\(key.uuidString.lowercased())'") == 0)

            // Reads go on, even when the session's idle clock is due to be written (which then waits for space).
            clock.advance(by: 120)
            let (caseStatus, casePage) = try await app.getPage(village, "/cases/\(first.uuidString.lowercased())")
            #expect(caseStatus == .ok)
            #expect(casePage.contains("140830-"))
            #expect(try await app.getPage(village, "/cases").0 == .ok)

            // Space returns: the same form is stored now, once, with no restart.
            try await capDatabase(app, full: false)
            let (status, made) = try await engine.accept(app, village, citizen: citizenID, item: item.seq, key: key)
            #expect(status == .seeOther && made != nil)
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM cases") == stored + 1)
            // Space is declared back once writes have been stored for a while with no refusal between (at the edge
            // of a full disk some writes fit and others do not): logged once.
            #expect(!logs.all.contains { $0.contains("存储空间已恢复") })
            try await Task.sleep(for: StorageAlarm.settle + .milliseconds(200))
            #expect(try await engine.accept(app, village, citizen: citizenID, item: item.seq).0 == .seeOther)
            #expect(try await engine.accept(app, village, citizen: citizenID, item: item.seq).0 == .seeOther)
            #expect(logs.all.filter { $0.contains("存储空间已恢复") }.count == 1)
        }
    }

    @Test("in a group of writes where one overflows the disk, the others are stored and each is answered with its own outcome")
    func groupWithOneOverflow() async throws {
        try await TestApp.run(demo: false) { app in
            let writer = app.jiujinban.writer
            try await writer.write(on: app.db) { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("CREATE TABLE small_rows (x INTEGER)").run()
                try await sql.raw("CREATE TABLE big_rows (x BLOB)").run()
            }
            try await capDatabase(app, full: true)
            let outcomes = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                // A write that holds the writer, so the next ones queue up and commit as one group.
                group.addTask {
                    try await writer.write(on: app.db) { _ in try await Task.sleep(for: .milliseconds(300)) }
                    return (-1, nil)
                }
                try await Task.sleep(for: .milliseconds(100))
                for index in 0..<8 {
                    group.addTask {
                        do {
                            try await writer.write(on: app.db) { db in
                                let statement: SQLQueryString = index % 4 == 1
                                    ? "INSERT INTO big_rows (x) VALUES (zeroblob(200000))"
                                    : "INSERT INTO small_rows (x) VALUES (\(literal: index))"
                                try await (db as! any SQLDatabase).raw(statement).run()
                            }
                            return (index, nil)
                        } catch {
                            return (index, String(describing: error))
                        }
                    }
                }
                return try await group.reduce(into: [Int: String?]()) { $0[$1.0] = $1.1 }
            }
            for index in 0..<8 {
                let outcome = outcomes[index] ?? "missing"
                if index % 4 == 1 {
                    #expect(outcome?.contains("database or disk is full") == true, "write \(index): \(outcome ?? "stored")")
                } else {
                    #expect(outcome == nil, "write \(index): \(outcome ?? "")")
                }
            }
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM small_rows") == 6)
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM big_rows") == 0)
            // The writer is not stuck: with space back, the big row is stored.
            try await capDatabase(app, full: false)
            try await writer.write(on: app.db) { db in
                try await (db as! any SQLDatabase).raw("INSERT INTO big_rows (x) VALUES (zeroblob(200000))").run()
            }
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM big_rows") == 1)
        }
    }

    @Test("a write whose transaction SQLite has ended (as after SQLITE_FULL) runs no further statement: nothing half-stored")
    func noStatementAfterTheTransactionEnded() async throws {
        try await TestApp.run(demo: false) { app in
            let writer = app.jiujinban.writer
            try await writer.write(on: app.db) { db in
                try await (db as! any SQLDatabase).raw("CREATE TABLE halves (x INTEGER)").run()
            }
            await #expect(throws: (any Error).self) {
                try await writer.write(on: app.db) { db in
                    let sql = db as! any SQLDatabase
                    try await sql.raw("INSERT INTO halves (x) VALUES (1)").run()
                    // What SQLite does by itself after a full disk: the whole transaction rolled back.
                    try await sql.raw("ROLLBACK").run()
                    try await sql.raw("INSERT INTO halves (x) VALUES (2)").run()
                }
            }
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM halves") == 0)
            try await writer.write(on: app.db) { db in
                try await (db as! any SQLDatabase).raw("INSERT INTO halves (x) VALUES (3)").run()
            }
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM halves") == 1)
        }
    }

    /// The temporary file this process writes the checkpoint to, made to lie on a full device: every write to it
    /// fails with ENOSPC, as on a full disk.
    func fillAnchorDisk(_ app: Application) throws -> URL {
        let configuration = app.jiujinban.configuration
        let folder = AuditAnchorFolder(dataDirectory: configuration.dataDirectory)
        let temporary = folder.directory.appendingPathComponent(
            ".\(configuration.instanceName).\(getpid()).\(AuditAnchorFolder.fileExtension).tmp")
        try? FileManager.default.removeItem(at: temporary)
        try FileManager.default.createSymbolicLink(atPath: temporary.path, withDestinationPath: "/dev/full")
        return temporary
    }

    /// New audit rows, not yet checkpointed.
    func auditRows(_ app: Application) async throws {
        let admin = try await app.session(as: .countySystemAdmin)
        try await app.testing().test(.POST, "/service-points", headers: admin.formHeaders, body: admin.form(AuditTests.pointFields)) { _ in }
    }

    @Test("the audit anchor on a full disk: the old checkpoint stays, no temporary file is left, and it resumes",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func anchorOnFullDisk() async throws {
        try await TestApp.run { app in
            try await AuditTests().makeRows(app)
            let configuration = app.jiujinban.configuration
            let target = AuditAnchorFolder(dataDirectory: configuration.dataDirectory).file(of: configuration.instanceName)
            let before = try String(contentsOf: target, encoding: .utf8)
            let temporary = try fillAnchorDisk(app)
            try await auditRows(app)
            await #expect(throws: (any Error).self) { try await app.auditAnchor.checkpoint(app) }
            #expect(try String(contentsOf: target, encoding: .utf8) == before)
            #expect(!FileManager.default.fileExists(atPath: temporary.path), "the failed write left its temporary file")
            try? FileManager.default.removeItem(at: temporary)
            try await app.auditAnchor.checkpoint(app)
            #expect(try String(contentsOf: target, encoding: .utf8) != before)
            #expect(try await AuditCommand.verify(app).passed)
        }
    }

    @Test("the anchor's schedule logs a full disk once when it starts and once when it ends, not every second",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func anchorAlarmOncePerEpisode() async throws {
        let logs = LogCapture()
        try await TestApp.run(logger: logs.logger()) { app in
            try await AuditTests().makeRows(app)
            try await auditRows(app)
            for _ in 0..<3 {
                _ = try fillAnchorDisk(app)
                await app.auditAnchor.tick(app)
            }
            let alarms = logs.all.filter { $0.contains("无法更新审计锚点") }
            #expect(alarms.count == 1 && alarms.first?.hasPrefix("critical") == true, "\(alarms)")
            #expect(alarms.first?.contains("存储空间已满") == true)
            try? FileManager.default.removeItem(at: try fillAnchorDisk(app))
            await app.auditAnchor.tick(app)
            await app.auditAnchor.tick(app)
            #expect(logs.all.filter { $0.contains("审计锚点已恢复写入") }.count == 1)
            #expect(try await AuditCommand.verify(app).passed)
        }
    }
}
