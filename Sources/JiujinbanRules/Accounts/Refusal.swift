/// Why a rule refused, with the message shown to the user and written to the audit trail.
public enum Refusal: Error, Hashable, Sendable {
    // Accounts
    /// The acting account is not active.
    case actorNotActive(AccountStatus)
    /// The acting account's role has not been associated yet (article 5).
    case roleNotAssociated
    /// A department below county level, or a service point whose kind does not fit its division.
    case malformedUnit
    case postNotAllowedAtUnit(Post, OrgUnit.Level)
    case notSystemAdmin
    case notBusinessAdmin
    /// Province system admin accounts come only from the bootstrap command (S01).
    case createdOnlyByBootstrap
    /// A county's administrator reached for another county's account.
    case otherCounty
    case outsideJurisdiction(Post, managedBy: OrgUnit.Level)
    /// Nobody creates, changes, grants or freezes accounts of their own person.
    case ownAccount
    case accountDeactivated
    case accountChangesPerson
    case idleLockIsAutomatic
    case statusChangeNotApplicable(AccountStatus, AccountStatus.Change)
    case leakReportOnlyForOwnAccount

    // Roles and permissions
    case businessAreasOnlyForExperts
    case expertNeedsBusinessArea
    case noItemPermissionsForPost(Post)
    case unknownItem(Int)
    case operatorsOnlyHandle
    case reviewersOnlyReview
    case itemNeedsNoReview(Int)
    case itemNotOffered(Int, at: ServicePointKind)

    // Separation of duties
    /// 一人多岗 (`PersonPosts`): the person already holds an account that forbids the new one.
    case personPosts(PostConflict)
    case reviewerIsHandler

    // Account applications
    case cannotFile
    case itemsOutsideFlow(AccountApplication.Flow)
    case numberOfAnotherCounty
    case applicationClosed(AccountApplication.State)
    case notApplicant
    case wrongState(AccountApplication.State, AccountApplication.Action)
    case operatorApplicationsAreNotForwarded
    case notForwardingCity
    case notDecidingDepartment(AccountApplication.Flow)
    case ownApplication
    case awaitingCityForwarding
    case commentRequired
    case commentTooLong(Int)
    case commentHasControlCharacters
    case notCarryingOutAdministrator(ExecutionPart, AccountApplication.Flow)
    case partNotRequested(ExecutionPart)
    case partAlreadyCarriedOut(ExecutionPart)
    case accountsFirst

    // Cases
    case caseOnlyAtServicePoint
    case caseStepsByStaffOnly
    case noHandleGrant(Int)
    case noReviewGrant(Int)
    case caseClosed(CaseFile.State)
    case caseWrongState(CaseFile.State)
    case reviewOutsideCounty
    case notHandlingPoint
    case caseReasonRequired
    case caseCloseReasonRequired
    case caseReasonTooLong(Int)
    case caseMissingDocumentsRequired
    case caseMissingDocumentsTooLong
    /// The case's work is done at its point (`CaseFile.finishedAtPoint`): nobody reviews it.
    case caseFinishedAtPoint
    /// 办结 is only for an item whose work is done at its point.
    case caseNotFinishedAtPoint

