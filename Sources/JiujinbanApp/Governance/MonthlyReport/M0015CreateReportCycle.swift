import Fluent

/// 月度报送: each township's submission of a month's part of the table, and the exceptions a county grants to a
/// township that missed the 20th.
struct M0015CreateReportCycle: AsyncMigration {
    var name: String { "JiujinbanApp.M0015CreateReportCycle" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("report_submissions")
            .id()
            .field("month", .string, .required)
            .field("township_code", .string, .required, .references("divisions", "code"))
            .field("state", .string, .required)
            .field("submitted_on", .string)
            .field("submitted_by", .uuid, .references("staff_accounts", "id"))
            .field("decided_by", .uuid, .references("staff_accounts", "id"))
            .field("comment", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "month", "township_code")
            .create()
        try await database.schema("report_exceptions")
            .id()
            .field("month", .string, .required)
            .field("township_code", .string, .required, .references("divisions", "code"))
            .field("reason", .string, .required)
            .field("requested_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("requested_at", .datetime, .required)
            .field("state", .string, .required)
            .field("until", .string)
            .field("decided_by", .uuid, .references("staff_accounts", "id"))
            .field("decided_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_exceptions").delete()
        try await database.schema("report_submissions").delete()
    }
}
