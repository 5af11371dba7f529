import Fluent
import Vapor

/// MonthlyReport: its routes, migrations and navigation, registered once (`Feature`).
enum MonthlyReportFeature: Feature {
    static func routes(_ app: Application) {
        MonthlyReportController.register(app)
        ReportEntryController.register(app)
        ReportEvidenceController.register(app)
        ReportReviewController.register(app)
        PointMapController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0014CreateMonthlyReportFacts(),
            M0015CreateReportCycle(),
            M0017CreateReportEvidence(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 100, label: "月度调度表", url: .monthlyReport()),
        NavigationEntry(line: .governance, order: 110, label: "调度表填报", url: .monthlyReportEntry()),
    ]

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "report", ReportCommand())]
    }
}
