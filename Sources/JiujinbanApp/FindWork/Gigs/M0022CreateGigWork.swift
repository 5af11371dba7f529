import Fluent
import SQLKit

/// 零工 (items 4–9): each county's added gig skills, gig workers' registrations and gig postings.
struct M0022CreateGigWork: AsyncMigration {
    var name: String { "JiujinbanApp.M0022CreateGigWork" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("gig_skills")
            .id()
            .field("county_code", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "county_code", "code")
            .unique(on: "county_code", "name")
            .create()

        try await database.schema("gig_seekers")
            .id()
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("skills", .string, .required)
            .field("weekdays", .string, .required)
            .field("expected_day_wage_fen", .int64)
            .field("radius_m", .int)
            .field("residence_division", .string, .required)
            .field("longitude", .double, .required)
            .field("latitude", .double, .required)
            .field("service_point_id", .uuid, .required)
            .field("case_id", .uuid)
            .field("registered_at", .datetime, .required)
            .field("ended_on", .string)
            .field("end_reason", .string)
            .unique(on: "citizen_id")
            .create()
        try await sql.raw("CREATE INDEX gig_seekers_residence ON gig_seekers (residence_division)").run()

        try await database.schema("gig_postings")
            .id()
            // The person who recruits (an individual, or a unit's contact): item 7's case is theirs.
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            // From the `gig_postings` sequence in the writing transaction, as job postings: instances catch up by it.
            .field("revision", .int64, .required)
            .field("recruiter_unit", .string)
            .field("skill", .string, .required)
            .field("county_code", .string, .required)
            .field("content", .string, .required)
            .field("place_division", .string, .required)
            .field("longitude", .double, .required)
            .field("latitude", .double, .required)
            .field("address", .string, .required)
            .field("start_on", .string, .required)
            .field("end_on", .string, .required)
            .field("headcount", .int, .required)
            .field("hired", .int, .required)
            .field("day_wage_fen", .int64, .required)
            .field("contact_phone_sealed", .string, .required)
            .field("service_point_id", .uuid, .required)
            .field("case_id", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "revision")
            .create()
        // Matching asks for one skill's gigs that have not ended, then narrows by place.
        try await sql.raw("CREATE INDEX gig_postings_skill_end ON gig_postings (skill, end_on)").run()
        try await sql.raw("CREATE INDEX gig_postings_end ON gig_postings (end_on)").run()
        try await sql.raw("CREATE INDEX gig_postings_citizen ON gig_postings (citizen_id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["gig_postings", "gig_seekers", "gig_skills"] {
            try await database.schema(table).delete()
        }
    }
}
