import Fluent
import Vapor

/// Divisions: its routes, migrations and navigation, registered once (`Feature`).
enum DivisionsFeature: Feature {
    static func routes(_ app: Application) {
        DivisionsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0001CreateDivisions(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 50, label: "行政区划", url: .divisions),
    ]
}
