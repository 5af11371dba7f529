import Foundation

/// 用户申请（变更）单 (article 8): a unit's application to create, freeze, unlock or deactivate accounts or to
/// change their permissions, as it moves from filing to being carried out.
///
/// Two flows, fixed by who applies:
/// - operator accounts: a service point files → its county HR department approves or rejects → the county system
///   admin carries out the account items and the county business admin the permission items → done;
/// - county administrator accounts: the county HR department files → its city collects and forwards → the province
///   approves or rejects → the province system and business admins carry it out → done.
///
/// The value is rebuilt from storage with `init`, changed only through `applying(_:by:)`.
public struct AccountApplication: Hashable, Sendable {
    /// 系统名称, printed on the form.
    public static let systemName = "就业社保服务信息系统（“就近办”平台）"

    public enum Flow: String, CaseIterable, Hashable, Sendable, Codable {
        /// 业务操作员账号申请（变更）流程
        case operatorAccounts = "operator_accounts"
        /// 系统管理员、业务管理员账号申请（变更）流程
        case countyAdministratorAccounts = "county_administrator_accounts"

        /// The flow of an applicant: service points apply for operators, county departments for their
        /// administrators; nobody else files.
        public init?(applicant: OrgUnit) {
            switch applicant.level {
            case .servicePoint: self = .operatorAccounts
            case .countyDepartment: self = .countyAdministratorAccounts
            default: return nil
            }
        }

        public var label: String {
            switch self {
            case .operatorAccounts: "业务操作员账号申请（变更）"
            case .countyAdministratorAccounts: "系统管理员、业务管理员账号申请（变更）"
            }
        }

        /// The posts whose accounts this flow creates and changes.
        public func admits(_ post: Post) -> Bool {
            switch self {
            case .operatorAccounts: post == .operator
            case .countyAdministratorAccounts: post.isAdministrator
            }
        }
    }

    /// 申请单状态. Raw values are what the database stores.
    public enum State: String, CaseIterable, Hashable, Sendable, Codable {
        /// 已提交
        case submitted
        /// 市级已汇总报送 (county administrator flow only)
        case forwardedByCity = "forwarded_by_city"
        /// 已同意
        case approved
        /// 未同意 (final)
        case rejected
        /// 部分办理: one administrator has carried out its part, the other not yet.
        case partlyCarriedOut = "partly_carried_out"
        /// 已办结 (final)
        case done
        /// 已撤回 (final)
        case withdrawn

        public var label: String {
            switch self {
            case .submitted: "已提交"
            case .forwardedByCity: "市级已汇总报送"
            case .approved: "已同意，待办理"
            case .rejected: "未同意"
            case .partlyCarriedOut: "部分办理"
            case .done: "已办结"
            case .withdrawn: "已撤回"
            }
        }

        public var isFinal: Bool { self == .rejected || self == .done || self == .withdrawn }

        /// Entering this state notifies the applicant in the system (及时通知申请人): the outcome is known.
        public var notifiesApplicant: Bool { self == .rejected || self == .done }
    }

    /// What someone does to an application.
    public enum Action: Hashable, Sendable {
        /// 汇总报送: the city forwards a county's administrator application to the province.
        case forward
        /// 同意, with an optional comment.
        case approve(comment: String)
        /// 不同意, with the reason (required).
        case reject(comment: String)
        /// 办理: an administrator carries out its part.
        case carryOut(ExecutionPart)
        /// 撤回: the applicant takes the application back before it is decided.
        case withdraw

        public var label: String {
            switch self {
            case .forward: "汇总报送"
            case .approve: "同意"
            case .reject: "不同意"
            case .carryOut(let part): "办理\(part.label)"
            case .withdraw: "撤回"
            }
        }
    }

    public let number: ApplicationNumber
    public let request: AccountApplicationRequest
    public let flow: Flow
    /// The account and person that filed the application.
    public let filedByAccount: UUID
    public let filedByPerson: UUID
    public private(set) var state: State
    /// The parts already carried out.
    public private(set) var carriedOut: Set<ExecutionPart>
    /// 审核意见: the deciding department's comment.
    public private(set) var decisionComment: String?

    /// Rebuilds an application from storage; nil when the applicant cannot file (not a service point or county
    /// department) or the number belongs to another county.
    public init?(
        number: ApplicationNumber, request: AccountApplicationRequest, filedByAccount: UUID, filedByPerson: UUID,
        state: State = .submitted, carriedOut: Set<ExecutionPart> = [], decisionComment: String? = nil
    ) {
        guard let flow = Flow(applicant: request.applicant),
              number.countyCode == request.applicant.county?.countyCode else { return nil }
        self.number = number
        self.request = request
        self.flow = flow
        self.filedByAccount = filedByAccount
        self.filedByPerson = filedByPerson
        self.state = state
        self.carriedOut = carriedOut
        self.decisionComment = decisionComment
    }

    public var applicant: OrgUnit { request.applicant }

    /// The county the application comes from.
    public var county: DivisionCode { applicant.county! }

    /// The department that decides the application and whose administrators carry it out: the county for
    /// operator accounts, the province for county administrator accounts.
    public var decidingDepartment: DivisionCode {
        switch flow {
        case .operatorAccounts: county
        case .countyAdministratorAccounts: applicant.province
        }
    }

    /// The parts the requested items need.
    public var requiredParts: Set<ExecutionPart> { request.items.reduce(into: []) { $0.formUnion($1.parts) } }

    /// A new account must exist before its role and permissions can be set.
    public var permissionsWaitForAccounts: Bool { request.items.contains { $0.kind == .newAccount } }

    mutating func record(state: State, carriedOut: Set<ExecutionPart>, decisionComment: String?) {
        self.state = state
        self.carriedOut = carriedOut
        self.decisionComment = decisionComment
    }
}
