import Fluent
import Vapor

/// Accounts: its routes, migrations and navigation, registered once (`Feature`).
enum AccountsFeature: Feature {
    static func routes(_ app: Application) {
        AccountReviewController.register(app)
        AccountsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0004CreateStaff(),
            M0007AddLeakReports(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 60, label: "账号管理", url: .accounts),
    ]
}
