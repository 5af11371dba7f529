import Fluent
import Foundation
import JiujinbanRules

/// 城乡居民基本养老保险参保登记 (item 28, domain-rules §4): 16 or older, not a full-time student (the operator
/// confirms), no other basic pension open in the ledger (the resident basic scheme itself, or the employee
/// pension), at the place of household registration (户口本 checked: the service point's county is the person's
/// hukou county), at a grade of the basic scheme in force on the day (the dated figures, `PolicyFigureBook`).
/// Reviewed by the county; the conditions are checked at acceptance and again at approval, whose effect writes the
/// enrolment with its status history and its outbound exchange record (`LedgerChanges`).
struct ResidentBasicEnrolmentItem: ServiceItem {
    static let seq = 28
    static let module = ItemModule(
        seq: seq,
        conditions: ["年满16周岁（按身份证号码中的出生日期计算），不是全日制在校学生（工作人员确认）",
                     "参保台账中没有未终止的城乡居民基本养老保险或职工基本养老保险参保记录",
                     "在户籍所在地办理：已核验户口本，本服务点所在县须为户籍所在县",
                     "缴费档次须为办理当日执行的城乡居民基本养老保险档次（政策参数）", "审核通过时再次核对上述条件"]
    ) { item, county, _ in ResidentBasicEnrolmentItem(item: item, county: county) }

    struct Form: Codable, Sendable, Equatable {
        /// 元 per year.
        var grade: Int
        var startKind: SchemeStartKind
        /// The operator's confirmation; refused by the rules (`check`), with the other conditions, when not given.
        var notStudent: Bool

        enum CodingKeys: String, CodingKey { case grade, startKind = "start_kind", notStudent = "not_student" }
    }

    let item: ServiceCatalogue.Item
    /// The county of the point that accepts (and, at approval, accepted) the case.
    let county: DivisionCode

    static let startKindOptions = [
        FormFields.Option(value: SchemeStartKind.newRural.rawValue, label: "新农保（农村居民）"),
        FormFields.Option(value: SchemeStartKind.urbanResident.rawValue, label: "城居保（城镇居民）"),
    ]

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "grade", label: "缴费档次（元/年，须为当日执行的档次）", kind: .text(maxLength: 6), required: true),
            CaseFormField(name: "start_kind", label: "参保制度类别", kind: .choice(Self.startKindOptions), required: true),
            CaseFormField(name: "not_student", label: "本人不是全日制在校学生", kind: .confirmation, required: true),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let grade = Self.grade(form["grade"], into: &errors)
        let startKind = SchemeStartKind(rawValue: TextField.clean(form["start_kind"]))
        if startKind == nil { errors.add("start_kind", "请选择参保制度类别（新农保或城居保）") }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let grade, let startKind else { return .failure(errors) }
        return .success(Form(grade: grade, startKind: startKind, notStudent: form.confirmed("not_student")))
    }

    /// The grade as typed: whole 元, positive; whether it is in force is the rules' (`check`).
    static func grade(_ raw: String?, into errors: inout FieldErrors) -> Int? {
        let text = TextField.clean(raw)
        guard !text.isEmpty else {
            errors.add("grade", "请填写缴费档次（元/年）")
            return nil
        }
        guard let value = Int(text), value > 0, value <= 100_000 else {
            errors.add("grade", "缴费档次应为正整数元（如500），而不是“\(text)”")
            return nil
        }
        return value
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        for (field, message) in try await Self.refusals(citizen, grade: form?.grade, student: form.map { !$0.notStudent } ?? false,
                                                        county: county, today: today, on: db) {
            errors.add(field, message)
        }
        return errors
    }

    /// Every unmet condition, by field: `grade` for the grade, `not_student` for a student, `citizen` for the rest.
    static func refusals(_ citizen: CitizenRecord, grade: Int?, student: Bool, county: DivisionCode, today: CalendarDate,
                         on db: any Database) async throws -> [(String, String)]
    {
        let enrolments = try await EnrolmentFacts.enrolments(of: try citizen.requireID(), on: db)
        guard let facts = EnrolmentFacts.facts(citizen, enrolments: enrolments, pointCounty: county, isFullTimeStudent: student) else {
            return [("citizen", "出生日期无法识别，请核对身份证号码")]
        }
        let grades = EnrolmentFacts.grades(.residentGrades, in: try await PolicyFigureBook.load(on: db))
        return ResidentEnrolment.checkBasic(facts, gradeFen: (grade ?? 0) * 100, grades: grades, on: today).compactMap { refusal in
            switch refusal {
            case .gradeNotInForce, .negativeAmount: grade == nil ? nil : ("grade", refusal.message)
            case .fullTimeStudent: ("not_student", refusal.message + "：请确认本人不是全日制在校学生")
            default: ("citizen", refusal.message)
            }
        }
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法办理参保登记")
        }
        let problems = try await Self.refusals(citizen, grade: form.grade, student: !form.notStudent, county: county, today: effect.today,
                                               on: db)
        guard problems.isEmpty else { throw PublicError(.conflict, "不能批准参保登记：" + problems.map(\.1).joined(separator: "；")) }
        try await LedgerChanges.apply(.enrolment(.init(
            scheme: .residentBasic, county: county, startKind: form.startKind, grade: form.grade, enrolledOn: effect.today,
            status: .contributing, statusDate: effect.today, statusReason: nil)), for: effect, on: db)
    }
}
