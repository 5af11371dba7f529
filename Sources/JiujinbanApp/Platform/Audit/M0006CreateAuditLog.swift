import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 审计日志: one append-only table for the whole platform, hash-chained (HMAC-SHA256 with a key outside the
/// database), and the chain head, whose single row every append locks so appends form one line.
struct M0006CreateAuditLog: AsyncMigration {
    var name: String { "JiujinbanApp.M0006CreateAuditLog" } // pinned: see `Migrations`

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .field("seq", .int64, .identifier(auto: false))
            .field("occurred_at_ms", .int64, .required)
            .field("user_id", .uuid)
            .field("role", .string)
            .field("org_unit", .string)
            .field("ip", .string)
            .field("action", .string, .required)
            .field("object_type", .string)
            .field("object_id", .string)
            .field("result", .string, .required)
            .field("detail", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.insert(into: "audit_head").columns("id", "seq", "hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditChain.genesisHash.hexEncoded)).run()
        try await sql.create(index: "audit_log_time").on("audit_log").column("occurred_at_ms").run()
        try await sql.create(index: "audit_log_user").on("audit_log").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_head").delete()
        try await database.schema("audit_log").delete()
    }
}
