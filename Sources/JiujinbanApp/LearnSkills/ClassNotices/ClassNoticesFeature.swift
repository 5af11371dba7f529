import Fluent
import Vapor

/// 参加培训办结送达 (item 19) at the point: the county's coming class plans, each plan's people to notify (nearest
/// first) and what became of those notified. The item itself is in `Items/Item19TrainingNotice`.
enum ClassNoticesFeature: Feature {
    static func routes(_ app: Application) {
        ClassNoticesController.register(app)
    }

    static let notices = [ClassNoticeNotices.notified, ClassNoticeNotices.progressed]
}

enum ClassNoticeNotices {
    static let notified = PageNotice("training-notified", "已通知参加培训（已登记短信，未登记手机号码的群众请电话告知）。")
    static let progressed = PageNotice("training-enrolment-progressed", "已登记。")
}
