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
        CaseNotices.resubmittedAfterCoreReturn, CaseNotices.doneAgainAfterCoreReturn, CaseNotices.closed, CaseNotices.finished,
    ]
}

/// What the case page says after each step the clerk took.
enum CaseNotices {
    static let accepted = PageNotice("case-accepted", "已受理。可打印受理回执，或回到办事群众页面继续办理其他事项。")
    static let approved = PageNotice("case-approved", "已审核通过，办件已办结。")
    static let rejected = PageNotice("case-rejected", "已作出不予办理决定，理由已记入办件。")
    static let returned = PageNotice("case-returned", "已退回补正，需补正的材料已记入办件。")
    static let resubmitted = PageNotice("case-resubmitted", "已补正并重新提交审核。")
    static let resubmittedAfterCoreReturn = PageNotice("case-core-resubmitted", "已重新提交县级审核，审核通过后将再次报送省级社保核心系统。")
    static let doneAgainAfterCoreReturn = PageNotice("case-core-done-again", "已重新办结，变更已重新记入参保台账，将再次报送省级社保核心系统。")
    static let closed = PageNotice("case-closed", "已终止办理，理由已记入办件。如需为群众办理，请重新受理。")
    static let finished = PageNotice("case-finished", "已办结。")

    /// `file` is the case as it was before the step.
    static func after(_ action: CaseFile.Action, from file: CaseFile) -> PageNotice {
        switch action {
        case .approve: approved
        case .reject: rejected
        case .returnForDocuments: returned
        case .resubmit where file.state == .coreReturned: file.workingDays == 0 ? doneAgainAfterCoreReturn : resubmittedAfterCoreReturn
        case .resubmit: resubmitted
        case .close: closed
        case .finish: finished
        }
    }
}
