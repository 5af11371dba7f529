import Fluent
import FluentSQLiteDriver
import Foundation
import Vapor

/// The reference the issue calibrates its target on: a plain Vapor + Fluent handler doing one two-row transaction
/// on SQLite (WAL, synchronous FULL) through a single connection, no sign-in, no audit. Measured on the same
/// machine in the same run, it tells how much of a figure is the machine and how much the product.
enum NaiveServer {
    final class Row: Model, @unchecked Sendable {
        static let schema = "naive_rows"
        @ID(key: .id) var id: UUID?
        @Field(key: "kind") var kind: String
        @Field(key: "note") var note: String
        @Field(key: "at") var at: Date
        init() {}
        init(kind: String, note: String) {
            id = UUID()
            self.kind = kind
            self.note = note
            at = Date()
        }
    }

    struct CreateRows: AsyncMigration {
        func prepare(on database: any Database) async throws {
            try await database.schema("naive_rows").id().field("kind", .string, .required).field("note", .string, .required)
                .field("at", .datetime, .required).create()
        }

        func revert(on database: any Database) async throws { try await database.schema("naive_rows").delete() }
    }

    struct Form: Content {
        var note: String
    }

    static func run(database path: String, port: Int) async throws {
        var environment = Environment(name: "production", arguments: ["jiujinban-bench", "serve"])
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        app.logger.logLevel = .warning
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1), as: .sqlite)
        app.migrations.add(CreateRows())
        try await app.autoMigrate()
        let loop = app.eventLoopGroup.next()
        let single = app.databases.database(.sqlite, logger: app.logger, on: loop)! as! any SQLDatabase
        try await single.raw("PRAGMA journal_mode = WAL").run()
        try await single.raw("PRAGMA synchronous = FULL").run()
        let database = app.databases.database(.sqlite, logger: app.logger, on: loop)!
        app.post("naive") { req async throws -> HTTPStatus in
            let form = try req.content.decode(Form.self)
            try await database.transaction { db in
                try await Row(kind: "case", note: form.note).create(on: db)
                try await Row(kind: "step", note: form.note).create(on: db)
            }
            return .created
        }
        try await app.execute()
        try await app.asyncShutdown()
    }
}
