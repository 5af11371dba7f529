import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 参加培训办结送达 (item 19) at the point, by operators holding the item's handle grant: the county's coming plans,
/// a plan's people at the operator's own point (nearest first), notifying one (a case of the item, through the engine),
/// and recording what became of the place. A place is changed only by the point that notified the person.
enum ClassNoticesController {
    static func register(_ app: Application) {
        // The item's handle grant: the links to these pages are drawn only for those who hold it (`PageContext.mayOpen`).
        let handles = Access.capability(.handle(item: TrainingNoticeItem.seq))
        app.get(.upcomingClassPlans, handles, use: plans)
        app.get(.classPlanNotices(plan: UUID()), handles, use: notices)
        app.post(.classPlanNotices(plan: UUID()), handles, use: notify)
        app.post(.enrolmentProgress(id: UUID()), handles, use: progress)
    }

    @Sendable static func plans(_ req: Request) async throws -> Response {
        let (staff, _) = try await operatorPoint(req)
        let plans = try await ClassNoticesQueries.plans(county: staff.county, from: req.jiujinban.clock.today, on: req.db)
        return HTMLResponse.make(ClassNoticesPages.plans(plans, today: req.jiujinban.clock.today, context: PageContext(req)))
    }

    @Sendable static func notices(_ req: Request) async throws -> Response {
        try await page(req, errors: FieldErrors(), status: .ok)
    }

    static func page(_ req: Request, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let (_, point) = try await operatorPoint(req)
        let (id, line) = try await plan(req)
        let view = try await ClassNoticesQueries.view(plan: id, line: line, point: point, on: req.db)
        return HTMLResponse.make(ClassNoticesPages.notices(view, errors: errors, submission: UUID(), context: PageContext(req)), status: status)
    }

    struct NotifyForm: Content {
        var intention: String?
        var submission: String?
    }

    /// 通知参训: a case of the item for the person, which records the place and sends the message.
    @Sendable static func notify(_ req: Request) async throws -> Response {
        let (staff, point) = try await operatorPoint(req)
        let (id, _) = try await plan(req)
        let form = try req.content.decode(NotifyForm.self)
        guard let intentionID = form.intention.flatMap(UUID.init(uuidString:)),
              let intention = try await TrainingIntentionRecord.find(intentionID, on: req.db) else {
            throw PublicError.notFound("该培训意向")
        }
        guard intention.servicePointID == point else {
            throw OutOfScope("该培训意向", objectType: "training_intention", id: intentionID,
                             answer: PublicError(.forbidden, "只能通知本服务点登记培训意向的群众"))
        }
        let citizen = try await CitizenAccess.require(intention.citizenID, req: req)
        guard let item = req.jiujinban.catalogue.items.first(where: { $0.seq == TrainingNoticeItem.seq }) else { throw PublicError.notFound("服务事项") }
        let sent = ["plan": id.uuidString.lowercased(), "intention": intentionID.uuidString.lowercased()]
        switch try await CaseEngine.submit(CaseEngine.Submission(citizen: citizen, item: item, sent: sent, key: form.submission),
                                           by: try CaseActor.staff(staff), in: CaseContext(req)) {
        case .accepted:
            return HTMLResponse.seeOther(.classPlanNotices(plan: id), notice: ClassNoticeNotices.notified, on: req)
        case .refused(_, let errors):
            return try await page(req, errors: errors, status: .unprocessableEntity)
        }
    }

    struct ProgressForm: Content {
        var status: String?
    }

