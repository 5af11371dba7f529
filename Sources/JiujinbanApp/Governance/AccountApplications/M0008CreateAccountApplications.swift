import Fluent
import SQLKit

/// Article 5 and article 8: role association on accounts, the 用户申请（变更）单 with its steps, in-system
/// notifications, and the named counters that number applications (and later cases) across app instances.
struct M0008CreateAccountApplications: AsyncMigration {
    var name: String { "JiujinbanApp.M0008CreateAccountApplications" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // SQLite adds one column per statement.
        try await database.schema("staff_accounts").field("role_associated_at", .datetime).update()
        try await database.schema("staff_accounts").field("role_associated_by", .uuid).update()
        // Accounts made before role association existed keep working: their roles count as associated.
        try await sql.raw("UPDATE staff_accounts SET role_associated_at = created_at").run()

        try await database.schema("sequences")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int64, .required)
            .create()

        try await database.schema("account_applications")
            .id()
            .field("number", .string, .required)
            .field("county_code", .string, .required)
            .field("year", .int, .required)
            .field("flow", .string, .required)
            .field("applicant_unit_key", .string, .required)
            .field("applicant_division_code", .string, .required)
            .field("applicant_unit_name", .string, .required)
            .field("contact_name", .string, .required)
            .field("contact_phone_sealed", .string, .required)
            .field("content_sealed", .string, .required)
            .field("item_summary", .string, .required)
            .field("state", .string, .required)
            .field("carried_out", .string, .required)
            .field("decision_comment", .string)
            .field("filed_by_account", .uuid, .required, .references("staff_accounts", "id"))
            .field("filed_by_person", .uuid, .required, .references("staff_persons", "id"))
            .field("filed_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await sql.create(index: "account_applications_division").on("account_applications")
            .column("applicant_division_code").run()

        try await database.schema("account_application_steps")
            .id()
            .field("application_id", .uuid, .required, .references("account_applications", "id"))
            .field("at", .datetime, .required)
            .field("actor_account", .uuid, .required, .references("staff_accounts", "id"))
            .field("actor_name", .string, .required)
            .field("actor_post", .string, .required)
            .field("actor_unit_name", .string, .required)
            .field("action", .string, .required)
            .field("comment", .string)
            .create()
        try await sql.create(index: "account_application_steps_application").on("account_application_steps")
            .column("application_id").run()

        try await database.schema("notifications")
            .id()
            .field("account_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("link", .string)
            .field("read_at", .datetime)
            .create()
        try await sql.create(index: "notifications_account").on("notifications").column("account_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["notifications", "account_application_steps", "account_applications", "sequences"] {
            try await database.schema(table).delete()
        }
        try await database.schema("staff_accounts").deleteField("role_associated_by").update()
        try await database.schema("staff_accounts").deleteField("role_associated_at").update()
    }
}
