import Fluent
import Foundation

/// A signed-in browser. The cookie holds a random token; the table holds its SHA-256.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class SessionRecord: Model, @unchecked Sendable {
    static let schema = "staff_sessions"

    @ID(custom: "token_hash", generatedBy: .user) var id: String?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "ip") var ip: String
    /// 显示完整信息's grant: whose full values this session may see, and until when (`RevealGrant`).
    @OptionalField(key: "reveal_subject") var revealSubject: UUID?
    @OptionalField(key: "reveal_until") var revealUntil: Date?

    init() {}

    init(tokenHash: String, accountID: UUID, csrfToken: String, now: Date, ip: String) {
        self.id = tokenHash
        self.accountID = accountID
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
        self.ip = ip
    }
}

/// A QR login ticket shown on one browser's login page.
final class LoginTicketRecord: Model, @unchecked Sendable {
    static let schema = "login_tickets"

    @ID(custom: "ticket_hash", generatedBy: .user) var id: String?
    @Field(key: "browser_hash") var browserHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "confirmed_person_index") var confirmedPersonIndex: String?
    @OptionalField(key: "consumed_at") var consumedAt: Date?

    init() {}

    init(ticketHash: String, browserHash: String, now: Date) {
        self.id = ticketHash
        self.browserHash = browserHash
        self.createdAt = now
    }
}
