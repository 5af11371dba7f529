import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 我的通知: a signed-in user's own notifications, newest first; opening one marks it read.
enum NotificationsController {
    static let pageSize = 50

    static func register(_ app: Application) {
        app.get(.notifications, .signedIn, use: index)
        app.post(.notificationRead(id: UUID()), .signedIn, use: markRead)
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let notices = try await NotificationRecord.query(on: req.db).filter(\.$accountID == staff.account.id)
            .sort(\.$createdAt, .descending).limit(pageSize).all()
            .compactMap { record in
                record.id.map { NotificationsPage.Notice(id: $0, title: record.title, body: record.body, createdAt: record.createdAt,
                                                         isRead: record.readAt != nil, hasLink: record.link != nil) }
            }
        return HTMLResponse.make(NotificationsPage.render(notices, context: PageContext(req)))
    }

    /// Marks one of the user's own notifications read and follows its link; another user's answers as missing.
    @Sendable static func markRead(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw PublicError.notFound("该通知") }
        let link = try await req.write { db -> String? in
            guard let notice = try await NotificationRecord.query(on: db).filter(\.$id == id).first() else {
                throw PublicError.notFound("该通知")
            }
            guard notice.accountID == staff.account.id else { throw OutOfScope("该通知", objectType: "notification", id: id) }
            if notice.readAt == nil {
                notice.readAt = req.jiujinban.clock.now()
                try await notice.update(on: db)
            }
            return notice.link
        }
        // Only a path this site made is followed; the page it leads to says the notice was marked read.
        if let link, link.hasPrefix("/"), !link.hasPrefix("//") {
            req.pendingNotice = NotificationNotices.read
            return req.redirect(to: link, redirectType: .normal)
        }
        return HTMLResponse.seeOther(.notifications, notice: NotificationNotices.read, on: req)
    }
}
