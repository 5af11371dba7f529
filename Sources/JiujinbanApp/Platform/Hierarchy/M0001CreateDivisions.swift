import Fluent
import SQLKit

/// 行政区划 table. The 12-digit statistical code is the primary key: it is stable, official and carries the
/// division's place in the tree, so scope checks are prefix comparisons.
struct M0001CreateDivisions: AsyncMigration {
    var name: String { "JiujinbanApp.M0001CreateDivisions" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("divisions")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("level", .string, .required)
            .field("parent_code", .string, .references("divisions", "code"))
            .field("urban_rural_code", .string)
            .field("area_centi_km2", .int64)
            .field("population", .int64)
            .field("figures_are_demo", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "divisions_parent_code")
            .on("divisions").column("parent_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("divisions").delete()
    }
}
