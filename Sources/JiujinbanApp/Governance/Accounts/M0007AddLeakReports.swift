import Fluent

/// Article 6: an operator who finds their account leaked reports it; the county system admin then freezes it.
struct M0007AddLeakReports: AsyncMigration {
    var name: String { "JiujinbanApp.M0007AddLeakReports" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("staff_accounts").field("leak_reported_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff_accounts").deleteField("leak_reported_at").update()
    }
}
