import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 培训意向跟踪反馈 (item 18) at the point: choosing the intention when an operator opens one, recording what the
/// institution or the county said (which sends the person a text message and finishes the case, in one transaction),
/// and the printed note. Only the case's point, by an operator with the item's handle grant, records.
enum FollowUpsController {
    static func register(_ app: Application) {
        // The item's handle grant: the links to these pages are drawn only for those who hold it (`PageContext.mayOpen`).
        let handles = Access.capability(.handle(item: TrainingFollowUpItem.seq))
        app.get(.newTrainingFollowUp(citizen: UUID()), handles, use: start)
        app.get(.trainingFollowUp(caseID: UUID()), handles, use: show)
        app.post(.trainingFollowUp(caseID: UUID()), handles, use: record)
        app.get(.trainingFollowUpNote(caseID: UUID()), handles, use: note)
    }

    @Sendable static func start(_ req: Request) async throws -> Response {
        let citizen = try await CitizenAccess.require(try? req.query.get(String.self, at: "citizen"), req: req)
        let start = try await FollowUpQueries.start(citizen, on: req.db)
        return HTMLResponse.make(FollowUpPages.start(start, submission: UUID(), context: PageContext(req)))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let (record, file, may) = try await load(req)
        let view = try await FollowUpQueries.view(record, file, mayRecord: may, on: req.db)
        return HTMLResponse.make(FollowUpPages.record(view, values: [:], errors: FieldErrors(), context: PageContext(req)))
    }

    @Sendable static func record(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (record, file, _) = try await load(req)
        let sent = try req.content.decode([String: String].self)
        let today = req.jiujinban.clock.today
        func again(_ errors: FieldErrors, status: HTTPStatus) async throws -> Response {
            let may = file.may(staff.account, grants: staff.grants, .finish).isAllowed
            let view = try await FollowUpQueries.view(record, file, mayRecord: may, on: req.db)
            return HTMLResponse.make(FollowUpPages.record(view, values: sent, errors: errors, context: PageContext(req)), status: status)
        }
        if let refusal = file.may(staff.account, grants: staff.grants, .finish).refusal {
            try await req.write { db in
                try await req.audit(AuditEvent("case.finish", objectType: "case", objectID: record.number, result: .denied,
                                               detail: refusal.message), on: db)
            }
            var errors = FieldErrors()
            errors.add("case", refusal.message)
            return try await again(errors, status: refusal == .notHandlingPoint ? .forbidden : .conflict)
        }
        let answer: FollowUpAnswer
        switch FollowUpAnswer.parse(source: sent["source"] ?? "", said: sent["said"] ?? "", startsOn: sent["class_starts_on"] ?? "",
                                    place: sent["class_place"] ?? "", today: today) {
        case .success(let value): answer = value
        case .failure(let errors): return try await again(errors, status: .unprocessableEntity)
        }
        let caseID = try record.requireID()
        let message = try await FollowUpMessage.text(answer, caseID: caseID, caseNumber: record.number, on: req.db)
        let citizen = try await CitizenRecord.find(id: record.citizenID, on: req.db)
        let phone = citizen?.phoneSealed
        let (now, account, point) = (req.jiujinban.clock.now(), staff.account.id, record.servicePointID)
        let citizenID = record.citizenID
        let result = try await CaseEngine.act(.finish, on: record, file: file, by: try CaseActor.staff(staff, on: record), in: CaseContext(req)) { db in
            let written = try await (db as! any SQLDatabase).raw("""
                UPDATE training_follow_ups SET source = \(bind: answer.source.rawValue), said = \(bind: answer.said),
                    class_starts_on = \(bind: answer.classStartsOn?.iso), class_place = \(bind: answer.classPlace),
                    recorded_at = \(bind: now), recorded_by = \(bind: account)
                WHERE case_id = \(bind: caseID) AND recorded_at IS NULL
                RETURNING id
                """).all()
            guard written.count == 1 else { throw PublicError(.conflict, "该跟踪反馈已记录，请刷新页面后查看") }
            if let phone {
                try await SMSOutbox.enqueue(citizen: citizenID, phoneSealed: phone, body: message, purpose: "training_follow_up",
                                            caseID: caseID, servicePoint: point, at: now, on: db)
            }
        }
        if case .failure(let refusal) = result {
            var errors = FieldErrors()
            errors.add("case", refusal.message)
            return try await again(errors, status: .conflict)
        }
        return HTMLResponse.seeOther(.trainingFollowUp(caseID: caseID),
                                     notice: phone == nil ? FollowUpNotices.recordedWithoutPhone : FollowUpNotices.recorded, on: req)
    }

    /// 跟踪反馈告知单: printed once the answer is recorded; each printing audited.
    @Sendable static func note(_ req: Request) async throws -> Response {
        let (record, file, _) = try await load(req)
        let view = try await FollowUpQueries.view(record, file, mayRecord: false, on: req.db)
        guard view.answer != nil else { throw PublicError(.conflict, "尚未记录跟踪反馈，不能打印告知单") }
        try await req.write { db in
            try await req.audit(AuditEvent("training.follow_up.print_note", objectType: "case", objectID: record.number), on: db)
        }
        return HTMLResponse.make(FollowUpPages.note(view, context: PageContext(req)))
    }

    /// The item 18 case of the path, seen by the viewer: its own point's (another point's operator is refused, 403,
    /// audited), and whether the viewer may finish it.
    static func load(_ req: Request) async throws -> (CaseRecord, CaseFile, Bool) {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("case").flatMap({ UUID(uuidString: $0) }), let record = try await CaseRecord.find(id, on: req.db),
              record.itemSeq == TrainingFollowUpItem.seq,
              let file = try await CaseEngine.file(record, catalogue: req.jiujinban.catalogue, on: req.db) else {
            throw PublicError.notFound("该跟踪反馈")
        }
        guard CaseEngine.sees(record, staff) else {
            throw OutOfScope("该跟踪反馈", objectType: "case", id: id,
                             answer: PublicError(.forbidden, "只有受理该跟踪反馈的服务点可以查看和记录"))
        }
        return (record, file, file.may(staff.account, grants: staff.grants, .finish).isAllowed)
    }
}

/// The text message of a recorded follow-up: the intention's occupation and level with the answer.
enum FollowUpMessage {
    static func text(_ answer: FollowUpAnswer, caseID: UUID, caseNumber: String, on db: any Database) async throws -> String {
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT i.occupation_code, i.level FROM training_follow_ups f JOIN training_intentions i ON i.id = f.intention_id
            WHERE f.case_id = \(bind: caseID)
            """).first()
        let code = try row?.decode(column: "occupation_code", as: String.self) ?? ""
        let level = SkillLevel(rawValue: try row?.decode(column: "level", as: Int.self) ?? 5) ?? .five
        let names = try await OccupationStore.names(of: [code], on: db)
        return answer.message(occupation: names[code] ?? code, level: level, caseNumber: caseNumber)
    }
}
