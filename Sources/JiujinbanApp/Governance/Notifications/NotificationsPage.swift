import Foundation
import JiujinbanRules
import Plot

/// 我的通知's list; the notices come from `NotificationsController` as plain values.
enum NotificationsPage {
    struct Notice: Sendable {
        let id: UUID
        let title: String
        let body: String
        let createdAt: Date
        let isRead: Bool
        let hasLink: Bool
    }

    static func render(_ notices: [Notice], context: PageContext) -> HTML {
        PageShell.render(
            title: "我的通知", context: context,
            crumbs: [Crumb(label: "首页", url: .home), Crumb(label: "我的通知", url: nil)],
            content: [
                .if(notices.isEmpty, .p(.class("empty"), .text("暂无通知"))),
                .ul(.class("notices"), .forEach(notices) { notice in
                    .li(
                        .class(notice.isRead ? "notice" : "notice unread"),
                        .div(.class("notice-head"),
                             .strong(.text(notice.title)),
                             .span(.class("notice-time"), .text(AuditLogPage.formatter.string(from: notice.createdAt))),
                             .if(!notice.isRead, .span(.class("badge"), .text("未读")))),
                        .p(.text(notice.body)),
                        .form(.method(.post), .action(SiteURL.notificationRead(id: notice.id).path), .class("inline"), .csrf(context),
                              .button(.type(.submit), .class("button small"), .text(notice.hasLink ? "查看" : "标记已读")))
                    )
                }),
            ])
    }
}
