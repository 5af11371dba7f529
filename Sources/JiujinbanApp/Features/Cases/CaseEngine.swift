import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// The shared machinery of every item: acceptance with number and deadline, the review steps, the timeline and
/// the audit row of each step, all in one transaction per step.
enum CaseEngine {
    /// The rules' view of a stored case.
    static func file(_ record: CaseRecord, catalogue: ServiceCatalogue, on db: any Database) async throws -> CaseFile? {
        guard let state = record.stateValue, let number = CaseNumber(record.number),
              let point = try await ServicePoint.find(record.servicePointID, on: db),
              let kind = ServicePointKind(rawValue: point.kind), let code = try? DivisionCode(point.divisionCode) else { return nil }
        let workingDays = catalogue.items.first { $0.seq == record.itemSeq }?.workingDays ?? 0
        return CaseFile(number: number, item: record.itemSeq, workingDays: workingDays,
                        servicePoint: .servicePoint(id: record.servicePointID, kind: kind, divisionCode: code),
                        handlerAccount: record.handlerAccount, handlerPerson: record.handlerPerson, state: state)
    }

    /// Whether `staff` sees the case: its own point's cases, or its county's for a county reviewer.
    static func sees(_ record: CaseRecord, _ staff: SignedInStaff) -> Bool {
        guard let code = try? DivisionCode(record.divisionCode) else { return false }
        return staff.scope.covers(servicePoint: record.servicePointID, in: code)
    }

    struct Acceptance {
        let citizen: CitizenRecord
        let item: ServiceCatalogue.Item
        let values: [String: String]
        let channel: ServiceCatalogue.Channel
        let submissionKey: String
    }

    /// 受理: a new case in its first state, numbered from the county's counter for today, with its deadline.
    /// A repeated submission (same key from the same operator) returns the case already made.
    static func accept(_ acceptance: Acceptance, staff: SignedInStaff, req: Request) async throws -> UUID {
        guard case .servicePoint(let pointID, _, let pointCode) = staff.account.unit, let county = pointCode.ancestor(atDepth: 2) else {
            throw PublicError(.forbidden, Refusal.caseOnlyAtServicePoint.message)
        }
        let services = req.jiujinban
        let today = services.clock.today
        let calendar = try await WorkCalendarStore.calendar(req: req)
        let deadline = acceptance.item.workingDays > 0 ? calendar.addingWorkingDays(acceptance.item.workingDays, to: today) : nil
        let formJSON = String(decoding: try JSONEncoder().encode(acceptance.values), as: UTF8.self)
        let sealed = try services.cipher.seal(formJSON, context: CaseRecord.formContext)
        let now = services.clock.now()
        do {
            return try await req.write { db in
                if let existing = try await CaseRecord.query(on: db).filter(\.$handlerAccount == staff.account.id)
                    .filter(\.$submissionKey == acceptance.submissionKey).first() {
                    return try existing.requireID()
                }
                let sequence = try await SequenceAllocator.next(CaseNumber.counterName(county: county, date: today), on: db)
                guard let number = CaseNumber(county: county, date: today, sequence: sequence) else {
                    throw PublicError(.conflict, "本县今日办件编号已用完")
                }
                let record = CaseRecord()
                let id = UUID()
                record.id = id
                record.number = number.text
                record.countyCode = county.countyCode
                record.acceptedOn = today.iso
                record.itemSeq = acceptance.item.seq
                record.citizenID = try acceptance.citizen.requireID()
                record.servicePointID = pointID
                record.divisionCode = pointCode.value
                record.channel = acceptance.channel.rawValue
                record.handlerAccount = staff.account.id
                record.handlerPerson = staff.account.personID
                record.acceptedAt = now
                record.deadline = deadline?.date.iso
                record.deadlineProvisional = deadline?.isProvisional ?? false
                let state = CaseFile.initialState(workingDays: acceptance.item.workingDays)
                record.state = state.rawValue
                record.finishedAt = state.isFinal ? now : nil
                record.formSealed = sealed
                record.submissionKey = acceptance.submissionKey
                record.updatedAt = now
                try await record.create(on: db)
                try await CaseStep(caseID: id, at: now, actor: staff, action: "accept",
                                   detail: state.isFinal ? "即时办结" : "办结期限 \(deadline?.date.iso ?? "")").create(on: db)
                try await req.audit(AuditEvent("case.accept", objectType: "case", objectID: number.text,
                                               detail: "第\(acceptance.item.seq)项 \(state.label)"), on: db)
                return id
            }
        } catch let error where !(error is any AbortError) {
            // Another instance stored the same submission between our check and our insert.
            guard let existing = try await CaseRecord.query(on: req.db).filter(\.$handlerAccount == staff.account.id)
                .filter(\.$submissionKey == acceptance.submissionKey).first() else { throw error }
            return try existing.requireID()
        }
    }

