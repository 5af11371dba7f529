import Fluent
import SQLKit

/// The county whose skill list a gig worker's skills were chosen from. A county's own skills (`local1`) mean that
/// county's, and the operator who registers a worker may serve them by household registration while they live in
/// another county, so the list's county is kept rather than read from the residence. Empty for registrations made
/// before: their residence county, as then.
struct M0030AddGigSeekerSkillsCounty: AsyncMigration {
    var name: String { "JiujinbanApp.M0030AddGigSeekerSkillsCounty" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("gig_seekers").field("skills_county", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("gig_seekers").deleteField("skills_county").update()
    }
}
