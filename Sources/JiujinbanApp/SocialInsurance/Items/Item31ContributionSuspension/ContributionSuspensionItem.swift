import Fluent
import Foundation
import JiujinbanRules

/// 参加城乡居民基本养老保险人员暂停/恢复缴费 (item 31): a paying enrolment in the resident basic scheme is
/// suspended for death, being missing or having joined another pension, from a date; a suspension is ended by a
/// voluntary resumption on or after its day, never one for death (`ContributionSuspension`). Reviewed by the
/// county; checked again at approval, whose effect sets the enrolment's status with its history and its outbound
/// exchange record.
struct ContributionSuspensionItem: ServiceItem {
    static let seq = 31
    static let module = ItemModule(
        seq: seq,
        conditions: ["参保台账中有城乡居民基本养老保险参保记录（未终止）",
                     "暂停缴费：须为参保缴费状态，原因为死亡、失踪或参加其他养老保险，并填写暂停日期",
                     "恢复缴费：须为暂停缴费状态，恢复日期不早于暂停日期；因死亡暂停的不能恢复", "审核通过时再次核对上述条件"]
    ) { item, _, _ in ContributionSuspensionItem(item: item) }

    enum Action: String, Codable, Sendable { case suspend, resume }

    struct Form: Codable, Sendable, Equatable {
        var action: Action
        /// For a suspension only.
        var reason: ContributionSuspension.Reason?
        var effectiveOn: CalendarDate

        enum CodingKeys: String, CodingKey { case action, reason, effectiveOn = "effective_on" }

        init(action: Action, reason: ContributionSuspension.Reason?, effectiveOn: CalendarDate) {
            (self.action, self.reason, self.effectiveOn) = (action, reason, effectiveOn)
        }

        init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            action = try values.decode(Action.self, forKey: .action)
            reason = try values.decodeIfPresent(ContributionSuspension.Reason.self, forKey: .reason)
            let day = try values.decode(String.self, forKey: .effectiveOn)
            guard let parsed = CalendarDate(iso: day) else {
                throw DecodingError.dataCorruptedError(forKey: .effectiveOn, in: values, debugDescription: "not a date: \(day)")
            }
            effectiveOn = parsed
        }

        func encode(to encoder: any Encoder) throws {
            var values = encoder.container(keyedBy: CodingKeys.self)
            try values.encode(action, forKey: .action)
            try values.encodeIfPresent(reason, forKey: .reason)
            try values.encode(effectiveOn.iso, forKey: .effectiveOn)
        }
    }

    let item: ServiceCatalogue.Item

    static let actionOptions = [FormFields.Option(value: Action.suspend.rawValue, label: "暂停缴费"),
                                FormFields.Option(value: Action.resume.rawValue, label: "恢复缴费")]
    static let reasonOptions = ContributionSuspension.Reason.allCases.map { FormFields.Option(value: $0.rawValue, label: $0.chinese) }

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "action", label: "办理事项", kind: .choice(Self.actionOptions), required: true),
            CaseFormField(name: "reason", label: "暂停原因（暂停缴费时必选）", kind: .choice(Self.reasonOptions), required: false),
            CaseFormField(name: "effective_on", label: "暂停或恢复日期（死亡的填死亡日期）", kind: .date, required: true),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let action = Action(rawValue: TextField.clean(form["action"]))
        if action == nil { errors.add("action", "请选择办理事项：暂停缴费或恢复缴费") }
        let reasonText = TextField.clean(form["reason"])
        let reason = ContributionSuspension.Reason(rawValue: reasonText)
        if action == .suspend, reason == nil {
            errors.add("reason", reasonText.isEmpty ? "暂停缴费须选择暂停原因（死亡、失踪或参加其他养老保险）" : "请从列表中选择暂停原因")
        }
        if action == .resume, !reasonText.isEmpty { errors.add("reason", "恢复缴费不填暂停原因") }
        let dayText = TextField.clean(form["effective_on"])
        let day = CalendarDate(iso: dayText)
        if dayText.isEmpty { errors.add("effective_on", "请填写暂停或恢复日期") }
        else if day == nil { errors.add("effective_on", "暂停或恢复日期应为有效日期，如\(today)") }
        else if let day, day > today { errors.add("effective_on", "暂停或恢复日期不能晚于今天（\(today)）") }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let action, let day else { return .failure(errors) }
        return .success(Form(action: action, reason: action == .suspend ? reason : nil, effectiveOn: day))
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        guard let form else { return errors }
        if case .failure(let problem) = try await Self.next(form, citizen: try citizen.requireID(), on: db) {
            errors.add(problem.field, problem.message)
        }
        return errors
    }

    struct Problem: Error {
        let field: String
        let message: String
    }

    /// The enrolment's status after the form, or the refusal named by field.
    static func next(_ form: Form, citizen: UUID, on db: any Database) async throws -> Result<LedgerChange.Status<EnrolmentStatus>, Problem> {
        guard let enrolment = try await EnrolmentFacts.enrolments(of: citizen, on: db)[.residentBasic] else {
            return .failure(Problem(field: "citizen", message: "参保台账中没有该群众的城乡居民基本养老保险参保记录，不能暂停或恢复缴费"))
        }
        if enrolment.status == .terminated {
            return .failure(Problem(field: "citizen", message: "该群众的城乡居民基本养老保险参保已于\(enrolment.statusDate?.iso ?? "")终止，不能暂停或恢复缴费"))
        }
        if let enrolled = enrolment.enrolledOn, form.effectiveOn < enrolled {
            return .failure(Problem(field: "effective_on", message: "日期\(form.effectiveOn)早于参保日期\(enrolled)"))
        }
        let current: ContributionSuspension.Status = enrolment.status == .contributing ? .paying
            : .suspended(reason(of: enrolment.statusReason), since: enrolment.statusDate ?? form.effectiveOn)
        switch form.action {
        case .suspend:
            let reason = form.reason ?? .missing
            switch ContributionSuspension.suspend(current, reason: reason, on: form.effectiveOn) {
            case .success: return .success(.init(status: .suspended, on: form.effectiveOn, reason: reason.chinese))
            case .failure(let refusal): return .failure(Problem(field: "action", message: refusal.message))
            }
        case .resume:
            switch ContributionSuspension.resume(current, on: form.effectiveOn) {
            case .success: return .success(.init(status: .contributing, on: form.effectiveOn, reason: "恢复缴费"))
            case .failure(let refusal):
                let field = if case .dayBeforeSuspension = refusal { "effective_on" } else { "action" }
                return .failure(Problem(field: field, message: refusal.message))
            }
        }
    }

    /// A stored suspension's reason: the counter writes the Chinese name; an imported one may say more (因死亡…).
    static func reason(of text: String?) -> ContributionSuspension.Reason {
        let text = text ?? ""
        return ContributionSuspension.Reason.allCases.first { text.contains($0.chinese) } ?? .missing
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        switch try await Self.next(form, citizen: effect.citizenID, on: db) {
        case .success(let status):
            try await LedgerChanges.apply(.enrolmentStatus(scheme: .residentBasic, status), for: effect, on: db)
        case .failure(let problem):
            throw PublicError(.conflict, "不能批准暂停/恢复缴费：" + problem.message)
        }
    }
}
