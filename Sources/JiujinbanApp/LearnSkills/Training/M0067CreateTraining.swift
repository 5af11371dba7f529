import Fluent
import SQLKit

/// 我要学技能 (items 16–19): the county's training institutions with what they are approved to teach and their class
/// plans (开班计划), the training intentions registered at the points with the recommendations, follow-ups and
/// enrolments made for them, and the two records that decide membership of key groups the platform did not have:
/// the rural-revitalisation department's monitoring list (防止返贫监测对象) and the county's recognition of
/// 就业困难人员. Calendar dates are ISO text (`YYYY-MM-DD`), as elsewhere.
struct M0067CreateTraining: AsyncMigration {
    var name: String { "JiujinbanApp.M0067CreateTraining" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("training_institutions")
            .id()
            .field("county_code", .string, .required)
            .field("name", .string, .required)
            .field("credit_code", .string, .required)
            .field("division_code", .string, .required)
            .field("address", .string, .required)
            .field("longitude", .double)
            .field("latitude", .double)
            .field("subsidised", .bool, .required)
            .field("contact_phone", .string, .required)
            .field("created_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_by", .uuid, .references("staff_accounts", "id"))
            .field("updated_at", .datetime)
            .unique(on: "county_code", "credit_code")
            .create()

        // 培训资质: one occupation (2022 classification code) at one level (5 = 五级 … 1 = 一级).
        try await database.schema("training_approvals")
            .id()
            .field("institution_id", .uuid, .required, .references("training_institutions", "id", onDelete: .cascade))
            .field("occupation_code", .string, .required)
            .field("level", .int, .required)
            .unique(on: "institution_id", "occupation_code", "level")
            .create()
        try await sql.raw("CREATE INDEX training_approvals_occupation ON training_approvals (occupation_code, level)").run()

        try await database.schema("training_class_plans")
            .id()
            .field("institution_id", .uuid, .required, .references("training_institutions", "id"))
            .field("county_code", .string, .required)
            .field("occupation_code", .string, .required)
            .field("level", .int, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("place", .string, .required)
            .field("capacity", .int, .required)
            .field("enrolled", .int, .required)
            .field("created_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_by", .uuid, .references("staff_accounts", "id"))
            .field("updated_at", .datetime)
            .create()
        try await sql.raw("CREATE INDEX training_class_plans_fit ON training_class_plans (county_code, occupation_code, level, starts_on)").run()
        try await sql.raw("CREATE INDEX training_class_plans_institution ON training_class_plans (institution_id, starts_on)").run()

        // 培训意向 (item 16). `groups` is the key groups' codes joined by commas; `group_bases` what each rests on
        // (JSON: [{"group": …, "basis": …}]). Open while `closed_on` is null; `status` says how it stands
        // (open | enrolled | completed | withdrawn).
        try await database.schema("training_intentions")
            .id()
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("county_code", .string, .required)
            .field("division_code", .string, .required)
            .field("service_point_id", .uuid, .required, .references("service_points", "id"))
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("occupation_code", .string, .required)
            .field("level", .int, .required)
            .field("period_from", .string)
            .field("period_to", .string)
            .field("groups", .string, .required)
            .field("group_bases", .string, .required)
            .field("registered_on", .string, .required)
            .field("status", .string, .required)
            .field("last_follow_up_on", .string)
            .field("closed_on", .string)
            .field("close_reason", .string)
            .field("created_at", .datetime, .required)
            .create()
        // One open intention per occupation per person.
        try await sql.raw("""
            CREATE UNIQUE INDEX training_intentions_open ON training_intentions (citizen_id, occupation_code) WHERE closed_on IS NULL
            """).run()
        try await sql.raw("CREATE INDEX training_intentions_fit ON training_intentions (county_code, occupation_code, level, status)").run()
        try await sql.raw("CREATE INDEX training_intentions_point ON training_intentions (service_point_id, status)").run()

        // 培训机构推荐 (item 17): what was shown, for the statistics and the printed list (JSON of the ranked rows).
        try await database.schema("training_recommendations")
            .id()
            .field("intention_id", .uuid, .required, .references("training_intentions", "id"))
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("recommended_on", .string, .required)
            .field("institution_count", .int, .required)
            .field("rows", .string, .required)
            .unique(on: "case_id")
            .create()

        // 培训意向跟踪反馈 (item 18): one per follow-up case, filled in when the point records what it was told.
        try await database.schema("training_follow_ups")
            .id()
            .field("intention_id", .uuid, .required, .references("training_intentions", "id"))
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("opened_on", .string, .required)
            // platform (the sweep) | staff (an operator at any time)
            .field("opened_by", .string, .required)
            // institution | county
            .field("source", .string)
            .field("said", .string)
            .field("class_starts_on", .string)
            .field("class_place", .string)
            .field("recorded_at", .datetime)
            .field("recorded_by", .uuid, .references("staff_accounts", "id"))
            .unique(on: "case_id")
            .create()
        try await sql.raw("CREATE INDEX training_follow_ups_intention ON training_follow_ups (intention_id, opened_on)").run()

        // 参加培训办结送达 (item 19): a person's place in one class, from the notice to completion.
        // status: notified | enrolled | attended | completed | absent | dropped
        try await database.schema("training_enrolments")
            .id()
            .field("intention_id", .uuid, .required, .references("training_intentions", "id"))
            .field("plan_id", .uuid, .required, .references("training_class_plans", "id"))
            .field("case_id", .uuid, .references("cases", "id"))
            .field("status", .string, .required)
            .field("notified_on", .string)
            .field("notified_by", .uuid, .references("staff_accounts", "id"))
            .field("enrolled_on", .string)
            .field("attended_on", .string)
            .field("completed_on", .string)
            .field("updated_by", .uuid, .references("staff_accounts", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "intention_id", "plan_id")
            .create()
        try await sql.raw("CREATE INDEX training_enrolments_plan ON training_enrolments (plan_id, status)").run()

        // 防止返贫监测对象名单: imported by the county business admin from the rural-revitalisation department's CSV;
        // the person is found by the keyed index of the ID number (as `citizens.id_number_index`), whether or not
        // they have come to a point yet. A re-import of a batch replaces the county's list.
        try await database.schema("poverty_monitoring_entries")
            .id()
            .field("county_code", .string, .required)
            .field("id_number_index", .string, .required)
            .field("masked_name", .string, .required)
            .field("batch", .string, .required)
            .field("included_on", .string)
            .field("imported_at", .datetime, .required)
            .field("imported_by", .uuid, .required, .references("staff_accounts", "id"))
            .unique(on: "county_code", "id_number_index")
            .create()

        // 就业困难人员认定: recorded by a county reviewer; in force while `ended_on` is null.
        try await database.schema("hardship_recognitions")
            .id()
            .field("citizen_id", .uuid, .required, .references("citizens", "id"))
            .field("county_code", .string, .required)
            .field("category", .string, .required)
            .field("recognised_on", .string, .required)
            .field("recognised_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("ended_on", .string)
            .field("ended_by", .uuid, .references("staff_accounts", "id"))
            .field("end_reason", .string)
            .create()
        try await sql.raw("""
            CREATE UNIQUE INDEX hardship_recognitions_active ON hardship_recognitions (citizen_id) WHERE ended_on IS NULL
            """).run()
    }

    func revert(on database: any Database) async throws {
        for table in ["hardship_recognitions", "poverty_monitoring_entries", "training_enrolments", "training_follow_ups",
                      "training_recommendations", "training_intentions", "training_class_plans", "training_approvals",
                      "training_institutions"] {
            try await database.schema(table).delete()
        }
    }
}
