import FluentKit
import FluentSQL
import Foundation
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO

/// The SQLite writer's connection as Fluent and SQLKit see it: the same dialect, value encoding and decoding as
/// Fluent's SQLite driver, but every statement runs at once on the calling thread (`SQLiteDirectConnection`), so a
/// group of writes runs without a thread hand-off. Always inside the group commit's transaction.
struct SQLiteWriterDatabase: Database, SQLDatabase {
    let connection: SQLiteDirectConnection
    let context: DatabaseContext
    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()

    init(connection: SQLiteDirectConnection, context: DatabaseContext) {
        self.connection = connection
        self.context = context
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
            logger.log(level: queryLogLevel, "Executing query", metadata: ["sql": .string(sql)])
        }
        try connection.run(sql, try binds.map { try encoder.encode($0) }) { row in
            onRow(SQLiteWriterRow(row: row, decoder: decoder))
        }
    }

    // MARK: Fluent

    /// The group commit opens and ends the transaction; a body's own `transaction` runs inside it.
    var inTransaction: Bool { true }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        var converted = SQLQueryConverter(delegate: SQLiteWriterConverterDelegate()).convert(query)
        // As Fluent's SQLite driver: a create returns the stored ids.
        if case .create = query.action, query.customIDKey != .some(.string("")) {
            converted = SQLList([converted, SQLReturning(.init((query.customIDKey ?? .id).description))], separator: SQLRaw(" "))
        }
        return execute(sql: converted) { onOutput(SQLiteWriterOutput(row: $0, schema: nil)) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(SQLiteDirectError(code: 21, message: "schema changes are migrations, not writes of the writer"))
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        eventLoop.makeSucceededVoidFuture()
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await closure(self)
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

/// Fluent's SQLite column types, for the converter (queries only: the writer makes no schema).
private struct SQLiteWriterConverterDelegate: SQLConverterDelegate {
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
private struct SQLiteWriterRow: SQLRow {
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
private struct SQLiteWriterOutput: DatabaseOutput {
    let row: any SQLRow
    let schema: String?

    var description: String { "\(row.allColumns)" }

    private func column(_ key: FieldKey) -> String {
        (schema.map { .prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }

    func schema(_ schema: String) -> any DatabaseOutput { SQLiteWriterOutput(row: row, schema: schema) }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: column(key), as: T.self) }
}
