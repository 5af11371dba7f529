import Fluent
import SQLKit

/// 交换记录: what the platform owes the core system (`OutboundExchangeState`), one row per ledger change of a case.
/// The export reads the pending ones in order (`insurance_outbound_state`); an answer finds its row by id. The items
/// write them through `LedgerChanges`; `export-pending` / `import-acknowledgements` (`SocialInsurance/Exchange/`)
/// send and answer them.
struct M0042CreateOutboundExchange: AsyncMigration {
    var name: String { "JiujinbanApp.M0042CreateOutboundExchange" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("insurance_outbound")
            .id()
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("case_id", .uuid)
            .field("scheme", .string, .required)
            // What changed, as the exchange format of its kind names it (`enrolments`, `contributions`, …).
            .field("kind", .string, .required)
            // The changed row in that format, as JSON: sent as it was when the case changed the ledger.
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("created_at_ms", .int64, .required)
            .field("sent_at_ms", .int64)
            .field("answered_at_ms", .int64)
            .field("rejection_reason", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "insurance_outbound_state").on("insurance_outbound").column("state").column("created_at_ms").run()
        try await sql.create(index: "insurance_outbound_citizen").on("insurance_outbound").column("citizen_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("insurance_outbound").delete()
    }
}
