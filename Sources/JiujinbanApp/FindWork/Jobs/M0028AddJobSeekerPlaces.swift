import Fluent
import SQLKit

/// Item 1 asks for acceptable places or a maximum distance: a job seeker may now name up to three places (the city,
/// a county, a township) they will work in. Existing registrations accept anywhere, as before.
struct M0028AddJobSeekerPlaces: AsyncMigration {
    var name: String { "JiujinbanApp.M0028AddJobSeekerPlaces" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("job_seekers").field("places", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_seekers").deleteField("places").update()
    }
}
