import Fluent
import FluentPostgresDriver
import Foundation
@testable import JiujinbanApp
import Testing
import Vapor

/// The upgrade test on PostgreSQL. Main at 479f5d7 kept no PostgreSQL dump, so its database is made again here from
/// what it consists of: main's migrations — the ones registered under the names main recorded, whose bodies are
/// main's unchanged but for the pinned `name` (`git diff 479f5d7 -- '*M00*'`) — run by Fluent on an empty database,
/// then main's rows, read from the SQLite dump of `UpgradeFromMainTests` and converted to PostgreSQL's types
/// (SQLite's epoch seconds to `timestamptz`, 0/1 to `boolean`). This code then starts on that database as it would in
/// production and reads the same people, cases and audit chain back.
extension UpgradeFromMainTests {
    @Test("on PostgreSQL: starts on this code, no migration runs again, and its people, cases and audit chain read back",
          .enabled(if: TestDatabase.usesPostgres))
    func upgradesInPlaceOnPostgres() async throws {
        let database = try await TestDatabase.make()
        do {
            try await upgrades(database)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    private func upgrades(_ database: TestDatabase) async throws {
        guard case .postgres(let url) = database.choice else { Issue.record("not PostgreSQL"); return }
        try FileManager.default.copyItem(at: try Self.resource("\(Self.fixture)-development-keys.json"),
                                         to: database.directory.appendingPathComponent("development-keys.json"))
        let dump = try String(contentsOf: try Self.resource("\(Self.fixture).sql"), encoding: .utf8)
        try await Self.makeMainDatabase(url: url, rows: dump)
        let recorded = try await Self.postgresMigrationLog(url)
        #expect(Set(recorded.map(\.name)) == Set(MigrationNameTests.recordedByMain))

        await TestApp.slots.acquire()
        let app = try await Application.make(.testing)
        do {
            let configuration = AppConfiguration(database: database.choice, loadDemoData: true, postgresPoolSize: 2,
                                                 dataDirectory: database.directory.path, keys: nil)
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
        let after = try await Self.postgresMigrationLog(url)
        #expect(Set(recorded).isSubset(of: Set(after)))
        #expect(after.count == Set(after.map(\.name)).count)
    }

    struct RecordedMigration: Hashable { let id: UUID, name: String, batch: Int }

    static func withPostgres<T>(_ url: String, _ body: (Application) async throws -> T) async throws -> T {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func postgresMigrationLog(_ url: String) async throws -> [RecordedMigration] {
        try await withPostgres(url) { app in
            try await (app.db as! any SQLDatabase).raw("SELECT id, name, batch FROM _fluent_migrations ORDER BY created_at, name")
                .all().map { row in
                    RecordedMigration(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                                      batch: try row.decode(column: "batch", as: Int.self))
                }
        }
    }

    /// Main's migrations by Fluent, then main's rows (and only those) in every table.
    static func makeMainDatabase(url: String, rows dump: String) async throws {
        try await withPostgres(url) { app in
            for migration in FeatureSet.migrations(of: ProductFeatures.all)
            where MigrationNameTests.recordedByMain.contains(migration.name) {
                app.migrations.add(migration)
            }
            try await app.autoMigrate()
            let sql = app.db as! any SQLDatabase
            var columns: [String: [(name: String, type: String)]] = [:]
            for row in try await sql.raw("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                """).all() {
                columns[try row.decode(column: "table_name", as: String.self), default: []]
                    .append((try row.decode(column: "column_name", as: String.self), try row.decode(column: "data_type", as: String.self)))
            }
            let types = columns
            let inserts = try dump.split(separator: "\n").compactMap { line -> (table: String, values: [String])? in
                guard let match = line.wholeMatch(of: /INSERT INTO "?(\w+)"? VALUES\((.*)\);/), match.output.1 != "_fluent_migrations" else {
                    return nil
                }
                return (String(match.output.1), try sqliteValues(String(match.output.2)))
            }
            try await app.db.transaction { db in
                let sql = db as! any SQLDatabase
                // Rows go in table by table as the dump has them; the foreign keys hold for the whole set, not
                // for each row in that order.
                try await sql.raw("SET LOCAL session_replication_role = replica").run()
                // What the migrations seeded is in the dump as main kept it: every table holds the dump's rows only.
                let tables = types.keys.filter { $0 != "_fluent_migrations" }.sorted()
                try await sql.raw("TRUNCATE \(unsafeRaw: tables.map { "\"\($0)\"" }.joined(separator: ", "))").run()
                for insert in inserts {
                    let table = try #require(types[insert.table], "\(insert.table) is not a table main's migrations make")
                    try #require(table.count == insert.values.count, "\(insert.table): \(insert.values.count) values for \(table.count) columns")
                    let values = zip(table, insert.values).map { column, value in postgresLiteral(value, type: column.type) }
                    try await sql.raw("INSERT INTO \(unsafeRaw: "\"\(insert.table)\"") VALUES (\(unsafeRaw: values.joined(separator: ", ")))").run()
                }
            }
        }
    }

    /// The literals of one `VALUES(…)` list of the SQLite dump: `NULL`, numbers, and '…' strings ('' inside).
    static func sqliteValues(_ list: String) throws -> [String] {
        var values: [String] = []
        var current = ""
        var quoted = false
        for character in list {
            if character == "'" { quoted.toggle() }
            if character == ",", !quoted {
                values.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        values.append(current)
        return values
    }

    /// A SQLite literal as PostgreSQL reads it for a column of `type`.
    static func postgresLiteral(_ value: String, type: String) -> String {
        guard value != "NULL" else { return value }
        switch type {
        case "timestamp with time zone", "timestamp without time zone":
            return value.hasPrefix("'") ? value : "to_timestamp(\(value))"
        case "boolean":
            return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        default:
            return value
        }
    }
}
