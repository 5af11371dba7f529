import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 固定工求职登记 (item 1): the form of `JobSeekerDraft`, finished at acceptance; its effect
/// opens the person's registration or replaces it with the new one.
struct JobSeekerItem: ServiceItem {
    static let seq = 1
    static let module = ItemModule(
        seq: seq,
        conditions: [ItemConditions.workingAge,
                     "求职工种须从职业分类（2022年版）中选择，最多3个；可接受的工作地点从本市、各县及本县乡镇中选择，最多3个；期望月薪、通勤距离、可到岗日期（一年以内）逐项校验"],
        links: [ItemLink(label: "本辖区求职登记人员", url: .jobSeekers(), primary: false)],
        kioskSteps: KioskStep.application
    ) { item, county, db in
        JobSeekerItem(item: item, occupations: try await OccupationStore.all(on: db), places: try await placeOptions(county, on: db))
    }

    /// What the registration records.
    struct Form: Codable, Sendable, Equatable {
        /// Occupation codes (职业分类 2022), one to three.
        var occupations: [String]
        var expectedWageFen: Int?
        var maximumDistanceMeters: Int?
        /// Division codes of the acceptable workplaces.
        var places: [String]
        var education: EducationLevel
        var skills: String?
        var availableFrom: CalendarDate
    }

    let item: ServiceCatalogue.Item
    let occupations: [Occupation]
    /// The acceptable workplaces offered: the city with its counties, and the operator's county with its townships.
    let places: GroupedChoices

    /// The places a seeker may accept: the whole city with each of its counties (a neighbouring county is often nearer
    /// than the far side of one's own), and one's own county with its townships, as two groups.
    static func placeOptions(_ county: DivisionCode, on db: any Database) async throws -> GroupedChoices {
        let city = county.parent?.value ?? county.value
        let places = try await (db as! any SQLDatabase).raw("""
            SELECT code, name, level FROM divisions
            WHERE code = \(bind: city) OR (parent_code = \(bind: city) AND level = 'county')
                OR (code >= \(bind: county.scopePrefix) AND code < \(bind: county.scopePrefix + "a") AND level = 'township')
            ORDER BY code
            """).all().compactMap { row -> PlaceChooser.Place? in
            let name = try row.decode(column: "name", as: String.self)
            guard let code = try? DivisionCode(try row.decode(column: "code", as: String.self)),
                  let level = DivisionLevel(rawValue: try row.decode(column: "level", as: String.self)) else { return nil }
            let label = switch level {
            case .city: name + "（全市）"
            case .county: name + "（全县）"
            default: name
            }
            return PlaceChooser.Place(code: code, name: name, level: level, label: label)
        }
        return PlaceChooser.grouped(places, offering: [.city, .county, .township])
    }

    var fields: [CaseFormField] {
        // No place is chosen for a seeker: places narrow the postings item 2 recommends.
        let wanted = CaseFormField.Kind.groupedChoice(OccupationChooser.grouped(occupations))
        let acceptable = CaseFormField.Kind.place(places, preselectOwn: false)
        return [
            CaseFormField(name: "occupation1", label: "求职工种（一）", kind: wanted, required: false),
            CaseFormField(name: "occupation2", label: "求职工种（二）", kind: wanted, required: false),
            CaseFormField(name: "occupation3", label: "求职工种（三）", kind: wanted, required: false),
            CaseFormField(name: "expected_wage", label: "期望月薪（元）", kind: .text(maxLength: 12), required: false),
            CaseFormField(name: "max_distance_km", label: "可接受通勤距离（公里）", kind: .text(maxLength: 6), required: false),
            CaseFormField(name: "place1", label: "可接受的工作地点（一）", kind: acceptable, required: false),
            CaseFormField(name: "place2", label: "可接受的工作地点（二）", kind: acceptable, required: false),
            CaseFormField(name: "place3", label: "可接受的工作地点（三）", kind: acceptable, required: false),
            CaseFormField(name: "education", label: "学历", kind: .choice(EducationLevel.allCases.map {
                FormFields.Option(value: String($0.rawValue), label: $0.label)
            }), required: true),
            CaseFormField(name: "skills", label: "技能和证书", kind: .text(maxLength: 200), required: false),
            CaseFormField(name: "available_from", label: "可到岗日期", kind: .date, required: false),
            .documentsChecked(item),
        ]
    }

    /// The retirement cohort registration is checked against. The ID number gives the sex, not the post a woman
    /// held, so a woman is held to the later (55 → 58) age: nobody of working age is turned away.
    static func group(of citizen: CitizenRecord) -> StatutoryRetirement.Group {
        citizen.sex == Sex.female.rawValue ? .womanFiftyFive : .man
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        let draft = JobSeekerDraft(occupations: [form["occupation1"], form["occupation2"], form["occupation3"]].compactMap { $0 },
                                   expectedWage: form["expected_wage"], maximumDistanceKm: form["max_distance_km"],
                                   places: [form["place1"], form["place2"], form["place3"]].compactMap { $0 }, education: form["education"],
                                   skills: form["skills"], availableFrom: form["available_from"])
        guard let born = CalendarDate(iso: citizen.birthDate) else {
            var errors = FieldErrors()
            errors.add("citizen", "该群众的出生日期无法读取，请核对身份证号码")
            return .failure(errors)
        }
        var errors: FieldErrors
        var facts: JobSeekerDraft.Facts?
        switch draft.validate(today: today, born: born, group: Self.group(of: citizen), occupations: Set(occupations.map(\.code)),
                             places: places.values) {
        case .success(let value): (errors, facts) = (FieldErrors(), value)
        case .failure(let found): errors = found
        }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let facts else { return .failure(errors) }
        return .success(Form(occupations: facts.occupations, expectedWageFen: facts.expectedWageFen,
                             maximumDistanceMeters: facts.maximumDistanceMeters, places: facts.places.map(\.value),
                             education: facts.education, skills: facts.skills, availableFrom: facts.availableFrom))
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        let (residence, home) = try await DivisionLocator.residence(of: effect.citizenID, on: db)
        let record = try await JobSeekerRecord.find(citizen: effect.citizenID, on: db) ?? JobSeekerRecord()
        if record.id == nil { record.id = UUID() }
        record.citizenID = effect.citizenID
        record.occupations = form.occupations.joined(separator: ",")
        record.expectedWageFen = form.expectedWageFen
        record.maximumDistanceMeters = form.maximumDistanceMeters
        record.places = form.places.joined(separator: ",")
        record.education = form.education.rawValue
        record.skills = form.skills.flatMap { $0.isEmpty ? nil : $0 }
        record.availableFrom = form.availableFrom.iso
        record.residenceDivision = residence.value
        record.longitude = home.longitude
        record.latitude = home.latitude
        record.servicePointID = effect.servicePointID
        record.caseID = effect.caseID
        record.registeredAt = effect.at
        // Registering again reopens an ended registration.
        record.endedOn = nil
        record.endReason = nil
        try await record.save(on: db)
    }
}
