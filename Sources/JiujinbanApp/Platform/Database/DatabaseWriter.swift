import Fluent
import SQLKit
import Vapor

/// The one path every write takes: a transaction, with group commit on SQLite.
///
/// SQLite allows one writer at a time, and with `synchronous = FULL` every commit waits for the disk. Two pooled
/// connections that both try to write make one wait or fail with "database is locked", and one commit per request
/// caps a busy county at what the disk can flush. So on SQLite every write goes through one dedicated connection
/// (`GroupCommit`), whose statements run directly on the writer's own thread (`SQLiteDirectDatabase`, no hand-off
/// per statement): the writes waiting when it becomes free run one after another in a single `BEGIN IMMEDIATE`
/// transaction, one `COMMIT` makes them all durable, and only then is each caller answered; should one of them
/// fail, each is run again on its own, so a failing write never takes another with it. PostgreSQL keeps its own
/// pool and row-level locking: each write is its own transaction (`PostgresTransaction`).
public struct DatabaseWriter: Sendable {
    private let groupCommit: GroupCommit?

    /// PostgreSQL: every write its own transaction on the pool.
    public static let pooled = DatabaseWriter(groupCommit: nil)

    /// SQLite: every write through the writer's one connection `database`, committed in groups, the writes' code
    /// running on `executor` (the writer's thread).
    static func groupCommitted(
        executor: EventLoopTaskExecutor, _ database: any Database, groupCommitted: (@Sendable (Int) -> Void)? = nil
    ) -> DatabaseWriter {
        DatabaseWriter(groupCommit: GroupCommit(executor: executor, database: database, groupCommitted: groupCommitted))
    }

    private init(groupCommit: GroupCommit?) {
        self.groupCommit = groupCommit
    }

    /// Runs `body` as one atomic write: all of it is stored, or none of it. On SQLite `db` is not even made: the
    /// body receives the writer's own connection.
    public func write<T: Sendable>(
        on db: @autoclosure () -> any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard let groupCommit else { return try await PostgresTransaction.run(on: db(), body) }
        let value = try await groupCommit.submit { try await body($0) }
        guard let typed = value as? T else { preconditionFailure("group commit returned \(type(of: value)), not \(T.self)") }
        return typed
    }

    /// Writes waiting for the SQLite writer (not counting the group being committed); nil on PostgreSQL.
    var queueDepth: Int? {
        get async { await groupCommit?.queueDepth }
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

    nonisolated let database: any Database
    /// Logs a full disk once per episode, and turns its errors into `StorageFull` (a 507 page, not a 500).
    let storageAlarm = StorageAlarm()
    private var queue: [Job] = []
    private var isDraining = false

    private let executor: EventLoopTaskExecutor
    /// Told the size of each group once it is done (the metrics' histogram).
    private let groupCommitted: (@Sendable (Int) -> Void)?

    init(executor: EventLoopTaskExecutor, database: any Database, groupCommitted: (@Sendable (Int) -> Void)? = nil) {
        self.executor = executor
        self.database = database
        self.groupCommitted = groupCommitted
    }

    var queueDepth: Int { queue.count }

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
            let bodies = group.map(\.body)
            // On the writer's own thread: its statements block (the disk flush of COMMIT too), which must not hold
            // up the shared executor that runs request handlers.
            let (committed, stored) = await withTaskExecutorPreference(executor) { await Self.commit(bodies, on: self.database) }
            let outcomes = storageAlarm.review(committed, stored: stored, logger: database.logger)
            for (job, outcome) in zip(group, outcomes) {
                job.continuation.resume(with: outcome)
            }
            groupCommitted?(group.count)
        }
        isDraining = false
    }

    /// One transaction for the whole group, optimistically: the writes run one after another and one `COMMIT`
    /// makes them durable together. Should any of them fail, or the transaction itself (a full disk at `COMMIT`), the
    /// group is rolled back and each write runs again in a transaction of its own, so a failing write fails alone and
    /// the others are stored; and each write is answered with its own outcome, never with another's failure. (A
    /// write's body only touches the database, so running it again is safe; duplicates and lost races fail again the
    /// same way.) `stored`: whether a committed write changed rows (see `StorageAlarm.review`).
    private nonisolated static func commit(_ bodies: [Body], on db: any Database) async -> (outcomes: [Outcome], stored: Bool) {
        let changes = { (db as? SQLiteDirectDatabase)?.rowsChanged }
        if bodies.count > 1 {
            let before = changes()
            let grouped: Result<[any Sendable], any Error>? = try? await transaction(on: db) { connection in
                var values: [any Sendable] = []
                for body in bodies { values.append(try await body(connection)) }
                return values
            }
            if case .success(let values)? = grouped {
                return (values.map { Outcome.success($0) }, before == nil || changes() != before)
            }
        }
        var outcomes: [Outcome] = []
        var stored = false
        for body in bodies {
            let before = changes()
            do {
                let outcome = try await transaction(on: db, body)
                if case .success = outcome, before == nil || changes() != before { stored = true }
                outcomes.append(outcome)
            } catch {
                outcomes.append(.failure(error))
            }
        }
        return (outcomes, stored)
    }

    /// `BEGIN IMMEDIATE`, the work, the audit chain's new head, `COMMIT`; or `ROLLBACK` and the work's error. An error
    /// of the transaction itself (begin, commit) is thrown, after rolling back what is left of it.
    ///
    /// After `SQLITE_FULL` or an I/O error SQLite may already have rolled the whole transaction back by itself; then
    /// `ROLLBACK` would fail ("no transaction is active") and must not replace the work's own error. And a
    /// transaction that could not be ended at all is rolled back before the next one begins, so one failure never
    /// leaves the writer stuck inside it.
    private nonisolated static func transaction<T: Sendable>(
        on connection: any Database, _ work: @Sendable (any Database) async throws -> T
    ) async throws -> Result<T, any Error> {
        let sql = connection as! any SQLDatabase
        if (connection as? SQLiteDirectDatabase)?.holdsOpenTransaction == true { try await rollBackIfOpen(connection) }
        try await sql.raw("BEGIN IMMEDIATE").run()
        let head = AuditHeadInTransaction()
        let result: Result<T, any Error>
        do {
            let value = try await AuditTrail.$groupHead.withValue(head) { try await work(connection) }
            try await head.store(on: sql)
            result = .success(value)
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success:
            do {
                try await sql.raw("COMMIT").run()
            } catch {
                try? await rollBackIfOpen(connection)
                throw error
            }
        case .failure:
            try? await rollBackIfOpen(connection)
        }
        return result
    }

    /// `ROLLBACK`, if a transaction is still open on the writer's connection.
    private nonisolated static func rollBackIfOpen(_ connection: any Database) async throws {
        guard (connection as? SQLiteDirectDatabase)?.holdsOpenTransaction ?? true else { return }
        try await (connection as! any SQLDatabase).raw("ROLLBACK").run()
    }
}

/// Runs tasks that prefer it on one NIO event loop: the SQLite writer's code runs on the writer's own thread, where
/// its statements block nothing else.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
