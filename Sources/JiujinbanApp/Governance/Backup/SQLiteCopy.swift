import FluentKit
import Foundation
import NIOCore
import SQLKit
import SQLiteNIO
import VaporCSQLite

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
    /// server goes on writing, by SQLite's online backup inside one read transaction: in WAL mode that transaction
    /// sees one snapshot from start to end and neither waits for the writer nor holds it up, so the copy is never
    /// restarted by the writes that go on. The pages are copied `pagesPerStep` at a time and paced (`DiskPacer`):
    /// the copy's writes reach the disk a few megabytes at a time instead of in bursts that stall the server's
    /// commits.
    static func snapshot(of source: String, into target: String, pagesPerStep: Int32 = 1024) async throws {
        try await offThread {
            let connection = try SQLiteDirectConnection(path: source, pragmas: DatabaseSetup.sqliteConnectionPragmas)
            defer { connection.close() }
            // Opens the read transaction the whole copy is taken in.
            try connection.run("BEGIN", []) { _ in }
            try connection.run("SELECT count(*) FROM sqlite_master", []) { _ in }
            defer { try? connection.run("COMMIT", []) { _ in } }
            try connection.withHandle { handle in
                try OnlineBackup.copy(from: handle, into: target, pagesPerStep: pagesPerStep)
            }
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

/// SQLite's online backup (`sqlite3_backup_*`) from an open connection into a new file.
private enum OnlineBackup {
    static func copy(from source: OpaquePointer, into target: String, pagesPerStep: Int32) throws {
        var opened: OpaquePointer?
        let status = sqlite_nio_sqlite3_open_v2(target, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let destination = opened else {
            if let opened { sqlite_nio_sqlite3_close_v2(opened) }
            throw SQLiteDirectError(code: status, message: "\(target): cannot create the copy")
        }
        defer { sqlite_nio_sqlite3_close_v2(destination) }
        // The copy is made durable by the pacer's flushes and checked afterwards: no journal of its own, and small
        // enough a cache that its pages go to the file as they are copied.
        for pragma in ["PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -8192"] {
            guard sqlite_nio_sqlite3_exec(destination, pragma, nil, nil, nil) == SQLITE_OK else {
                throw SQLiteDirectError(code: sqlite_nio_sqlite3_errcode(destination), message: String(cString: sqlite_nio_sqlite3_errmsg(destination)))
            }
        }
        guard let backup = sqlite_nio_sqlite3_backup_init(destination, "main", source, "main") else {
            throw SQLiteDirectError(code: sqlite_nio_sqlite3_errcode(destination), message: String(cString: sqlite_nio_sqlite3_errmsg(destination)))
        }
        let file = open(target, O_RDONLY)
        defer { if file >= 0 { close(file) } }
        var pacer = file >= 0 ? DiskPacer(descriptor: file) : nil
        let pageSize = Int(pageSizeOf(source))
        var result: Int32 = SQLITE_OK
        repeat {
            let before = sqlite_nio_sqlite3_backup_remaining(backup)
            result = sqlite_nio_sqlite3_backup_step(backup, pagesPerStep)
            switch result {
            case SQLITE_OK, SQLITE_DONE:
                let copied = Int(before - sqlite_nio_sqlite3_backup_remaining(backup))
                try pacer?.wrote(max(copied, 0) * pageSize)
            case SQLITE_BUSY, SQLITE_LOCKED:
                DiskPacer.sleep(.milliseconds(20))
            default:
                break
            }
        } while result == SQLITE_OK || result == SQLITE_BUSY || result == SQLITE_LOCKED
        let finished = sqlite_nio_sqlite3_backup_finish(backup)
        guard result == SQLITE_DONE, finished == SQLITE_OK else {
            let code = result == SQLITE_DONE ? finished : result
            throw SQLiteDirectError(code: code, message: "online backup: \(String(cString: sqlite_nio_sqlite3_errstr(code)))")
        }
        try pacer?.flush()
    }

    /// `PRAGMA page_size` of a connection's main database.
    private static func pageSizeOf(_ handle: OpaquePointer) -> Int32 {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, "PRAGMA page_size", -1, &statement, nil) == SQLITE_OK, let statement else { return 4096 }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        return sqlite_nio_sqlite3_step(statement) == SQLITE_ROW ? sqlite_nio_sqlite3_column_int(statement, 0) : 4096
    }
}
