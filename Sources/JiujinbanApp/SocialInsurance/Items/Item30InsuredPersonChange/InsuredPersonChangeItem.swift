import Fluent
import Foundation
import JiujinbanRules
import SQLKit

/// 参加城乡居民基本养老保险人员非关键信息变更 (item 30, 即时办结, counter only): the insured person's ethnicity,
/// residence address and phone are changed on the spot. Sex follows the ID number (`InsuredPersonChange`): the form
/// offers no choice of sex, only 按身份证号码核对性别, and the effect, which opens the ID number, corrects a stored sex
/// that differs from it, with an audit row of its own (everyone the platform registered has the ID number's sex, so
/// this mends records that came in otherwise). Name and ID number are key fields: a request for them is refused with
/// where to go instead.
///
/// The case keeps the new values under keys of their own and shows them through one derived line (`changes`), the
/// phone masked and the address only as 已变更, so the case page and receipt show no personal data in full.
///
/// What changed goes to the core system (`PersonChanges`): one 人员信息变更 record with each changed field's value
/// before and after; a field given its present value again changes nothing and is not sent. The core system's
/// rejection puts back the fields a later case has not changed since, and returns the case as 核心系统退回.
struct InsuredPersonChangeItem: ServiceItem {
    static let seq = 30
    static let module = ItemModule(
        seq: seq,
        conditions: ["参加本省城乡居民养老保险（参保记录未终止）", "可当场变更：民族、居住地址、联系电话；性别以身份证号码为准",
                     "姓名、公民身份号码属关键信息，不在服务点变更"]
    ) { item, _, _ in InsuredPersonChangeItem(item: item) }

    struct Form: Codable, Sendable, Equatable {
        var ethnicity: String?
        var residenceAddress: String?
        var phone: String?
        /// 按身份证号码核对性别 was ticked.
        var checkSex: Bool
        /// What changes, as the case page shows it (`changes`).
        var changes: String

        enum CodingKeys: String, CodingKey {
            case ethnicity = "new_ethnicity", residenceAddress = "new_residence_address", phone = "new_phone", checkSex = "check_sex",
                 changes
        }
    }

    let item: ServiceCatalogue.Item

    static let addressLength = 60

    var fields: [CaseFormField] {
        [
            CaseFormField(name: "ethnicity", label: "民族（变更为；不变更的不选）",
                          kind: .choice(Ethnicity.all.map { FormFields.Option(value: $0, label: $0) }), required: false),
            CaseFormField(name: "residence_address", label: "居住地址（变更为，如“古魏镇太安村三组15号”；不变更的不填）",
                          kind: .text(maxLength: Self.addressLength), required: false),
            CaseFormField(name: "phone", label: "联系电话（变更为11位手机号码；不变更的不填）", kind: .text(maxLength: 11), required: false),
            CaseFormField(name: "check_sex", label: "按身份证号码核对性别（登记的性别与身份证号码不一致的，更正为身份证号码所示性别）",
                          kind: .confirmation, required: false),
            CaseFormField(name: "new_name", label: "姓名（关键信息，服务点不能变更）", kind: .text(maxLength: CitizenDraft.maximumNameLength),
                          required: false),
            CaseFormField(name: "new_id_number", label: "公民身份号码（关键信息，服务点不能变更）", kind: .text(maxLength: 18), required: false),
            CaseFormField(name: "changes", label: "变更内容", kind: .derived, required: false),
            .documentsChecked(item),
        ]
    }