    public var message: String {
        switch self {
        case .caseOnlyAtServicePoint: "办件只能在服务点受理"
        case .caseStepsByStaffOnly: "办件的审核、退回和补正只能由工作人员办理"
        case .noHandleGrant(let item): "您没有第\(item)项服务事项的经办权限"
        case .noReviewGrant(let item): "您没有第\(item)项服务事项的审核权限"
        case .caseClosed(let state): "该办件已\(state.label)，不能再办理"
        case .caseWrongState(let state): "该办件当前为“\(state.label)”，不能进行此操作"
        case .reviewOutsideCounty: "只能审核本县（市、区）服务点受理的办件"
        case .notHandlingPoint: "只有受理该办件的服务点可以重新提交或终止办理"
        case .caseReasonRequired: "请填写不予办理的理由"
        case .caseCloseReasonRequired: "请填写终止办理的理由"
        case .caseReasonTooLong(let count): "理由不能超过\(CaseFile.maximumReasonLength)字（现为\(count)字）"
        case .caseMissingDocumentsRequired: "请逐项列出需补正的全部材料（一次性告知）"
        case .caseMissingDocumentsTooLong: "补正材料最多\(CaseFile.maximumMissingDocuments)项，每项不超过100字"
        case .caseFinishedAtPoint: "该事项由服务点办理并办结，不经县级审核，不能审核通过或不予办理"
        case .caseNotFinishedAtPoint: "该事项须经县级审核，服务点不能直接办结"
        case .actorNotActive(let status):
            "您的账号当前为“\(status.label)”状态，不能进行此操作"
        case .roleNotAssociated:
            "您的账号尚未由业务管理员关联角色，暂不能办理业务和管理操作"
        case .malformedUnit:
            "所属单位不正确：人社部门只设在省、市、县三级，服务点类型须与所在区划相符"
        case .postNotAllowedAtUnit(let post, let level):
            "\(level.label)不能设\(post.label)：\(post.placementRule)"
        case .notSystemAdmin:
            "只有系统管理员可以创建、变更、冻结、解锁和注销账号"
        case .notBusinessAdmin:
            "只有业务管理员可以关联角色和分配权限"
        case .createdOnlyByBootstrap:
            "省级系统管理员账号只能通过系统初始化命令创建"
        case .otherCounty:
            "不能管理其他县（市、区）的账号"
        case .outsideJurisdiction(let post, let manager):
            "该\(post.label)账号由\(manager == .countyDepartment ? "所在县级人社部门" : "省级人社部门")管理，不在您的管理范围内"
        case .ownAccount:
            "不能创建、变更、冻结或赋权本人的账号，请由其他管理员办理"
        case .accountDeactivated:
            "该账号已注销"
        case .accountChangesPerson:
            "账号不能转给他人使用，请为新人员新增账号"
        case .idleLockIsAutomatic:
            "闲置锁定由系统自动进行，不能手工操作"
        case .statusChangeNotApplicable(let status, let change):
            "该账号当前为“\(status.label)”状态，不能\(change.label)"
        case .leakReportOnlyForOwnAccount:
            "只能报告本人账号泄露"
        case .businessAreasOnlyForExperts:
            "只有业务骨干可以设置业务领域"
        case .expertNeedsBusinessArea:
            "请为业务骨干至少选择一个业务领域"
        case .noItemPermissionsForPost(let post):
            post.isAdministrator
                ? "系统管理员、业务管理员不能有业务经办和审核权限"
                : "\(post.label)不能有业务经办和审核权限"
        case .unknownItem(let item):
            "服务事项第\(item)项不存在"
        case .operatorsOnlyHandle:
            "业务操作员只能有经办权限，不能有审核权限"
        case .reviewersOnlyReview:
            "业务审核员只能有审核权限，不能有经办权限"
        case .itemNeedsNoReview(let item):
            "服务事项第\(item)项为即时办结事项，无需审核"
        case .itemNotOffered(let item, let kind):
            "\(kind.label)不能办理服务事项第\(item)项"
        case .personPosts(let conflict):
            conflict.message
        case .reviewerIsHandler:
            "不能审核本人经办的业务"
        case .cannotFile:
            "只有服务点的业务操作员或县级人社部门的系统管理员、业务管理员可以为本单位提交用户申请（变更）单"
        case .itemsOutsideFlow(let flow):
            "申请事项与“\(flow.label)”流程不符"
        case .numberOfAnotherCounty:
            "申请单编号不属于申请单位所在县（市、区）"
        case .applicationClosed(let state):
            "申请单\(state.label)，不能再办理"
        case .notApplicant:
            "只有申请单位可以撤回申请单"
        case .wrongState(let state, let action):
            "申请单当前为“\(state.label)”，不能\(action.label)"
        case .operatorApplicationsAreNotForwarded:
            "业务操作员账号申请由县级人社部门审核，无需市级汇总报送"
        case .notForwardingCity:
            "只有申请县所属的市级人社部门可以汇总报送"
        case .notDecidingDepartment(let flow):
            flow == .operatorAccounts
                ? "只有申请单位所在县级人社部门可以审核此申请单"
                : "只有省级人社部门可以审核县级系统管理员、业务管理员账号申请"
        case .ownApplication:
            "不能审核本人提交的申请单"
        case .awaitingCityForwarding:
            "申请单须先由市级人社部门汇总报送"
        case .commentRequired:
            "不同意时请填写意见"
        case .commentTooLong(let count):
            "意见不能超过\(AccountApplication.maximumCommentLength)个字（现为\(count)个）"
        case .commentHasControlCharacters:
            "意见含有不可见的控制字符，请重新输入"
        case .notCarryingOutAdministrator(let part, let flow):
            "\(part.label)由\(flow == .operatorAccounts ? "县级" : "省级")\(part.post.label)办理"
        case .partNotRequested(let part):
            "申请单没有需要办理的\(part.label)"
        case .partAlreadyCarriedOut(let part):
            "\(part.label)已办理"
        case .accountsFirst:
            "请先由系统管理员创建账号，再关联角色和分配权限"
        }
    }
}
