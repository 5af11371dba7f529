import AsyncKit
import Fluent
import FluentPostgresDriver
import Foundation
@testable import JiujinbanApp
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
@testable import PostgresNIO
import SQLKit
import Testing
import Vapor
import VaporTesting

/// PostgreSQL away: requests answer 503 with a Chinese page (JSON under /api) and `Retry-After`, never 500, and the
/// application serves again by itself once the database is back.
@Suite("Database outage: 503 in Chinese, then recovery without a restart")
struct DatabaseOutageTests {
    static let readingReason = "数据库暂时不可用，请稍后再试"
    static let writingReason = "数据库暂时不可用，请稍后再试；本次操作未保存"
    /// Seconds a client is asked to wait before trying again.
    static let retryAfter = "5"

    @Test("the errors of a database that is away are 503; every other error keeps its status")
    func classification() {
        let refused = IOError(errnoCode: ECONNREFUSED, reason: "connect")
        let outages: [(String, any Error)] = [
            ("pool timeout", ConnectionPoolTimeoutError.connectionRequestTimeout),
            ("connection refused", PSQLError.connectionError(underlying: refused)),
            ("connect timeout", PSQLError.connectionError(underlying: ChannelError.connectTimeout(.seconds(5)))),
            ("server closed the connection", PSQLError.serverClosedConnection(underlying: nil)),
            ("unclean shutdown", PSQLError.uncleanShutdown),
            ("closed after a reset", PSQLError.clientClosedConnection(underlying: PSQLError.connectionError(underlying: refused))),
            ("admin shutdown 57P01", Self.serverError("57P01")),
            ("starting up 57P03", Self.serverError("57P03")),
            ("connection failure 08006", Self.serverError("08006")),
            ("too many connections 53300", Self.serverError("53300")),
            ("legacy connection closed", PostgresError.connectionClosed),
            ("legacy admin shutdown", PostgresError.server(.init(fields: [.sqlState: "57P01", .message: "terminating"]))),
            ("bare refused connect", refused),
            ("reset by peer", PSQLError.connectionError(underlying: IOError(errnoCode: ECONNRESET, reason: "read"))),
            ("closed after a reset by peer", PSQLError.clientClosedConnection(underlying: IOError(errnoCode: ECONNRESET, reason: "read"))),
            ("broken pipe", IOError(errnoCode: EPIPE, reason: "write")),
            ("written to a closed channel", ChannelError.ioOnClosedChannel),
        ]
        for (name, error) in outages {
            let (status, reason) = AppErrorMiddleware.describe(error)
            #expect(status == .serviceUnavailable, "\(name)")
            #expect(reason == Self.readingReason, "\(name)")
        }
        let others: [(String, any Error, HTTPResponseStatus)] = [
            ("unique violation 23505", Self.serverError("23505"), .internalServerError),
            ("no such table 42P01", Self.serverError("42P01"), .internalServerError),
            ("legacy syntax error", PostgresError.server(.init(fields: [.sqlState: "42601"])), .internalServerError),
            ("client closed on shutdown", PSQLError.clientClosedConnection(underlying: nil), .internalServerError),
            ("pool closed", PSQLError.poolClosed, .internalServerError),
            ("pool shut down", ConnectionPoolError.shutdown, .internalServerError),
            ("query cancelled", PSQLError(code: .queryCancelled), .internalServerError),
            ("an unknown error", DatabaseExplosion(), .internalServerError),
            ("permission denied", IOError(errnoCode: EACCES, reason: "open"), .internalServerError),
            ("a refusal", PublicError(.forbidden, "不行"), .forbidden),
        ]
        for (name, error, expected) in others {
            #expect(AppErrorMiddleware.describe(error).0 == expected, "\(name)")
        }
    }

