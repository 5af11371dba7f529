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

    static let notices = [RegistrationNotices.ended]
}

/// What the employment card says after a registration was ended (`PageNotice`).
enum RegistrationNotices {
    static let ended = PageNotice("registration-ended", "已登记终止，就业失业登记证已更新。")
}
