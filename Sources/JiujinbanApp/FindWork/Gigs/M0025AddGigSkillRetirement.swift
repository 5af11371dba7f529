import Fluent

/// 停用零工技能: a county's skill can be retired (left out of new choices, kept for the records that carry it).
struct M0025AddGigSkillRetirement: AsyncMigration {
    var name: String { "JiujinbanApp.M0025AddGigSkillRetirement" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("gig_skills").field("retired_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("gig_skills").deleteField("retired_at").update()
    }
}
