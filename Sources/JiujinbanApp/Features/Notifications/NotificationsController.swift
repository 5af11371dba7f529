import Fluent
import Foundation
import JiujinbanRules
import Plot
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
        // Only a path this site made is followed.
        if let link, link.hasPrefix("/"), !link.hasPrefix("//") { return req.redirect(to: link, redirectType: .normal) }
        return HTMLResponse.seeOther(.notifications)
    }
}

enum NotificationsPage {
    static func render(_ notices: [NotificationRecord], context: PageContext) -> HTML {
        PageShell.render(
            title: "我的通知", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "我的通知", url: nil)],
            content: [
                .if(notices.isEmpty, .p(.class("empty"), .text("暂无通知"))),
                .ul(.class("notices"), .forEach(notices) { notice in
                    .li(
                        .class(notice.readAt == nil ? "notice unread" : "notice"),
                        .div(.class("notice-head"),
                             .strong(.text(notice.title)),
                             .span(.class("notice-time"), .text(AuditLogPage.formatter.string(from: notice.createdAt))),
                             .if(notice.readAt == nil, .span(.class("badge"), .text("未读")))),
                        .p(.text(notice.body)),
                        .unwrap(notice.id) { id in
                            .form(.method(.post), .action(SiteURL.notificationRead(id: id).path), .class("inline"), .csrf(context),
                                  .button(.type(.submit), .class("button small"),
                                          .text(notice.link == nil ? "标记已读" : "查看")))
                        }
                    )
                }),
            ])
    }
}
