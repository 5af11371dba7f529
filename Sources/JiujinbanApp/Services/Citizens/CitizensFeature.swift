import Fluent
import Vapor

/// Citizens: its routes, migrations and navigation, registered once (`Feature`).
enum CitizensFeature: Feature {
    static func routes(_ app: Application) {
        CitizensController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0010CreateCitizens(),
            M0031CreateCitizenLookups(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 10, label: "办事群众", url: .citizens),
    ]
}
