import Fluent
import Vapor

/// Home: its routes, migrations and navigation, registered once (`Feature`).
enum HomeFeature: Feature {
    static func routes(_ app: Application) {
        HomeController.register(app)
    }
}
