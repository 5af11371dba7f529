import Fluent
import Vapor

/// Registrations: its routes, migrations and navigation, registered once (`Feature`).
enum RegistrationsFeature: Feature {
    static func routes(_ app: Application) {
        RegistrationsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0023CreateEmploymentRegistrations(),
        ]
    }
}
