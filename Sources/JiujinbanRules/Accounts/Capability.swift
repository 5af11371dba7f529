/// 功能权限: what a route or action can require. Deny by default: a post has exactly the capabilities that
/// `Capability.granted(to:grants:)` lists and nothing else.
public enum Capability: Hashable, Sendable {
    /// 查看区划
    case viewDivisions
    /// 查看服务点 (within the data scope)
    case viewServicePoints
    /// 管理服务点: create, edit, disable service points.
    case manageServicePoints
    /// 管理区划
    case manageDivisions
    /// 账号管理: create, change, freeze, unlock, deactivate accounts (article 4).
    case manageAccounts
    /// 角色关联 (article 5)
    case assignRoles
    /// 赋权限: grant item permissions (article 5).
    case grantItemPermissions
    /// 账号状态核查: the monthly account review (article 11).
    case reviewAccountStatus
    /// 提交用户申请（变更）单 (article 8)
    case fileAccountApplication
    /// 审批用户申请（变更）单
    case reviewAccountApplications
    /// 汇总报送用户申请（变更）单: the city step of the county-admin flow.
    case forwardAccountApplications
    /// 接收备案: the county's periodic filing of operator applications with the city.
    case receiveApplicationFilings
    /// 查阅审计日志
    case readAuditTrail
    /// 办件统计: a division's cases by item, township and point, overdue rate, handling time (no personal data).
    case viewCaseStatistics
    /// 工作日历: load a new year's holiday notice (province system admins; the handler checks the level).
    case manageWorkCalendar
    /// 办事群众: look a citizen up by ID number at the counter, register one, open their page.
    case serveCitizens
    /// 本人业务: the cases one handled or reviewed, the questions one answered.
    case viewOwnWork
    /// 问题反映 (attachment 4)
    case reportProblem
    /// 业务指导: answer guidance questions of one's business areas.
    case handleGuidanceQuestions
    /// 逐级反映: guidance questions the county could not resolve, at the city.
    case handleEscalatedQuestions
    /// 省工作专班: system and function problems, and questions escalated to the province.
    case taskForceQueue
    /// 责任清单: name the county's 业务骨干 for each business area (county business admins).
    case manageResponsibilityList
    /// 问题处理情况: the handling figures of the counties in one's division, and the training sessions.
    case problemOversight
    /// 安排业务指导视频培训 (the provincial task force).
    case scheduleTraining
    /// 月度调度表: the monthly progress report of one's division, with its exports.
    case viewMonthlyReport
    /// 服务点验收: score a point of one's county against attachment 5 (county business admins).
    case inspectServicePoints
    /// 自助设备登记: register and retire the kiosks of one's division's points (system admins).
    case manageKiosks
    /// The employment reference directories (items 12, 14, 15: policies, job fairs, archive offices): every post that
    /// serves or supervises searches them.
    case searchEmploymentDirectories
    /// 用人单位及岗位登记: an operator records employers and their fixed-job postings for its county.
    case registerEmployers
    /// Maintaining those directories: the business admins of the county, city and province.
    case manageEmploymentDirectories
    /// 调度表填报: a township point enters and submits its township's part of the month's table.
    case enterMonthlyReport
    /// 调度表审核: the county's leading-group office accepts or returns submissions and grants exceptions.
    case reviewMonthlyReport
    /// 政策参数: read the dated policy figures (provincial ones, and the counties of one's division).
    case viewPolicyFigures
    /// 政策参数维护: add a successor to a figure or confirm a 待核实 one (business admins; the province's set the
    /// provincial figures, a county's its own: `PolicyFigureAccess.mayChange`).
    case managePolicyFigures
    /// 培训机构及开班计划: keep the county's training institutions and their class plans, and import the
    /// rural-revitalisation department's 防止返贫监测对象 list (county business admins).
    case manageTraining
    /// 就业困难人员认定: record and end a person's recognition as 就业困难人员 (county reviewers).
    case recogniseHardship
    /// 培训统计: intentions, recommendations, enrolments and completions of one's division (business admins; a
    /// township point's operators for their own township).
    case viewTrainingStatistics
    /// 经办 the item with this sequence number.
    case handle(item: Int)
    /// 审核 the item with this sequence number.
    case review(item: Int)

    /// Every capability that is not about one item, in a fixed order (for the post × capability matrix).
    public static let general: [Capability] = [
        .viewDivisions, .viewServicePoints, .manageServicePoints, .manageDivisions, .manageAccounts, .assignRoles,
        .grantItemPermissions, .reviewAccountStatus, .fileAccountApplication, .reviewAccountApplications,
        .forwardAccountApplications, .receiveApplicationFilings, .readAuditTrail, .viewCaseStatistics, .manageWorkCalendar, .serveCitizens, .viewOwnWork, .reportProblem,
        .handleGuidanceQuestions, .handleEscalatedQuestions, .taskForceQueue, .manageResponsibilityList, .problemOversight,
        .scheduleTraining, .viewMonthlyReport, .inspectServicePoints, .manageKiosks, .enterMonthlyReport, .reviewMonthlyReport,
        .searchEmploymentDirectories, .manageEmploymentDirectories, .registerEmployers, .viewPolicyFigures, .managePolicyFigures,
        .manageTraining, .recogniseHardship, .viewTrainingStatistics,
    ]

    public var label: String {
        switch self {
        case .viewDivisions: "查看区划"
        case .viewServicePoints: "查看服务点"
        case .manageServicePoints: "管理服务点"
        case .manageDivisions: "管理区划"
        case .manageAccounts: "账号管理"
        case .assignRoles: "角色关联"
        case .grantItemPermissions: "业务赋权"
        case .reviewAccountStatus: "账号状态核查"
        case .fileAccountApplication: "提交用户申请（变更）单"
        case .reviewAccountApplications: "审批用户申请（变更）单"
        case .forwardAccountApplications: "汇总报送用户申请（变更）单"
        case .receiveApplicationFilings: "接收申请单备案"
        case .readAuditTrail: "查阅审计日志"
        case .viewCaseStatistics: "办件统计"
        case .manageWorkCalendar: "载入节假日安排"
        case .serveCitizens: "办事群众查询和登记"
        case .viewOwnWork: "本人业务"
        case .reportProblem: "问题反映"
        case .handleGuidanceQuestions: "业务指导"
        case .handleEscalatedQuestions: "处理逐级反映的问题"
        case .taskForceQueue: "省工作专班问题台账"
        case .manageResponsibilityList: "维护责任清单"
        case .problemOversight: "问题处理情况"
        case .scheduleTraining: "安排视频培训"
        case .viewMonthlyReport: "月度调度表"
        case .inspectServicePoints: "服务点验收"
        case .manageKiosks: "自助设备登记"
        case .searchEmploymentDirectories: "就业信息查询（岗位、政策法规、招聘会、档案存放机构）"
        case .manageEmploymentDirectories: "就业服务目录维护"
        case .registerEmployers: "用人单位及岗位登记"
        case .enterMonthlyReport: "调度表填报"
        case .reviewMonthlyReport: "调度表审核"
        case .viewPolicyFigures: "查看政策参数"
        case .managePolicyFigures: "维护政策参数"
        case .manageTraining: "培训机构及开班计划"
        case .recogniseHardship: "就业困难人员认定"
        case .viewTrainingStatistics: "培训统计"
        case .handle(let item): "第\(item)项 经办"
        case .review(let item): "第\(item)项 审核"
        }
    }
}
