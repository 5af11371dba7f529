import Fluent

/// Small key/value facts about the installation itself (for example when demonstration data was loaded).
struct M0003CreateAppSettings: AsyncMigration {
    var name: String { "JiujinbanApp.M0003CreateAppSettings" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("app_settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("app_settings").delete()
    }
}
