import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 城乡居民养老保险待遇暂停 (item 37, domain-rules §8, `BenefitSuspension`): a person who died has both resident pensions,
/// basic and supplementary, stopped from the month after death and both schemes' open enrolments ended, with the
/// overpayment to recover computed from each scheme's payment records (`DeathStopCase`, kept with the case and
/// printed per scheme and in total); a missing person's pensions, or a suspected duplicate drawer's, basic and
/// supplementary alike, are suspended from a month, then stopped (a duplicate confirmed) or resumed with each scheme's
/// back pay for the suspended months not paid, per scheme and in total on the case and receipt (`SuspensionCase`). The person or a family member applies; who applied and their relation are kept with the case. Reviewed by
/// the county; checked again at approval, whose effect sets each status (its reason carrying the overpayment or back
/// pay) with its history and its outbound exchange record.
struct BenefitSuspensionItem: ServiceItem {
    static let seq = 37
    static let module = ItemModule(
        seq: seq,
        conditions: ["参保台账中有城乡居民基本或补充养老保险待遇记录",
                     "死亡：基本养老保险和补充养老保险待遇均自死亡次月起终止，按各险种发放记录分别计算应追回的多领待遇；两险种的参保登记同时终止，不再缴费",
                     "失踪或疑似重复领取：基本养老保险和补充养老保险待遇均自填写的月份起暂停；疑似重复领取经核实的终止，情况消除的恢复发放，按各险种月待遇分别补发暂停期间未发的待遇",
                     "本人或家属均可申请，记录申请人及与本人关系", "审核通过时再次核对上述条件"]
    ) { item, _, _ in BenefitSuspensionItem(item: item) }

    enum Action: String, Codable, Sendable { case suspend, stop, resume }

    struct Form: Codable, Sendable, Equatable {
        var action: Action
        var reason: BenefitSuspension.Reason?
        var diedOn: String?
        var month: String?
        var relation: String
        var applicant: String?

        enum CodingKeys: String, CodingKey {
            case action, reason, diedOn = "died_on", month, relation = "applicant_relation", applicant = "applicant_name"
        }
    }

    let item: ServiceCatalogue.Item

