import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 培训意向登记 (item 16): the occupation and level a person wants to train for, when, and the key groups that entitle
/// them (`KeyGroupCheck`): the three record-decided groups from the platform's records (`KeyGroupRecords`), the three
/// others declared at the counter with the proof seen. Finished at once: its effect opens the intention, one open per
/// occupation per person (a unique index backs the check).
struct TrainingIntentionItem: ServiceItem {
    static let seq = 16
    static let module = ItemModule(
        seq: seq,
        conditions: ["面向劳动年龄人员：未满\(GenericItem.minimumWorkingAge)周岁的群众不予受理",
                     "须属于六类重点群体之一：防止返贫监测对象、城镇登记失业人员、就业困难人员以平台记录为准；毕业年度高校毕业生、城乡未继续升学的应届初高中毕业生、农村转移就业劳动者现场申报并查验证明材料",
                     "培训职业须从职业分类（2022年版）中选择；同一职业只能有一条在办的培训意向",
                     "期望培训时间不早于今天，结束不早于开始"]
    ) { item, county, db in
        TrainingIntentionItem(item: item, county: county, occupations: try await OccupationStore.all(on: db))
    }

    /// What the intention records; the record-decided groups are read again when it takes effect.
    struct Form: Codable, Sendable, Equatable {
        /// Occupation code (职业分类 2022).
        var occupation: String
        /// `SkillLevel.rawValue` (5 = 五级 … 1 = 一级).
        var level: Int
        var periodFrom: CalendarDate?
        var periodTo: CalendarDate?
        /// The groups declared at the counter (`KeyGroup` codes), with the proof of each by code.
        var groups: [String]
        var proofs: [String: String]

        enum CodingKeys: String, CodingKey {
            case occupation, level, periodFrom = "period_from", periodTo = "period_to", groups, proofs
        }
    }

    /// The groups declared at the counter; the other three are what the records say.
    static let declarable = KeyGroup.allCases.filter { $0.record == nil }

    let item: ServiceCatalogue.Item
    let county: DivisionCode
    let occupations: [Occupation]

    var fields: [CaseFormField] {
        var fields = [
            CaseFormField(name: "occupation", label: "培训职业", kind: .groupedChoice(OccupationChooser.grouped(occupations)), required: true),
            CaseFormField(name: "level", label: "培训等级", kind: .choice(SkillLevel.allCases.map {
                FormFields.Option(value: String($0.rawValue), label: $0.chinese)
            }), required: true),
            CaseFormField(name: "period_from", label: "期望培训时间（起，可不填）", kind: .date, required: false),
            CaseFormField(name: "period_to", label: "期望培训时间（止，可不填）", kind: .date, required: false),
            CaseFormField(name: "groups", label: "现场申报的重点群体（防止返贫监测对象、城镇登记失业人员、就业困难人员以平台记录为准，见上方）",
                          kind: .checkboxes(Self.declarable.map { FormFields.Option(value: $0.rawValue, label: $0.chinese) }), required: false),
        ]
        for group in Self.declarable {
            fields.append(CaseFormField(name: "proof_\(group.rawValue)", label: "\(group.chinese)的证明材料（如\(group.proofHint)）",
                                        kind: .text(maxLength: KeyGroupCheck.proofMaxLength), required: false))
        }
        fields.append(.documentsChecked(item))
        return fields
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        let occupation = TextField.clean(form["occupation"])
        if occupation.isEmpty {
            errors.add("occupation", "培训职业：请选择想参加培训的职业")
        } else if !occupations.contains(where: { $0.code == occupation }) {
            errors.add("occupation", "培训职业：职业分类（2022年版）中没有代码“\(occupation)”，请从列表中选择")
        }
        let level = SkillLevel(form: form["level"] ?? "")
        if level == nil { errors.add("level", "培训等级：请选择职业技能等级（五级/初级工至一级/高级技师）") }
        let from = Self.date(form["period_from"], field: "period_from", label: "期望培训时间（起）", today: today, into: &errors)
        let to = Self.date(form["period_to"], field: "period_to", label: "期望培训时间（止）", today: today, into: &errors)
        if let from, let to, to < from { errors.add("period_to", "期望培训时间（止）\(to.iso)早于（起）\(from.iso)") }
        var groups: [String] = []
        var proofs: [String: String] = [:]
        for raw in (form["groups"] ?? "").split(separator: ",").map(String.init) where !groups.contains(raw) {
            guard let group = KeyGroup(rawValue: raw) else {
                errors.add("groups", "重点群体：没有“\(raw)”这一类，请从列表中勾选")
                continue
            }
            groups.append(group.rawValue)
            proofs[group.rawValue] = TextField.clean(form["proof_\(group.rawValue)"])
        }
        for group in Self.declarable where !groups.contains(group.rawValue) && !TextField.clean(form["proof_\(group.rawValue)"]).isEmpty {
            errors.add("proof_\(group.rawValue)", "\(group.chinese)：已填写证明材料但未勾选该群体，请勾选或清空证明材料")
        }
        if let born = CalendarDate(iso: citizen.birthDate), today.completedYears(since: born) < GenericItem.minimumWorkingAge {
            errors.add("citizen", "培训意向登记面向劳动年龄人员，该群众未满\(GenericItem.minimumWorkingAge)周岁")
        }
        errors.requireDocuments(form, item)
        guard errors.isEmpty, let level else { return .failure(errors) }
        return .success(Form(occupation: occupation, level: level.rawValue, periodFrom: from, periodTo: to, groups: groups, proofs: proofs))
    }

