import Fluent
import Vapor

/// Notifications: its routes, migrations and navigation, registered once (`Feature`).
enum NotificationsFeature: Feature {
    static func routes(_ app: Application) {
        NotificationsController.register(app)
        DevelopmentSMSPage.register(app)
    }
}
