import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 失业登记 (item 11, domain-rules §3): working age, able and willing to work, not recorded as employed; reviewed by
/// the county within 10 working days. The conditions are checked at acceptance and again at approval, when the
/// person may have registered flexible employment or reached retirement age meanwhile. Its approval opens the
/// registration and opens or updates the 《就业创业证》 to 失业.
///
/// The retirement cohort: the ID number gives the sex, not the post a woman held. The operator picks a woman's
/// original retirement age; left empty, the later one (55 → 58) applies, so nobody of working age is turned away.
struct UnemploymentRegistrationItem: ServiceItem {
    static let seq = 11
    static let module = ItemModule(
        seq: seq,
        conditions: [ItemConditions.workingAge, "有劳动能力和就业意愿", "未处于就业状态（无有效的灵活就业登记），且没有有效的失业登记",
                     "系统登记为已就业（登记就业、失业登记因就业终止）的，须填写不早于就业日期的失业日期", "审核通过时再次核对上述条件"],
        kioskSteps: KioskStep.application
    ) { item, _, _ in UnemploymentRegistrationItem(item: item) }

    /// What the registration records. Its keys and texts are those of the forms sealed before forms were typed (no
    /// 失业日期 was an empty text), so a case accepted then is approved with the same form.
    struct Form: Codable, Sendable, Equatable {
        var lastEmployer: String
        var separationReason: String
        var separatedOn: CalendarDate?
        var cohort: StatutoryRetirement.Group

        enum CodingKeys: String, CodingKey {
            case lastEmployer = "last_employer", separationReason = "separation_reason", separatedOn = "separated_on", cohort
        }

        init(lastEmployer: String, separationReason: String, separatedOn: CalendarDate?, cohort: StatutoryRetirement.Group) {
            (self.lastEmployer, self.separationReason, self.separatedOn, self.cohort) = (lastEmployer, separationReason, separatedOn, cohort)
        }

        init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            lastEmployer = try values.decodeIfPresent(String.self, forKey: .lastEmployer) ?? ""
            separationReason = try values.decodeIfPresent(String.self, forKey: .separationReason) ?? ""
            let separated = try values.decodeIfPresent(String.self, forKey: .separatedOn) ?? ""
            separatedOn = separated.isEmpty ? nil : CalendarDate(iso: separated)
            if !separated.isEmpty, separatedOn == nil {
                throw DecodingError.dataCorruptedError(forKey: .separatedOn, in: values, debugDescription: "not a date: \(separated)")
            }
            cohort = try values.decode(StatutoryRetirement.Group.self, forKey: .cohort)
        }

