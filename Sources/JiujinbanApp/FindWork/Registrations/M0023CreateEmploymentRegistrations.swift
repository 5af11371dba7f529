import Fluent
import SQLKit

/// 就业失业登记 (items 10, 11) and the 《就业创业证》 they open or update (item 13).
struct M0023CreateEmploymentRegistrations: AsyncMigration {
    var name: String { "JiujinbanApp.M0023CreateEmploymentRegistrations" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("employment_registrations")
            .id()
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            // flexible | unemployed
            .field("kind", .string, .required)
            // Item 10's employment form; null for unemployment.
            .field("employment_type", .string)
            // What the form said (item 10's description; item 11's last employer and reason), as JSON.
            .field("details", .string, .required)
            .field("started_on", .string, .required)
            .field("case_id", .uuid, .required)
            .field("approved_at", .datetime, .required)
            .field("approved_by", .uuid, .required)
            .field("ended_on", .string)
            .field("end_reason", .string)
            .field("ended_by", .uuid)
            .field("service_point_id", .uuid, .required)
            .field("division", .string, .required)
            .create()
        // At most one active registration per person: flexible employment and unemployment exclude each other.
        try await sql.raw("""
            CREATE UNIQUE INDEX employment_registrations_active ON employment_registrations (citizen_id) WHERE ended_on IS NULL
            """).run()
        try await sql.raw("CREATE INDEX employment_registrations_citizen ON employment_registrations (citizen_id, started_on)").run()

        try await database.schema("employment_cards")
            .id()
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("number", .string, .required)
            .field("county_code", .string, .required)
            .field("issued_on", .string, .required)
            .field("issued_case_id", .uuid, .required)
            // 就业 | 失业 | 无有效登记
            .field("status", .string, .required)
            .field("status_since", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "citizen_id")
            .unique(on: "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["employment_cards", "employment_registrations"] {
            try await database.schema(table).delete()
        }
    }
}
