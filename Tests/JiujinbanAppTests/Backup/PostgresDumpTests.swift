import Foundation
@testable import JiujinbanApp
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The README's PostgreSQL procedure (issue 20): `pg_dump -Fc` of a live database, `pg_restore` into a new
/// database, and the restored copy passes `audit verify` against the anchors the instance left in its data folder.
@Suite("PostgreSQL: a dump restored into a new database verifies", .enabled(if: TestDatabase.usesPostgres && PostgresTools.available))
struct PostgresDumpTests {
    @Test("pg_dump, pg_restore into a new database, audit verify passes and the rows are the same")
    func dumpAndRestore() async throws {
        try await TestApp.run { app in
            try await AuditTests().makeRows(app)
            guard case .postgres(let url) = app.jiujinban.configuration.database else { Issue.record("not PostgreSQL"); return }
            let dump = FileManager.default.temporaryDirectory.appendingPathComponent("jjb-\(UUID().uuidString).dump")
            defer { try? FileManager.default.removeItem(at: dump) }
            try PostgresTools.run("pg_dump", ["--format=custom", "--file=\(dump.path)", "--dbname=\(url)"])

            var components = try #require(URLComponents(string: url))
            let restoredName = String(components.path.dropFirst()) + "_restored"
            try PostgresTools.run("psql", ["--dbname=\(url)", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(restoredName)"])
            components.path = "/" + restoredName
            let restoredURL = try #require(components.string)
            defer { try? PostgresTools.run("psql", ["--dbname=\(url)", "-c", "DROP DATABASE IF EXISTS \(restoredName) WITH (FORCE)"]) }
            try PostgresTools.run("pg_restore", ["--exit-on-error", "--no-owner", "--dbname=\(restoredURL)", dump.path])

            let restored = try await Application.make(.testing)
            do {
                let configuration = AppConfiguration(database: .postgres(url: restoredURL), loadDemoData: false, postgresPoolSize: 2,
                                                     dataDirectory: app.jiujinban.configuration.dataDirectory, keys: TestApp.keys)
                try await configure(restored, configuration: configuration, clock: .fixed(TestApp.fixedNow))
                let report = try await AuditCommand.verify(restored)
                #expect(report.passed, "\(report.failure ?? "")")
                #expect(report.anchors >= 1)
                let original = try await AuditCommand.verify(app)
                #expect(report.chain.lastVerified == original.chain.lastVerified)
                for table in ["audit_log", "service_points", "staff_accounts", "citizens", "cases"] {
                    let query = SQLQueryString("SELECT count(*) AS n FROM \(unsafeRaw: table)")
                    let before = try await (app.db as! any SQLDatabase).raw(query).first()?.decode(column: "n", as: Int.self)
                    let after = try await (restored.db as! any SQLDatabase).raw(query).first()?.decode(column: "n", as: Int.self)
                    #expect(before == after, "\(table)")
                }
                try await restored.testing().test(.GET, "/healthz") { res in #expect(res.status == .ok) }
            } catch {
                try? await restored.asyncShutdown()
                throw error
            }
            try await restored.asyncShutdown()
        }
    }
}

/// PostgreSQL's client programs, from the newest server version installed (CI installs Debian's `postgresql`).
enum PostgresTools {
    static var directory: String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.last.map { "\(root)/\($0)/bin" }
    }

    static var available: Bool {
        directory.map { FileManager.default.isExecutableFile(atPath: "\($0)/pg_dump") } ?? false
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(directory ?? "/usr/bin")/\(tool)")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresToolError(description: "\(tool) exited \(process.terminationStatus): \(String(decoding: message, as: UTF8.self))")
        }
    }
}

struct PostgresToolError: Error, CustomStringConvertible {
    let description: String
}
