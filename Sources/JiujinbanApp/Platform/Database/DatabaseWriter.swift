import Fluent
import SQLKit
import Vapor

/// The one path every write takes: a transaction, with group commit on SQLite.
///
/// SQLite allows one writer at a time, and with `synchronous = FULL` every commit waits for the disk. Two pooled
/// connections that both try to write make one wait or fail with "database is locked", and one commit per request
/// caps a busy county at what the disk can flush. So on SQLite every write goes through one dedicated connection
/// (`GroupCommit`): the writes waiting when it becomes free run one after another in a single `BEGIN IMMEDIATE`
/// transaction, each inside its own savepoint (a failing write rolls back only itself), then one `COMMIT` makes
/// them all durable, and only then is each caller answered. PostgreSQL keeps its own pool and row-level locking:
/// each write is its own transaction.
public struct DatabaseWriter: Sendable {
    private let groupCommit: GroupCommit?

    /// PostgreSQL: every write its own transaction on the pool.
    public static let pooled = DatabaseWriter(groupCommit: nil)

    /// SQLite: every write through the one connection `connection` returns, committed in groups.
    static func groupCommitted(_ connection: @escaping @Sendable () -> any Database) -> DatabaseWriter {
        DatabaseWriter(groupCommit: GroupCommit(connection: connection))
    }

    private init(groupCommit: GroupCommit?) {
        self.groupCommit = groupCommit
    }

    /// The SQLite writer's own connection, for settings made once at boot; nil on PostgreSQL.
    var groupCommitConnection: (any Database)? { groupCommit?.connection() }

    /// Runs `body` as one atomic write: all of it is stored, or none of it. On SQLite `db` is not used: the body
    /// receives the writer's own connection.
    public func write<T: Sendable>(
        on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard let groupCommit else { return try await db.transaction(body) }
        let value = try await groupCommit.submit { try await body($0) }
        guard let typed = value as? T else { preconditionFailure("group commit returned \(type(of: value)), not \(T.self)") }
        return typed
    }
}

/// Durable group commit over one SQLite connection. While one group commits, new writes queue; the next group
/// takes them all (up to `maximumGroup`), so under load one disk flush serves many requests, and an idle system
/// still commits a lone write at once.
actor GroupCommit {
    typealias Body = @Sendable (any Database) async throws -> any Sendable
    typealias Outcome = Result<any Sendable, any Error>

    /// Enough to absorb every concurrent request of a busy county; small enough that one group stays short.
    static let maximumGroup = 64

    private struct Job {
        let body: Body
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    nonisolated let connection: @Sendable () -> any Database
    private var queue: [Job] = []
    private var isDraining = false

    init(connection: @escaping @Sendable () -> any Database) {
        self.connection = connection
    }

    func submit(_ body: @escaping Body) async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(Job(body: body, continuation: continuation))
        }
    }

    private func enqueue(_ job: Job) {
        queue.append(job)
        guard !isDraining else { return }
        isDraining = true
        Task { await drain() }
    }

    private func drain() async {
        while !queue.isEmpty {
            let group = Array(queue.prefix(Self.maximumGroup))
            queue.removeFirst(group.count)
            let outcomes = await Self.commit(group.map(\.body), on: connection())
            for (job, outcome) in zip(group, outcomes) {
                job.continuation.resume(with: outcome)
            }
        }
        isDraining = false
    }

    /// One transaction for the whole group. A lone write needs no savepoint: its failure rolls back the transaction.
    /// If the commit itself fails, every write of the group failed and every caller is told so.
    private nonisolated static func commit(_ bodies: [Body], on db: any Database) async -> [Outcome] {
        do {
            return try await db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    var outcomes: [Outcome] = []
                    if bodies.count == 1 {
                        outcomes = [.success(try await bodies[0](connection))]
                    } else {
                        for body in bodies {
                            outcomes.append(try await runIsolated(body, on: connection, sql: sql))
                        }
                    }
                    try await sql.raw("COMMIT").run()
                    return outcomes
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        } catch {
            return bodies.map { _ in .failure(error) }
        }
    }

    /// Runs one write of a group inside its own savepoint. Its own failure is its outcome; a failure to roll back
    /// to the savepoint (the transaction itself is gone) is thrown and fails the group.
    private nonisolated static func runIsolated(_ body: Body, on connection: any Database, sql: any SQLDatabase) async throws -> Outcome {
        try await sql.raw("SAVEPOINT group_write").run()
        do {
            let value = try await body(connection)
            try await sql.raw("RELEASE group_write").run()
            return .success(value)
        } catch {
            try await sql.raw("ROLLBACK TO group_write").run()
            try await sql.raw("RELEASE group_write").run()
            return .failure(error)
        }
    }
}
