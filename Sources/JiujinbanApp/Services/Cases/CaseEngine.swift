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
        let item = catalogue.items.first { $0.seq == record.itemSeq }
        return CaseFile(number: number, item: record.itemSeq, workingDays: item?.workingDays ?? 0,
                        servicePoint: .servicePoint(id: record.servicePointID, kind: kind, divisionCode: code),
                        handlerAccount: record.handlerAccount, handlerPerson: record.handlerPerson, state: state,
                        finishedAtPoint: item.map { ItemRegistry.module(of: $0).finishedAtPoint } ?? false)
    }

    /// Whether `staff` sees the case: its own point's cases, or its county's for a county reviewer.
    static func sees(_ record: CaseRecord, _ staff: SignedInStaff) -> Bool {
        sees(servicePoint: record.servicePointID, division: record.divisionCode, staff)
    }

    static func sees(servicePoint: UUID, division: String, _ staff: SignedInStaff) -> Bool {
        guard let code = try? DivisionCode(division) else { return false }
        return staff.scope.covers(servicePoint: servicePoint, in: code)
    }

    struct Acceptance {
        let citizen: CitizenRecord
        let item: ServiceCatalogue.Item
        let form: ValidatedForm
        let submissionKey: String
        let module: any ServiceItem
    }

    /// Why `actor` may not open a case of `item` for `citizen`: the catalogue's channels, an interface client's scope,
    /// the purposes the item allows the platform, and for staff their grants. Nil when it may.
    static func refusal(_ actor: CaseActor, item: ServiceCatalogue.Item, citizen: UUID) -> String? {
        let allowed = CaseAccess.ItemChannels(seq: item.seq, name: item.name, channels: Set(item.channels),
                                              platformPurposes: ItemRegistry.module(of: item).platformPurposes)
        if let refusal = CaseAccess.refusal(actor.access, item: allowed, citizen: citizen, division: actor.division) { return refusal }
        if let staff = actor.staffAccount { return CaseFile.mayAccept(staff.account, item: item.seq, grants: staff.grants).refusal?.message }
        return nil
    }

    /// Refuses, with an audited denial and 403, an actor that may not start `item` for the citizen; the handler asks
    /// before it validates a form, the engine again when it accepts.
    static func requireAllowed(
        _ actor: CaseActor, item: ServiceCatalogue.Item, citizen: UUID, in context: CaseContext
    ) async throws {
        guard let refusal = refusal(actor, item: item, citizen: citizen) else { return }
        try await context.writer.write(on: context.db) { db in
            try await context.audit(AuditEvent("case.accept", objectType: "item", objectID: String(item.seq),
                                               result: .denied, detail: refusal), by: actor, on: db)
        }
        throw PublicError(.forbidden, refusal)
    }

    /// 受理: a new case in its first state, numbered from the county's counter for today, with its deadline, by any
    /// kind of actor. A repeated submission (same key from the same actor) returns the case already made.
    static func accept(_ acceptance: Acceptance, by actor: CaseActor, in context: CaseContext) async throws -> UUID {
        let citizenID = try acceptance.citizen.requireID()
        try await requireAllowed(actor, item: acceptance.item, citizen: citizenID, in: context)
        guard let county = actor.division.ancestor(atDepth: 2) else { throw PublicError(.forbidden, Refusal.caseOnlyAtServicePoint.message) }
        let services = context.services
        let today = services.clock.today
        let calendar = try await WorkCalendarStore.calendar(builtIn: services.workCalendar, on: context.db)
        let deadline = acceptance.item.workingDays > 0 ? calendar.addingWorkingDays(acceptance.item.workingDays, to: today) : nil
        let sealed = try services.cipher.seal(acceptance.form.json, context: CaseRecord.formContext)
        let now = services.clock.now()
        let staff = actor.staffAccount
        do {
            let created = try await context.writer.write(on: context.db) { db in
                // A repeated submission (same actor, same form key) is refused by the unique index and answered
                // below with the case the first one made.
                let sql = db as! any SQLDatabase
                let sequence = try await SequenceAllocator.next(CaseNumber.counterName(county: county, date: today), on: db)
                guard let number = CaseNumber(county: county, date: today, sequence: sequence) else {
                    throw PublicError(.conflict, "本县今日办件编号已用完")
                }
                let id = UUID()
                let state = CaseFile.initialState(workingDays: acceptance.item.workingDays)
                let finishedAt: Date? = state.isFinal ? now : nil
                // Plain SQL: acceptance is the busiest write of the system.
                try await sql.raw("""
                    INSERT INTO cases (id, number, county_code, accepted_on, item_seq, citizen_id, service_point_id, division_code,
                        channel, handler_account, handler_person, actor_kind, actor_key, actor_label, accepted_at, deadline,
                        deadline_provisional, state, form_sealed, finished_at, submission_key, updated_at)
                    VALUES (\(bind: id), \(bind: number.text), \(bind: county.countyCode), \(bind: today.iso),
                        \(bind: acceptance.item.seq), \(bind: citizenID), \(bind: actor.servicePointID), \(bind: actor.division.value),
                        \(bind: actor.channel.rawValue), \(bind: staff?.account.id), \(bind: staff?.account.personID),
                        \(bind: actor.kindName), \(bind: actor.key), \(bind: actor.label), \(bind: now),
                        \(bind: deadline?.date.iso), \(bind: deadline?.isProvisional ?? false), \(bind: state.rawValue), \(bind: sealed),
                        \(bind: finishedAt), \(bind: acceptance.submissionKey), \(bind: now))
                    """).run()
                try await CaseStep.insert(caseID: id, at: now, actor: actor, action: "accept",
                                          detail: state.isFinal ? "即时办结" : "办结期限 \(deadline?.date.iso ?? "")", on: sql)
                let effect = CaseEffect(caseID: id, caseNumber: number.text, citizenID: citizenID, servicePointID: actor.servicePointID,
                                        actorAccount: staff?.account.id, at: now, today: today, cipher: services.cipher,
                                        audit: { event, db in try await context.audit(event, by: actor, on: db) })
                try await acceptance.module.recordAcceptance(json: acceptance.form.json, of: effect, on: db)
                if state.isFinal {
                    try await acceptance.module.takeEffect(json: acceptance.form.json, of: effect, on: db)
                }
                try await context.audit(AuditEvent("case.accept", objectType: "case", objectID: number.text,
                                                   detail: "第\(acceptance.item.seq)项 \(state.label)（\(actor.channel.label)）"), by: actor, on: db)
                return id
            }
            // Committed: a new case. A repeated submission takes the path below and is not counted again.
            context.metrics?.caseAccepted(item: acceptance.item.seq, channel: actor.channel)
            return created
        } catch let error where !(error is any AbortError) {
            // The same form submitted again (a double click, a retry, another instance's request).
            guard let existing = try await existingCase(actor: actor.key, key: acceptance.submissionKey,
                                                        on: context.db as! any SQLDatabase) else { throw error }
            return existing
        }
    }

    /// The case an actor already made from this form (a repeated submission).
    static func existingCase(actor: String, key: String, on sql: any SQLDatabase) async throws -> UUID? {
        try await sql.raw("SELECT id FROM cases WHERE actor_key = \(bind: actor) AND submission_key = \(bind: key)")
            .first()?.decode(column: "id", as: UUID.self)
    }

    /// What a step writes beside the case, in the step's own transaction (item 18's follow-up and its text message):
    /// all of it or, when the step is refused or fails, none of it.
    typealias Alongside = @Sendable (any Database) async throws -> Void

    /// One review or correction step. The state is written only if it is still what the actor saw, so of two
    /// reviewers acting at once exactly one wins. `alongside` runs in the step's transaction.
    static func act(_ action: CaseFile.Action, on record: CaseRecord, file: CaseFile, by actor: CaseActor, in context: CaseContext,
                    alongside: Alongside? = nil) async throws -> Result<Void, Refusal>
    {
        guard let staff = actor.staffAccount else { return .failure(.caseStepsByStaffOnly) }
        let next: CaseFile
        switch file.applying(action, by: staff.account, grants: staff.grants) {
        case .success(let value): next = value
        case .failure(let refusal): return .failure(refusal)
        }
        let services = context.services
        let now = services.clock.now()
        let catalogued = services.catalogue.items.first { $0.seq == record.itemSeq }
        var deadline = record.deadline
        var provisional = record.deadlineProvisional
        if case .resubmit = action, record.deadline != nil, let item = catalogued {
            // The time limit runs again from the day the corrected case is accepted.
            let recomputed = try await WorkCalendarStore.calendar(builtIn: services.workCalendar, on: context.db)
                .addingWorkingDays(item.workingDays, to: services.clock.today)
            deadline = recomputed.date.iso
            provisional = recomputed.isProvisional
        }
        var missing: String? = record.missingDocuments
        var reason: String? = record.decisionReason
        var reviewer: UUID? = record.reviewerAccount
        var detail: String?
        var returnedList: [String] = []
        switch action {
        case .approve: reviewer = staff.account.id
        case .reject(let text):
            reviewer = staff.account.id
            reason = TextField.clean(text)
            detail = reason
        case .returnForDocuments(let list):
            let cleaned = list.map(TextField.clean).filter { !$0.isEmpty }
            missing = String(decoding: try JSONEncoder().encode(cleaned), as: UTF8.self)
            returnedList = cleaned
            detail = "需补正：" + cleaned.joined(separator: "、")
        case .resubmit:
            missing = nil
            // Submitted again after the core system's return: its reason belongs to the earlier attempt.
            if file.state == .coreReturned { reason = nil }
        case .close(let text):
            // The core system's reason stays in the timeline (its return step); the case keeps the point's.
            reason = TextField.clean(text)
            detail = reason
        case .finish: break
        }
        let finishedAt: Date? = next.state.isFinal ? now : nil
        let itemText = "第\(record.itemSeq)项" + (catalogued.map { "“\($0.name)”" } ?? "")
        // An approved case takes effect in the approval's transaction.
        let effect: (any ServiceItem, String)?
        if next.state == .approved, let item = catalogued {
            let form = try services.cipher.open(record.formSealed, context: CaseRecord.formContext)
            let county = (try? DivisionCode(record.divisionCode))?.ancestor(atDepth: 2) ?? staff.county
            effect = (try await ItemRegistry.make(item, county: county, on: context.db), form)
        } else {
            effect = nil
        }
        let today = services.clock.today
        do {
            try await write(next, action, record: record, file: file, staff: staff, effect: effect, at: now, today: today,
                            values: (missing, reason, reviewer, deadline, provisional, detail, returnedList, finishedAt, itemText),
                            alongside: alongside, by: actor, in: context)
        } catch let refusal as PublicError where refusal.status.code < 500 {
            // The step was refused inside its transaction (an effect's condition no longer met, a figure still 待核实,
            // another reviewer first): nothing was written, and the refusal is audited on its own.
            try await context.writer.write(on: context.db) { db in
                try await context.audit(AuditEvent("case.\(action.stepName)", objectType: "case", objectID: record.number, result: .denied,
                                                   detail: refusal.reason), by: actor, on: db)
            }
            throw refusal
        }
        return .success(())
    }

    private typealias StepValues = (missing: String?, reason: String?, reviewer: UUID?, deadline: String?, provisional: Bool, detail: String?,
                                    returned: [String], finishedAt: Date?, itemText: String)

    /// The step's one transaction: the state (only if still what the actor saw), the timeline, the effect, the audit
    /// row and the notices.
    private static func write(
        _ next: CaseFile, _ action: CaseFile.Action, record: CaseRecord, file: CaseFile, staff: SignedInStaff,
        effect: (any ServiceItem, String)?, at now: Date, today: CalendarDate, values: StepValues, alongside: Alongside?,
        by actor: CaseActor, in context: CaseContext
    ) async throws {
        let services = context.services
        let id = try record.requireID()
        let (newMissing, newReason, newReviewer, newDeadline, newProvisional, stepDetail, returned, finishedAt, itemText) = values
        try await context.writer.write(on: context.db) { db in
            let updated = try await (db as! any SQLDatabase).raw("""
                UPDATE cases SET state = \(bind: next.state.rawValue), missing_documents = \(bind: newMissing),
                    decision_reason = \(bind: newReason), reviewer_account = \(bind: newReviewer), finished_at = \(bind: finishedAt),
                    deadline = \(bind: newDeadline), deadline_provisional = \(bind: newProvisional), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state = \(bind: file.state.rawValue)
                RETURNING id
                """).all()
            guard updated.count == 1 else { throw PublicError(.conflict, "该办件已由他人处理，请刷新页面后查看最新状态") }
            try await CaseStep.insert(caseID: id, at: now, actor: actor, action: action.stepName, detail: stepDetail,
                                      on: db as! any SQLDatabase)
            if let (module, form) = effect {
                try await module.takeEffect(json: form, of: CaseEffect(
                    caseID: id, caseNumber: record.number, citizenID: record.citizenID, servicePointID: record.servicePointID,
                    actorAccount: staff.account.id, at: now, today: today, cipher: services.cipher,
                    audit: { event, db in try await context.audit(event, by: actor, on: db) }), on: db)
            }
            try await alongside?(db)
            try await context.audit(AuditEvent("case.\(action.stepName)", objectType: "case", objectID: record.number,
                                               detail: next.state.label), by: actor, on: db)
            try await CaseOutcomeNotices.send(action, record: record, file: file, itemText: itemText, reason: newReason,
                                              missing: returned, by: staff.account.id, at: now, on: db)
        }
    }
}

extension CaseFile.Action {
    var stepName: String {
        switch self {
        case .approve: "approve"
        case .reject: "reject"
        case .returnForDocuments: "return"
        case .resubmit: "resubmit"
        case .close: "close"
        case .finish: "finish"
        }
    }
}
