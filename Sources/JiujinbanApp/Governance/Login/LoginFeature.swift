import Fluent
import Vapor

/// Login: its routes, registered once (`Feature`). The sessions and login tables, and the sign-in and sign-out
/// addresses, are the platform's (`Platform/Identity`, `SiteURL+Platform`).
enum LoginFeature: Feature {
    static func routes(_ app: Application) {
        LoginController.register(app)
        if !app.jiujinban.configuration.isProduction {
            CardSimulator.register(app)
        }
    }

    static let notices = [LoginNotices.signedOut]
}

/// What the login page says after signing out (`PageNotice`).
enum LoginNotices {
    static let signedOut = PageNotice("signed-out", "已退出登录。")
}
