import Fluent
import Vapor

/// Divisions: its routes, navigation and command, registered once (`Feature`). The divisions table is the
/// platform's (`Platform/Hierarchy`).
enum DivisionsFeature: Feature {
    static func routes(_ app: Application) {
        DivisionsController.register(app)
    }

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "divisions", DivisionsCommand())]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 50, label: "行政区划", url: .divisions),
    ]
}
