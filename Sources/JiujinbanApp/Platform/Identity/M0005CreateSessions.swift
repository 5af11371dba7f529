import Fluent
import SQLKit

/// Sessions in the database, so several app instances share them; QR login tickets; the card platform's nonces
/// seen (replay protection across instances); failed-login counters.
struct M0005CreateSessions: AsyncMigration {
    var name: String { "JiujinbanApp.M0005CreateSessions" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        // Only the SHA-256 of a session token or ticket is stored: a copy of the table logs nobody in.
        try await database.schema("staff_sessions")
            .field("token_hash", .string, .identifier(auto: false))
            .field("account_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("ip", .string, .required)
            .create()
        try await database.schema("login_tickets")
            .field("ticket_hash", .string, .identifier(auto: false))
            .field("browser_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("confirmed_person_index", .string)
            .field("consumed_at", .datetime)
            .create()
        try await database.schema("card_nonces")
            .field("nonce", .string, .identifier(auto: false))
            .field("expires_at", .datetime, .required)
            .create()
        try await database.schema("login_throttles")
            .field("subject", .string, .identifier(auto: false))
            .field("state", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "staff_sessions_account").on("staff_sessions").column("account_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["login_throttles", "card_nonces", "login_tickets", "staff_sessions"] {
            try await database.schema(table).delete()
        }
    }
}
