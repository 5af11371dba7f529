import Fluent
import Vapor

/// 培训意向跟踪反馈 (item 18): its pages (the start at the counter, recording the answer, the printed note) and the
/// daily sweep `jiujinban training follow-up-sweep` (`TrainingFollowUpSweep`). The item itself, with its migration,
/// is in `Items/Item18TrainingFollowUp`.
enum FollowUpsFeature: Feature {
    static func routes(_ app: Application) {
        FollowUpsController.register(app)
    }

    static let notices = [FollowUpNotices.recorded, FollowUpNotices.recordedWithoutPhone]

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "training", TrainingCommand())]
    }
}

enum FollowUpNotices {
    static let recorded = PageNotice("training-follow-up-recorded", "已记录跟踪反馈并办结，短信已发送给群众。可打印告知单交群众本人。")
    static let recordedWithoutPhone = PageNotice("training-follow-up-no-phone",
                                                 "已记录跟踪反馈并办结。该群众未登记手机号码，未发短信，请打印告知单或电话告知本人。")
}
