import Fluent
import Foundation
import JiujinbanRules
import Vapor

/// 灵活就业登记 (item 10): the form of `FlexibleEmploymentDraft`, reviewed by the county within 5 working days. Its
/// approval records the flexible employment, ends an active unemployment registration with the reason 就业, and
/// opens or updates the person's 《就业创业证》 to 就业.
struct FlexibleEmploymentItem: ServiceItem {
    static let seq = 10
    static let module = ItemModule(
        seq: seq,
        conditions: ["已有有效灵活就业登记的，须先终止原登记", "就业开始日期不晚于受理当日、不早于年满16周岁之日；审核通过时再次核对就业登记状态"],
        kioskSteps: KioskStep.application
    ) { item, _, _ in FlexibleEmploymentItem(item: item) }

    /// What the registration records. Its keys are those of the forms sealed before forms were typed, so a case
    /// accepted then is approved with the same form.
    struct Form: Codable, Sendable, Equatable {
        var employmentType: FlexibleEmploymentType
        var startedOn: CalendarDate
        var description: String

        enum CodingKeys: String, CodingKey {
            case employmentType = "employment_type", startedOn = "started_on", description
        }
    }
    let item: ServiceCatalogue.Item

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "employment_type", label: "就业形式", kind: .choice(FlexibleEmploymentType.allCases.map {
                FormFields.Option(value: $0.rawValue, label: $0.label)
            }), required: true),
            CaseFormField(name: "started_on", label: "就业开始日期", kind: .date, required: true),
            CaseFormField(name: "description", label: "从业说明（经营项目、服务平台等）", kind: .text(maxLength: FlexibleEmploymentDraft.descriptionMaxLength),
                          required: false),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        guard let born = CalendarDate(iso: citizen.birthDate) else { return .failure(RegistrationChecks.unreadableBirthDate) }
        var errors = FieldErrors()
        var facts: FlexibleEmploymentDraft.Facts?
        switch FlexibleEmploymentDraft(employmentType: form["employment_type"], startedOn: form["started_on"], description: form["description"])
            .validate(today: today, born: born) {
        case .success(let value): facts = value
        case .failure(let found): errors = found
        }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let facts else { return .failure(errors) }
        return .success(Form(employmentType: facts.type, startedOn: facts.startedOn, description: facts.description ?? ""))
    }

    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
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

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        // The person's record may have changed since acceptance: checked again in the approval's transaction.
        let active = try await EmploymentRegistry.active(citizen: effect.citizenID, on: db)
        if let problem = Self.problem(with: EmploymentRegistry.status(of: active)) {
            throw PublicError(.conflict, "不能批准：" + problem)
        }
        if let active, active.kindValue == .unemployed {
            try await EmploymentRegistry.end(active, reason: .employed, on: effect.today, by: try effect.requireStaffAccount(), at: effect.at, on: db)
        }
        try await EmploymentRegistry.open(.flexible, type: form.employmentType, details: ["description": form.description], startedOn: form.startedOn,
                                          effect: effect, on: db)
    }
}
