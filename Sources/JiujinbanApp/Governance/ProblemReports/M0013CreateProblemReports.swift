import Fluent
import SQLKit

/// 问题反映 (attachment 4): the reports with their chain of desks, their screenshots and timeline, the counties'
/// responsibility lists (责任清单) and the province's video training sessions.
struct M0013CreateProblemReports: AsyncMigration {
    var name: String { "JiujinbanApp.M0013CreateProblemReports" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("problem_reports")
            .id()
            .field("number", .string, .required)
            .field("category", .string, .required)
            .field("area", .string, .required)
            .field("description", .string, .required)
            .field("suggestion", .string)
            .field("reporter_account", .uuid, .required, .references("staff_accounts", "id"))
            .field("reporter_name", .string, .required)
            .field("reporter_unit_name", .string, .required)
            .field("reporter_division", .string, .required)
            .field("reporter_group", .string, .required)
            .field("desk", .string, .required)
            .field("chain", .string, .required)
            .field("assignee_account", .uuid, .references("staff_accounts", "id"))
            .field("assignment_gap", .bool, .required)
            .field("state", .string, .required)
            .field("filed_at", .datetime, .required)
            .field("filed_on", .string, .required)
            .field("assigned_on", .string, .required)
            .field("promised_by", .string)
            .field("first_reply_on", .string)
            .field("solved_on", .string)
            .field("escalations", .int, .required)
            .field("overdue_noticed", .string)
            .field("submission_key", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .unique(on: "reporter_account", "submission_key")
            .create()
        try await sql.create(index: "problem_reports_group").on("problem_reports").column("reporter_group").run()
        try await sql.create(index: "problem_reports_state").on("problem_reports").column("state").run()

        try await database.schema("problem_screenshots")
            .id()
            .field("report_id", .uuid, .required, .references("problem_reports", "id"))
            .field("position", .int, .required)
            .field("media_type", .string, .required)
            .field("bytes", .data, .required)
            .unique(on: "report_id", "position")
            .create()

        try await database.schema("problem_entries")
            .id()
            .field("report_id", .uuid, .required, .references("problem_reports", "id"))
            .field("at", .datetime, .required)
            .field("actor_account", .uuid, .required, .references("staff_accounts", "id"))
            .field("actor_name", .string, .required)
            .field("actor_post", .string, .required)
            .field("actor_unit_name", .string, .required)
            .field("kind", .string, .required)
            .field("text", .string)
            .field("promised_days", .int)
            .field("promised_by", .string)
            .field("desk", .string)
            .create()
        try await sql.create(index: "problem_entries_report").on("problem_entries").column("report_id").run()

        try await database.schema("problem_responsibilities")
            .id()
            .field("county_code", .string, .required)
            .field("area", .string, .required)
            .field("account_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "county_code", "area")
            .create()

        try await database.schema("training_sessions")
            .id()
            .field("date", .string, .required)
            .field("time", .string, .required)
            .field("topic", .string, .required)
            .field("areas", .string, .required)
            .field("counties", .string, .required)
            .field("venue", .string, .required)
            .field("created_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["training_sessions", "problem_responsibilities", "problem_entries", "problem_screenshots", "problem_reports"] {
            try await database.schema(table).delete()
        }
    }
}
