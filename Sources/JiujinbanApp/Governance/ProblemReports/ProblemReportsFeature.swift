import Fluent
import JiujinbanRules
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

    static let notices = [ProblemNotices.filed, ProblemNotices.replied, ProblemNotices.solved, ProblemNotices.reopened, ProblemNotices.escalated, ProblemNotices.listSaved, ProblemNotices.trainingScheduled]
}

/// What the problem pages say after a report was filed or acted on, the list saved or training scheduled (`PageNotice`).
enum ProblemNotices {
    static let filed = PageNotice("problem-filed", "问题已提交，已转责任人办理；答复后将通知您。")
    static let replied = PageNotice("problem-replied", "已答复，反映人将收到通知。")
    static let solved = PageNotice("problem-solved", "已确认问题解决。")
    static let reopened = PageNotice("problem-reopened", "已重新提出，责任人将收到通知。")
    static let escalated = PageNotice("problem-escalated", "已提请上级处理。")
    static let listSaved = PageNotice("responsibility-list-saved", "已保存责任清单。")
    static let trainingScheduled = PageNotice("training-scheduled", "已安排培训，参加的县将收到通知。")

    static func after(_ action: ProblemReport.Action) -> PageNotice {
        switch action {
        case .reply: replied
        case .markSolved: solved
        case .reopen: reopened
        case .escalate: escalated
        }
    }
}
