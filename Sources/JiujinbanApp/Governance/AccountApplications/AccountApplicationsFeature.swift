import Fluent
import Vapor

/// AccountApplications: its routes, migrations and navigation, registered once (`Feature`).
enum AccountApplicationsFeature: Feature {
    static func routes(_ app: Application) {
        AccountApplicationsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0008CreateAccountApplications(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 70, label: "账号申请", url: .accountApplications()),
    ]
}
