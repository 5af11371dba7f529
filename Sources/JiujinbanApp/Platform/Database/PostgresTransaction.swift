import FluentKit
import FluentPostgresDriver
import NIOCore
import PostgresNIO

/// One write on PostgreSQL: `BEGIN`, the body, `COMMIT`, on one pooled connection; on failure `ROLLBACK`, unless the
/// connection is gone.
///
/// Fluent's own `transaction` always sends `ROLLBACK` after a failure. When the failure is PostgreSQL ending the
/// connection (a restart: FATAL 57P01, then the socket closes), PostgresNIO writes that `ROLLBACK` to a closed
/// channel, drops it without failing its promise, and the request waits forever (vapor/postgres-nio#487, reverted
/// in #501); `drill-postgres-restart` and `DatabaseOutageTests` saw it. The server rolls back by itself when a
/// connection ends, so nothing is sent to a connection that is closed or failed as an outage: it is closed instead,
/// and the pool never hands it out again. A statement of the body written in the instant the connection closes is
/// dropped the same way; `ConnectionWatch` answers for it, so the transaction fails as an outage and the pool gets
/// its connection back instead of waiting for it forever. The database the body receives is the connection Fluent
/// marks as in a transaction, so a nested `transaction` runs inside this one.
enum PostgresTransaction {
    static func run<T: Sendable>(
        on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await db.withConnection { connection in
            guard let control = connection as? any TransactionControlDatabase,
                  let pooled = connection as? any PostgresDatabase else {
                preconditionFailure("a PostgreSQL connection of Fluent controls its transactions")
            }
            let link = try await pooled.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
            return try await ConnectionWatch.run(on: link) {
                try await transaction(connection, control, body)
            }
        }
    }

    private static func transaction<T: Sendable>(
        _ connection: any Database, _ control: any TransactionControlDatabase,
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await control.beginTransaction().get()
        do {
            let value = try await body(connection)
            try await control.commitTransaction().get()
            return value
        } catch {
            try await end(connection, control, after: error)
            throw error
        }
    }

    /// Rolls back a failed transaction on a connection that is still there; closes one that is not.
    private static func end(
        _ connection: any Database, _ control: any TransactionControlDatabase, after error: any Error
    ) async throws {
        let pooled = connection as? any PostgresDatabase
        let closed = try await pooled?.withConnection { $0.eventLoop.makeSucceededFuture($0.isClosed) }.get() ?? false
        if closed || DatabaseOutage.isOutage(error) {
            connection.logger.warning("transaction failed with its connection gone; closed it, not rolled back: \(error)")
            try? await pooled?.withConnection { $0.close() }.get()
            return
        }
        do {
            try await control.rollbackTransaction().get()
        } catch {
            // A connection that cannot roll back must not go back to the pool with its transaction open.
            connection.logger.warning("ROLLBACK failed; the connection is closed instead: \(error)")
            try? await pooled?.withConnection { $0.close() }.get()
        }
    }
}
