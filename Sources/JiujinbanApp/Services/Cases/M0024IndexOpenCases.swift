import Fluent
import SQLKit

/// The workbench lists every open case of a service point, however old, so the point's cases are indexed by state
/// the way a division's already are (`cases_division_state`).
struct M0024IndexOpenCases: AsyncMigration {
    var name: String { "JiujinbanApp.M0024IndexOpenCases" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "cases_point_state").on("cases")
            .column("service_point_id").column("state").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "cases_point_state").run()
    }
}
