import Fluent
import SQLKit
import Vapor

/// The one path every write takes: a transaction, serialised on SQLite.
///
/// SQLite allows one writer at a time. Two pooled connections that both try to write make one of them wait or
/// fail with "database is locked", so on SQLite writes queue in this process (first come, first served) and each
/// starts with `BEGIN IMMEDIATE`, taking the write lock before reading, which also keeps another process (a
/// command run beside the server) from slipping in between read and write. PostgreSQL keeps its own pool and
/// row-level locking.
public struct DatabaseWriter: Sendable {
    let gate: WriteGate?

    public init(serialised: Bool) {
        gate = serialised ? WriteGate() : nil
    }

    public func write<T: Sendable>(
        on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard let gate else { return try await db.transaction(body) }
        return try await gate.withExclusiveAccess {
            try await db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await body(connection)
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }
}

/// A first-come, first-served asynchronous lock.
actor WriteGate {
    private var isHeld = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func withExclusiveAccess<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        guard isHeld else {
            isHeld = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            isHeld = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