        func encode(to encoder: any Encoder) throws {
            var values = encoder.container(keyedBy: CodingKeys.self)
            try values.encode(lastEmployer, forKey: .lastEmployer)
            try values.encode(separationReason, forKey: .separationReason)
            try values.encode(separatedOn?.iso ?? "", forKey: .separatedOn)
            try values.encode(cohort, forKey: .cohort)
        }
    }
    let item: ServiceCatalogue.Item

    static let cohortOptions: [FormFields.Option] = [
        FormFields.Option(value: StatutoryRetirement.Group.womanFiftyFive.rawValue, label: "原法定退休年龄55周岁（管理技术岗位、灵活就业人员）"),
        FormFields.Option(value: StatutoryRetirement.Group.womanFifty.rawValue, label: "原法定退休年龄50周岁（其他女职工）"),
    ]

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "last_employer", label: "原工作单位", kind: .text(maxLength: 50), required: false),
            CaseFormField(name: "separation_reason", label: "失业原因", kind: .text(maxLength: 100), required: false),
            CaseFormField(name: "separated_on", label: "失业日期（劳动关系解除或终止之日；系统登记为已就业的必填）", kind: .date, required: false),
            CaseFormField(name: "cohort", label: "女性退休年龄类别（男性不选；不选按原55周岁）", kind: .choice(Self.cohortOptions), required: false),
            CaseFormField(name: "able_and_willing", label: "本人有劳动能力和就业愿望", kind: .confirmation, required: true),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        guard let born = CalendarDate(iso: citizen.birthDate) else { return .failure(RegistrationChecks.unreadableBirthDate) }
        var errors = FieldErrors()
        let employer = TextField.optional(form["last_employer"], field: "last_employer", label: "原工作单位", maxLength: 50, into: &errors)
        let reason = TextField.optional(form["separation_reason"], field: "separation_reason", label: "失业原因", maxLength: 100, into: &errors)
        let separatedText = TextField.clean(form["separated_on"])
        let separatedOn = CalendarDate(iso: separatedText)
        if !separatedText.isEmpty {
            if let separatedOn { if separatedOn > today { errors.add("separated_on", "失业日期不能晚于今天（\(today)）") } }
            else { errors.add("separated_on", "失业日期应为有效日期，如\(today)") }
        }
        let cohortText = TextField.clean(form["cohort"])
        var group = JobSeekerItem.group(of: citizen)
        if !cohortText.isEmpty {
            if citizen.sex != Sex.female.rawValue {
                errors.add("cohort", "该群众为男性，按男职工法定退休年龄计算，无需选择女性退休年龄类别")
            } else if let chosen = StatutoryRetirement.Group(rawValue: cohortText), chosen != .man {
                group = chosen
            } else {
                errors.add("cohort", "请从列表中选择女性退休年龄类别")
            }
        }
        for refusal in UnemploymentEligibility.check(born: born, group: group, employment: nil, ableAndWilling: form.confirmed("able_and_willing"),
                                                     today: today) {
            errors.add(refusal == .notAbleOrWilling ? "able_and_willing" : "citizen", refusal.message)
        }
        errors.requireDocuments(form, item)
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Form(lastEmployer: employer ?? "", separationReason: reason ?? "", separatedOn: separatedOn, cohort: group))
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        let id = try citizen.requireID()
        for problem in Self.problems(with: try await EmploymentRegistry.status(citizen: id, on: db)) {
            errors.add("citizen", problem)
        }
        // The date against the recorded work only once the form is sound (a date that is not one was named already).
        if errors.isEmpty, let form, let problem = try await Self.separationProblem(citizen: id, separatedOn: form.separatedOn, on: db) {
            errors.add("separated_on", problem)
        }
        return errors
    }

    /// The form's 失业日期 against the work the records show; checked at acceptance and again at approval.
    static func separationProblem(citizen: UUID, separatedOn: CalendarDate?, on db: any Database) async throws -> String? {
        UnemploymentEligibility.separationProblem(try await EmploymentRegistry.recordedEmployment(citizen: citizen, on: db),
                                                  separatedOn: separatedOn)
    }

    /// What the person's recorded status says against registering: employed, or registered already.
    static func problems(with status: EmploymentStatus) -> [String] {
        switch status {
        case .unrecorded: []
        case .flexiblyEmployed: [UnemploymentEligibility.Refusal.employed(status.employmentRecord ?? "").message]
        case .unemployed(let since): ["该群众已于\(since)办理失业登记，登记仍有效，无需重复办理"]
        }
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        let group = form.cohort
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db), let born = CalendarDate(iso: citizen.birthDate) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法登记失业")
        }
        let status = try await EmploymentRegistry.status(citizen: effect.citizenID, on: db)
        let problems = UnemploymentEligibility.check(born: born, group: group, employment: status.employmentRecord, ableAndWilling: true,
                                                     today: effect.today).map(\.message)
            + (status.employmentRecord == nil ? Self.problems(with: status) : [])
            + [try await Self.separationProblem(citizen: effect.citizenID, separatedOn: form.separatedOn, on: db)].compactMap { $0 }
        guard problems.isEmpty else { throw PublicError(.conflict, "不能批准失业登记：" + problems.joined(separator: "；")) }
        try await EmploymentRegistry.open(.unemployed, type: nil, details: [
            "last_employer": form.lastEmployer, "separation_reason": form.separationReason,
            "separated_on": form.separatedOn?.iso ?? "", "cohort": group.rawValue,
        ], startedOn: effect.today, effect: effect, on: db)
    }
}
