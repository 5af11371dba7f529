import Fluent
import SQLKit

/// What the monthly report reads beside accounts: the kiosk registry (column 21), the dates a point signed its
/// cooperation agreement and trained its staff (18, 19), acceptance inspections (22), and the answers entered for
/// the other task columns, per month.
struct M0014CreateMonthlyReportFacts: AsyncMigration {
    var name: String { "JiujinbanApp.M0014CreateMonthlyReportFacts" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("kiosks")
            .id()
            .field("service_point_id", .uuid, .required, .references("service_points", "id"))
            .field("serial_number", .string, .required)
            .field("installed_on", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "serial_number")
            .create()
        try await sql.create(index: "kiosks_point").on("kiosks").column("service_point_id").run()

        try await database.schema("service_point_milestones")
            .id()
            .field("service_point_id", .uuid, .required, .references("service_points", "id"))
            .field("kind", .string, .required)
            .field("date", .string, .required)
            .field("recorded_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("recorded_at", .datetime, .required)
            .unique(on: "service_point_id", "kind")
            .create()

        try await database.schema("acceptances")
            .id()
            .field("service_point_id", .uuid, .required, .references("service_points", "id"))
            .field("inspected_on", .string, .required)
            .field("inspector_account", .uuid, .required, .references("staff_accounts", "id"))
            .field("inspector_name", .string, .required)
            .field("scores", .string, .required)
            .field("notes", .string, .required)
            .field("total", .int, .required)
            .field("pass_mark", .int, .required)
            .field("passed", .bool, .required)
            .field("reinspect_on", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "acceptances_point").on("acceptances").column("service_point_id").run()

        try await database.schema("report_entries")
            .id()
            .field("month", .string, .required)
            .field("scope_key", .string, .required)
            .field("task", .int, .required)
            .field("done", .bool, .required)
            .field("evidence_note", .string)
            .field("entered_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("entered_at", .datetime, .required)
            .unique(on: "month", "scope_key", "task")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["report_entries", "acceptances", "service_point_milestones", "kiosks"] {
            try await database.schema(table).delete()
        }
    }
}