    /// 已报名, 已参训, 已结业, 未到, 中途退出: the place, the class's count and the intention change together, audited.
    @Sendable static func progress(_ req: Request) async throws -> Response {
        let (staff, point) = try await operatorPoint(req)
        guard let id = req.parameters.get("enrolment").flatMap(UUID.init(uuidString:)),
              let enrolment = try await TrainingEnrolmentRecord.find(id, on: req.db),
              let intention = try await TrainingIntentionRecord.find(enrolment.intentionID, on: req.db),
              let plan = try await ClassPlanRecord.find(enrolment.planID, on: req.db) else {
            throw PublicError.notFound("该培训报名")
        }
        guard intention.servicePointID == point else {
            throw OutOfScope("该培训报名", objectType: "training_enrolment", id: id,
                             answer: PublicError(.forbidden, "只有通知该群众参训的服务点可以登记报名、参训和结业"))
        }
        let target = try req.content.decode(ProgressForm.self).status.flatMap(EnrolmentProgress.Status.init(rawValue:))
        func refused(_ errors: FieldErrors, status: HTTPStatus) async throws -> Response {
            try await req.write { db in
                try await req.audit(AuditEvent("training.enrolment.progress", objectType: "training_enrolment", objectID: id.uuidString.lowercased(),
                                               result: .denied, detail: errors.problems.map(\.message).joined(separator: "；")), on: db)
            }
            return try await page(req, planID: plan.requireID(), errors: errors, status: status)
        }
        guard let target, let current = EnrolmentProgress.Status(rawValue: enrolment.status) else {
            var errors = FieldErrors()
            errors.add("status", "请选择要登记的情况")
            return try await refused(errors, status: .unprocessableEntity)
        }
        let effect: EnrolmentProgress.Effect
        let intentionStatus = intention.status
        switch EnrolmentProgress.step(from: current, to: target, intention: intentionStatus) {
        case .success(let value): effect = value
        case .failure(let errors): return try await refused(errors, status: .conflict)
        }
        let (today, now, account) = (req.jiujinban.clock.today.iso, req.jiujinban.clock.now(), staff.account.id)
        let (planID, intentionID, capacity) = (try plan.requireID(), try intention.requireID(), plan.capacity)
        do {
            try await req.write { db in
                let sql = db as! any SQLDatabase
                let dated: SQLQueryString = switch target {
                case .enrolled: ", enrolled_on = \(bind: today)"
                case .attended: ", attended_on = \(bind: today)"
                case .completed: ", completed_on = \(bind: today)"
                default: ""
                }
                let changed = try await sql.raw("""
                    UPDATE training_enrolments SET status = \(bind: target.rawValue), updated_by = \(bind: account), updated_at = \(bind: now)\(dated)
                    WHERE id = \(bind: id) AND status = \(bind: current.rawValue) RETURNING id
                    """).all()
                guard changed.count == 1 else { throw PublicError(.conflict, "该报名已由他人变更，请刷新页面后查看") }
                if effect.placeChange > 0 {
                    let taken = try await sql.raw("""
                        UPDATE training_class_plans SET enrolled = enrolled + 1 WHERE id = \(bind: planID) AND enrolled < capacity RETURNING id
                        """).all()
                    guard taken.count == 1 else { throw EnrolmentFull() }
                } else if effect.placeChange < 0 {
                    try await sql.raw("UPDATE training_class_plans SET enrolled = enrolled - 1 WHERE id = \(bind: planID) AND enrolled > 0").run()
                }
                if let status = effect.intentionStatus {
                    let closing: SQLQueryString = effect.closesIntention ? ", closed_on = \(bind: today), close_reason = \(bind: "培训结业")" : ""
                    // Only if the intention is still as the step saw it (another place of it changed meanwhile: refused).
                    let moved = try await sql.raw("""
                        UPDATE training_intentions SET status = \(bind: status)\(closing)
                        WHERE id = \(bind: intentionID) AND status = \(bind: intentionStatus) AND closed_on IS NULL RETURNING id
                        """).all()
                    guard moved.count == 1 else { throw PublicError(.conflict, "该群众的培训意向已由他人变更，请刷新页面后查看") }
                }
                try await req.audit(AuditEvent("training.enrolment.\(target.rawValue)", objectType: "training_enrolment",
                                               objectID: id.uuidString.lowercased(), detail: "\(current.label) → \(target.label)"), on: db)
            }
        } catch is EnrolmentFull {
            return try await refused(EnrolmentProgress.full(capacity: capacity), status: .unprocessableEntity)
        }
        return HTMLResponse.seeOther(.classPlanNotices(plan: planID), notice: ClassNoticeNotices.progressed, on: req)
    }

    /// Thrown inside the transaction when the class has no free place: nothing of the step is written.
    struct EnrolmentFull: Error {}

    static func page(_ req: Request, planID: UUID, errors: FieldErrors, status: HTTPStatus) async throws -> Response {
        let (_, point) = try await operatorPoint(req)
        guard let found = try await ClassNoticesQueries.plan(planID, on: req.db) else { throw PublicError.notFound("该开班计划") }
        let view = try await ClassNoticesQueries.view(plan: planID, line: found.0, point: point, on: req.db)
        return HTMLResponse.make(ClassNoticesPages.notices(view, errors: errors, submission: UUID(), context: PageContext(req)), status: status)
    }

    /// An operator at a service point holding the item's handle grant; anyone else is refused (403, audited).
    static func operatorPoint(_ req: Request) async throws -> (SignedInStaff, UUID) {
        let staff = try req.requireStaff()
        guard case .servicePoint(let point, _, _) = staff.account.unit, staff.may(.handle(item: TrainingNoticeItem.seq)) else {
            let refusal = "只有持有“参加培训办结送达”经办权限的服务点工作人员可以通知群众参训"
            try await req.write { db in
                try await req.audit(AuditEvent("training.notices", objectType: "item", objectID: String(TrainingNoticeItem.seq),
                                               result: .denied, detail: refusal), on: db)
            }
            throw PublicError(.forbidden, refusal)
        }
        return (staff, point)
    }

    /// The plan of the path, of the viewer's county.
    static func plan(_ req: Request) async throws -> (UUID, ComingClassLine) {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let found = try await ClassNoticesQueries.plan(id, on: req.db) else {
            throw PublicError.notFound("该开班计划")
        }
        guard found.county == staff.county.value else {
            throw OutOfScope("该开班计划", objectType: "training_class_plan", id: id)
        }
        return (id, found.0)
    }
}
