import Fluent
import SQLKit

/// 登记就业 as a record of its own: who found work with whom, from when, recorded when and by whom. Item 11 reads it
/// to refuse a person the records show in work; it used to live only in the reason kept on the job-seeker
/// registration, which registering again clears.
struct M0029CreateEmploymentFound: AsyncMigration {
    var name: String { "JiujinbanApp.M0029CreateEmploymentFound" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("employment_found")
            .id()
            .field("citizen_id", .uuid, .required)
            .field("employer", .string, .required)
            .field("started_on", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "employment_found_citizen").on("employment_found").column("citizen_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("employment_found").delete()
    }
}
