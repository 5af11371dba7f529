import Fluent
import JiujinbanRules
import SQLKit

/// 我要找工作, fixed jobs: the occupation list, employers and their postings, job seekers' registrations, and the
/// outbox of text messages to citizens.
struct M0019CreateJobMarket: AsyncMigration {
    var name: String { "JiujinbanApp.M0019CreateJobMarket" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("occupations")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .create()
        // The eight major groups of the 2022 classification; M0027 adds the medium groups.
        for occupation in Occupation.majorGroups {
            try await (database as! any SQLDatabase).raw(
                "INSERT INTO occupations (code, name) VALUES (\(bind: occupation.code), \(bind: occupation.name))").run()
        }

        try await database.schema("employers")
            .id()
            .field("name", .string, .required)
            .field("credit_code", .string, .required)
            .field("division_code", .string, .required)
            .field("address", .string, .required)
            .field("contact_name", .string, .required)
            .field("contact_phone", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "credit_code")
            .create()

        try await database.schema("job_postings")
            .id()
            .field("employer_id", .uuid, .required, .references("employers", "id"))
            // Taken from the `job_postings` sequence in the writing transaction, so revisions commit in order and an
            // instance's copy of the market catches up by asking for the revisions above the one it has.
            .field("revision", .int64, .required)
            .field("title", .string, .required)
            .field("occupation", .string, .required)
            .field("headcount", .int, .required)
            .field("wage_min_fen", .int64, .required)
            .field("wage_max_fen", .int64, .required)
            .field("education", .int)
            .field("age_min", .int)
            .field("age_max", .int)
            .field("workplace_division", .string, .required)
            .field("longitude", .double, .required)
            .field("latitude", .double, .required)
            .field("address", .string, .required)
            .field("hours", .string)
            .field("valid_until", .string, .required)
            .field("closed_at", .datetime)
            .field("close_reason", .string)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "revision")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX job_postings_employer ON job_postings (employer_id)").run()

        try await database.schema("job_seekers")
            .id()
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("occupations", .string, .required)
            .field("expected_wage_fen", .int64)
            .field("max_distance_m", .int)
            .field("education", .int, .required)
            .field("skills", .string)
            .field("available_from", .string, .required)
            .field("residence_division", .string, .required)
            .field("longitude", .double, .required)
            .field("latitude", .double, .required)
            .field("service_point_id", .uuid, .required)
            // The item-1 case that made it; none for registrations loaded in bulk (synthetic data, a migration).
            .field("case_id", .uuid)
            .field("registered_at", .datetime, .required)
            .field("ended_on", .string)
            .field("end_reason", .string)
            .unique(on: "citizen_id")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX job_seekers_residence ON job_seekers (residence_division)").run()

        try await database.schema("sms_outbox")
            .id()
            .field("citizen_id", .uuid, .required)
            .field("phone_sealed", .string, .required)
            .field("body", .string, .required)
            .field("purpose", .string, .required)
            .field("case_id", .uuid)
            .field("service_point_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("adapter", .string)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX sms_outbox_status ON sms_outbox (status, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["sms_outbox", "job_seekers", "job_postings", "employers", "occupations"] {
            try await database.schema(table).delete()
        }
    }
}
