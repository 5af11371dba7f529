import Fluent

/// 审计归档记录: one row per purge of old audit rows (S19): the last purged row (sequence and hash), from which
/// `audit verify` starts, and the archive file that holds the purged rows.
struct M0009CreateAuditArchives: AsyncMigration {
    var name: String { "JiujinbanApp.M0009CreateAuditArchives" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_archives")
            .field("through_seq", .int64, .identifier(auto: false))
            .field("through_hash", .string, .required)
            .field("row_count", .int64, .required)
            .field("file_name", .string, .required)
            .field("archived_at_ms", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_archives").delete()
    }
}
