import Foundation

/// 办件: one handling of one service item for one citizen, as the rules see it.
///
/// 受理 → (items with a time limit) 审核 by a county reviewer → 办结 (approved, or rejected with a reason); or 退回补正
/// with the one-time notice listing everything missing, after which the point resubmits. Items without a time limit
/// (即时办结) are approved at acceptance. The reviewer is never the handler. An item whose work is the point's own
/// (`finishedAtPoint`: 培训意向跟踪反馈) has a time limit but no review: its point finishes it (办结).
public struct CaseFile: Hashable, Sendable {
    public enum State: String, CaseIterable, Hashable, Sendable, Codable {
        /// 已受理，待审核
        case accepted
        /// 退回补正
        case returned
        /// 办结（同意）
        case approved
        /// 办结（不予办理）
        case rejected
        /// 核心系统退回: the province's core system rejected the ledger change an approved case made; the change is
        /// undone and the case is back with its point, which may submit it again (`resubmit`) or end it (`close`).
        case coreReturned = "core_returned"

        public var label: String {
            switch self {
            case .accepted: "已受理，待审核"
            case .returned: "退回补正"
            case .approved: "已办结"
            case .rejected: "不予办理"
            case .coreReturned: "核心系统退回"
            }
        }

        public var isFinal: Bool { self == .approved || self == .rejected }

        /// What the printed 受理回执 tells the person about their case in this state: what happened, what comes
        /// next, and how to follow it. `deadline` is the 办结期限 as printed (nil for an item finished at once). A
        /// returned case prints the one-time notice of what is missing instead (一次性告知单).
        public func receiptWording(deadline: String?) -> String {
            switch self {
            case .accepted:
                "您的申请已受理，正在审核" + (deadline.map { "，将于\($0)前办结" } ?? "")
                    + "。请凭本回执的办件编号向受理服务点查询办理进度。"
            case .returned:
                "您的申请需补正材料，请按一次性告知单补齐后再来办理。"
            case .approved:
                "您的申请已办结。本回执为办结凭证，请妥善保存。"
            case .rejected:
                "经审核，您的申请不予办理。具体理由请凭本回执的办件编号向受理服务点咨询。"
            case .coreReturned:
                "您的业务经省级社保核心系统核对未通过，已退回受理服务点，请凭本回执的办件编号向受理服务点咨询。"
            }
        }
    }

    public enum Action: Hashable, Sendable {
        /// 审核通过
        case approve
        /// 审核不通过, with the reason.
        case reject(reason: String)
        /// 退回补正, with every missing document (一次性告知).
        case returnForDocuments(missing: [String])
        /// 补正后重新提交 (after 退回补正), or 重新提交 after a core return: the item's effect is applied anew.
        case resubmit
        /// 终止办理: the point ends a case the core system returned, with its reason, when it cannot be submitted
        /// again as it stands (what was accepted was wrong: the point accepts a new case with the right values). The
        /// case ends as 不予办理 without any effect; the ledger change was already undone by the return.
        case close(reason: String)
        /// 办结: the point finishes a case whose work is its own (`finishedAtPoint`), with no review.
        case finish

        public var label: String {
            switch self {
            case .approve: "审核通过"
            case .reject: "不予办理"
            case .returnForDocuments: "退回补正"
            case .resubmit: "补正后重新提交"
            case .close: "终止办理"
            case .finish: "办结"
            }
        }
    }

    public let number: CaseNumber
    /// The service item's sequence number in the catalogue.
    public let item: Int
    /// The item's time limit in working days; 0 is 即时办结.
    public let workingDays: Int
    /// The point that accepted it, and the staff account that handled it (none for a case a kiosk, an interface
    /// client or the platform opened).
    public let servicePoint: OrgUnit
    public let handlerAccount: UUID?
    public let handlerPerson: UUID?
    public private(set) var state: State
    /// The item's work is done at the point and nobody reviews it (培训意向跟踪反馈): the point finishes the case
    /// (`.finish`) within its time limit, and a reviewer's approval or refusal is refused.
    public let finishedAtPoint: Bool

    public init(number: CaseNumber, item: Int, workingDays: Int, servicePoint: OrgUnit, handlerAccount: UUID?,
                handlerPerson: UUID?, state: State, finishedAtPoint: Bool = false) {
        self.finishedAtPoint = finishedAtPoint
        self.number = number
        self.item = item
        self.workingDays = workingDays
        self.servicePoint = servicePoint
        self.handlerAccount = handlerAccount
        self.handlerPerson = handlerPerson
        self.state = state
    }

    /// The state a newly accepted case starts in: 即时办结 items are done at once.
    public static func initialState(workingDays: Int) -> State { workingDays == 0 ? .approved : .accepted }

    /// 受理: whether `actor` may accept item `item` at its own service point (an operator with the handle grant).
    public static func mayAccept(_ actor: StaffAccount, item: Int, grants: Set<ItemPermission>) -> Decision {
        AccountPolicy.actorIsActive(actor)
            .then { Decision.require(actor.unit.isServicePoint, else: .caseOnlyAtServicePoint) }
            .then { Decision.require(actor.may(.handle(item: item), grants: grants), else: .noHandleGrant(item)) }
    }

    public static let maximumReasonLength = 200
    public static let maximumMissingDocuments = 20

