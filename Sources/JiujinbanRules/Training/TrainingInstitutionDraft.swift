/// 培训机构 as a county business admin enters it: name, 统一社会信用代码 (checked), where it is (a division inside the
/// admin's county, the address and the coordinates the nearest-institution ranking measures from), the occupations
/// and levels it is approved to teach, whether it is on the subsidised list, and a contact. Every problem is named
/// by its field; an institution outside the admin's county is refused.
public struct TrainingInstitutionDraft: Sendable, Equatable {
    public let name: String
    public let creditCode: CreditCode
    public let division: DivisionCode
    public let address: String
    public let location: GeoCoordinate?
    public let approvals: Set<ClassPlanDraft.Approval>
    public let subsidised: Bool
    public let contactPhone: ContactPhoneNumber

    public static let nameMaxLength = 60
    public static let addressMaxLength = 100

    /// - Parameters:
    ///   - approvals: the form's rows of occupation code and level (`4-03`, `5`); empty rows are skipped.
    ///   - county: the admin's county; the division must lie in it.
    ///   - classification: the occupation codes the classification has.
    public static func parse(name rawName: String, creditCode rawCode: String, division rawDivision: String, address rawAddress: String,
                             longitude rawLongitude: String, latitude rawLatitude: String, approvals rawApprovals: [(String, String)],
                             subsidised: Bool, contactPhone rawPhone: String, county: DivisionCode,
                             classification: Set<String>) -> Result<TrainingInstitutionDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = TextField.clean(rawName)
        if name.isEmpty {
            errors.add("name", "机构名称：请填写")
        } else if name.count > nameMaxLength {
            errors.add("name", "机构名称：不超过\(nameMaxLength)个字")
        }
        var code: CreditCode?
        do { code = try CreditCode(rawCode) } catch { errors.add("credit_code", error.message) }
        let division = try? DivisionCode(rawDivision.trimmingCharacters(in: .whitespaces))
        if division == nil {
            errors.add("division", "所在区划：请选择机构所在的乡镇或县")
        } else if let division, !county.contains(division) {
            errors.add("division", "所在区划：\(division.value)不在本县（\(county.countyCode)），只能登记本县的培训机构")
        }
        let address = TextField.clean(rawAddress)
        if address.isEmpty {
            errors.add("address", "地址：请填写")
        } else if address.count > addressMaxLength {
            errors.add("address", "地址：不超过\(addressMaxLength)个字")
        }
        let location = Self.location(longitude: rawLongitude, latitude: rawLatitude, errors: &errors)
        var approvals: Set<ClassPlanDraft.Approval> = []
        for (index, (rawOccupation, rawLevel)) in rawApprovals.enumerated() {
            let occupation = rawOccupation.trimmingCharacters(in: .whitespaces)
            if occupation.isEmpty && rawLevel.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let field = "approvals"
            guard classification.contains(occupation) else {
                errors.add(field, "培训资质第\(index + 1)行：职业分类中没有代码“\(occupation)”")
                continue
            }
            guard let level = SkillLevel(form: rawLevel) else {
                errors.add(field, "培训资质第\(index + 1)行：请选择职业技能等级（五级/初级工至一级/高级技师）")
                continue
            }
            approvals.insert(.init(occupationCode: occupation, level: level))
        }
        if approvals.isEmpty, errors.message(for: "approvals") == nil {
            errors.add("approvals", "培训资质：请至少填写一项获准培训的职业及等级")
        }
        var phone: ContactPhoneNumber?
        switch ContactPhoneNumber.parse(rawPhone) {
        case .success(let parsed): phone = parsed
        case .failure(let problem): errors.add("contact_phone", "联系电话：" + problem.message)
        }
        guard errors.isEmpty, let code, let division, let phone else { return .failure(errors) }
        return .success(TrainingInstitutionDraft(name: name, creditCode: code, division: division, address: address, location: location,
                                                 approvals: approvals, subsidised: subsidised, contactPhone: phone))
    }

    /// Both coordinates or neither (an institution without a position is listed with its distance unknown).
    static func location(longitude rawLongitude: String, latitude rawLatitude: String, errors: inout FieldErrors) -> GeoCoordinate? {
        let longitudeText = rawLongitude.trimmingCharacters(in: .whitespaces), latitudeText = rawLatitude.trimmingCharacters(in: .whitespaces)
        if longitudeText.isEmpty && latitudeText.isEmpty { return nil }
        var degrees: [Double?] = []
        for (field, label, text) in [("longitude", "经度", longitudeText), ("latitude", "纬度", latitudeText)] {
            switch AngleParser.degrees(from: text) {
            case .success(let value): degrees.append(value)
            case .failure:
                errors.add(field, "\(label)：请填写十进制度数（如110.6933）或度分秒（如110°41′36″），经度纬度须同时填写或同时不填")
                degrees.append(nil)
            }
        }
        guard let longitude = degrees[0], let latitude = degrees[1] else { return nil }
        guard let point = GeoCoordinate(longitude: longitude, latitude: latitude) else {
            errors.add("longitude", "经度、纬度：不在我国境内（经度73至136、纬度3至54）")
            return nil
        }
        return point
    }
}
