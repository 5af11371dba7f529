import Fluent

/// 显示完整信息 answers with a redirect, so the page it shows can be refreshed without resubmitting: the session
/// carries the grant the page checks. One grant per session (revealing a second person ends the first), short-lived
/// (`RevealGrant.lifetime`), read with the session in the one lookup every request makes, and gone with the session.
struct M0050AddSessionRevealGrant: AsyncMigration {
    var name: String { "JiujinbanApp.M0050AddSessionRevealGrant" } // pinned: see `MigrationNameTests`

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("staff_sessions").field("reveal_subject", .uuid).update()
        try await database.schema("staff_sessions").field("reveal_until", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff_sessions").deleteField("reveal_until").update()
        try await database.schema("staff_sessions").deleteField("reveal_subject").update()
    }
}
