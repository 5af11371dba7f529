/// 岗位: the post an account holds. Raw values are what the database stores.
///
/// Articles 3–6 of the account regulation name the first three; the others are the roles the rest of the product
/// needs (issue 3).
public enum Post: String, CaseIterable, Hashable, Sendable, Codable {
    /// 系统管理员: creates, changes, freezes, unlocks and deactivates accounts (article 4).
    case systemAdmin = "system_admin"
    /// 业务管理员: associates roles and grants item permissions (article 5).
    case businessAdmin = "business_admin"
    /// 业务操作员: counter operator at a service point (article 6).
    case `operator`
    /// 业务审核员: county reviewer of items that have a time limit.
    case reviewer
    /// 业务骨干: county expert who answers guidance questions in its business areas.
    case expert
    /// 省工作专班成员: member of the provincial task force.
    case taskForce = "task_force"
    /// 市级人社工作人员: city HR staff who receive filings and escalations.
    case cityOfficer = "city_officer"
    /// 审计员: reads the audit trail, nothing else.
    case auditor

    public var label: String {
        switch self {
        case .systemAdmin: "系统管理员"
        case .businessAdmin: "业务管理员"
        case .operator: "业务操作员"
        case .reviewer: "业务审核员"
        case .expert: "业务骨干"
        case .taskForce: "省工作专班成员"
        case .cityOfficer: "市级人社工作人员"
        case .auditor: "审计员"
        }
    }

    /// The two administrator posts of article 3, which never handle or review business.
    public var isAdministrator: Bool { self == .systemAdmin || self == .businessAdmin }
}

/// 业务领域: the business area an expert (业务骨干) answers guidance questions for.
public enum BusinessArea: String, CaseIterable, Hashable, Sendable, Codable {
    /// 找工作
    case job
    /// 学技能
    case skill
    /// 办社保
    case insurance
    /// 办社保卡
    case card
    /// 账号
    case account
    /// 其他
    case other

    public var label: String {
        switch self {
        case .job: "找工作"
        case .skill: "学技能"
        case .insurance: "办社保"
        case .card: "办社保卡"
        case .account: "账号"
        case .other: "其他"
        }
    }
}
