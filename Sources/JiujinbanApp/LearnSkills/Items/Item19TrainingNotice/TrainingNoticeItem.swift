import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 参加培训办结送达 (item 19): when a class plan opens, the point tells a person whose open intention it fits to attend:
/// the case (finished at once) records the notice as the person's place in the class (`training_enrolments`, 已通知)
/// and sends the plan's dates, place and institution by text message. What follows (已报名, 已参训, 已结业, 未到, 中途退出)
/// is recorded on that place (`ClassNoticesController`).
struct TrainingNoticeItem: ServiceItem {
    static let seq = 19
    static let module = ItemModule(
        seq: seq, conditions: ["群众须有待开班的培训意向，且开班计划与其县、职业和等级相符、尚未开班、仍有名额", "同一开班计划只通知一次"],
        links: [ItemLink(label: "开班计划（通知参训）", url: .upcomingClassPlans, primary: true)]
    ) { item, _, _ in TrainingNoticeItem(item: item) }

    struct Form: Codable, Sendable, Equatable {
        var plan: UUID
        var intention: UUID
    }

    let item: ServiceCatalogue.Item

    /// Filled by the plan's notice page (`ClassNoticesPages`), which lists the people the plan fits.
    var fields: [CaseFormField] {
        [CaseFormField(name: "plan", label: "开班计划", kind: .hidden, required: true),
         CaseFormField(name: "intention", label: "培训意向", kind: .hidden, required: true)]
    }

    func startPage(citizen: UUID) -> SiteURL? { .upcomingClassPlans }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let plan = form["plan"].flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
        let intention = form["intention"].flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
        if plan == nil { errors.add("plan", "开班计划：请从开班计划页面选择") }
        if intention == nil { errors.add("intention", "培训意向：请选择要通知的群众的培训意向") }
        guard let plan, let intention else { return .failure(errors) }
        return .success(Form(plan: plan, intention: intention))
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        guard let form else { return errors }
        let sql = db as! any SQLDatabase
        guard let intention = try await sql.raw("""
            SELECT county_code, occupation_code, level, status, closed_on FROM training_intentions
            WHERE id = \(bind: form.intention) AND citizen_id = \(bind: try citizen.requireID())
            """).first(), try intention.decode(column: "status", as: String.self) == "open",
            try intention.decode(column: "closed_on", as: String?.self) == nil else {
            errors.add("intention", "培训意向：不是该群众待开班的培训意向（可能已报名、结业或撤销）")
            return errors
        }
        guard let plan = try await ClassPlanRecord.find(form.plan, on: db) else {
            errors.add("plan", "开班计划：不存在")
            return errors
        }
        let (county, occupation, level) = (try intention.decode(column: "county_code", as: String.self),
                                           try intention.decode(column: "occupation_code", as: String.self),
                                           try intention.decode(column: "level", as: Int.self))
        if plan.countyCode != county || plan.occupationCode != occupation || plan.level != level {
            errors.add("plan", "开班计划：与该群众培训意向的县、职业或等级不符")
        }
        if plan.startsOn < today.iso { errors.add("plan", "开班计划：已于\(plan.startsOn)开班，不能再通知") }
        if plan.enrolled >= plan.capacity { errors.add("plan", "开班计划：已招满（计划\(plan.capacity)人）") }
        let notified = try await sql.raw("""
            SELECT 1 AS n FROM training_enrolments WHERE intention_id = \(bind: form.intention) AND plan_id = \(bind: form.plan)
            """).first()
        if notified != nil { errors.add("intention", "培训意向：已就该开班计划通知过该群众") }
        return errors
    }

    /// The person's place in the class (已通知), and the text message with the class's dates, place and institution.
    /// Only the point that registered the intention notifies its person (whichever channel the case came through).
    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        guard try await TrainingIntentionRecord.find(form.intention, on: db)?.servicePointID == effect.servicePointID else {
            throw PublicError(.forbidden, "只能通知本服务点登记培训意向的群众")
        }
        try await sql.raw("""
            INSERT INTO training_enrolments (id, intention_id, plan_id, case_id, status, notified_on, notified_by, updated_by, updated_at)
            VALUES (\(bind: UUID()), \(bind: form.intention), \(bind: form.plan), \(bind: effect.caseID), 'notified',
                    \(bind: effect.today.iso), \(bind: effect.actorAccount), \(bind: effect.actorAccount), \(bind: effect.at))
            """).run()
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db), let phone = citizen.phoneSealed,
              let plan = try await ClassPlanRecord.find(form.plan, on: db),
              let institution = try await TrainingInstitutionRecord.find(plan.institutionID, on: db) else { return }
        let occupation = try await OccupationStore.names(of: [plan.occupationCode], on: db)[plan.occupationCode] ?? plan.occupationCode
        let level = SkillLevel(rawValue: plan.level)?.chinese ?? ""
        try await SMSOutbox.enqueue(
            citizen: effect.citizenID, phoneSealed: phone,
            body: "【就近办】\(institution.name)“\(occupation)（\(level)）”培训班将于\(plan.startsOn)至\(plan.endsOn)在\(plan.place)开班，"
                + "请按时报名参加，联系电话\(institution.contactPhone)（办件号\(effect.caseNumber)）。",
            purpose: "training_notice", caseID: effect.caseID, servicePoint: effect.servicePointID, at: effect.at, on: db)
    }
}
