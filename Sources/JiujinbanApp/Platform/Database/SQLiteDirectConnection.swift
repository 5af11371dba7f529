import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLiteNIO
import Synchronization
import VaporCSQLite

/// Runs one statement to its end on the calling thread.
protocol SQLiteStatementRunner: Sendable {
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteDirectRow) throws -> Void) throws
    /// Runs a statement that returns no rows once per set of values, in order, prepared once: a bulk load's
    /// single-row inserts without building (and SQLite parsing) one statement of thousands of values.
    func runEach(_ sql: String, _ bindSets: [[SQLiteData]]) throws
}

/// One SQLite connection whose statements run on the caller's thread, with its prepared statements kept.
///
/// SQLiteNIO runs every statement on a thread pool and answers on an event loop: two thread hand-offs per
/// statement. The writer runs a whole group of writes statement after statement, so on a busy machine those
/// hand-offs, each waiting for a core, were most of a case's time in the writer; and for the indexed reads of a
/// request they cost more than SQLite's own work. The writer has one of these connections, on its own thread, where
/// blocking (the disk flush of `COMMIT` too) holds up nothing else; the readers' pool (`SQLiteDirectPool`) a few.
final class SQLiteDirectConnection: SQLiteStatementRunner, @unchecked Sendable {
    /// Enough for every distinct statement the writes of the application make; beyond it statements are
    /// prepared for one use only.
    static let cacheLimit = 256

    private let lock = NIOLock()
    /// Taken by the pool while a statement runs here, so the next statement looks for another connection.
    private let claimed = Atomic<Bool>(false)
    private var handle: OpaquePointer?
    private var cache: [String: OpaquePointer] = [:]
    /// A connection that only ever works inside the transactions its owner opens (the writer's, or one pinned for a
    /// transaction) refuses statements once SQLite has ended the transaction by itself: after `SQLITE_FULL` or an
    /// I/O error SQLite may roll the whole transaction back, and a statement run after that would commit on its own,
    /// half of a write.
    private let guardsTransaction: Bool
    /// The error that ended the last failed statement, reported again to a statement refused by that guard.
    private var lastFailure: SQLiteDirectError?

