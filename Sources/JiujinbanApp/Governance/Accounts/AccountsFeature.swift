import Fluent
import Vapor

/// Accounts: its routes, migrations, navigation, header link and commands, registered once (`Feature`). The
/// accounts' own tables are the platform's (`Platform/Identity`).
enum AccountsFeature: Feature {
    static func routes(_ app: Application) {
        AccountReviewController.register(app)
        AccountsController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0007AddLeakReports(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 60, label: "账号管理", url: .accounts),
    ]

    /// The signed-in person's name in the page header opens their own account page.
    static let headerLinks = [HeaderLink(url: .myAccount, label: nil)]

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "bootstrap-admin", BootstrapAdminCommand()), FeatureCommand(name: "accounts", AccountsCommand())]
    }
}
