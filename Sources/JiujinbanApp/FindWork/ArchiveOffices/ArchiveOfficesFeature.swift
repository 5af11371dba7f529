import Fluent
import Vapor

/// ArchiveOffices: its routes, migrations and navigation, registered once (`Feature`).
enum ArchiveOfficesFeature: Feature {
    static func routes(_ app: Application) {
        ArchiveOfficesController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0021CreateArchiveOffices(),
        ]
    }
}
