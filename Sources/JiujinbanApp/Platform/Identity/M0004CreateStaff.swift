import Fluent
import SQLKit

/// 实名工作人员与账号 (attachment 3): persons, their accounts (one post in one unit each), item permissions and
/// an expert's business areas. ID numbers and phones are stored sealed (AES-GCM) with a keyed blind index.
struct M0004CreateStaff: AsyncMigration {
    var name: String { "JiujinbanApp.M0004CreateStaff" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("staff_persons")
            .id()
            .field("name", .string, .required)
            .field("id_number_sealed", .string, .required)
            .field("id_number_index", .string, .required)
            .field("phone_sealed", .string, .required)
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime)
            // S01: one real-name person per ID number, enforced by the database.
            .unique(on: "id_number_index")
            .create()
        try await database.schema("staff_accounts")
            .id()
            .field("person_id", .uuid, .required, .references("staff_persons", "id"))
            .field("post", .string, .required)
            .field("unit_key", .string, .required)
            .field("unit_division_code", .string, .required, .references("divisions", "code"))
            .field("unit_service_point_id", .uuid, .references("service_points", "id"))
            .field("status", .string, .required)
            .field("status_reason", .string)
            .field("last_login_at", .datetime)
            .field("last_unlocked_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("account_grants")
            .field("account_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("item_seq", .int, .required)
            .field("action", .string, .required)
            .unique(on: "account_id", "item_seq", "action")
            .create()
        try await database.schema("account_areas")
            .field("account_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("area", .string, .required)
            .unique(on: "account_id", "area")
            .create()
        let sql = database as! any SQLDatabase
        // One person never has two live accounts in the same unit (attachment 3; checked by the rules as well).
        try await sql.raw("""
            CREATE UNIQUE INDEX staff_accounts_one_per_unit ON staff_accounts (person_id, unit_key)
            WHERE status <> 'deactivated'
            """).run()
        try await sql.create(index: "staff_accounts_unit_division").on("staff_accounts").column("unit_division_code").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["account_areas", "account_grants", "staff_accounts", "staff_persons"] {
            try await database.schema(table).delete()
        }
    }
}
