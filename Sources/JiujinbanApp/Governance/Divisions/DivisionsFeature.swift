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

    static let notices = [DivisionNotices.created]
}

/// What a division's page says after it was created (`PageNotice`).
enum DivisionNotices {
    static let created = PageNotice("division-created", "已新增区划。")
}
