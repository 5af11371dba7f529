import Fluent

/// Policy documents become editable and withdrawable (item 12): who changed one last and when, and who withdrew it,
/// when and why. A withdrawn document is kept; the search leaves it out.
struct M0026AddPolicyMaintenance: AsyncMigration {
    var name: String { "JiujinbanApp.M0026AddPolicyMaintenance" } // pinned: see `Migrations`

    static let fields: [(FieldKey, DatabaseSchema.DataType)] = [
        ("updated_by", .uuid), ("updated_at", .datetime), ("withdrawn_by", .uuid), ("withdrawn_at", .datetime), ("withdrawn_reason", .string),
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        for (key, type) in Self.fields {
            try await database.schema("employment_policies").field(key, type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (key, _) in Self.fields.reversed() {
            try await database.schema("employment_policies").deleteField(key).update()
        }
    }
}
