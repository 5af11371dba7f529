import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOPosix
import SQLKit
import Vapor

/// Chooses and prepares the database: SQLite as a server database (WAL, synchronous FULL, foreign keys, busy
/// timeout), or PostgreSQL; then migrations and, on an empty database, the demonstration data.
enum DatabaseSetup {
    /// How long a SQLite connection waits for another process's write lock before giving up.
    static let sqliteBusyTimeoutMilliseconds = 10_000

    /// Registers the database and returns the writer every write goes through. `instance` names this instance's
    /// PostgreSQL connections (`application_name`), which the metrics count in `pg_stat_activity`.
    static func register(
        _ choice: AppConfiguration.DatabaseChoice, poolSize: Int, instance: String, metrics: AppMetrics, on app: Application
    ) throws -> DatabaseWriter {
        switch choice {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            // The writer first: its connection creates the file and puts it in WAL mode. It has a thread of its own,
            // apart from the event loops that serve HTTP, and exactly one connection, whose statements run on that
            // thread. Reads run on a pool of connections, each statement on the thread that asks.
            let writer = try SQLiteWriterThreads(path: path, pragmas: sqliteConnectionPragmas)
            let readers = try SQLiteDirectPool(path: path, pragmas: sqliteConnectionPragmas, size: max(4, 2 * System.coreCount))
            app.databases.use(DatabaseConfigurationFactory { SQLiteDirectConfiguration(pool: readers) }, as: .sqlite)
            app.lifecycle.use(writer)
            let database = SQLiteDirectDatabase(statements: writer.connection, context: DatabaseContext(
                configuration: SQLiteDirectConfiguration(pool: readers), logger: app.logger, eventLoop: writer.loop), pool: nil)
            let groupSizes = metrics.writerGroupSizes
            return .groupCommitted(executor: EventLoopTaskExecutor(writer.loop), database) { groupSizes?.record(Double($0)) }
        case .postgres(let url):
            app.databases.use(try postgres(url: url, poolSize: poolSize, instance: instance), as: .psql)
            return .pooled
        }
    }

    /// `jiujinban/<instance>`, within PostgreSQL's 63 bytes (the instance name is ASCII), so it reads back as set.
    static func postgresApplicationName(instance: String) -> String {
        String(("jiujinban/" + instance).prefix(63))
    }

    /// PostgreSQL's pool. While the server is away a request waits at most 5 s for a connection (to open one, or
    /// for one to come free) and then fails as an outage (`DatabaseOutage`); a closed connection is never handed out,
    /// so the pool opens new ones by itself once the server is back. Its connections name this instance
    /// (`application_name`), which the metrics count.
    static func postgres(url: String, poolSize: Int, instance: String = AppConfiguration.defaultInstanceName) throws
        -> DatabaseConfigurationFactory
    {
        var sqlConfiguration = try SQLPostgresConfiguration(url: url)
        sqlConfiguration.coreConfiguration.options.connectTimeout = .seconds(5)
        sqlConfiguration.coreConfiguration.options.additionalStartupParameters
            .append(("application_name", postgresApplicationName(instance: instance)))
        return .postgres(configuration: sqlConfiguration, maxConnectionsPerEventLoop: poolSize,
                         connectionPoolTimeout: .seconds(5))
    }

    /// Migrates the database, then runs `seed` (the demonstration data, when the configuration asks for it), under
    /// one lock on PostgreSQL.
    static func prepare(
        _ app: Application, _ choice: AppConfiguration.DatabaseChoice,
        seed: @escaping @Sendable (Application) async throws -> Void
    ) async throws {
        switch choice {
        case .sqlite:
            try await migrateAndSeed(app, seed)
        case .postgres:
            // Several instances may boot at once on one database: a session-level advisory lock makes the
            // others wait while one migrates and seeds.
            let lockKey = 0x6A6A_6230 // "jjb0"
            try await app.db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("SELECT pg_advisory_lock(\(literal: lockKey))").run()
                do {
                    try await migrateAndSeed(app, seed)
                } catch {
                    try? await sql.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").run()
                    throw error
                }
                try await sql.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").run()
            }
        }
    }

    private static func migrateAndSeed(
        _ app: Application, _ seed: @escaping @Sendable (Application) async throws -> Void
    ) async throws {
        try await app.autoMigrate()
        try await seed(app)
        app.holdsDemoData = try await AppSetting.value(for: .demoDataLoadedAt, on: app.db) != nil
    }

    /// Every connection's settings, made when it opens: durability (`synchronous = FULL`), foreign keys, the busy
    /// timeout, and memory for reading (a 64 MB page cache and up to 1 GB of the file mapped, so lookups in a county's
    /// million citizens are served from memory rather than a read call per page).
    static let sqliteConnectionPragmas: [String] = [
        "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = \(sqliteBusyTimeoutMilliseconds)",
        "PRAGMA cache_size = -65536", "PRAGMA mmap_size = 1073741824",
    ]
}

/// The SQLite writer's own event loop and connection, and the checkpointer beside it, closed with the application.
///
/// SQLite copies committed pages from the write-ahead log back into the database file ("checkpoint"). By default
/// the committing connection does it every 1,000 pages, inside its commit: a tenth of the writer's time under load,
/// during which no request's write can commit. The writer's connection leaves that to a second connection on a
/// thread of its own, which checkpoints passively (never blocking the writer or a reader) ten times a second.
final class SQLiteWriterThreads: LifecycleHandler, Sendable {
    static let checkpointInterval = TimeAmount.milliseconds(100)

    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let checkpointGroup: MultiThreadedEventLoopGroup
    let connection: SQLiteDirectConnection
    private let checkpointer: SQLiteDirectConnection
    private let checkpoints: RepeatedTask
    var loop: any EventLoop { group.any() }

    init(path: String, pragmas: [String]) throws {
        connection = try SQLiteDirectConnection(
            path: path, pragmas: ["PRAGMA journal_mode = WAL"] + pragmas + ["PRAGMA wal_autocheckpoint = 0"],
            guardsTransaction: true)
        let checkpointer = try SQLiteDirectConnection(path: path, pragmas: pragmas)
        let checkpointGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        checkpoints = checkpointGroup.any().scheduleRepeatedTask(initialDelay: Self.checkpointInterval, delay: Self.checkpointInterval) { _ in
            // A failed checkpoint (busy, or the file gone at shutdown) is tried again at the next turn.
            try? checkpointer.run("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
        }
        self.checkpointer = checkpointer
        self.checkpointGroup = checkpointGroup
    }

    func shutdownAsync(_ application: Application) async {
        checkpoints.cancel()
        connection.close()
        checkpointer.close()
        try? await group.shutdownGracefully()
        try? await checkpointGroup.shutdownGracefully()
    }
}
