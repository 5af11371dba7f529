import Fluent
import SQLKit

/// 发放批次: one row per county and month that `payments run` paid from the ledger (its id is made of both, so a
/// second run finds it and changes nothing), and on each payment of a batch the batch and its line number, which
/// the bank's return file names. Payments loaded from a core system's file carry neither.
struct M0058CreatePaymentBatches: AsyncMigration {
    var name: String { "JiujinbanApp.M0058CreatePaymentBatches" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("insurance_payment_batches")
            .field("batch_id", .string, .identifier(auto: false))
            .field("county_code", .string, .required)
            .field("month", .string, .required)
            .field("operator_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_at_ms", .int64, .required)
            .field("payments", .int64, .required)
            .field("total_fen", .int64, .required)
            // SHA-256 of the batch file as written, so a file shown later can be recognised as this batch's.
            .field("file_sha256", .string, .required)
            .unique(on: "county_code", "month")
            .create()
        // One column a statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("insurance_payments").field("batch_id", .string).update()
        try await database.schema("insurance_payments").field("batch_seq", .int64).update()
        try await (database as! any SQLDatabase).create(index: "insurance_payments_batch").on("insurance_payments")
            .column("batch_id").column("batch_seq").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "insurance_payments_batch").run()
        try await database.schema("insurance_payments").deleteField("batch_seq").update()
        try await database.schema("insurance_payments").deleteField("batch_id").update()
        try await database.schema("insurance_payment_batches").delete()
    }
}
