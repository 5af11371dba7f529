import Fluent

/// The yearly figures a computation read, one row per figure row and run of years it answered: a pension claim
/// brings the personal account forward year by year, each year at its own 记账利率 (`FigureReading.yearlyRate`), so
/// one key may be read from several rows. `case_figure_uses` (M0055) keeps one row per key, for the figures read on
/// the computation's own day.
struct M0066CreateCaseFigureYears: AsyncMigration {
    var name: String { "JiujinbanApp.M0066CreateCaseFigureYears" } // pinned: see `FeatureSet.migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("case_figure_years")
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("figure_key", .string, .required)
            .field("first_year", .int64, .required)
            .field("last_year", .int64, .required)
            // The dated row used; null when no row held in those years (a figure never entered).
            .field("row_id", .uuid)
            .field("value", .string)
            .field("status", .string, .required)
            .field("source", .string, .required)
            .compositeIdentifier(over: "case_id", "figure_key", "first_year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_figure_years").delete()
    }
}