    @Test("PostgreSQL on a closed port: pages, /api, /healthz and writes answer 503 in Chinese; back, it serves again")
    func closedPort() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let port = try await Self.closedPort()
            try await Self.pointDefault(of: app, at: port)
            try await Self.expectOutage(app, admin)
            // The database "returns": the same application, no restart, serves the same session.
            app.databases.default(to: TestDatabase.usesPostgres ? .psql : .sqlite)
            try await app.testing().test(.GET, "/service-points", headers: admin.headers) { res in
                #expect(res.status == .ok)
            }
        }
    }

    @Test("a database that accepts but never answers: the request ends with 503 after the 5 s timeout, not hanging")
    func silentServer() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            let silent = try await Self.silentListener()
            do {
                try await Self.pointDefault(of: app, at: silent.localAddress!.port!)
                let started = ContinuousClock.now
                try await app.testing().test(.GET, "/service-points", headers: admin.headers) { res in
                    #expect(res.status == .serviceUnavailable)
                    #expect(res.text.contains(Self.readingReason))
                }
                let waited = ContinuousClock.now - started
                #expect(waited < .seconds(12), "waited \(waited)")
            } catch {
                try? await silent.close()
                throw error
            }
            try await silent.close()
        }
    }

    @Test("PostgreSQL drops every connection: the request in flight answers 503, the pool reconnects by itself",
          .enabled(if: TestDatabase.usesPostgres))
    func droppedConnections() async throws {
        try await TestApp.run { app in
            let admin = try await app.session(as: .countySystemAdmin)
            app.get("outage-probe", "slow") { req async throws -> String in
                try await (req.db as! any SQLDatabase).raw("SELECT pg_sleep(10)").run()
                return "slept"
            }
            app.get("outage-probe", "slow-write") { req async throws -> String in
                // The write path: a transaction on a pooled connection, rolled back when the statement fails.
                try await req.jiujinban.writer.write(on: req.db) { db in
                    try await (db as! any SQLDatabase).raw("SELECT pg_sleep(10)").run()
                }
                return "slept"
            }
            async let slow = app.testing().sendRequest(.GET, "/outage-probe/slow", headers: admin.headers)
            async let slowWrite = app.testing().sendRequest(.GET, "/outage-probe/slow-write", headers: admin.headers)
            // Both statements must be running on the server before it drops them: on a loaded machine the requests
            // can take longer than any fixed pause to reach PostgreSQL.
            // Watched and dropped from a pool of its own: the requests may hold every connection of the app's pool.
            let observer = DatabaseID(string: "observer")
            app.databases.use(app.databases.configuration(for: .psql)!, as: observer)
            let watcher = app.db(observer) as! any SQLDatabase
            try await Self.waitForSleepingBackends(2, watcher)
            try await Self.terminateOtherBackends(watcher)
            let terminated = ContinuousClock.now
            for answer in [try await slow, try await slowWrite] {
                #expect(answer.status == .serviceUnavailable)
                #expect(answer.headers.first(name: .retryAfter) == Self.retryAfter)
                #expect(answer.text.contains(Self.readingReason))
            }
            let waited = ContinuousClock.now - terminated
            #expect(waited < .seconds(3), "the requests in flight answered \(waited) after the connections were dropped")
            // Connections the server closed are never handed out again: pages come back without a restart.
            var statuses: [UInt] = []
            for _ in 0..<20 {
                let res = try await app.testing().sendRequest(.GET, "/service-points", headers: admin.headers)
                statuses.append(res.status.code)
                if res.status == .ok { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(statuses.last == 200, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "\(statuses)")
        }
    }

    @Test("a write that fails for its own reason on PostgreSQL is rolled back, and its connection serves again",
          .enabled(if: TestDatabase.usesPostgres))
    func rolledBackWrite() async throws {
        struct Refused: Error {}
        struct Row: Decodable { var n: Int }
        try await TestApp.run { app in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("CREATE TABLE rollback_probe (n integer NOT NULL)").run()
            let writer = DatabaseWriter.pooled
            await #expect(throws: Refused.self) {
                try await writer.write(on: app.db) { db in
                    try await (db as! any SQLDatabase).raw("INSERT INTO rollback_probe VALUES (1)").run()
                    throw Refused()
                }
            }
            // A nested transaction runs inside the write, and the pool's connections are all usable again.
            for n in 2...5 {
                try await writer.write(on: app.db) { db in
                    try await db.transaction { inner in
                        try await (inner as! any SQLDatabase).raw("INSERT INTO rollback_probe VALUES (\(bind: n))").run()
                    }
                }
            }
            let rows = try await sql.raw("SELECT n FROM rollback_probe ORDER BY n").all(decoding: Row.self)
            #expect(rows.map(\.n) == [2, 3, 4, 5])
        }
    }

    @Test("a statement written just after its connection closed is answered as an outage, not awaited forever",
          .enabled(if: TestDatabase.usesPostgres))
    func statementOnClosedConnection() async throws {
        try await TestApp.run { app in
            let writer = DatabaseWriter.pooled
            let started = ContinuousClock.now
            // The write's connection closes between two statements, as when PostgreSQL ends it and NIO has already
            // taken the channel down: PostgresNIO drops the next statement without answering it.
            let outcome = await Self.within(.seconds(15)) {
                try await writer.write(on: app.db) { db in
                    try await (db as! any SQLDatabase).raw("SELECT 1").run()
                    let link = try await (db as! any PostgresDatabase)
                        .withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
                    try await link.close().get()
                    try await Task.sleep(for: .milliseconds(200))
                    try await (db as! any SQLDatabase).raw("SELECT 2").run()
                }
            }
            let waited = ContinuousClock.now - started
            switch outcome {
            case .none:
                Issue.record("the write was still waiting after 15 s")
            case .some(.success):
                Issue.record("a statement on a closed connection succeeded")
            case .some(.failure(let error)):
                #expect(DatabaseOutage.isOutage(error), "\(String(reflecting: error))")
                #expect(AppErrorMiddleware.describe(error).0 == .serviceUnavailable)
                #expect(waited < .seconds(5), "answered after \(waited)")
            }
            // The lease ended: the pool serves every further write.
            for n in 1...8 {
                let value = try await writer.write(on: app.db) { db in
                    try await (db as! any SQLDatabase).raw("SELECT \(bind: n) AS n").first(decoding: Counted.self)?.n
                }
                #expect(value == n)
            }
        }
    }

    struct Counted: Decodable { var n: Int }

    /// The result of `work`, or nil when it has not ended within `limit` (the work is left running).
    static func within(
        _ limit: Duration, _ work: @escaping @Sendable () async throws -> Void
    ) async -> Result<Void, any Error>? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, any Error>?, Never>) in
            let done = NIOLockedValueBox(false)
            @Sendable func finish(_ value: Result<Void, any Error>?) {
                if done.withLockedValue({ old in defer { old = true }; return !old }) { continuation.resume(returning: value) }
            }
            Task { do { try await work(); finish(.success(())) } catch { finish(.failure(error)) } }
            Task { try? await Task.sleep(for: limit); finish(nil) }
        }
    }

    /// Waits until `count` backends of this database are running `pg_sleep`; fails after 30 s.
    static func waitForSleepingBackends(_ count: Int, _ sql: any SQLDatabase) async throws {
        struct Row: Decodable { var sleeping: Int }
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(30) {
            let row = try await sql.raw("""
                SELECT count(*)::int AS sleeping FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND state = 'active' AND query LIKE '%pg_sleep%'
                """).first(decoding: Row.self)
            if let row, row.sleeping >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the \(count) statements never reached PostgreSQL")
    }

    /// What a fast shutdown does to every backend of the application: FATAL 57P01, then the socket closes.
    static func terminateOtherBackends(_ sql: any SQLDatabase) async throws {
        try await sql.raw("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """).run()
    }

    // MARK: - Helpers

    /// Every kind of request the application serves, with the database away.
    static func expectOutage(_ app: Application, _ admin: TestSession) async throws {
        let retryAfter = Self.retryAfter
        try await app.testing().test(.GET, "/service-points", headers: admin.headers) { res in
            #expect(res.status == .serviceUnavailable)
            #expect(res.headers.contentType == .html)
            #expect(res.headers.first(name: .retryAfter) == retryAfter)
            #expect(res.text.contains(readingReason))
            #expect(!res.text.contains("服务器内部错误"))
            #expect(!res.text.contains("PSQLError"))
        }
        try await app.testing().test(.GET, "/api/service-points", headers: admin.headers) { res in
            #expect(res.status == .serviceUnavailable)
            #expect(res.headers.first(name: .retryAfter) == retryAfter)
            let body = try res.content.decode(AppErrorMiddleware.ErrorBody.self)
            #expect(body.error && body.reason == readingReason)
        }
        try await app.testing().test(.GET, "/healthz") { res in
            #expect(res.status == .serviceUnavailable)
            #expect(res.headers.first(name: .retryAfter) == retryAfter)
            let health = try res.content.decode([String: String].self)
            #expect(health["status"] == "unavailable")
        }
        try await app.testing().test(.POST, "/cases", headers: admin.formHeaders,
                                     body: admin.form([("citizen", "x"), ("item", "21")])) { res in
            #expect(res.status == .serviceUnavailable)
            #expect(res.headers.first(name: .retryAfter) == retryAfter)
            #expect(res.text.contains(writingReason))
        }
    }

    /// Makes a PostgreSQL pool with the production settings on `port` of this host the default database.
    static func pointDefault(of app: Application, at port: Int) async throws {
        let url = "postgres://jjb@127.0.0.1:\(port)/away?sslmode=disable"
        app.databases.use(try DatabaseSetup.postgres(url: url, poolSize: 2), as: DatabaseID(string: "away"), isDefault: true)
    }

    /// A port nothing listens on: bound, then closed.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        return port
    }

    /// A listener whose connections are accepted and never answered, as a hung server or a black-holed route.
    static func silentListener() async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    static func serverError(_ sqlState: String) -> PSQLError {
        .server(.init(fields: [.sqlState: sqlState, .message: "test", .severity: "FATAL"]))
    }
}
