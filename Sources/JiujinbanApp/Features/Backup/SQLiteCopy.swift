import FluentKit
import Foundation
import NIOCore
import SQLKit
import SQLiteNIO

/// A SQLite database file other than the server's own — a backup's copy, or one being restored — opened on a
/// connection of its own, for the checks a backup and a restore make of it.
struct SQLiteCopy {
    let path: String
    private let pool: SQLiteDirectPool
    /// The copy as Fluent and SQLKit see it (the audit trail's reads take one).
    let database: any Database

    init(path: String, logger: Logger, eventLoop: any EventLoop) throws {
        self.path = path
        pool = try SQLiteDirectPool(path: path, pragmas: DatabaseSetup.sqliteConnectionPragmas, size: 1)
        database = SQLiteDirectDatabase(statements: pool, context: DatabaseContext(
            configuration: SQLiteDirectConfiguration(pool: pool), logger: logger, eventLoop: eventLoop), pool: pool)
    }

    func close() { pool.close() }

    /// A consistent copy of the live database at `source` written to `target` (which must not exist), while the
    /// server goes on writing: `VACUUM INTO` reads one snapshot in a read transaction, which in WAL mode neither
    /// waits for the writer nor holds it up, and writes a compact file of it.
    static func snapshot(of source: String, into target: String) async throws {
        try await offThread {
            let connection = try SQLiteDirectConnection(path: source, pragmas: DatabaseSetup.sqliteConnectionPragmas)
            defer { connection.close() }
            try connection.run("VACUUM INTO ?1", [.text(target)]) { _ in }
        }
    }

    /// `PRAGMA integrity_check`: every page, index and constraint of the file; the problems it names, none when sound.
    func integrityProblems() async throws -> [String] {
        try await Self.offThread {
            var problems: [String] = []
            try pool.run("PRAGMA integrity_check(20)", []) { row in
                if case .text(let text) = row.values.first, text != "ok" { problems.append(text) }
            }
            return problems
        }
    }

    /// Rows in every table of the file, by table name.
    func tableCounts() async throws -> [String: Int64] {
        try await Self.offThread {
            var tables: [String] = []
            try pool.run("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", []) { row in
                if case .text(let name) = row.values.first { tables.append(name) }
            }
            var counts: [String: Int64] = [:]
            for table in tables {
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                try pool.run("SELECT count(*) FROM \(quoted)", []) { row in
                    if case .integer(let count) = row.values.first { counts[table] = Int64(count) }
                }
            }
            return counts
        }
    }

    /// The migrations applied to the file, in the order they ran.
    func migrations() async throws -> [String] {
        try await Self.offThread {
            var names: [String] = []
            try pool.run("SELECT name FROM _fluent_migrations ORDER BY batch, created_at, name", []) { row in
                if case .text(let name) = row.values.first { names.append(name) }
            }
            return names
        }
    }

    /// Runs blocking SQLite work on a thread of its own, not on the cooperative pool or an event loop.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}
