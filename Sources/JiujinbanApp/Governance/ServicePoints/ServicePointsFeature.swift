import Fluent
import Vapor

/// ServicePoints: its routes, navigation and command, registered once (`Feature`). The service points table is
/// the platform's (`Platform/Hierarchy`).
enum ServicePointsFeature: Feature {
    static func routes(_ app: Application) {
        ServicePointsController.register(app)
    }

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "service-points", ServicePointsCommand())]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 40, label: "服务点", url: .servicePoints()),
    ]
}
