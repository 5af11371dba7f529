/// 参保人员非关键信息变更 (item 30; mission documents: "参保人的性别、民族、居住地址、联系电话发生变化时，参保人员可提出修改
/// 申请", 即时办结; domain-rules §4: key fields, name and ID number, are not changed on the spot).
///
/// Sex is listed as changeable, but the ID number encodes it (GB 11643-1999, the 17th digit): the rule corrects a
/// stored sex to the ID number's and refuses any other value, so the two can never disagree again. A change of the
/// ID number itself (and so of sex) goes through the county agency with the household register.
public enum InsuredPersonField: String, Sendable, CaseIterable, Codable {
    case name
    case idNumber
    case sex
    case ethnicity
    case residenceAddress
    case phone

    /// 姓名 and 公民身份号码 are key: they identify the person in the core system and are changed only by the county.
    public var isKey: Bool { self == .name || self == .idNumber }

    public var chinese: String {
        switch self {
        case .name: "姓名"
        case .idNumber: "公民身份号码"
        case .sex: "性别"
        case .ethnicity: "民族"
        case .residenceAddress: "居住地址"
        case .phone: "联系电话"
        }
    }
}

public enum InsuredPersonChange {
    /// The refusals for the fields a request would change: one per key field, and one when the sex asked for is not
    /// the ID number's. `requestedSex` is nil when the request leaves sex alone.
    public static func check(fields: Set<InsuredPersonField>, requestedSex: Sex?, idNumber: ResidentIDNumber) -> [PensionRefusal] {
        var refusals = InsuredPersonField.allCases.filter { fields.contains($0) && $0.isKey }.map(PensionRefusal.keyField)
        if let requestedSex, requestedSex != idNumber.sex { refusals.append(.sexFollowsIDNumber(idNumber.sex)) }
        return refusals
    }

    /// The correction a stored sex needs: the ID number's sex when the stored one differs (or is missing), else nil.
    public static func sexCorrection(stored: Sex?, idNumber: ResidentIDNumber) -> Sex? {
        stored == idNumber.sex ? nil : idNumber.sex
    }

    /// "性别更正为女（以身份证号码为准）", for the receipt and the audit row of a correction.
    public static func correctionNote(to sex: Sex) -> String { "性别更正为\(sex.chinese)（以身份证号码为准）" }
}
