import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 灵活就业登记 (item 10): the form of `FlexibleEmploymentDraft`, reviewed by the county within 5 working days. Its
/// approval records the flexible employment, ends an active unemployment registration with the reason 就业, and
/// opens or updates the person's 《就业创业证》 to 就业.
struct FlexibleEmploymentPlugin: CaseItemPlugin {
    static let itemSeq = 10
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "employment_type", label: "就业形式", kind: .choice(FlexibleEmploymentType.allCases.map {
                FormFields.Option(value: $0.rawValue, label: $0.label)
            }), required: true),
            CaseFormField(name: "started_on", label: "就业开始日期", kind: .date, required: true),
            CaseFormField(name: "description", label: "从业说明（经营项目、服务平台等）", kind: .text(maxLength: FlexibleEmploymentDraft.descriptionMaxLength),
                          required: false),
            CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true),
        ]
    }

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
        guard let born = CalendarDate(iso: citizen.birthDate) else { return .failure(RegistrationChecks.unreadableBirthDate) }
        var errors = FieldErrors()
        var facts: FlexibleEmploymentDraft.Facts?
        switch FlexibleEmploymentDraft(employmentType: form["employment_type"], startedOn: form["started_on"], description: form["description"])
            .validate(today: today, born: born) {
        case .success(let value): facts = value
        case .failure(let found): errors = found
        }
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        guard errors.isEmpty, let facts else { return .failure(errors) }
        return .success(["employment_type": facts.type.rawValue, "started_on": facts.startedOn.iso,
                         "description": facts.description ?? "", "documents_checked": "yes"])
    }

    func check(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if let problem = Self.problem(with: try await EmploymentRegistry.status(citizen: try citizen.requireID(), on: db)) {
            errors.add("citizen", problem)
        }
        return errors
    }

    /// A person already registered as flexibly employed registers again only after ending that registration.
    static func problem(with status: EmploymentStatus) -> String? {
        guard let record = status.employmentRecord else { return nil }
        return "该群众已有有效的灵活就业登记（\(record)），如从业情况改变，请先终止原登记"
    }

    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws {
        guard let type = values["employment_type"].flatMap(FlexibleEmploymentType.init(rawValue:)),
              let start = values["started_on"].flatMap(CalendarDate.init(iso:)) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法登记灵活就业")
        }
        // The person's record may have changed since acceptance: checked again in the approval's transaction.
        let active = try await EmploymentRegistry.active(citizen: effect.citizenID, on: db)
        if let problem = Self.problem(with: EmploymentRegistry.status(of: active)) {
            throw PublicError(.conflict, "不能批准：" + problem)
        }
        if let active, active.kindValue == .unemployed {
            try await EmploymentRegistry.end(active, reason: .employed, on: effect.today, by: effect.actorAccount, at: effect.at, on: db)
        }
        try await EmploymentRegistry.open(.flexible, type: type, details: ["description": values["description"] ?? ""], startedOn: start,
                                          effect: effect, on: db)
    }
}