    init(path: String, pragmas: [String], guardsTransaction: Bool = false) throws {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open"
            if let opened { sqlite_nio_sqlite3_close_v2(opened) }
            throw SQLiteDirectError(code: status, message: "\(path): \(message)")
        }
        handle = opened
        self.guardsTransaction = guardsTransaction
        sqlite_nio_sqlite3_extended_result_codes(opened, 1)
        // The settings run before any transaction: the guard is not yet in force for them.
        for pragma in pragmas { try runUnguarded(pragma) }
    }

    deinit { close() }

    /// Runs one statement to its end and hands each of its rows to `onRow` afterwards (outside the connection's lock,
    /// so a row handler may use the connection again).
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteDirectRow) throws -> Void) throws {
        try run(sql, binds, guarded: guardsTransaction, onRow)
    }

    func runEach(_ sql: String, _ bindSets: [[SQLiteData]]) throws {
        try lock.withLock {
            guard let handle else { throw SQLiteDirectError(code: SQLITE_MISUSE, message: "the connection is closed") }
            if guardsTransaction, sqlite_nio_sqlite3_get_autocommit(handle) != 0 {
                throw lastFailure ?? SQLiteDirectError(code: SQLITE_ERROR, message: "no transaction is open on this connection")
            }
            do {
                let (statement, cached) = try prepared(sql, on: handle)
                defer { if !cached { sqlite_nio_sqlite3_finalize(statement) } }
                for binds in bindSets {
                    defer { sqlite_nio_sqlite3_reset(statement) }
                    for (index, value) in binds.enumerated() {
                        try check(bind(value, at: Int32(index + 1), of: statement), on: handle)
                    }
                    let status = sqlite_nio_sqlite3_step(statement)
                    guard status == SQLITE_DONE else { throw SQLiteDirectError(handle, code: status) }
                }
            } catch let error as SQLiteDirectError {
                lastFailure = error
                throw error
            }
        }
    }

    private func runUnguarded(_ sql: String) throws {
        try run(sql, [], guarded: false) { _ in }
    }

    private func run(_ sql: String, _ binds: [SQLiteData], guarded: Bool, _ onRow: (SQLiteDirectRow) throws -> Void) throws {
        let rows: [SQLiteDirectRow] = try lock.withLock {
            guard let handle else { throw SQLiteDirectError(code: SQLITE_MISUSE, message: "the connection is closed") }
            if guarded, sqlite_nio_sqlite3_get_autocommit(handle) != 0, !sql.hasPrefix("BEGIN") {
                throw lastFailure ?? SQLiteDirectError(code: SQLITE_ERROR, message: "no transaction is open on this connection")
            }
            do {
                let rows = try step(sql, binds, on: handle)
                if sql.hasPrefix("BEGIN") { lastFailure = nil }
                return rows
            } catch let error as SQLiteDirectError {
                lastFailure = error
                throw error
            }
        }
        for row in rows { try onRow(row) }
    }

    /// Whether a transaction is open on this connection (SQLite may have ended one by itself after an error).
    var isInTransaction: Bool {
        lock.withLock { handle.map { sqlite_nio_sqlite3_get_autocommit($0) == 0 } ?? false }
    }

    /// Rows inserted, updated or deleted on this connection since it opened.
    var rowsChanged: Int64 {
        lock.withLock { handle.map { sqlite_nio_sqlite3_total_changes64($0) } ?? 0 }
    }

    private func step(_ sql: String, _ binds: [SQLiteData], on handle: OpaquePointer) throws -> [SQLiteDirectRow] {
        let (statement, cached) = try prepared(sql, on: handle)
        defer {
            if cached {
                // Not sqlite3_clear_bindings: it expires a statement whose plan looked at a bound value (an
                // equality on a joined table, for one), so the next use would prepare it again. Every use binds
                // all of its parameters anew.
                sqlite_nio_sqlite3_reset(statement)
            } else {
                sqlite_nio_sqlite3_finalize(statement)
            }
        }
        for (index, value) in binds.enumerated() {
            try check(bind(value, at: Int32(index + 1), of: statement), on: handle)
        }
        var rows: [SQLiteDirectRow] = []
        var columns: SQLiteDirectRow.Columns?
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw SQLiteDirectError(handle, code: status) }
            let names = columns ?? SQLiteDirectRow.Columns(statement)
            columns = names
            rows.append(SQLiteDirectRow(columns: names, values: (0..<Int32(names.names.count)).map { value(at: $0, of: statement) }))
        }
        return rows
    }

    func claim() -> Bool {
        claimed.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    }

    func unclaim() {
        claimed.store(false, ordering: .releasing)
    }

    /// The connection's handle, for the SQLite interfaces beyond statements (the online backup), under its lock.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withLock {
            guard let handle else { throw SQLiteDirectError(code: SQLITE_MISUSE, message: "the connection is closed") }
            return try body(handle)
        }
    }

    /// Whether a statement of the pool runs here now (the metrics' connections in use).
    var isClaimed: Bool { claimed.load(ordering: .relaxed) }

    func close() {
        lock.withLock {
            for statement in cache.values { sqlite_nio_sqlite3_finalize(statement) }
            cache = [:]
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    private func prepared(_ sql: String, on handle: OpaquePointer) throws -> (OpaquePointer, cached: Bool) {
        if let statement = cache[sql] { return (statement, true) }
        var statement: OpaquePointer?
        let keep = cache.count < Self.cacheLimit
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, keep ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw SQLiteDirectError(handle, code: status) }
        if keep { cache[sql] = statement }
        return (statement, keep)
    }

    private func bind(_ value: SQLiteData, at index: Int32, of statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .text(let text):
            sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), sqliteTransient, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            bytes.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), sqliteTransient)
            }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func value(at column: Int32, of statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    private func check(_ status: Int32, on handle: OpaquePointer) throws {
        guard status == SQLITE_OK else { throw SQLiteDirectError(handle, code: status) }
    }
}

