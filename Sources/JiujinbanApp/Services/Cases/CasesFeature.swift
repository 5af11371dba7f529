import Fluent
import Vapor

/// Cases: its routes, migrations and navigation, registered once (`Feature`).
enum CasesFeature: Feature {
    static func routes(_ app: Application) {
        CasesController.register(app)
        CaseStatisticsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0012CreateCases(),
            M0024IndexOpenCases(),
            M0032CasesForEveryActor(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 20, label: "办件", url: .cases(), requires: [.serveCitizens]),
        NavigationEntry(line: .governance, order: 30, label: "办件统计", url: .caseStatistics(), requires: [.viewCaseStatistics]),
    ]
}