/// 失业登记 (item 11, domain-rules §3): working age, able and willing to work, not recorded as employed; reviewed by
/// the county within 10 working days. The conditions are checked at acceptance and again at approval, when the
/// person may have registered flexible employment or reached retirement age meanwhile. Its approval opens the
/// registration and opens or updates the 《就业创业证》 to 失业.
///
/// The retirement cohort: the ID number gives the sex, not the post a woman held. The operator picks a woman's
/// original retirement age; left empty, the later one (55 → 58) applies, so nobody of working age is turned away.
struct UnemploymentRegistrationPlugin: CaseItemPlugin {
    static let itemSeq = 11
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
            CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true),
        ]
    }

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
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
        var group = JobSeekerPlugin.group(of: citizen)
        if !cohortText.isEmpty {
            if citizen.sex != Sex.female.rawValue {
                errors.add("cohort", "该群众为男性，按男职工法定退休年龄计算，无需选择女性退休年龄类别")
            } else if let chosen = StatutoryRetirement.Group(rawValue: cohortText), chosen != .man {
                group = chosen
            } else {
                errors.add("cohort", "请从列表中选择女性退休年龄类别")
            }
        }
        for refusal in UnemploymentEligibility.check(born: born, group: group, employment: nil, ableAndWilling: form["able_and_willing"] == "yes",
                                                     today: today) {
            errors.add(refusal == .notAbleOrWilling ? "able_and_willing" : "citizen", refusal.message)
        }
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(["last_employer": employer ?? "", "separation_reason": reason ?? "", "separated_on": separatedOn?.iso ?? "",
                         "cohort": group.rawValue, "able_and_willing": "yes", "documents_checked": "yes"])
    }

    func check(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        let id = try citizen.requireID()
        for problem in Self.problems(with: try await EmploymentRegistry.status(citizen: id, on: db)) {
            errors.add("citizen", problem)
        }
        if errors.isEmpty, let problem = try await Self.separationProblem(citizen: id, separatedOn: TextField.clean(form["separated_on"]), on: db) {
            errors.add("separated_on", problem)
        }
        return errors
    }

    /// The form's 失业日期 against the work the records show; checked at acceptance and again at approval.
    static func separationProblem(citizen: UUID, separatedOn: String?, on db: any Database) async throws -> String? {
        UnemploymentEligibility.separationProblem(try await EmploymentRegistry.recordedEmployment(citizen: citizen, on: db),
                                                  separatedOn: separatedOn.flatMap(CalendarDate.init(iso:)))
    }

    /// What the person's recorded status says against registering: employed, or registered already.
    static func problems(with status: EmploymentStatus) -> [String] {
        switch status {
        case .unrecorded: []
        case .flexiblyEmployed: [UnemploymentEligibility.Refusal.employed(status.employmentRecord ?? "").message]
        case .unemployed(let since): ["该群众已于\(since)办理失业登记，登记仍有效，无需重复办理"]
        }
    }

    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws {
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db), let born = CalendarDate(iso: citizen.birthDate),
              let group = values["cohort"].flatMap(StatutoryRetirement.Group.init(rawValue:)) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法登记失业")
        }
        let status = try await EmploymentRegistry.status(citizen: effect.citizenID, on: db)
        let problems = UnemploymentEligibility.check(born: born, group: group, employment: status.employmentRecord, ableAndWilling: true,
                                                     today: effect.today).map(\.message)
            + (status.employmentRecord == nil ? Self.problems(with: status) : [])
            + [try await Self.separationProblem(citizen: effect.citizenID, separatedOn: values["separated_on"], on: db)].compactMap { $0 }
        guard problems.isEmpty else { throw PublicError(.conflict, "不能批准失业登记：" + problems.joined(separator: "；")) }
        try await EmploymentRegistry.open(.unemployed, type: nil, details: [
            "last_employer": values["last_employer"] ?? "", "separation_reason": values["separation_reason"] ?? "",
            "separated_on": values["separated_on"] ?? "", "cohort": group.rawValue,
        ], startedOn: effect.today, effect: effect, on: db)
    }
}

/// 《就业创业证》查询 (item 13), finished at once: it starts from the card's page, where the operator records the
/// query as a case once the person's documents are checked.
struct EmploymentCardQueryPlugin: CaseItemPlugin {
    static let itemSeq = 13
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true)]
    }

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
        var errors = FieldErrors()
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(["documents_checked": "yes"])
    }

    func check(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if try await EmploymentCardRecord.find(citizen: try citizen.requireID(), on: db) == nil {
            errors.add("citizen", "该群众尚未领取《就业创业证》（灵活就业登记或失业登记经审核通过后发证）")
        }
        return errors
    }

    func startPage(citizen: UUID) -> SiteURL? { .employmentCard(citizen: citizen) }
}

enum RegistrationChecks {
    static var unreadableBirthDate: FieldErrors {
        var errors = FieldErrors()
        errors.add("citizen", "该群众的出生日期无法读取，请核对身份证号码")
        return errors
    }
}