    /// One review or correction step. The state is written only if it is still what the actor saw, so of two
    /// reviewers acting at once exactly one wins.
    static func act(_ action: CaseFile.Action, on record: CaseRecord, file: CaseFile, staff: SignedInStaff, req: Request) async throws
        -> Result<Void, Refusal>
    {
        let next: CaseFile
        switch file.applying(action, by: staff.account, grants: staff.grants) {
        case .success(let value): next = value
        case .failure(let refusal): return .failure(refusal)
        }
        let now = req.jiujinban.clock.now()
        var deadline = record.deadline
        var provisional = record.deadlineProvisional
        if case .resubmit = action, record.deadline != nil,
           let item = req.jiujinban.catalogue.items.first(where: { $0.seq == record.itemSeq }) {
            // The time limit runs again from the day the corrected case is accepted.
            let recomputed = try await WorkCalendarStore.calendar(req: req).addingWorkingDays(item.workingDays, to: req.jiujinban.clock.today)
            deadline = recomputed.date.iso
            provisional = recomputed.isProvisional
        }
        var missing: String? = record.missingDocuments
        var reason: String? = record.decisionReason
        var reviewer: UUID? = record.reviewerAccount
        var detail: String?
        switch action {
        case .approve: reviewer = staff.account.id
        case .reject(let text):
            reviewer = staff.account.id
            reason = TextField.clean(text)
            detail = reason
        case .returnForDocuments(let list):
            let cleaned = list.map(TextField.clean).filter { !$0.isEmpty }
            missing = String(decoding: try JSONEncoder().encode(cleaned), as: UTF8.self)
            detail = "需补正：" + cleaned.joined(separator: "、")
        case .resubmit: missing = nil
        }
        let id = try record.requireID()
        let finishedAt: Date? = next.state.isFinal ? now : nil
        let (newMissing, newReason, newReviewer, newDeadline, newProvisional, stepDetail) =
            (missing, reason, reviewer, deadline, provisional, detail)
        try await req.write { db in
            let updated = try await (db as! any SQLDatabase).raw("""
                UPDATE cases SET state = \(bind: next.state.rawValue), missing_documents = \(bind: newMissing),
                    decision_reason = \(bind: newReason), reviewer_account = \(bind: newReviewer), finished_at = \(bind: finishedAt),
                    deadline = \(bind: newDeadline), deadline_provisional = \(bind: newProvisional), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state = \(bind: file.state.rawValue)
                RETURNING id
                """).all()
            guard updated.count == 1 else { throw PublicError(.conflict, "该办件已由他人处理，请刷新页面后查看最新状态") }
            try await CaseStep(caseID: id, at: now, actor: staff, action: action.stepName, detail: stepDetail).create(on: db)
            try await req.audit(AuditEvent("case.\(action.stepName)", objectType: "case", objectID: record.number,
                                           detail: next.state.label), on: db)
        }
        return .success(())
    }
}

extension CaseFile.Action {
    var stepName: String {
        switch self {
        case .approve: "approve"
        case .reject: "reject"
        case .returnForDocuments: "return"
        case .resubmit: "resubmit"
        }
    }
}
