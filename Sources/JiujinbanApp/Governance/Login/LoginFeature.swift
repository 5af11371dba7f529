import Fluent
import Vapor

/// Login: its routes, migrations and navigation, registered once (`Feature`).
enum LoginFeature: Feature {
    static func routes(_ app: Application) {
        LoginController.register(app)
        if !app.jiujinban.configuration.isProduction {
            CardSimulator.register(app)
        }
    }

    static var migrations: [any Migration] {
        [
            M0005CreateSessions(),
        ]
    }
}
