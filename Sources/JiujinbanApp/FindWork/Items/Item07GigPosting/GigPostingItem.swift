import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 招聘零工登记 (item 7): the recruiter (the case's citizen, alone or for a unit) posts a gig in the county.
struct GigPostingItem: ServiceItem {
    static let seq = 7
    static let module = ItemModule(
        seq: seq,
        conditions: ["用工地点须在本辖区内；开始日期不早于受理当日，结束日期不早于开始日期；招用人数至少1人", "零工技能须从本县维护的零工技能清单中选择"],
        links: [ItemLink(label: "查询零工岗位", url: .gigs(), primary: true)], kioskSteps: KioskStep.application
    ) { item, county, db in
        let skills = try await GigSkills.all(county: county.countyCode, on: db)
        return GigPostingItem(item: item, county: county, skills: skills.choices, retired: skills.retiredNames,
                              places: PlaceChooser.grouped(try await PlaceChoices.subtree(county, on: db),
                                                            offering: PlaceChoices.everyLevelBelowCity))
    }

    /// What the gig posting records.
    struct Form: Codable, Sendable, Equatable {
        var recruiterUnit: String?
        var skill: String
        var content: String
        /// The division code of the place of work, inside `county`.
        var place: String
        var address: String
        var startOn: CalendarDate
        var endOn: CalendarDate
        var headcount: Int
        var dayWageFen: Int
        var contactPhone: String
        /// The county whose skill list `skill` belongs to.
        var county: String
    }

    let item: ServiceCatalogue.Item
    let county: DivisionCode
    let skills: [(code: String, name: String)]
    /// Retired skills by code, named in the refusal when a form still sends one.
    let retired: [String: String]
    /// The county and every division in it, grouped by township.
    let places: GroupedChoices

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "recruiter_unit", label: "用工单位（个人招用不填）", kind: .text(maxLength: 60), required: false),
            CaseFormField(name: "skill", label: "零工技能", kind: .choice(skills.map { FormFields.Option(value: $0.code, label: $0.name) }), required: true),
            CaseFormField(name: "content", label: "工作内容", kind: .text(maxLength: 200), required: true),
            CaseFormField(name: "place", label: "用工地点", kind: .place(places, preselectOwn: true), required: true),
            CaseFormField(name: "address", label: "用工地址", kind: .text(maxLength: 100), required: true),
            CaseFormField(name: "start_on", label: "开始日期", kind: .date, required: true),
            CaseFormField(name: "end_on", label: "结束日期", kind: .date, required: true),
            CaseFormField(name: "headcount", label: "招用人数", kind: .text(maxLength: 4), required: true),
            CaseFormField(name: "day_wage", label: "日工资（元）", kind: .text(maxLength: 10), required: true),
            CaseFormField(name: "contact_phone", label: "联系电话（手机）", kind: .text(maxLength: 20), required: true),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
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
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let facts else { return .failure(errors) }
        return .success(Form(recruiterUnit: unit, skill: facts.skill, content: facts.content, place: facts.place.value,
                             address: facts.address, startOn: facts.days.lowerBound, endOn: facts.days.upperBound,
                             headcount: facts.headcount, dayWageFen: facts.dayWageFen, contactPhone: facts.contactPhone.value,
                             county: county.countyCode))
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let place = try? DivisionCode(form.place),
              let spot = try await DivisionLocator.coordinate(of: place, on: db) else {
            throw PublicError(.unprocessableEntity, "用工地点没有可定位的服务点，请选择所在乡镇")
        }
        let record = GigPostingRecord()
        record.id = UUID()
        record.citizenID = effect.citizenID
        record.revision = try await SequenceAllocator.next("gig_postings", on: db)
        record.recruiterUnit = form.recruiterUnit.flatMap { $0.isEmpty ? nil : $0 }
        record.skill = form.skill
        record.countyCode = form.county
        record.content = form.content
        record.placeDivision = place.value
        record.longitude = spot.longitude
        record.latitude = spot.latitude
        record.address = form.address
        record.startOn = form.startOn.iso
        record.endOn = form.endOn.iso
        record.headcount = form.headcount
        record.hired = 0
        record.dayWageFen = form.dayWageFen
        record.contactPhoneSealed = try effect.cipher.seal(form.contactPhone, context: GigPostingRecord.phoneContext)
        record.servicePointID = effect.servicePointID
        record.caseID = effect.caseID
        record.createdAt = effect.at
        try await record.create(on: db)
    }
}
