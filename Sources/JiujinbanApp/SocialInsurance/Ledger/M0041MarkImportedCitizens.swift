import Fluent

/// People an insurance import registered (`LedgerImport`): the file they came from and when, so staff can tell them
/// from people registered at a counter and check their details at the first visit. Null for everyone else.
struct M0041MarkImportedCitizens: AsyncMigration {
    var name: String { "JiujinbanApp.M0041MarkImportedCitizens" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("citizens").field("imported_file", .string).update()
        try await database.schema("citizens").field("imported_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("citizens").deleteField("imported_at").update()
        try await database.schema("citizens").deleteField("imported_file").update()
    }
}
