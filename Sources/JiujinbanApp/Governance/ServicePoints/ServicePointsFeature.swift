import Fluent
import Vapor

/// ServicePoints: its routes, migrations and navigation, registered once (`Feature`).
enum ServicePointsFeature: Feature {
    static func routes(_ app: Application) {
        ServicePointsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0002CreateServicePoints(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 40, label: "服务点", url: .servicePoints()),
    ]
}