    /// Whether `actor` (with its item grants) may perform `action` now. Review is a county reviewer's of this
    /// county holding the review grant, never the handler's person; returning is the reviewer's during review or
    /// the handling point's before it; resubmitting is the handling point's, and so is closing a case the core system
    /// returned. A case finished at its point is finished by the point holding the handle grant, and never reviewed.
    public func may(_ actor: StaffAccount, grants: Set<ItemPermission>, _ action: Action) -> Decision {
        AccountPolicy.actorIsActive(actor)
            .then { Decision.require(!state.isFinal, else: .caseClosed(state)) }
            .then {
                switch action {
                case .approve: mayReview(actor, grants: grants)
                case .reject(let reason): mayReview(actor, grants: grants).then { Self.checkReason(reason) }
                case .finish:
                    Decision.require(finishedAtPoint, else: .caseNotFinishedAtPoint)
                        .then { Decision.require(state == .accepted, else: .caseWrongState(state)) }
                        .then {
                            Decision.require(actor.unit.isSameUnit(as: servicePoint) && actor.may(.handle(item: item), grants: grants),
                                             else: .notHandlingPoint)
                        }
                case .returnForDocuments(let missing):
                    Decision.require(state == .accepted, else: .caseWrongState(state))
                        .then {
                            let atPoint = actor.unit.isSameUnit(as: servicePoint) && actor.may(.handle(item: item), grants: grants)
                            return atPoint ? .allowed : mayReview(actor, grants: grants)
                        }
                        .then { Self.checkMissing(missing) }
                case .resubmit:
                    Decision.require(state == .returned || state == .coreReturned, else: .caseWrongState(state))
                        .then {
                            Decision.require(actor.unit.isSameUnit(as: servicePoint) && actor.may(.handle(item: item), grants: grants),
                                             else: .notHandlingPoint)
                        }
                case .close(let reason):
                    Decision.require(state == .coreReturned, else: .caseWrongState(state))
                        .then {
                            Decision.require(actor.unit.isSameUnit(as: servicePoint) && actor.may(.handle(item: item), grants: grants),
                                             else: .notHandlingPoint)
                        }
                        .then { Self.checkReason(reason, missing: .caseCloseReasonRequired) }
                }
            }
    }

    /// The case after `action`, or the refusal.
    public func applying(_ action: Action, by actor: StaffAccount, grants: Set<ItemPermission>) -> Result<CaseFile, Refusal> {
        if let refusal = may(actor, grants: grants, action).refusal { return .failure(refusal) }
        var next = self
        switch action {
        case .approve: next.state = .approved
        case .reject: next.state = .rejected
        case .returnForDocuments: next.state = .returned
        case .resubmit: next.state = workingDays == 0 ? .approved : .accepted
        case .close: next.state = .rejected
        case .finish: next.state = .approved
        }
        return .success(next)
    }

    private func mayReview(_ actor: StaffAccount, grants: Set<ItemPermission>) -> Decision {
        Decision.require(!finishedAtPoint, else: .caseFinishedAtPoint)
            .then { Decision.require(state == .accepted, else: .caseWrongState(state)) }
            .then { Decision.require(actor.may(.review(item: item), grants: grants), else: .noReviewGrant(item)) }
            .then {
                Decision.require(actor.unit.isSameUnit(as: .department(servicePoint.county ?? servicePoint.divisionCode)),
                                 else: .reviewOutsideCounty)
            }
            .then {
                Decision.require(actor.id != handlerAccount && actor.personID != handlerPerson, else: .reviewerIsHandler)
            }
    }

    static func checkReason(_ reason: String, missing: Refusal = .caseReasonRequired) -> Decision {
        let cleaned = TextField.clean(reason)
        if cleaned.isEmpty { return .refused(missing) }
        if cleaned.count > maximumReasonLength { return .refused(.caseReasonTooLong(cleaned.count)) }
        return Decision.require(!TextField.containsForbiddenCharacters(reason), else: .commentHasControlCharacters)
    }

    static func checkMissing(_ missing: [String]) -> Decision {
        let cleaned = missing.map(TextField.clean).filter { !$0.isEmpty }
        if cleaned.isEmpty { return .refused(.caseMissingDocumentsRequired) }
        if cleaned.count > maximumMissingDocuments || cleaned.contains(where: { $0.count > 100 }) {
            return .refused(.caseMissingDocumentsTooLong)
        }
        return Decision.require(!missing.contains(where: TextField.containsForbiddenCharacters), else: .commentHasControlCharacters)
    }
}

/// Where a case stands against its time limit on a given day.
public enum DeadlineStatus: Hashable, Sendable {
    /// No time limit, or finished.
    case none
    case onTime
    /// Due within one working day (today or the next working day).
    case dueSoon
    case overdue

    /// `deadline` is the last working day allowed; `nextWorkday` the first working day after `today`.
    public static func of(deadline: CalendarDate?, finished: Bool, today: CalendarDate, nextWorkday: CalendarDate) -> DeadlineStatus {
        guard let deadline, !finished else { return .none }
        if today > deadline { return .overdue }
        if deadline <= nextWorkday { return .dueSoon }
        return .onTime
    }

    public var label: String {
        switch self {
        case .none: ""
        case .onTime: "按时"
        case .dueSoon: "即将到期"
        case .overdue: "已超期"
        }
    }
}
