import FluentPostgresDriver
import Foundation
@testable import JiujinbanApp
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Builds the real application for one test on its own database: a fresh SQLite file by default, or a fresh
/// PostgreSQL database when `DATABASE_URL` is set (CI runs the whole suite both ways).
enum TestApp {
    /// 2026-11-25 10:00 in Shanghai (a Wednesday): every test sees the same "now".
    static let fixedNow = Date(timeIntervalSince1970: 1_795_572_000)

    /// Swift Testing starts every test at once; a few applications at a time keep database connections and
    /// memory bounded (PostgreSQL allows a few hundred connections).
    static let slots = TestSlots(width: 6)

    /// One set of keys for the whole test run; tests that need their own build an app with them.
    static let keys = SecretKeys.random()
    /// The suite's request deadline on PostgreSQL: a debug build, every suite at once, 5 MB uploads parsed twice
    /// (the CSRF token, then the form) — slower than production's 25 s allows on a loaded machine, yet no hang.
    static let requestDeadlineSeconds: Int64 = 90

    /// - Parameter logger: replaces the application's logger before anything logs (tests that read the logs).
    /// - Parameter metricsToken: `JIUJINBAN_METRICS_TOKEN` (nil: `/metrics` is not offered).
    /// - Parameter demoLedger: the demonstration people with an insurance ledger too (most tests count on none).
    static func run(
        demo: Bool = true, clock: AppClock = .fixed(fixedNow), keys: SecretKeys = TestApp.keys, logger: Logger? = nil,
        servedOverTLS: Bool = false, metricsToken: String? = nil, demoLedger: Bool = false, _ body: (Application) async throws -> Void
    ) async throws {
        await slots.acquire()
        do {
            try await runAlone(demo: demo, clock: clock, keys: keys, logger: logger, servedOverTLS: servedOverTLS,
                               metricsToken: metricsToken, demoLedger: demoLedger, body)
        } catch {
            await slots.release()
            throw error
        }
        await slots.release()
    }

    private static func runAlone(
        demo: Bool, clock: AppClock, keys: SecretKeys, logger: Logger?, servedOverTLS: Bool, metricsToken: String?, demoLedger: Bool,
        _ body: (Application) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.make()
        let app = try await Application.make(.testing)
        if let logger { app.logger = logger }
        do {
            var configuration = AppConfiguration(database: database.choice, loadDemoData: demo, postgresPoolSize: 2,
                                                 dataDirectory: database.directory.path, keys: keys,
                                                 secureCookies: servedOverTLS)
            configuration.metricsToken = metricsToken
            configuration.loadDemoLedger = demoLedger
            configuration.requestDeadlineSeconds = TestApp.requestDeadlineSeconds
            try await configure(app, configuration: configuration, clock: clock)
            let redirects = SilentRedirects()
            app.middleware.use(redirects)
            try await body(app)
            for silent in redirects.silent { Issue.record("a form succeeded without a success message: \(silent)") }
        } catch {
            try? await app.asyncShutdown()
            await database.drop()
            throw error
        }
        try await app.asyncShutdown()
        await database.drop()
    }

    /// Two application instances on one database (one SQLite file, or one PostgreSQL database), as two servers
    /// behind one address would run: the first migrates and loads the demonstration data, the second finds them.
    static func runTwo(clock: AppClock = .fixed(fixedNow), _ body: (Application, Application) async throws -> Void) async throws {
        await slots.acquire()
        let database: TestDatabase
        do {
            database = try await TestDatabase.make()
        } catch {
            await slots.release()
            throw error
        }
        var apps: [Application] = []
        do {
            for _ in 0..<2 {
                let app = try await Application.make(.testing)
                apps.append(app)
                var configuration = AppConfiguration(database: database.choice, loadDemoData: true, postgresPoolSize: 2,
                                                     dataDirectory: database.directory.path, keys: keys)
                configuration.requestDeadlineSeconds = TestApp.requestDeadlineSeconds
                try await configure(app, configuration: configuration, clock: clock)
            }
            try await body(apps[0], apps[1])
        } catch {
            for app in apps { try? await app.asyncShutdown() }
            await database.drop()
            await slots.release()
            throw error
        }
        for app in apps { try await app.asyncShutdown() }
        await database.drop()
        await slots.release()
    }
}

/// One throw-away database, and a data directory of its own (audit archives).
struct TestDatabase {
    let choice: AppConfiguration.DatabaseChoice
    let directory: URL
    let drop: @Sendable () async -> Void

    static var usesPostgres: Bool { ProcessInfo.processInfo.environment["DATABASE_URL"] != nil }

    static func make() async throws -> TestDatabase {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jjb-test-\(suffix)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"] {
            let name = "jjb_test_\(suffix)"
            try await administer(url) { sql in try await sql.raw("CREATE DATABASE \(ident: name)").run() }
            var components = URLComponents(string: url)!
            components.path = "/" + name
            return TestDatabase(choice: .postgres(url: components.string!), directory: directory) {
                try? await administer(url) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
                try? FileManager.default.removeItem(at: directory)
            }
        }
        return TestDatabase(choice: .sqlite(path: directory.appendingPathComponent("test.sqlite").path), directory: directory) {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Runs statements on the server's maintenance connection (CREATE/DROP DATABASE cannot run inside the
    /// database being created or dropped).
    private static func administer(_ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let admin = try await Application.make(.testing)
        do {
            admin.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
            try await body(admin.db as! any SQLDatabase)
        } catch {
            try? await admin.asyncShutdown()
            throw error
        }
        try await admin.asyncShutdown()
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
}

/// Form bodies as a browser sends them.
func formBody(_ fields: [(String, String)]) -> ByteBuffer {
    var components = URLComponents()
    components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
    let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    return ByteBuffer(string: encoded)
}

extension HTTPHeaders {
    static var form: HTTPHeaders { ["Content-Type": "application/x-www-form-urlencoded"] }
}

/// A counting semaphore for async code.
actor TestSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) { free = width }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