    /// An optional date, not before today.
    static func date(_ raw: String?, field: String, label: String, today: CalendarDate, into errors: inout FieldErrors) -> CalendarDate? {
        let text = TextField.clean(raw)
        guard !text.isEmpty else { return nil }
        guard let date = CalendarDate(iso: text) else {
            errors.add(field, "\(label)：格式应为YYYY-MM-DD，收到“\(text)”")
            return nil
        }
        if date < today { errors.add(field, "\(label)：\(date.iso)早于今天（\(today.iso)）") }
        return date
    }

    /// The groups against the records, and no second open intention for the occupation.
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        guard let form else { return errors }
        if case .failure(let found) = try await memberships(form, citizen: citizen, on: db) {
            for problem in found.problems { errors.add(problem.field, problem.message) }
        }
        if let open = try await TrainingIntentionRecord.query(on: db).filter(\.$citizenID == citizen.requireID())
            .filter(\.$occupationCode == form.occupation).filter(\.$closedOn == nil).first() {
            let name = occupations.first { $0.code == form.occupation }?.name ?? form.occupation
            errors.add("occupation", "培训职业：该群众已于\(open.registeredOn)登记“\(name)”的培训意向，尚未结束；同一职业只能有一条在办的培训意向")
        }
        return errors
    }

    func memberships(_ form: Form, citizen: CitizenRecord, on db: any Database) async throws -> Result<[KeyGroupMembership], FieldErrors> {
        let records = try await KeyGroupRecords.records(of: citizen, county: county, on: db)
        var declared: [KeyGroup: String] = [:]
        for code in form.groups { if let group = KeyGroup(rawValue: code) { declared[group] = form.proofs[code] ?? "" } }
        return KeyGroupCheck.resolve(records: records, declared: declared)
    }

    /// 平台记录: what the records say of the three record-decided groups, before the clerk ticks the others.
    func preview(citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> CasePreview? {
        let records = try await KeyGroupRecords.records(of: citizen, county: county, on: db)
        return CasePreview(title: "重点群体（平台记录）", basis: KeyGroupRecords.summary(records).joined(separator: "；") + "。",
                           refusals: [], computation: nil)
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db),
              let point = try await ServicePoint.find(effect.servicePointID, on: db) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法登记培训意向")
        }
        let members: [KeyGroupMembership]
        switch try await memberships(form, citizen: citizen, on: db) {
        case .success(let found): members = found
        case .failure(let errors): throw PublicError(.conflict, "不能登记培训意向：" + errors.problems.map(\.message).joined(separator: "；"))
        }
        let record = TrainingIntentionRecord()
        record.id = UUID()
        record.citizenID = effect.citizenID
        record.countyCode = county.value
        record.divisionCode = point.divisionCode
        record.servicePointID = effect.servicePointID
        record.caseID = effect.caseID
        record.occupationCode = form.occupation
        record.level = form.level
        record.periodFrom = form.periodFrom?.iso
        record.periodTo = form.periodTo?.iso
        record.groups = members.map(\.group.rawValue).joined(separator: ",")
        record.groupBases = try TrainingIntentionBases.json(members)
        record.registeredOn = effect.today.iso
        record.status = TrainingIntentionRecord.Status.open.rawValue
        record.createdAt = effect.at
        try await record.create(on: db)
    }

    /// The case page: the groups the intention was registered under, each with what it rests on.
    func caseRecord(caseID: UUID, on db: any Database) async throws -> CaseItemRecord? {
        guard let intention = try await TrainingIntentionRecord.query(on: db).filter(\.$caseID == caseID).first() else { return nil }
        let lines = TrainingIntentionBases.lines(intention.groupBases).map { CaseFormContent.Line(label: "重点群体", value: $0) }
        let status = CaseFormContent.Line(label: "培训意向状态", value: intention.statusValue?.label ?? intention.status)
        return CaseItemRecord(lines: lines + [status], links: [])
    }
}