    static let relations = ["本人", "配偶", "子女", "父母", "其他亲属"]
    static let actionOptions = [FormFields.Option(value: Action.suspend.rawValue, label: "暂停（死亡的终止）"),
                                FormFields.Option(value: Action.stop.rawValue, label: "疑似重复领取经核实，终止"),
                                FormFields.Option(value: Action.resume.rawValue, label: "恢复发放（补发暂停期间待遇）")]

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "action", label: "办理事项", kind: .choice(Self.actionOptions), required: true),
            CaseFormField(name: "reason", label: "暂停原因（暂停时必选）",
                          kind: .choice(BenefitSuspension.Reason.allCases.map { FormFields.Option(value: $0.rawValue, label: $0.chinese) }),
                          required: false),
            CaseFormField(name: "died_on", label: "死亡日期（因死亡办理时必填）", kind: .date, required: false),
            CaseFormField(name: "month", label: "暂停或恢复的起始月份（YYYY-MM，死亡的不填）", kind: .text(maxLength: 7), required: false),
            CaseFormField(name: "applicant_relation", label: "申请人与本人关系",
                          kind: .choice(Self.relations.map { FormFields.Option(value: $0, label: $0) }), required: true),
            CaseFormField(name: "applicant_name", label: "申请人姓名（家属代办时必填）", kind: .text(maxLength: 30), required: false),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let action = Action(rawValue: TextField.clean(form["action"]))
        if action == nil { errors.add("action", "请选择办理事项") }
        let reason = BenefitSuspension.Reason(rawValue: TextField.clean(form["reason"]))
        if action == .suspend, reason == nil { errors.add("reason", "暂停须选择原因：死亡、失踪或生存状态不明、疑似重复领取") }
        let died = TextField.clean(form["died_on"])
        if reason == .death, action == .suspend {
            if died.isEmpty { errors.add("died_on", "因死亡办理须填写死亡日期") }
            else if let day = CalendarDate(iso: died) { if day > today { errors.add("died_on", "死亡日期不能晚于今天（\(today)）") } }
            else { errors.add("died_on", "死亡日期应为有效日期，如\(today)") }
        }
        let month = TextField.clean(form["month"])
        let needsMonth = action == .resume || (action == .suspend && reason != .death)
        if needsMonth {
            if month.isEmpty { errors.add("month", "请填写暂停或恢复的起始月份，如\(PensionMonth(containing: today))") }
            else if let value = PensionMonth(month) {
                if value > PensionMonth(containing: today).next { errors.add("month", "起始月份\(value)不能晚于下月") }
            } else { errors.add("month", "起始月份应为YYYY-MM，如\(PensionMonth(containing: today))") }
        }
        let relation = TextField.clean(form["applicant_relation"])
        if !Self.relations.contains(relation) { errors.add("applicant_relation", "请选择申请人与本人的关系") }
        let applicant = TextField.optional(form["applicant_name"], field: "applicant_name", label: "申请人姓名", maxLength: 30, into: &errors)
        if relation != "本人", Self.relations.contains(relation), applicant == nil { errors.add("applicant_name", "家属代办须填写申请人姓名") }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let action else { return .failure(errors) }
        return .success(Form(action: action, reason: action == .suspend ? reason : nil, diedOn: reason == .death ? died : nil,
                             month: needsMonth ? month : nil, relation: relation, applicant: relation == "本人" ? nil : applicant))
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        guard let form else { return errors }
        if case .failure(let problem) = try await Self.next(form, citizen: try citizen.requireID(), on: db) {
            errors.add(problem.field, problem.message)
        }
        return errors
    }

    /// A death's overpayment, or a resumption's back pay, per scheme and in total, kept with the case from its acceptance.
    func recordAcceptance(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        switch try await Self.next(form, citizen: effect.citizenID, on: db) {
        case .success(.death(let plan)): try await CaseComputations.save(plan.computation, caseID: effect.caseID, at: effect.at, on: db)
        case .success(.schemes(let plan)):
            if let computation = plan.computation { try await CaseComputations.save(computation, caseID: effect.caseID, at: effect.at, on: db) }
        case .failure: return
        }
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        switch try await Self.next(form, citizen: effect.citizenID, on: db) {
        case .success(.schemes(let plan)): try await SuspensionCase.apply(plan, for: effect, on: db)
        case .success(.death(let plan)): try await DeathStopCase.apply(plan, for: effect, on: db)
        case .failure(let problem): throw PublicError(.conflict, "不能批准待遇暂停：" + problem.message)
        }
    }

    typealias Problem = ContributionSuspensionItem.Problem

    /// What the form changes: each resident pension's next status, or a death's stops in both schemes.
    enum Outcome: Sendable {
        case schemes(SuspensionCase.Plan)
        case death(DeathStopCase.Plan)
    }

    /// The form's outcome, each status's reason naming the overpayment or the back pay; or the refusal.
    static func next(_ form: Form, citizen: UUID, on db: any Database) async throws -> Result<Outcome, Problem> {
        if form.action == .suspend, form.reason == .death {
            guard let died = form.diedOn.flatMap(CalendarDate.init(iso:)) else { return .failure(Problem(field: "died_on", message: "请填写死亡日期")) }
            return try await DeathStopCase.plan(diedOn: died, citizen: citizen, on: db).map(Outcome.death)
        }
        return try await schemes(form, citizen: citizen, on: db).map(Outcome.schemes)
    }

    /// The form's action on every resident pension in the state it needs (`SuspensionCase`).
    static func schemes(_ form: Form, citizen: UUID, on db: any Database) async throws -> Result<SuspensionCase.Plan, Problem> {
        let month = form.month.flatMap(PensionMonth.init)
        switch (form.action, form.reason, month) {
        case (.suspend, nil, _): return .failure(Problem(field: "reason", message: "暂停须选择原因"))
        case (.suspend, _, nil): return .failure(Problem(field: "month", message: "请填写暂停起始月份"))
        case (.resume, _, nil): return .failure(Problem(field: "month", message: "请填写恢复起始月份"))
        case (.suspend, let reason?, let month?): return try await SuspensionCase.plan(.suspend(reason, from: month), citizen: citizen, on: db)
        case (.stop, _, _): return try await SuspensionCase.plan(.stop, citizen: citizen, on: db)
        case (.resume, _, let month?): return try await SuspensionCase.plan(.resume(from: month), citizen: citizen, on: db)
        }
    }

    /// The person's payment records of `schemes` (raw scheme names) as the rules read them, by scheme: what a death's
    /// overpayment and a resumption's back pay are computed from.
    static func payments(of citizen: UUID, in schemes: [String], on sql: any SQLDatabase) async throws -> [String: [PaymentRecord]] {
        var payments: [String: [PaymentRecord]] = [:]
        for row in try await sql.raw("""
            SELECT scheme, month, amount_fen, result FROM insurance_payments WHERE citizen_id = \(bind: citizen) AND scheme IN (\(binds: schemes))
            """).all() {
            guard let month = PensionMonth(try row.decode(column: "month", as: String.self)) else { continue }
            // A result neither 成功 nor 失败 is a batch's 待回盘: the bank has not answered yet.
            let outcome: PaymentRecord.Outcome = switch PaymentResult(rawValue: try row.decode(column: "result", as: String.self)) {
            case .succeeded?: .succeeded
            case .failed?: .failed
            case nil: .awaitingBank
            }
            payments[try row.decode(column: "scheme", as: String.self), default: []].append(PaymentRecord(
                month: month, amountFen: Int(try row.decode(column: "amount_fen", as: Int64.self)), outcome: outcome))
        }
        return payments
    }

    /// The stored entitlement as the rules see it; a stored reason is matched by its Chinese name.
    static func status(_ raw: String, on date: String, reason text: String?) -> BenefitSuspension.Status {
        let month = CalendarDate(iso: date).map(PensionMonth.init(containing:)) ?? PensionMonth(year: 2000, month: 1)!
        let reason = BenefitSuspension.Reason.allCases.first { (text ?? "").contains($0.chinese) }
            ?? ((text ?? "").contains("重复") ? .suspectedDuplicate : (text ?? "").contains("失踪") ? .missing : .death)
        switch EntitlementStatus(rawValue: raw) {
        case .suspended?: return .suspended(reason, from: month)
        case .terminated?: return .stopped(reason, from: month)
        default: return .normal
        }
    }

    static func refusal(_ status: BenefitSuspension.Status) -> String {
        switch status {
        case .stopped(_, let from): PensionRefusal.benefitStopped(from: from).message
        case .suspended(_, let from): PensionRefusal.benefitAlreadySuspended(from: from).message
        case .normal: PensionRefusal.benefitNotSuspended.message
        }
    }
}
