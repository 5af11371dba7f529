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
}
