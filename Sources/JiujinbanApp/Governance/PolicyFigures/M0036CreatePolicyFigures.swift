import Fluent
import Foundation
import JiujinbanRules

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

    /// Seed rows, each ending the day before the next row of its figure starts.
    static func seed(_ rows: [PolicyFigureSeed.Row], on database: any Database, at now: Date) async throws {
        for seed in rows {
            let record = PolicyFigureRecord(key: seed.key, county: seed.county, validFrom: seed.from, value: seed.value,
                                            source: seed.source, confidence: seed.confidence, status: seed.status,
                                            setBy: nil, setAt: now)
            let next = rows.filter { $0.key == seed.key && $0.countyCode == seed.countyCode && $0.from > seed.from }.map(\.from).min()
            if let next { record.validTo = next.adding(days: -1).iso }
            try await record.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PolicyFigureRecord.schema).delete()
    }
}
