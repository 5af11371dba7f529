import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 零工求职登记 (item 4): the worker's skills from the county's list, days, day wage and range; finished at once,
/// its effect opens or replaces the registration.
struct GigSeekerItem: ServiceItem {
    static let seq = 4
    static let module = ItemModule(
        seq: seq, conditions: [ItemConditions.workingAge, "零工技能须从本县维护的零工技能清单中选择"],
        links: [ItemLink(label: "查询零工求职信息", url: .gigWorkers(), primary: true)], kioskSteps: KioskStep.application
    ) { item, county, db in
        let skills = try await GigSkills.all(county: county.countyCode, on: db)
        return GigSeekerItem(item: item, skills: skills.choices, retired: skills.retiredNames, county: county.countyCode)
    }

    /// What the registration records.
    struct Form: Codable, Sendable, Equatable {
        /// Skill codes of the county's list, one to five.
        var skills: [String]
        /// ISO weekdays (1 = Monday).
        var weekdays: [Int]
        var expectedDayWageFen: Int?
        var radiusMeters: Int?
    }

    let item: ServiceCatalogue.Item
    let skills: [(code: String, name: String)]
    /// Retired skills by code, named in the refusal when a form still sends one.
    let retired: [String: String]
    /// The county whose list `skills` is: a local skill means that county's.
    let county: String

    static let weekdayOptions = (1...7).map { FormFields.Option(value: String($0), label: "周" + ["一", "二", "三", "四", "五", "六", "日"][$0 - 1]) }

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "skills", label: "零工技能（最多5项）", kind: .checkboxes(skills.map { FormFields.Option(value: $0.code, label: $0.name) }),
                          required: true),
            CaseFormField(name: "weekdays", label: "可工作日", kind: .checkboxes(Self.weekdayOptions), required: true),
            CaseFormField(name: "day_wage", label: "期望日工资（元）", kind: .text(maxLength: 10), required: false),
            CaseFormField(name: "radius_km", label: "接活范围（公里）", kind: .text(maxLength: 6), required: false),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        let draft = GigSeekerDraft(skills: Self.list(form["skills"]), weekdays: Self.list(form["weekdays"]), dayWage: form["day_wage"],
                                   radiusKm: form["radius_km"])
        guard let born = CalendarDate(iso: citizen.birthDate) else {
            var errors = FieldErrors()
            errors.add("citizen", "该群众的出生日期无法读取，请核对身份证号码")
            return .failure(errors)
        }
        var errors = FieldErrors()
        var facts: GigSeekerDraft.Facts?
        switch draft.validate(today: today, born: born, group: JobSeekerItem.group(of: citizen), skills: Set(skills.map(\.code)), retired: retired) {
        case .success(let value): facts = value
        case .failure(let found): errors = found
        }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let facts else { return .failure(errors) }
        return .success(Form(skills: facts.skills, weekdays: facts.weekdays.sorted(), expectedDayWageFen: facts.expectedDayWageFen,
                             radiusMeters: facts.radiusMeters))
    }

    static func list(_ raw: String?) -> [String] { (raw ?? "").split(separator: ",").map(String.init) }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        let (residence, home) = try await DivisionLocator.residence(of: effect.citizenID, on: db)
        let record = try await GigSeekerRecord.find(citizen: effect.citizenID, on: db) ?? GigSeekerRecord()
        if record.id == nil { record.id = UUID() }
        record.citizenID = effect.citizenID
        // Stored with a comma at each end, so a skill is found by `LIKE '%,code,%'`.
        record.skills = "," + form.skills.joined(separator: ",") + ","
        record.skillsCounty = county
        record.weekdays = form.weekdays.map(String.init).joined(separator: ",")
        record.expectedDayWageFen = form.expectedDayWageFen
        record.radiusMeters = form.radiusMeters
        record.residenceDivision = residence.value
        record.longitude = home.longitude
        record.latitude = home.latitude
        record.servicePointID = effect.servicePointID
        record.caseID = effect.caseID
        record.registeredAt = effect.at
        record.endedOn = nil
        record.endReason = nil
        try await record.save(on: db)
    }
}
