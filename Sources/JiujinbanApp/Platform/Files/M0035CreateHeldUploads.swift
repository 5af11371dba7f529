import Fluent
import SQLKit

/// Files a refused form had chosen, held for its retry (`HeldUploads`).
struct M0035CreateHeldUploads: AsyncMigration {
    var name: String { "JiujinbanApp.M0035CreateHeldUploads" } // pinned: see `FeatureSet.migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("held_uploads")
            .id()
            .field("form_key", .string, .required)
            .field("session_hash", .string, .required)
            .field("field", .string, .required)
            .field("filename", .string, .required)
            .field("bytes", .data, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "form_key", "session_hash", "field")
            .create()
        try await (database as! any SQLDatabase).create(index: "held_uploads_created").on("held_uploads").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("held_uploads").delete()
    }
}
