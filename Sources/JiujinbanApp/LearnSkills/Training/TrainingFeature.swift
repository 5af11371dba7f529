import Fluent
import Vapor

/// 我要学技能's records (M0067): the county's training institutions and class plans, the intentions registered at
/// the points with what was done for them, the monitoring list and the 就业困难人员 recognitions. The registry's pages
/// (institutions, class plans, the monitoring list's import, the recognitions) are the county's; the items' pages
/// come with the items of the group.
enum TrainingFeature: Feature {
    static func routes(_ app: Application) {
        TrainingInstitutionsController.register(app)
        ClassPlansController.register(app)
        MonitoringListController.register(app)
        HardshipController.register(app)
    }

    static var migrations: [any Migration] {
        [
            M0067CreateTraining(),
        ]
    }

    static let navigation = [
        NavigationEntry(line: .governance, order: 28, label: "培训机构", url: .trainingInstitutions),
        NavigationEntry(line: .governance, order: 29, label: "就业困难人员认定", url: .hardshipRecognitions),
    ]

    static let notices = [
        TrainingNotices.institutionCreated, TrainingNotices.institutionUpdated, TrainingNotices.planCreated, TrainingNotices.planUpdated,
        TrainingNotices.monitoringListImported, TrainingNotices.hardshipRecognised, TrainingNotices.hardshipEnded,
    ]
}

/// What the registry's pages say after a form was saved (`PageNotice`).
enum TrainingNotices {
    static let institutionCreated = PageNotice("training-institution-created", "已新增培训机构。")
    static let institutionUpdated = PageNotice("training-institution-updated", "已保存培训机构信息。")
    static let planCreated = PageNotice("class-plan-created", "已新增开班计划。")
    static let planUpdated = PageNotice("class-plan-updated", "已保存开班计划。")
    static let monitoringListImported = PageNotice("monitoring-list-imported", "已导入防止返贫监测对象名单，原名单已整体替换。")
    static let hardshipRecognised = PageNotice("hardship-recognised", "已登记就业困难人员认定。")
    static let hardshipEnded = PageNotice("hardship-ended", "已终止该认定。")
}
