import Fluent
import SQLKit

/// 办事群众: one record per person, found by a keyed blind index of the ID number (unique), personal data sealed.
struct M0010CreateCitizens: AsyncMigration {
    var name: String { "JiujinbanApp.M0010CreateCitizens" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("citizens")
            .id()
            .field("id_number_sealed", .string, .required)
            .field("id_number_index", .string, .required)
            .field("name", .string, .required)
            .field("sex", .string, .required)
            .field("birth_date", .string, .required)
            .field("phone_sealed", .string)
            .field("hukou_division_code", .string, .required)
            .field("residence_division_code", .string, .required)
            .field("ethnicity", .string, .required)
            .field("card_number_sealed", .string)
            .field("created_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "id_number_index")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "citizens_residence").on("citizens").column("residence_division_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("citizens").delete()
    }
}
