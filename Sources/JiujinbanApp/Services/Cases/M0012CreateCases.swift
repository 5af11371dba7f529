import Fluent
import SQLKit

/// 办件 and their timeline. `submission_key` makes a double-submitted acceptance harmless (S26).
struct M0012CreateCases: AsyncMigration {
    var name: String { "JiujinbanApp.M0012CreateCases" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("cases")
            .id()
            .field("number", .string, .required)
            .field("county_code", .string, .required)
            .field("accepted_on", .string, .required)
            .field("item_seq", .int, .required)
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("service_point_id", .uuid, .required, .references("service_points", "id"))
            .field("division_code", .string, .required)
            .field("channel", .string, .required)
            .field("handler_account", .uuid, .required, .references("staff_accounts", "id"))
            .field("handler_person", .uuid, .required)
            .field("accepted_at", .datetime, .required)
            .field("deadline", .string)
            .field("deadline_provisional", .bool, .required)
            .field("state", .string, .required)
            .field("form_sealed", .string, .required)
            .field("missing_documents", .string)
            .field("decision_reason", .string)
            .field("reviewer_account", .uuid)
            .field("finished_at", .datetime)
            .field("submission_key", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .unique(on: "handler_account", "submission_key")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "cases_citizen").on("cases").column("citizen_id").run()
        try await sql.create(index: "cases_division_state").on("cases").column("division_code").column("state").run()

        try await database.schema("case_steps")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("at", .datetime, .required)
            .field("actor_account", .uuid, .required, .references("staff_accounts", "id"))
            .field("actor_name", .string, .required)
            .field("actor_post", .string, .required)
            .field("actor_unit_name", .string, .required)
            .field("action", .string, .required)
            .field("detail", .string)
            .create()
        try await sql.create(index: "case_steps_case").on("case_steps").column("case_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_steps").delete()
        try await database.schema("cases").delete()
    }
}
