import Fluent

/// Years of the holiday calendar loaded by an admin after the built-in ones (the State Council's notice for the
/// next year comes out in October or November).
struct M0011CreateWorkCalendarYears: AsyncMigration {
    var name: String { "JiujinbanApp.M0011CreateWorkCalendarYears" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("work_calendar_years")
            .field("year", .int, .identifier(auto: false))
            .field("json", .string, .required)
            .field("notice", .string, .required)
            .field("loaded_at", .datetime, .required)
            .field("loaded_by", .uuid, .required, .references("staff_accounts", "id"))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("work_calendar_years").delete()
    }
}
