import Fluent
import Foundation
import JiujinbanRules

/// 城乡居民补充养老保险参保登记 (item 29, domain-rules §4, 《山西省城乡居民补充养老保险条例》): enrolled and paying
/// (参保缴费) in the resident basic scheme, under 65, not enrolled in the supplementary scheme yet, at the place of
/// household registration, at a supplementary grade in force on the day. Reviewed by the county; checked again at
/// approval, whose effect writes the enrolment and its outbound exchange record.
struct SupplementaryEnrolmentItem: ServiceItem {
    static let seq = 29
    static let module = ItemModule(
        seq: seq,
        conditions: ["参保台账中城乡居民基本养老保险为参保缴费状态（暂停缴费的须先恢复缴费）", "未满65周岁（按身份证号码中的出生日期计算）",
                     "尚未参加城乡居民补充养老保险", "在户籍所在地办理：本服务点所在县须为户籍所在县",
                     "缴费档次须为办理当日执行的补充养老保险档次（政策参数）", "审核通过时再次核对上述条件"]
    ) { item, county, _ in SupplementaryEnrolmentItem(item: item, county: county) }

    struct Form: Codable, Sendable, Equatable {
        /// 元 per year.
        var grade: Int
    }

    let item: ServiceCatalogue.Item
    let county: DivisionCode

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "grade", label: "补充养老保险缴费档次（元/年，须为当日执行的档次）", kind: .text(maxLength: 6), required: true),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let grade = ResidentBasicEnrolmentItem.grade(form["grade"], into: &errors)
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let grade else { return .failure(errors) }
        return .success(Form(grade: grade))
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        for (field, message) in try await Self.refusals(citizen, grade: form?.grade, county: county, today: today, on: db) {
            errors.add(field, message)
        }
        return errors
    }

    static func refusals(_ citizen: CitizenRecord, grade: Int?, county: DivisionCode, today: CalendarDate, on db: any Database)
        async throws -> [(String, String)]
    {
        let enrolments = try await EnrolmentFacts.enrolments(of: try citizen.requireID(), on: db)
        guard let facts = EnrolmentFacts.facts(citizen, enrolments: enrolments, pointCounty: county, isFullTimeStudent: false) else {
            return [("citizen", "出生日期无法识别，请核对身份证号码")]
        }
        let grades = EnrolmentFacts.grades(.supplementaryGrades, in: try await PolicyFigureBook.load(on: db))
        return ResidentEnrolment.checkSupplementary(facts, gradeFen: (grade ?? 0) * 100, grades: grades, on: today).compactMap { refusal in
            switch refusal {
            case .gradeNotInForce, .negativeAmount: grade == nil ? nil : ("grade", "补充养老保险" + refusal.message)
            default: ("citizen", refusal.message)
            }
        }
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法办理补充养老保险参保登记")
        }
        let problems = try await Self.refusals(citizen, grade: form.grade, county: county, today: effect.today, on: db)
        guard problems.isEmpty else { throw PublicError(.conflict, "不能批准补充养老保险参保登记：" + problems.map(\.1).joined(separator: "；")) }
        try await LedgerChanges.apply(.enrolment(.init(
            scheme: .residentSupplementary, county: county, startKind: nil, grade: form.grade, enrolledOn: effect.today,
            status: .contributing, statusDate: effect.today, statusReason: nil)), for: effect, on: db)
    }
}
