import Fluent
import JiujinbanRules
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
        NavigationEntry(line: .governance, order: 20, label: "办件", url: .cases()),
        NavigationEntry(line: .governance, order: 30, label: "办件统计", url: .caseStatistics()),
    ]

    static let notices = [
        CaseNotices.accepted, CaseNotices.approved, CaseNotices.rejected, CaseNotices.returned, CaseNotices.resubmitted,
    ]
}

/// What the case page says after each step the clerk took.
enum CaseNotices {
    static let accepted = PageNotice("case-accepted", "已受理。可打印受理回执，或回到办事群众页面继续办理其他事项。")
    static let approved = PageNotice("case-approved", "已审核通过，办件已办结。")
    static let rejected = PageNotice("case-rejected", "已作出不予办理决定，理由已记入办件。")
    static let returned = PageNotice("case-returned", "已退回补正，需补正的材料已记入办件。")
    static let resubmitted = PageNotice("case-resubmitted", "已补正并重新提交审核。")

    static func after(_ action: CaseFile.Action) -> PageNotice {
        switch action {
        case .approve: approved
        case .reject: rejected
        case .returnForDocuments: returned
        case .resubmit: resubmitted
        }
    }
}
