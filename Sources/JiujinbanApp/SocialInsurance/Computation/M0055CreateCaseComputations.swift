import Fluent
import SQLKit

/// 计算依据: what a case's computation produced (a claim's monthly amount with its parts, a back payment's charge) and
/// every dated policy figure it used, with the row id, the value and whether it was confirmed. Written at
/// acceptance and again when approval recomputes with the confirmed figures, so a receipt printed today can be
/// explained next year, and approval can name the figure it waits for.
struct M0055CreateCaseComputations: AsyncMigration {
    var name: String { "JiujinbanApp.M0055CreateCaseComputations" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("case_computations")
            .field("case_id", .uuid, .identifier(auto: false), .references("cases", "id"))
            // What was computed, as the receipt titles it (城乡居民基本养老保险月养老金 …).
            .field("title", .string, .required)
            // The day the figures were read for (the first day of the first month paid).
            .field("computed_on", .string, .required)
            .field("total_fen", .int64, .required)
            // The parts, in order, as JSON lines (depth, name, amount, how it was reached).
            .field("parts", .string, .required)
            // What the clerk and the person are told beside the amounts (the years a back payment may cover), JSON.
            .field("notes", .string, .required)
            .field("updated_at_ms", .int64, .required)
            .create()
        try await database.schema("case_figure_uses")
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("figure_key", .string, .required)
            // The dated row used; null when no row held on the day (a figure never entered).
            .field("row_id", .uuid)
            // The value as the figures table stores it (`PolicyFigureValue.stored`); null when none was known.
            .field("value", .string)
            .field("status", .string, .required)
            .field("source", .string, .required)
            .compositeIdentifier(over: "case_id", "figure_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_figure_uses").delete()
        try await database.schema("case_computations").delete()
    }
}
