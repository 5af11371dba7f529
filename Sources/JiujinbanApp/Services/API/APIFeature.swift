import Fluent
import Vapor

/// API: its routes, migrations and navigation, registered once (`Feature`).
enum APIFeature: Feature {
    static func routes(_ app: Application) {
        APIController.register(app)
    }
}
