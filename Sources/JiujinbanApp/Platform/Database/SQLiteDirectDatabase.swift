import FluentKit
import FluentSQL
import Foundation
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite as Fluent and SQLKit see it, with the same dialect, value encoding and decoding as Fluent's SQLite driver,
/// but every statement runs at once on the calling thread (`SQLiteDirectConnection`): no thread pool, no hand-off.
///
/// - The writer's one connection (no pool, always in a transaction): the group commit opens and ends it.
/// - The readers' pool (`SQLiteDirectDriver`): each statement on whichever connection is free. A read of the indexed
///   rows a page needs takes microseconds, less than the two thread hand-offs SQLiteNIO makes for it; a
///   transaction gets a connection of its own for its duration.
struct SQLiteDirectDatabase: Database, SQLDatabase {
    let statements: any SQLiteStatementRunner
    let context: DatabaseContext
    /// The readers' pool, which opens a connection for each transaction; nil for a connection already in its
    /// transaction (the writer's, or one opened for a transaction).
    let pool: SQLiteDirectPool?
    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()

    init(statements: any SQLiteStatementRunner, context: DatabaseContext, pool: SQLiteDirectPool?) {
        self.statements = statements
        self.context = context
        self.pool = pool
    }

    // MARK: SQLKit

    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    /// Runs without suspending: the statement is done when this returns.
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        if let queryLogLevel {
            // As SQLKit's drivers log (the log handler redacts the bound values).
            logger.log(level: queryLogLevel, "Executing query",
                       metadata: ["sql": .string(sql), "binds": .array(binds.map { .string("\($0)") })])
        }
        try statements.run(sql, try binds.map { try encoder.encode($0) }) { row in
            onRow(SQLiteDirectSQLRow(row: row, decoder: decoder))
        }
    }

    /// The statement's rows as SQLite's values, for the few reads of many rows where SQLKit's decoding of each value
    /// costs more than SQLite's own work (the province's monthly report).
    func rawRows(_ query: any SQLExpression, _ onRow: (SQLiteDirectRow) throws -> Void) throws {
        let (sql, binds) = serialize(query)
        try statements.run(sql, try binds.map { try encoder.encode($0) }, onRow)
    }

    /// `sql` (a statement returning no rows) once per set of values, prepared once (`SQLiteStatementRunner.runEach`).
    func runEach(_ sql: String, _ bindSets: [[SQLiteData]]) throws {
        if let queryLogLevel {
            logger.log(level: queryLogLevel, "Executing query", metadata: ["sql": .string(sql), "rows": .stringConvertible(bindSets.count)])
        }
        try statements.runEach(sql, bindSets)
    }

    /// A value as Fluent's SQLite driver stores it (a UUID as its sixteen bytes, say).
    func encoded(_ value: some Encodable & Sendable) throws -> SQLiteData { try encoder.encode(value) }

    // MARK: Fluent

    var inTransaction: Bool { pool == nil }

    /// Whether SQLite still has a transaction open on this connection (it may have ended one itself after an error).
    var holdsOpenTransaction: Bool { (statements as? SQLiteDirectConnection)?.isInTransaction ?? true }

    /// Rows inserted, updated or deleted on this connection since it opened (rolled-back ones too), nil for a pool.
    var rowsChanged: Int64? { (statements as? SQLiteDirectConnection)?.rowsChanged }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        var converted = SQLQueryConverter(delegate: SQLiteDirectConverterDelegate()).convert(query)
        // As Fluent's SQLite driver: a create returns the stored ids.
        if case .create = query.action, query.customIDKey != .some(.string("")) {
            converted = SQLList([converted, SQLReturning(.init((query.customIDKey ?? .id).description))], separator: SQLRaw(" "))
        }
        return execute(sql: converted) { onOutput(SQLiteDirectOutput(row: $0, schema: nil)) }
    }

    /// As Fluent's SQLite driver: SQLite alters a table only by adding or dropping columns; enum changes are no-ops.
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        var schema = schema
        if schema.action == .update {
            schema.updateFields = schema.updateFields.filter {
                if case .dataType(_, .enum) = $0 { false } else { true }
            }
            guard schema.createConstraints.isEmpty, schema.updateFields.isEmpty, schema.deleteConstraints.isEmpty else {
                return eventLoop.makeFailedFuture(SQLiteDirectError(code: 1, message: "SQLite only adds or drops columns in ALTER TABLE"))
            }
            if schema.createFields.isEmpty, schema.deleteFields.isEmpty { return eventLoop.makeSucceededVoidFuture() }
        }
        return execute(sql: SQLSchemaConverter(delegate: SQLiteDirectConverterDelegate()).convert(schema)) { _ in }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        eventLoop.makeSucceededVoidFuture()
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inTransaction else { return closure(self) }
        return eventLoop.makeFutureWithTask { try await self.transaction { try await closure($0).get() } }
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    /// Inside a transaction already: the closure runs in it. Otherwise on a connection of its own, `BEGIN` … `COMMIT`,
    /// or `ROLLBACK` and the closure's error.
    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let pool else { return try await closure(self) }
        let connection = try pool.openConnection()
        defer { connection.close() }
        let pinned = SQLiteDirectDatabase(statements: connection, context: context, pool: nil)
        try await pinned.raw("BEGIN IMMEDIATE").run()
        do {
            let value = try await closure(pinned)
            try await pinned.raw("COMMIT").run()
            return value
        } catch {
            try? await pinned.raw("ROLLBACK").run()
            throw error
        }
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await closure(self)
    }
}

extension SQLiteDirectError: DatabaseError {
    var isSyntaxError: Bool { primaryCode == 1 } // SQLITE_ERROR
    var isConstraintFailure: Bool { primaryCode == 19 } // SQLITE_CONSTRAINT
    var isConnectionClosed: Bool { primaryCode == 21 || primaryCode == 14 } // SQLITE_MISUSE, SQLITE_CANTOPEN
}

/// Fluent's SQLite column types.
private struct SQLiteDirectConverterDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .string, .enum: SQLRaw("TEXT")
        case .datetime: SQLRaw("REAL")
        case .int64: SQLRaw("INTEGER")
        default: nil
        }
    }
}

/// A row as SQLKit reads it, decoded as SQLiteKit decodes.
private struct SQLiteDirectSQLRow: SQLRow {
    let row: SQLiteDirectRow
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { row.columns.names }

    func contains(column: String) -> Bool { row.value(column) != nil }

    func decodeNil(column: String) throws -> Bool { (row.value(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let value = row.value(column) else {
            throw SQLiteDirectError(code: 1, message: "no column \(column) in the row")
        }
        return try decoder.decode(D.self, from: value)
    }
}

/// A row as Fluent reads it (Fluent's SQL drivers keep this adapter to themselves).
private struct SQLiteDirectOutput: DatabaseOutput {
    let row: any SQLRow
    let schema: String?

    var description: String { "\(row.allColumns)" }

    private func column(_ key: FieldKey) -> String {
        (schema.map { .prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }

    func schema(_ schema: String) -> any DatabaseOutput { SQLiteDirectOutput(row: row, schema: schema) }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: column(key), as: T.self) }
}
