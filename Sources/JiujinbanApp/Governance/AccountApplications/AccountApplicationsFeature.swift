import Fluent
import JiujinbanRules
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

    static let notices = [ApplicationPageNotices.filed, ApplicationPageNotices.forwarded, ApplicationPageNotices.approved, ApplicationPageNotices.rejected, ApplicationPageNotices.carriedOut, ApplicationPageNotices.withdrawn]
}

/// What an application's page says after each step (`PageNotice`); `ApplicationNotices` are the notifications it sends.
enum ApplicationPageNotices {
    static let filed = PageNotice("application-filed", "申请单已提交，审批结果将通知您。")
    static let forwarded = PageNotice("application-forwarded", "已汇总报送省人社厅。")
    static let approved = PageNotice("application-approved", "已同意，办理人将收到通知。")
    static let rejected = PageNotice("application-rejected", "已不同意，申请单位将收到通知。")
    static let carriedOut = PageNotice("application-carried-out", "已办理。")
    static let withdrawn = PageNotice("application-withdrawn", "已撤回申请单。")

    static func after(_ action: AccountApplication.Action) -> PageNotice {
        switch action {
        case .forward: forwarded
        case .approve: approved
        case .reject: rejected
        case .carryOut: carriedOut
        case .withdraw: withdrawn
        }
    }
}
