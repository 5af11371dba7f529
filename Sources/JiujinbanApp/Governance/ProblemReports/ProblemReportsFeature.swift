import Fluent
import Vapor

/// ProblemReports: its routes, migrations and navigation, registered once (`Feature`).
enum ProblemReportsFeature: Feature {
    static func routes(_ app: Application) {
        ProblemReportsController.register(app)
        ResponsibilityListController.register(app)
        ProblemOversightController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0013CreateProblemReports(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 90, label: "问题反映", url: .problems()),
    ]
}
