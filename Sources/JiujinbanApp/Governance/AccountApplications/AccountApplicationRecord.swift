import Fluent
import Foundation
import JiujinbanRules

/// 用户申请（变更）单 as stored. The requested items hold ID numbers and phones, so they are sealed as one JSON
/// document (`content_sealed`); `item_summary` says what is asked without personal data, for lists and exports.
///
/// Fluent models cannot be checked `Sendable`: an instance stays inside one task.
final class AccountApplicationRecord: Model, @unchecked Sendable {
    static let schema = "account_applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "county_code") var countyCode: String
    @Field(key: "year") var year: Int
    @Field(key: "flow") var flow: String
    @Field(key: "applicant_unit_key") var applicantUnitKey: String
    @Field(key: "applicant_division_code") var applicantDivisionCode: String
    @Field(key: "applicant_unit_name") var applicantUnitName: String
    @Field(key: "contact_name") var contactName: String
    @Field(key: "contact_phone_sealed") var contactPhoneSealed: String
    @Field(key: "content_sealed") var contentSealed: String
    @Field(key: "item_summary") var itemSummary: String
    @Field(key: "state") var state: String
    /// The parts carried out, comma-separated (`accounts,permissions`).
    @Field(key: "carried_out") var carriedOut: String
    @OptionalField(key: "decision_comment") var decisionComment: String?
    @Field(key: "filed_by_account") var filedByAccount: UUID
    @Field(key: "filed_by_person") var filedByPerson: UUID
    @Field(key: "filed_at") var filedAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var flowValue: AccountApplication.Flow? { AccountApplication.Flow(rawValue: flow) }
    var stateValue: AccountApplication.State? { AccountApplication.State(rawValue: state) }

    var carriedOutParts: Set<ExecutionPart> {
        Set(carriedOut.split(separator: ",").compactMap { ExecutionPart(rawValue: String($0)) })
    }

    /// Writes the rules' value of the application back (state, parts carried out, comment).
    func apply(_ application: AccountApplication, at now: Date) {
        state = application.state.rawValue
        carriedOut = application.carriedOut.map(\.rawValue).sorted().joined(separator: ",")
        decisionComment = application.decisionComment
        updatedAt = now
    }
}

/// One step in an application's life: who did what, when, with which comment. The printed form's 意见 and dates
/// come from here.
final class AccountApplicationStep: Model, StepActorStamped, @unchecked Sendable {
    static let schema = "account_application_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "actor_account") var actorAccount: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_post") var actorPost: String
    @Field(key: "actor_unit_name") var actorUnitName: String
    /// `file`, `withdraw`, `forward`, `approve`, `reject`, `carry_out_accounts`, `carry_out_permissions`
    @Field(key: "action") var action: String
    @OptionalField(key: "comment") var comment: String?

    init() {}

    init(applicationID: UUID, at: Date, actor: SignedInStaff, action: String, comment: String?) {
        self.id = UUID()
        self.applicationID = applicationID
        self.at = at
        self.action = action
        self.comment = comment
        stamp(actor)
    }

    var actionLabel: String {
        switch action {
        case "file": "提交申请"
        case "withdraw": "撤回"
        case "forward": "市级汇总报送"
        case "approve": "同意"
        case "reject": "不同意"
        case "carry_out_accounts": "办理账号事项"
        case "carry_out_permissions": "办理角色和权限事项"
        default: action
        }
    }
}

extension AccountApplication.Action {
    /// The step name stored for this action.
    var stepName: String {
        switch self {
        case .forward: "forward"
        case .approve: "approve"
        case .reject: "reject"
        case .withdraw: "withdraw"
        case .carryOut(let part): "carry_out_\(part.rawValue)"
        }
    }
}
