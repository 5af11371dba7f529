import Fluent

/// 居住地址: the street address within the residence village or community, which item 30 changes (the catalogue lists
/// it among the non-key details). Personal data: stored sealed like the phone, shown after 显示完整信息. Null until
/// someone records it.
struct M0060AddResidenceAddress: AsyncMigration {
    var name: String { "JiujinbanApp.M0060AddResidenceAddress" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("citizens").field("residence_address_sealed", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("citizens").deleteField("residence_address_sealed").update()
    }
}