/// The readers' connections: each statement runs on the first free one, or waits for one when all are busy.
final class SQLiteDirectPool: SQLiteStatementRunner {
    let path: String
    let pragmas: [String]
    let connections: [SQLiteDirectConnection]
    private let cursor = Atomic<Int>(0)

    init(path: String, pragmas: [String], size: Int) throws {
        self.path = path
        self.pragmas = pragmas
        connections = try (0..<max(1, size)).map { _ in try SQLiteDirectConnection(path: path, pragmas: pragmas) }
    }

    /// A connection of its own, outside the pool (for one transaction), with the pool's settings.
    func openConnection() throws -> SQLiteDirectConnection {
        try SQLiteDirectConnection(path: path, pragmas: pragmas, guardsTransaction: true)
    }

    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteDirectRow) throws -> Void) throws {
        let start = cursor.wrappingAdd(1, ordering: .relaxed).newValue & Int.max
        for offset in 0..<connections.count {
            let connection = connections[(start + offset) % connections.count]
            if connection.claim() {
                defer { connection.unclaim() }
                return try connection.run(sql, binds, onRow)
            }
        }
        try connections[start % connections.count].run(sql, binds, onRow)
    }

    func runEach(_ sql: String, _ bindSets: [[SQLiteData]]) throws {
        let start = cursor.wrappingAdd(1, ordering: .relaxed).newValue & Int.max
        for offset in 0..<connections.count {
            let connection = connections[(start + offset) % connections.count]
            if connection.claim() {
                defer { connection.unclaim() }
                return try connection.runEach(sql, bindSets)
            }
        }
        try connections[start % connections.count].runEach(sql, bindSets)
    }

    /// Connections running a statement at this moment. When all are busy a statement waits on one of them
    /// unclaimed, so the count then reads the pool's size, which is what "all in use" means.
    var inUse: Int { connections.count(where: \.isClaimed) }

    func close() {
        for connection in connections { connection.close() }
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A failed statement: SQLite's extended result code and message.
struct SQLiteDirectError: Error, CustomStringConvertible {
    let code: Int32
    let message: String

    /// The operating system's error number behind an I/O error (`ENOSPC` when a write found the disk full).
    let systemErrno: Int32

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
        systemErrno = 0
    }

    init(_ handle: OpaquePointer, code: Int32) {
        let extended = sqlite_nio_sqlite3_extended_errcode(handle)
        self.code = extended & 0xFF == code & 0xFF ? extended : code
        self.message = String(cString: sqlite_nio_sqlite3_errmsg(handle))
        systemErrno = sqlite_nio_sqlite3_system_errno(handle)
    }

    /// The primary result code (`SQLITE_CONSTRAINT` for every kind of constraint failure, …).
    var primaryCode: Int32 { code & 0xFF }

    /// The database could not grow: the disk (or the data folder's filesystem, or `max_page_count`) is full. SQLite
    /// says `SQLITE_FULL` for most of it; some writes (the shared-memory index, a journal) fail as an I/O error whose
    /// system error is `ENOSPC` or, under a quota, `EDQUOT`.
    var isStorageFull: Bool {
        primaryCode == SQLITE_FULL || (primaryCode == SQLITE_IOERR && (systemErrno == ENOSPC || systemErrno == EDQUOT))
    }

    var description: String { "SQLite error \(code): \(message)" }
}

/// One row, its values read out of the statement.
struct SQLiteDirectRow: Sendable {
    /// The column names, shared by every row of a statement.
    final class Columns: Sendable {
        let names: [String]

        init(_ statement: OpaquePointer) {
            names = (0..<sqlite_nio_sqlite3_column_count(statement)).map { column in
                sqlite_nio_sqlite3_column_name(statement, column).map { String(cString: $0) } ?? ""
            }
        }
    }

    let columns: Columns
    let values: [SQLiteData]

    func value(_ column: String) -> SQLiteData? {
        columns.names.firstIndex(of: column).map { values[$0] }
    }
}
