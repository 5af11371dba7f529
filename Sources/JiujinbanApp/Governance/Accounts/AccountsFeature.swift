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

    static let notices = [AccountNotices.created, AccountNotices.statusChanged, AccountNotices.grantsSaved, AccountNotices.leakReported]
}

/// What the account pages say after an account was created or changed, or a leak reported (`PageNotice`).
enum AccountNotices {
    static let created = PageNotice("account-created", "已创建账号。本人用电子社保卡扫码即可登录。")
    static let statusChanged = PageNotice("account-status-changed", "已更改账号状态。")
    static let grantsSaved = PageNotice("account-grants-saved", "已保存事项权限。")
    static let leakReported = PageNotice("account-leak-reported", "已报告账号泄露，系统管理员将冻结该账号并核实。")
}
