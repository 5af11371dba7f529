import Fluent
import SQLKit

/// 服务点 table. Coordinates are decimal degrees; the farthest-residence distance is whole metres.
struct M0002CreateServicePoints: AsyncMigration {
    var name: String { "JiujinbanApp.M0002CreateServicePoints" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("service_points")
            .id()
            .field("code", .string, .required)
            .field("division_code", .string, .required, .references("divisions", "code"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("institution", .string, .required)
            .field("address", .string, .required)
            .field("longitude", .double, .required)
            .field("latitude", .double, .required)
            .field("coordinates_are_demo", .bool, .required)
            .field("farthest_residence_m", .int64, .required)
            .field("status", .string, .required)
            .field("disabled_reason", .string)
            .field("disabled_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "service_points_division_code").on("service_points").column("division_code").run()
        // Attachment 2 counts one point per township, village and community; bank branches may be several.
        // Partial unique indexes read the same on SQLite and PostgreSQL.
        try await sql.raw("""
            CREATE UNIQUE INDEX service_points_one_per_division ON service_points (division_code, kind)
            WHERE kind <> 'bank_branch'
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("service_points").delete()
    }
}
