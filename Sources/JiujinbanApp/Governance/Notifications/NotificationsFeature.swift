import Fluent
import Vapor

/// Notifications: its routes, the header link with the unread count, and the SMS outbox's reading for `/metrics`,
/// registered once (`Feature`).
enum NotificationsFeature: Feature {
    static func routes(_ app: Application) {
        NotificationsController.register(app)
        DevelopmentSMSPage.register(app)
    }

    /// 通知 in the page header, with the signed-in account's unread notifications (read with its session).
    static let headerLinks = [HeaderLink(url: .notifications, label: "通知", count: unread, cssClass: "notice-link")]

    static let unread = SessionCount(
        key: "unread_notifications",
        subquery: "SELECT COUNT(*) FROM notifications n WHERE n.account_id = s.account_id AND n.read_at IS NULL"
    ) { "通知（\($0)条未读）" }

    static let metricsReadings = [SMSOutbox.backlogReading]

    static let notices = [NotificationNotices.read]
}

/// What the notifications page says after one was marked read (`PageNotice`).
enum NotificationNotices {
    static let read = PageNotice("notification-read", "该通知已标为已读。")
}