    func validate(_ form: SubmittedForm, citizen: CitizenRecord, today: CalendarDate) -> Result<Form, FieldErrors> {
        var errors = FieldErrors()
        var changes: [String] = []
        if !TextField.clean(form["new_name"]).isEmpty { errors.add("new_name", PensionRefusal.keyField(.name).message) }
        if !TextField.clean(form["new_id_number"]).isEmpty { errors.add("new_id_number", PensionRefusal.keyField(.idNumber).message) }

        let ethnicity = TextField.clean(form["ethnicity"])
        if !ethnicity.isEmpty {
            if !Ethnicity.isKnown(ethnicity) { errors.add("ethnicity", "民族“\(ethnicity)”不在国家标准民族名称中，请从列表中选择") }
            else if ethnicity == citizen.ethnicity { errors.add("ethnicity", "民族与登记的相同（\(ethnicity)），无需变更") }
            else { changes.append("民族：\(citizen.ethnicity.isEmpty ? "未登记" : citizen.ethnicity)→\(ethnicity)") }
        }
        let address = TextField.optional(form["residence_address"], field: "residence_address", label: "居住地址",
                                         maxLength: Self.addressLength, into: &errors)
        if address != nil { changes.append("居住地址：已变更") }
        var phone: MobilePhoneNumber?
        if !TextField.clean(form["phone"]).isEmpty {
            switch MobilePhoneNumber.parse(form["phone"] ?? "") {
            case .success(let parsed):
                phone = parsed
                changes.append("联系电话：\(parsed.masked)")
            case .failure(let problem): errors.add("phone", problem.message)
            }
        }
        let checkSex = form.confirmed("check_sex")
        if checkSex { changes.append("性别：按身份证号码核对") }
        if changes.isEmpty, errors.isEmpty {
            errors.add("ethnicity", "请至少填写一项要变更的信息（民族、居住地址、联系电话），或勾选按身份证号码核对性别")
        }
        errors.requireDocuments(form, item)
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Form(ethnicity: ethnicity.isEmpty ? nil : ethnicity, residenceAddress: address, phone: phone?.value,
                             checkSex: checkSex, changes: changes.joined(separator: "；")))
    }

    /// Only an insured person: an enrolment in a resident scheme that has not ended.
    func check(_ form: Form?, citizen: CitizenRecord, today: CalendarDate, on db: any Database) async throws -> FieldErrors {
        var errors = FieldErrors()
        if try await Self.openScheme(of: try citizen.requireID(), on: db) == nil {
            errors.add("citizen", "该群众没有未终止的城乡居民养老保险参保记录，不能办理参保人员信息变更")
        }
        return errors
    }

    /// The resident scheme the person is insured in (the basic one first), whose core system hears of the change.
    static func openScheme(of citizen: UUID, on db: any Database) async throws -> InsuranceScheme? {
        let rows = try await (db as! any SQLDatabase).select().column("scheme").column("status").from("insurance_enrolments")
            .where("citizen_id", .equal, SQLBind(citizen))
            .where("scheme", .in, [InsuranceScheme.residentBasic.rawValue, InsuranceScheme.residentSupplementary.rawValue])
            .all()
        let open = try rows.filter { try $0.decode(column: "status", as: String.self) != EnrolmentStatus.terminated.rawValue }
            .compactMap { InsuranceScheme(rawValue: try $0.decode(column: "scheme", as: String.self)) }
        return open.contains(.residentBasic) ? .residentBasic : open.first
    }

    func takeEffect(_ form: Form, of effect: CaseEffect, on db: any Database) async throws {
        guard let citizen = try await CitizenRecord.find(id: effect.citizenID, on: db) else {
            throw PublicError(.unprocessableEntity, "办件表单内容不完整，无法变更参保人员信息")
        }
        guard let scheme = try await Self.openScheme(of: effect.citizenID, on: db) else {
            throw PublicError(.conflict, "该群众没有未终止的城乡居民养老保险参保记录，不能办理参保人员信息变更")
        }
        var changes: [PersonFieldChange] = []
        if let ethnicity = form.ethnicity, ethnicity != citizen.ethnicity {
            changes.append(PersonFieldChange(field: .ethnicity, before: citizen.ethnicity, after: ethnicity))
        }
        for (field, value, stored) in [(PersonChangeField.residenceAddress, form.residenceAddress, citizen.residenceAddressSealed),
                                       (.phone, form.phone, citizen.phoneSealed)] {
            guard let value, let context = PersonChanges.context(field) else { continue }
            if let stored, try effect.cipher.open(stored, context: context) == value { continue }
            changes.append(PersonFieldChange(field: field, before: stored, after: try effect.cipher.seal(value, context: context)))
        }
        var correction: Sex?
        if form.checkSex {
            let idText = try effect.cipher.open(citizen.idNumberSealed, context: CitizenCrypto.idNumberContext)
            guard case .success(let idNumber) = ResidentIDNumber.parse(idText, today: effect.today) else {
                throw PublicError(.unprocessableEntity, "该群众登记的身份证号码无法识别，不能核对性别，请到县社保经办机构核实")
            }
            correction = InsuredPersonChange.sexCorrection(stored: Sex(rawValue: citizen.sex), idNumber: idNumber)
        }
        if let correction { changes.append(PersonFieldChange(field: .sex, before: citizen.sex, after: correction.rawValue)) }
        try await PersonChanges.apply(changes, scheme: scheme, for: effect, on: db)
        if let correction {
            try await effect.audit(AuditEvent("citizen.sex_corrected", objectType: "citizen", objectID: effect.citizenID.uuidString,
                                              detail: "\(InsuredPersonChange.correctionNote(to: correction))，办件\(effect.caseNumber)"), db)
        }
    }
}
