import Fluent
import Foundation
@testable import JiujinbanApp
import SQLKit
import Testing
import VaporTesting

@Suite("Database: migrations, SQLite settings, health")
struct DatabaseTests {
    @Test("migrations create every table, on SQLite and PostgreSQL alike")
    func migrations() async throws {
        try await TestApp.run(demo: false) { app in
            let divisions = try await Division.query(on: app.db).count()
            let points = try await ServicePoint.query(on: app.db).count()
            let settings = try await AppSetting.query(on: app.db).count()
            #expect([divisions, points, settings] == [Int](repeating: 0, count: 3))
            #expect(app.holdsDemoData == false)
        }
    }

    @Test("SQLite runs as a server database: WAL, synchronous FULL, foreign keys, busy timeout",
          .enabled(if: !TestDatabase.usesPostgres))
    func sqlitePragmas() async throws {
        try await TestApp.run(demo: false) { app in
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase)
                let journalMode = try await pragma("journal_mode", sql)
                #expect(journalMode == "wal")
                let synchronous = try await pragma("synchronous", sql)
                #expect(synchronous == "2")
                let foreignKeys = try await pragma("foreign_keys", sql)
                #expect(foreignKeys == "1")
                let busyTimeout = try await pragma("busy_timeout", sql)
                #expect(busyTimeout == "10000")
            }
        }
    }

    @Test("the writer commits durably and leaves checkpoints to the checkpointer: the log is reused, not grown",
          .enabled(if: !TestDatabase.usesPostgres))
    func backgroundCheckpoints() async throws {
        try await TestApp.run(demo: false) { app in
            guard case .sqlite(let path) = app.jiujinban.configuration.database else { Issue.record("not SQLite"); return }
            let (synchronous, autoCheckpoint) = try await app.jiujinban.writer.write(on: app.db) { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("CREATE TABLE IF NOT EXISTS checkpoint_probe (x BLOB)").run()
                return (try await pragma("synchronous", sql), try await pragma("wal_autocheckpoint", sql))
            }
            #expect(synchronous == "2")
            #expect(autoCheckpoint == "0")
            // 20 rounds of 400 kB; the log alone would hold all 8 MB without a checkpoint.
            for _ in 0..<20 {
                try await app.jiujinban.writer.write(on: app.db) { db in
                    try await (db as! any SQLDatabase).raw("INSERT INTO checkpoint_probe (x) VALUES (zeroblob(400000))").run()
                }
                try await Task.sleep(for: .milliseconds(150))
            }
            let logBytes = try #require(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int)
            #expect(logBytes < 4_000_000, "the log holds \(logBytes) bytes")
            let count = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM checkpoint_probe").first()?
                .decode(column: "n", as: Int.self)
            #expect(count == 20)
        }
    }

    private func pragma(_ name: String, _ sql: any SQLDatabase) async throws -> String {
        let row = try #require(try await sql.raw("PRAGMA \(unsafeRaw: name)").first())
        let column = try #require(row.allColumns.first)
        if let number = try? row.decode(column: column, as: Int.self) { return String(number) }
        return try row.decode(column: column, as: String.self)
    }

    @Test("the database refuses a service point in a division that does not exist (foreign key)")
    func foreignKeys() async throws {
        try await TestApp.run(demo: true) { app in
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) {
                try await sql.raw("""
                    INSERT INTO service_points (id, code, division_code, kind, name, institution, address, longitude,
                      latitude, coordinates_are_demo, farthest_residence_m, status)
                    VALUES (\(bind: UUID()), 'X', '149999999999', 'village', 'n', 'i', 'a', 110.5, 34.6, \(bind: false), 10, 'active')
                    """).run()
            }
        }
    }

    @Test("GET /healthz checks the database and names it")
    func health() async throws {
        try await TestApp.run(demo: false) { app in
            try await app.testing().test(.GET, "/healthz") { res in
                #expect(res.status == .ok)
                let body = try res.content.decode([String: String].self)
                #expect(body == ["status": "ok", "database": TestDatabase.usesPostgres ? "postgres" : "sqlite"])
            }
        }
    }

    @Test("concurrent writes through the writer all land, none fails with a lock error")
    func concurrentWrites() async throws {
        try await TestApp.run(demo: false) { app in
            let sql = app.db as! any SQLDatabase
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await app.jiujinban.writer.write(on: app.db) { db in
                            let count = try await AppSetting.query(on: db).count()
                            try await (db as! any SQLDatabase).raw(
                                "INSERT INTO app_settings (key, value) VALUES (\(bind: "k\(index)"), \(bind: String(count)))").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let rows = try await sql.raw("SELECT value FROM app_settings WHERE key LIKE 'k%'").all()
            #expect(rows.count == 40)
            // Serialised read-then-write: each transaction saw a distinct number of rows before it.
            let seen = Set(try rows.map { try $0.decode(column: "value", as: String.self) })
            if !TestDatabase.usesPostgres { #expect(seen.count == 40) }
        }
    }

    @Test("a failing write among concurrent ones rolls back alone: the others land, its own rows and audit row do not")
    func failingWriteInAGroup() async throws {
        try await TestApp.run(demo: false) { app in
            let sql = app.db as! any SQLDatabase
            let before = try await auditCount("test.group", on: app)
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        do {
                            try await app.jiujinban.writer.write(on: app.db) { db in
                                try await (db as! any SQLDatabase).raw(
                                    "INSERT INTO app_settings (key, value) VALUES (\(bind: "g\(index)"), 'x')").run()
                                try await AuditTrail.record(AuditEvent("test.group", detail: "\(index)"), by: .system,
                                                            at: Date(), key: app.jiujinban.keys.auditKey, on: db)
                                if index % 7 == 3 { throw PublicError(.unprocessableEntity, "第\(index)项出错") }
                            }
                            return (index, true)
                        } catch let error as PublicError {
                            #expect(error.reason == "第\(index)项出错")
                            return (index, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            let failed = Set(outcomes.filter { !$0.value }.map(\.key))
            #expect(failed == Set((0..<60).filter { $0 % 7 == 3 }))
            let keys = Set(try await sql.raw("SELECT key FROM app_settings WHERE key LIKE 'g%'").all()
                .map { try $0.decode(column: "key", as: String.self) })
            #expect(keys == Set((0..<60).filter { $0 % 7 != 3 }.map { "g\($0)" }))
            // The chain stays whole: the rolled-back audit rows left no gap.
            let after = try await auditCount("test.group", on: app)
            #expect(after - before == 60 - failed.count)
            try await app.auditAnchor.checkpoint(app)
            let verified = try await AuditCommand.verify(app)
            #expect(verified.passed, "\(verified.failure ?? "")")
        }
    }
}
