import Foundation

/// 办事群众 as typed at the counter: validated into a `CitizenFacts` or a list of field problems in Chinese.
///
/// Field names: `id_number`, `name`, `phone`, `hukou_division`, `residence_division`, `ethnicity`, `card_number`.
/// The divisions are checked against the division tree by the caller, which passes in what it found.
public struct CitizenDraft: Sendable, Equatable {
    public var idNumber: String?
    public var name: String?
    public var phone: String?
    /// 户籍所在地: a division code (township or below, or a county when the village is not known).
    public var hukouDivision: String?
    /// 居住地: the village or community the person lives in.
    public var residenceDivision: String?
    public var ethnicity: String?
    /// 社会保障卡卡号, if known: an opaque issuer string.
    public var cardNumber: String?

    public init(idNumber: String? = nil, name: String? = nil, phone: String? = nil, hukouDivision: String? = nil,
                residenceDivision: String? = nil, ethnicity: String? = nil, cardNumber: String? = nil) {
        self.idNumber = idNumber
        self.name = name
        self.phone = phone
        self.hukouDivision = hukouDivision
        self.residenceDivision = residenceDivision
        self.ethnicity = ethnicity
        self.cardNumber = cardNumber
    }

    /// Longest name accepted (names with `·`, rare characters and minority names included).
    public static let maximumNameLength = 30
    public static let cardNumberLengths = 6...20

    /// `divisionLevel` answers the level of a division code in the tree, or nil when it does not exist.
    public func validate(
        today: CalendarDate, divisionLevel: (DivisionCode) -> DivisionLevel?
    ) -> Result<CitizenFacts, FieldErrors> {
        var errors = FieldErrors()
        var id: ResidentIDNumber?
        switch ResidentIDNumber.parse(idNumber ?? "", today: today) {
        case .success(let parsed): id = parsed
        case .failure(let problem): errors.add("id_number", problem.message)
        }
        let name = TextField.required(name, field: "name", label: "姓名", maxLength: Self.maximumNameLength, into: &errors)
        var phoneNumber: MobilePhoneNumber?
        if !TextField.clean(phone).isEmpty {
            switch MobilePhoneNumber.parse(phone ?? "") {
            case .success(let parsed): phoneNumber = parsed
            case .failure(let problem): errors.add("phone", problem.message)
            }
        }
        let hukou = division(hukouDivision, field: "hukou_division", label: "户籍所在地", levels: [.county, .township, .village, .community],
                             lookup: divisionLevel, into: &errors)
        let residence = division(residenceDivision, field: "residence_division", label: "居住地（村、社区）",
                                 levels: [.village, .community], lookup: divisionLevel, into: &errors)
        let ethnicityName = TextField.clean(ethnicity)
        if ethnicityName.isEmpty {
            errors.add("ethnicity", "请选择民族")
        } else if !Ethnicity.isKnown(ethnicityName) {
            errors.add("ethnicity", "民族“\(ethnicityName)”不在国家标准民族名称中，请从列表中选择")
        }
        let card = TextField.clean(cardNumber).uppercased()
        if !card.isEmpty, !(Self.cardNumberLengths.contains(card.count) && card.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            errors.add("card_number", "社会保障卡卡号应为6至20位字母或数字")
        }
        guard errors.isEmpty, let id, let hukou, let residence else { return .failure(errors) }
        return .success(CitizenFacts(idNumber: id, name: name, phone: phoneNumber, hukouDivision: hukou,
                                     residenceDivision: residence, ethnicity: ethnicityName, cardNumber: card.isEmpty ? nil : card))
    }

    private func division(
        _ raw: String?, field: String, label: String, levels: Set<DivisionLevel>, lookup: (DivisionCode) -> DivisionLevel?,
        into errors: inout FieldErrors
    ) -> DivisionCode? {
        let text = TextField.clean(raw)
        guard !text.isEmpty else {
            errors.add(field, "请选择\(label)")
            return nil
        }
        guard let code = try? DivisionCode(text), let level = lookup(code) else {
            errors.add(field, "\(label)不是有效的行政区划")
            return nil
        }
        guard levels.contains(level) else {
            errors.add(field, "\(label)应选到\(levels.contains(.county) ? "县、乡镇或村（社区）" : "村或社区")一级")
            return nil
        }
        return code
    }
}

/// A validated citizen: what the registry stores (the ID number's birth date and sex come with it).
public struct CitizenFacts: Sendable, Equatable {
    public let idNumber: ResidentIDNumber
    public let name: String
    public let phone: MobilePhoneNumber?
    public let hukouDivision: DivisionCode
    public let residenceDivision: DivisionCode
    public let ethnicity: String
    public let cardNumber: String?
}
