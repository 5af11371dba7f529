import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 政策参数: the dated policy figures, and the rows researched in `policy-figures.md` (`PolicyFigureSeed`), loaded
/// here so that every fresh database — the demonstration's and a production start's — has them exactly once, and an
/// upgraded one gets them with the table.
struct M0036CreatePolicyFigures: AsyncMigration {
    var name: String { "JiujinbanApp.M0036CreatePolicyFigures" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema(PolicyFigureRecord.schema)
            .id()
            .field("key", .string, .required)
            .field("scope_code", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string, .required)
            .field("value", .string)
            .field("source", .string, .required)
            .field("confidence", .string, .required)
            .field("status", .string, .required)
            .field("set_by", .uuid, .references("staff_accounts", "id"))
            .field("set_at", .datetime, .required)
            // Named: PostgreSQL cuts the generated names at 63 characters, where these two would be the same.
            .unique(on: "key", "scope_code", "valid_from", name: "uq_policy_figures_start")
            .unique(on: "key", "scope_code", "valid_to", name: "uq_policy_figures_end")
            .create()
        try await Self.seed(PolicyFigureSeed.firstRows, on: database, at: Date())
    }

    /// Seed rows, each ending the day before the next row of its figure starts. Written column by column, not
    /// through `PolicyFigureRecord`: the model gains columns in later migrations (M0065) that this one's table lacks.
    static func seed(_ rows: [PolicyFigureSeed.Row], on database: any Database, at now: Date) async throws {
        let sql = database as! any SQLDatabase
        for seed in rows {
            let next = rows.filter { $0.key == seed.key && $0.countyCode == seed.countyCode && $0.from > seed.from }.map(\.from).min()
            try await sql.insert(into: PolicyFigureRecord.schema)
                .columns("id", "key", "scope_code", "valid_from", "valid_to", "value", "source", "confidence", "status", "set_by", "set_at")
                .values(SQLBind(UUID()), SQLBind(seed.key.rawValue), SQLBind(seed.county?.value ?? PolicyFigureRecord.provinceScope),
                        SQLBind(seed.from.iso), SQLBind(next.map { $0.adding(days: -1).iso } ?? PolicyFigureRecord.open),
                        SQLBind(seed.value?.stored), SQLBind(seed.source), SQLBind(seed.confidence.rawValue),
                        SQLBind(seed.status.rawValue), SQLBind(UUID?.none), SQLBind(now))
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PolicyFigureRecord.schema).delete()
    }
}
