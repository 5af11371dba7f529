import Fluent
import Vapor

/// Acceptance: its routes, migrations and navigation, registered once (`Feature`).
enum AcceptanceFeature: Feature {
    static func routes(_ app: Application) {
        AcceptanceController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0016CreateAcceptancePhotos(),
        ]
    }
}
