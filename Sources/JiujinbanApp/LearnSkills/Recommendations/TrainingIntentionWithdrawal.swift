import Fluent
import Foundation
import JiujinbanRules
import SQLKit
import Vapor

/// 撤销培训意向: the person no longer wants the training. The point that registered the intention (an operator holding
/// item 16's grant) ends it with the person's reason; it then leaves the follow-up sweep, the class lists and item 17.
/// Refused while the person holds a place in a class (the class's 未到 or 中途退出 comes first). Audited.
enum TrainingIntentionWithdrawal {
    static func register(_ app: Application) {
        app.post(.withdrawTrainingIntention(id: UUID()), .capability(.serveCitizens), use: withdraw)
    }

    static let reasonMaxLength = 100

    struct WithdrawForm: Content {
        var reason: String?
    }

    @Sendable static func withdraw(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let intention = try await TrainingIntentionRecord.find(id, on: req.db) else { throw PublicError.notFound("该培训意向") }
        guard staff.ownServicePoint == intention.servicePointID,
              CaseFile.mayAccept(staff.account, item: TrainingIntentionItem.seq, grants: staff.grants).isAllowed else {
            throw OutOfScope("该培训意向", objectType: "training_intention", objectID: id.uuidString.lowercased(),
                             answer: PublicError(.forbidden, "只有登记该培训意向的服务点（持培训意向登记权限）可以撤销"))
        }
        let citizen = try await CitizenAccess.require(intention.citizenID, req: req)
        var errors = FieldErrors()
        let reason = TextField.clean(try req.content.decode(WithdrawForm.self).reason)
        if reason.isEmpty {
            errors.add("reason", "撤销原因：请填写群众撤销培训意向的原因")
        } else if reason.count > reasonMaxLength || TextField.containsForbiddenCharacters(reason) {
            errors.add("reason", "撤销原因：不超过\(reasonMaxLength)个字，且不含控制字符")
        }
        if intention.closedOn != nil || intention.status != TrainingIntentionRecord.Status.open.rawValue {
            errors.add("reason", intention.status == TrainingIntentionRecord.Status.enrolled.rawValue
                ? "该群众已报名开班计划：请先在该开班计划登记“未到”或“中途退出”，再撤销培训意向"
                : "该培训意向已结束，无需撤销")
        }
        if !errors.isEmpty {
            let refusal = errors.problems.map(\.message).joined(separator: "；")
            try await req.write { db in
                try await req.audit(AuditEvent("training.intention.withdraw", objectType: "training_intention", objectID: id.uuidString.lowercased(),
                                               result: .denied, detail: refusal), on: db)
            }
            let view = try await TrainingRecommendationQueries.view(citizen: citizen, staff: staff, today: req.jiujinban.clock.today, on: req.db)
            return HTMLResponse.make(TrainingRecommendationPages.page(view, errors: errors, context: PageContext(req)), status: .unprocessableEntity)
        }
        let today = req.jiujinban.clock.today.iso
        try await req.write { db in
            let ended = try await (db as! any SQLDatabase).raw("""
                UPDATE training_intentions SET status = 'withdrawn', closed_on = \(bind: today), close_reason = \(bind: "群众撤销：" + reason)
                WHERE id = \(bind: id) AND status = 'open' AND closed_on IS NULL RETURNING id
                """).all()
            guard ended.count == 1 else { throw PublicError(.conflict, "该培训意向已由他人变更，请刷新页面后查看") }
            try await req.audit(AuditEvent("training.intention.withdraw", objectType: "training_intention", objectID: id.uuidString.lowercased(),
                                           detail: reason), on: db)
        }
        return HTMLResponse.seeOther(.trainingRecommendations(citizen: intention.citizenID), notice: TrainingIntentionNotices.withdrawn, on: req)
    }
}

/// What the intentions' page says after one was withdrawn (`PageNotice`).
enum TrainingIntentionNotices {
    static let withdrawn = PageNotice("training-intention-withdrawn", "已撤销该培训意向，平台不再为其跟踪反馈或通知参训。")
}
