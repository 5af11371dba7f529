import Fluent
import Foundation
import JiujinbanRules

/// 系统内通知: a message to one account — the outcome of an account application (article 8: 及时通知申请人),
/// work waiting for it, a leaked-account alert (article 6). Written in the transaction of the change it reports.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class NotificationRecord: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// A path inside the site (never an outside address).
    @OptionalField(key: "link") var link: String?
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(accountID: UUID, createdAt: Date, title: String, body: String, link: SiteURL?) {
        self.id = UUID()
        self.accountID = accountID
        self.createdAt = createdAt
        self.title = title
        self.body = body
        self.link = link?.path
    }

    static func unreadCount(of accountID: UUID, on db: any Database) async throws -> Int {
        try await query(on: db).filter(\.$accountID == accountID).filter(\.$readAt == nil).count()
    }
}

/// Who gets told, and the telling.
enum Notifier {
    /// One notification to each listed account.
    static func notify(
        _ accountIDs: some Sequence<UUID>, title: String, body: String, link: SiteURL?, at now: Date, on db: any Database
    ) async throws {
        for accountID in Set(accountIDs) {
            try await NotificationRecord(accountID: accountID, createdAt: now, title: title, body: body, link: link)
                .create(on: db)
        }
    }

    /// The active accounts holding one of `posts` in `unit`: the people to tell about work waiting there.
    static func accounts(holding posts: Set<Post>, in unit: OrgUnit, on db: any Database) async throws -> [UUID] {
        try await AccountRecord.query(on: db)
            .filter(\.$unitKey == AccountRecord.key(of: unit))
            .filter(\.$post ~~ posts.map(\.rawValue))
            .filter(\.$status == AccountStatus.active.rawValue)
            .all().compactMap(\.id)
    }
}
