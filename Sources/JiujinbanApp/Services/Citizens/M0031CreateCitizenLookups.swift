import Fluent

/// Who found whom by the full ID number, and when: the walk-in part of `CitizenScope`. One row per user and person,
/// moved forward by each lookup; a user's expired rows are cleared when they look someone up again.
struct M0031CreateCitizenLookups: AsyncMigration {
    var name: String { "JiujinbanApp.M0031CreateCitizenLookups" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("citizen_lookups")
            .field("account_id", .uuid, .required)
            .field("citizen_id", .uuid, .required)
            .field("looked_up_at_ms", .int64, .required)
            .unique(on: "account_id", "citizen_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("citizen_lookups").delete()
    }
}
