import Fluent
import Foundation
@testable import JiujinbanApp
import JiujinbanRules
import Testing
import Vapor
import SQLiteNIO
import VaporCSQLite
import VaporTesting

/// A database made by an earlier build starts on this one: `Fixtures/main-479f5d7.sql` is the text dump
/// (`sqlite3 jiujinban.sqlite .dump`) of a data folder that main at 479f5d7 migrated and filled with the demonstration
/// data plus `generate-data --citizens 40 --cases 30`; `main-479f5d7-development-keys.json` is that folder's
/// throw-away development keys, which sealed its ID numbers and keyed its audit chain. On PostgreSQL the same database
/// is made from main's migrations and these rows (`UpgradeFromMainPostgresTests.swift`).
@Suite("Upgrade: a database made by main 479f5d7")
struct UpgradeFromMainTests {
    static let fixture = "main-479f5d7"

    @Test("starts on this code: no migration runs again, and its people, cases and audit chain read back",
          .enabled(if: !TestDatabase.usesPostgres))
    func upgradesInPlace() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jjb-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: try Self.resource("\(Self.fixture)-development-keys.json"),
                                         to: directory.appendingPathComponent("development-keys.json"))
        let path = directory.appendingPathComponent("jiujinban.sqlite").path
        try Self.load(String(contentsOf: try Self.resource("\(Self.fixture).sql"), encoding: .utf8), into: path)
        let recorded = try Self.migrationLog(path)
        #expect(recorded.map(\.name) == MigrationNameTests.recordedByMain)

        await TestApp.slots.acquire()
        let app = try await Application.make(.testing)
        do {
            // The normal start: development keys from the data folder, auto-migrate, demonstration data only if empty.
            let configuration = AppConfiguration(database: .sqlite(path: path), loadDemoData: true, postgresPoolSize: 2,
                                                 dataDirectory: directory.path, keys: nil)
            try await configure(app, configuration: configuration, clock: .system)
            try await readsBack(app)
        } catch {
            try? await app.asyncShutdown()
            await TestApp.slots.release()
            throw error
        }
        try await app.asyncShutdown()
        await TestApp.slots.release()

        // Every migration main ran is still recorded once, as it was; only migrations added since may follow.
        let after = try Self.migrationLog(path)
        #expect(Array(after.prefix(recorded.count)) == recorded)
        #expect(after.count == Set(after.map(\.name)).count)
    }

    /// The stored people, cases and audit chain, through the running application and its keys.
    func readsBack(_ app: Application) async throws {
        #expect(try await CitizenRecord.query(on: app.db).count() == 40)
        #expect(try await CaseRecord.query(on: app.db).count() == 30)
        // M0032 rebuilt the case tables on SQLite: every case and step main stored is there, as counter staff's.
        let cases = try await CaseRecord.query(on: app.db).all()
        #expect(cases.allSatisfy { $0.actorKind == "staff" && $0.handlerAccount != nil
                && $0.actorKey == "staff:" + ($0.handlerAccount?.uuidString.lowercased() ?? "") })
        let steps = try await CaseStep.query(on: app.db).all()
        #expect(steps.count >= cases.count && steps.allSatisfy { $0.actorKind == "staff" && $0.actorAccount != nil })
        #expect(app.holdsDemoData)
        let citizen = try #require(try await CitizenRecord.query(on: app.db).sort(\.$name).first())
        let idNumber = try app.jiujinban.cipher.open(citizen.idNumberSealed, context: CitizenCrypto.idNumberContext)
        #expect(idNumber.count == 18)
        #expect(try await AuditCommand.verify(app).passedExceptAnchor)
        // A demonstration reviewer signs in (found by the blind index of its ID number) and opens a case of the county.
        let reviewer = try await app.session(as: .reviewer)
        let stored = try #require(try await CaseRecord.query(on: app.db).sort(\.$number).first())
        var page = ""
        try await app.testing().test(.GET, SiteURL.caseFile(id: try stored.requireID()).path, headers: reviewer.headers) { res in
            #expect(res.status == .ok)
            page = res.body.string
        }
        #expect(page.contains(stored.number))
    }

    static func resource(_ name: String) throws -> URL {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureMissing(path: url.path) }
        return url
    }

    struct FixtureMissing: Error { let path: String }

    /// Runs the dump's statements into a new database file, as `sqlite3 file < dump.sql` would.
    static func load(_ dump: String, into path: String) throws {
        let connection = try SQLiteDirectConnection(path: path, pragmas: [])
        defer { connection.close() }
        try connection.withHandle { handle in
            var message: UnsafeMutablePointer<CChar>?
            guard sqlite_nio_sqlite3_exec(handle, dump, nil, nil, &message) == SQLITE_OK else {
                defer { sqlite_nio_sqlite3_free(message) }
                throw SQLiteDirectError(code: SQLITE_ERROR, message: message.map { String(cString: $0) } ?? "dump failed")
            }
        }
    }

    struct LoggedMigration: Equatable {
        let name: String, batch: Int64, createdAt: String
    }

    /// `_fluent_migrations` in the order its rows were written.
    static func migrationLog(_ path: String) throws -> [LoggedMigration] {
        let connection = try SQLiteDirectConnection(path: path, pragmas: [])
        defer { connection.close() }
        var rows: [LoggedMigration] = []
        try connection.run("SELECT name, batch, CAST(created_at AS TEXT) AS created FROM _fluent_migrations ORDER BY rowid", []) { row in
            rows.append(LoggedMigration(name: row.value("name")?.string ?? "", batch: Int64(row.value("batch")?.integer ?? -1),
                                        createdAt: row.value("created")?.string ?? ""))
        }
        return rows
    }
}
