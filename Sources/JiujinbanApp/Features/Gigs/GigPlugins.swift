import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 零工求职登记 (item 4): the worker's skills from the county's list, days, day wage and range; finished at once,
/// its effect opens or replaces the registration.
struct GigSeekerPlugin: CaseItemPlugin {
    static let itemSeq = 4
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
            CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true),
        ]
    }

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
        let draft = GigSeekerDraft(skills: Self.list(form["skills"]), weekdays: Self.list(form["weekdays"]), dayWage: form["day_wage"],
                                   radiusKm: form["radius_km"])
        guard let born = CalendarDate(iso: citizen.birthDate) else {
            var errors = FieldErrors()
            errors.add("citizen", "该群众的出生日期无法读取，请核对身份证号码")
            return .failure(errors)
        }
        var errors = FieldErrors()
        var facts: GigSeekerDraft.Facts?
        switch draft.validate(today: today, born: born, group: JobSeekerPlugin.group(of: citizen), skills: Set(skills.map(\.code)), retired: retired) {
        case .success(let value): facts = value
        case .failure(let found): errors = found
        }
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        guard errors.isEmpty, let facts else { return .failure(errors) }
        return .success([
            "skills": "," + facts.skills.joined(separator: ",") + ",",
            "weekdays": facts.weekdays.sorted().map(String.init).joined(separator: ","),
            "expected_day_wage_fen": facts.expectedDayWageFen.map(String.init) ?? "",
            "radius_m": facts.radiusMeters.map(String.init) ?? "",
            "documents_checked": "yes",
        ])
    }

    static func list(_ raw: String?) -> [String] { (raw ?? "").split(separator: ",").map(String.init) }

    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws {
        let (residence, home) = try await DivisionLocator.residence(of: effect.citizenID, on: db)
        let record = try await GigSeekerRecord.find(citizen: effect.citizenID, on: db) ?? GigSeekerRecord()
        if record.id == nil { record.id = UUID() }
        record.citizenID = effect.citizenID
        record.skills = values["skills"] ?? ""
        record.skillsCounty = county
        record.weekdays = values["weekdays"] ?? ""
        record.expectedDayWageFen = values["expected_day_wage_fen"].flatMap { Int($0) }
        record.radiusMeters = values["radius_m"].flatMap { Int($0) }
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

/// 招聘零工登记 (item 7): the recruiter (the case's citizen, alone or for a unit) posts a gig in the county.
struct GigPostingPlugin: CaseItemPlugin {
    static let itemSeq = 7
    let item: ServiceCatalogue.Item
    let county: DivisionCode
    let skills: [(code: String, name: String)]
    /// Retired skills by code, named in the refusal when a form still sends one.
    let retired: [String: String]
    let places: [FormFields.Option]

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "recruiter_unit", label: "用工单位（个人招用不填）", kind: .text(maxLength: 60), required: false),
            CaseFormField(name: "skill", label: "零工技能", kind: .choice(skills.map { FormFields.Option(value: $0.code, label: $0.name) }), required: true),
            CaseFormField(name: "content", label: "工作内容", kind: .text(maxLength: 200), required: true),
            CaseFormField(name: "place", label: "用工地点", kind: .choice(places), required: true),
            CaseFormField(name: "address", label: "用工地址", kind: .text(maxLength: 100), required: true),
            CaseFormField(name: "start_on", label: "开始日期", kind: .date, required: true),
            CaseFormField(name: "end_on", label: "结束日期", kind: .date, required: true),
            CaseFormField(name: "headcount", label: "招用人数", kind: .text(maxLength: 4), required: true),
            CaseFormField(name: "day_wage", label: "日工资（元）", kind: .text(maxLength: 10), required: true),
            CaseFormField(name: "contact_phone", label: "联系电话（手机）", kind: .text(maxLength: 20), required: true),
            CaseFormField(name: "documents_checked", label: "已核验材料：\(item.requirement)", kind: .confirmation, required: true),
        ]
    }

    func validate(_ form: [String: String], citizen: CitizenRecord, today: CalendarDate) -> Result<[String: String], FieldErrors> {
        let draft = GigPostingDraft(skill: form["skill"], content: form["content"], place: form["place"], address: form["address"],
                                    startOn: form["start_on"], endOn: form["end_on"], headcount: form["headcount"], dayWage: form["day_wage"],
                                    contactPhone: form["contact_phone"])
        var errors = FieldErrors()
        let unit = TextField.optional(form["recruiter_unit"], field: "recruiter_unit", label: "用工单位", maxLength: 60, into: &errors)
        var facts: GigPostingDraft.Facts?
        switch draft.validate(today: today, skills: Set(skills.map(\.code)), retired: retired, within: county) {
        case .success(let value): facts = value
        case .failure(let found): for problem in found.problems { errors.add(problem.field, problem.message) }
        }
        if form["documents_checked"] != "yes" { errors.add("documents_checked", "请核验并确认群众已提供所需材料：\(item.requirement)") }
        guard errors.isEmpty, let facts else { return .failure(errors) }
        return .success([
            "recruiter_unit": unit ?? "", "skill": facts.skill, "content": facts.content, "place": facts.place.value, "address": facts.address,
            "start_on": facts.days.lowerBound.iso, "end_on": facts.days.upperBound.iso, "headcount": String(facts.headcount),
            "day_wage_fen": String(facts.dayWageFen), "contact_phone": facts.contactPhone.value, "county": county.countyCode,
            "documents_checked": "yes",
        ])
    }

    func takeEffect(_ values: [String: String], of effect: CaseEffect, on db: any Database) async throws {
        guard let place = values["place"].flatMap({ try? DivisionCode($0) }),
              let spot = try await DivisionLocator.coordinate(of: place, on: db) else {
            throw PublicError(.unprocessableEntity, "用工地点没有可定位的服务点，请选择所在乡镇")
        }
        let record = GigPostingRecord()
        record.id = UUID()
        record.citizenID = effect.citizenID
        record.revision = try await SequenceAllocator.next("gig_postings", on: db)
        record.recruiterUnit = values["recruiter_unit"].flatMap { $0.isEmpty ? nil : $0 }
        record.skill = values["skill"] ?? ""
        record.countyCode = values["county"] ?? place.countyCode
        record.content = values["content"] ?? ""
        record.placeDivision = place.value
        record.longitude = spot.longitude
        record.latitude = spot.latitude
        record.address = values["address"] ?? ""
        record.startOn = values["start_on"] ?? effect.today.iso
        record.endOn = values["end_on"] ?? effect.today.iso
        record.headcount = values["headcount"].flatMap { Int($0) } ?? 1
        record.hired = 0
        record.dayWageFen = values["day_wage_fen"].flatMap { Int($0) } ?? 0
        record.contactPhoneSealed = try effect.cipher.seal(values["contact_phone"] ?? "", context: GigPostingRecord.phoneContext)
        record.servicePointID = effect.servicePointID
        record.caseID = effect.caseID
        record.createdAt = effect.at
        try await record.create(on: db)
    }
}
